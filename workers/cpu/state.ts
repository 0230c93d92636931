// The flat architectural state of one RV32 hart: registers, CSRs, the LR/SC reservation,
// and the software TLB that caches Sv32 translations. The interpreter (hart.ts) and the
// out-of-line slow paths (mmu.ts, mem.ts, csr.ts, trap.ts) all operate on this class.

import { HART_AREA_BYTES, type Bus } from './bus';
import { PRV_M } from './csr-defs';

/** Entries per software TLB (one direct-mapped TLB per access type). */
export const TLB_SIZE = 256;
export const TLB_MASK = TLB_SIZE - 1;
/**
 * Where each TLB starts in HartState.mem; entry i is at base + 2 i (tag: virtual page
 * number, or -1) and + 1 (the page's byte offset in the RAM buffer, HART_AREA_BYTES
 * included, so that the hot loop indexes HartState.mem with it directly).
 */
export const TLB_LOAD = 32;
export const TLB_STORE = 32 + 2 * TLB_SIZE;
export const TLB_FETCH = 32 + 4 * TLB_SIZE;
/** Where execute() leaves pc, the steps left and a misaligned jump's target (mem indices). */
export const EXIT_PC = 32 + 6 * TLB_SIZE;
export const EXIT_LEFT = EXIT_PC + 1;
export const EXIT_ARG = EXIT_PC + 2;
/** Byte offset in the hart area of the copy of the reset ROM page that instructions are fetched from. */
export const ROM_PAGE = 8192;

/** RAM buffers whose hart area is in use (one hart per RAM). */
const claimed = new WeakSet<ArrayBufferLike>();

/** The CSRs kept as plain number fields of HartState (int32 bit patterns); pmpcfg and pmpaddr are arrays. */
export const CSR_FIELDS = [
  'mstatus',
  'medeleg',
  'mideleg',
  'mie',
  'mipHw',
  'mipSw',
  'mtvec',
  'stvec',
  'mepc',
  'sepc',
  'mcause',
  'scause',
  'mtval',
  'stval',
  'mscratch',
  'sscratch',
  'satp',
  'menvcfg',
  'mcounteren',
  'scounteren',
  'mcountinhibit',
] as const satisfies readonly (keyof HartState)[];

/**
 * The number fields that hold full 32-bit values: addresses, CSRs whose bit 31 is set
 * (interrupt causes, satp's MODE), counters that pass 2^30. V8 keeps a number field as a
 * small integer until the first value beyond +-2^30, and then changes the object's shape:
 * every compiled function that touched a hart is thrown away and compiled again, in the
 * middle of a boot (the kernel's first satp write, its first interrupt). Storing a wide
 * value in each of them once, at construction, gives them their final (double)
 * representation before any code is compiled. The hart's behaviour does not change.
 */
const WIDE_FIELDS = [
  'pc',
  'instret',
  ...CSR_FIELDS,
  'cycleDelta',
  'cycleFrozen',
  'instretDelta',
  'instretFrozen',
  'reservation',
  'fetchBase',
] as const satisfies readonly (keyof HartState)[];

/** The trap most recently taken, for the UI. */
export interface TrapRecord {
  cause: number;
  tval: number;
  pc: number;
  instret: number;
}

export class HartState {
  readonly bus: Bus;
  readonly ramBase: number;
  readonly ramSize: number;
  readonly ram8: Uint8Array;
  readonly ram16: Uint16Array;
  readonly ram32: Int32Array;
  readonly pageWriter: Uint8Array;
  readonly pageExec: Uint8Array;

  /**
   * The whole RAM buffer as words (allocateRam()); the hot loop works on this one typed
   * array only. First the hart area (HART_AREA_BYTES): [0, 32) registers, then per TLB
   * (load, store, fetch) TLB_SIZE pairs of (virtual page number or -1, byte offset of the
   * page in the buffer), the EXIT_* slots and the ROM_PAGE copy; then RAM.
   */
  readonly mem: Int32Array;
  /** Integer registers (a view of mem); x[0] reads 0 (run() re-zeroes it before every instruction). */
  readonly x: Int32Array;
  /** Program counter (unsigned). */
  pc = 0;
  /** Current privilege: 0 U, 1 S, 3 M. */
  priv = PRV_M;
  /** Set while the hart waits in WFI. */
  wfi = false;
  /**
   * Retired steps since reset (exact integer in a float64). A step is an instruction that
   * retired or one that trapped, so simulated time advances even through a trap storm.
   */
  instret = 0;
  /** Set by the bus (from inside mmioWrite) to make run() return after this instruction. */
  stopRequested = false;
  lastTrap: TrapRecord | null = null;

  // CSRs (stored as int32 bit patterns).
  mstatus = 0;
  medeleg = 0;
  mideleg = 0;
  mie = 0;
  /** Interrupt lines driven by the board (MEIP, MTIP, MSIP, SEIP). */
  mipHw = 0;
  /** mip bits written by software (SSIP, STIP, and the software half of SEIP). */
  mipSw = 0;
  mtvec = 0;
  stvec = 0;
  mepc = 0;
  sepc = 0;
  mcause = 0;
  scause = 0;
  mtval = 0;
  stval = 0;
  mscratch = 0;
  sscratch = 0;
  satp = 0;
  menvcfg = 0;
  mcounteren = 0;
  scounteren = 0;
  mcountinhibit = 0;
  /** mcycle = instret + cycleDelta while counting; cycleFrozen while inhibited. */
  cycleDelta = 0;
  cycleFrozen = 0;
  instretDelta = 0;
  instretFrozen = 0;
  readonly pmpcfg = new Int32Array(4);
  readonly pmpaddr = new Int32Array(16);

  /** Physical address of the LR reservation, or -1. */
  reservation = -1;

  /** The current fetch page: virtual page number (or -1) and its byte offset in the buffer (mem). */
  fetchVpn = -1;
  fetchBase = 0;

  // Slow-path signalling to the interpreter.
  /** An exception was raised (and entered) by a slow path; pc holds the handler. */
  exc = false;
  /** A slow path touched MMIO (device lines may have changed: re-check interrupts). */
  mmioTouched = false;
  /**
   * Store-TLB fills so far: one per page the CPU starts writing (and again after a TLB
   * flush). Not machine state: the hang detector's sign of a loop working through memory.
   */
  storeFills = 0;
  /** Cause of the last failed translation (set by translate()). */
  faultCause = 0;

  constructor(bus: Bus) {
    this.bus = bus;
    const ram = bus.ram;
    if (ram.byteOffset !== HART_AREA_BYTES || ram.length % 4096 !== 0 || claimed.has(ram.buffer)) {
      throw new Error('Hart: RAM must come from allocateRam(), a whole number of pages, one hart per RAM');
    }
    claimed.add(ram.buffer);
    this.mem = new Int32Array(ram.buffer, 0, (HART_AREA_BYTES + ram.length) >>> 2);
    this.x = this.mem.subarray(0, 32);
    this.ramBase = bus.ramBase >>> 0;
    this.ramSize = ram.length;
    this.ram8 = ram;
    this.ram16 = new Uint16Array(ram.buffer, ram.byteOffset, ram.length >>> 1);
    this.ram32 = new Int32Array(ram.buffer, ram.byteOffset, ram.length >>> 2);
    this.pageWriter = bus.pageWriter;
    this.pageExec = bus.pageExec;
    for (const f of WIDE_FIELDS) {
      const v = this[f];
      this[f] = 2 ** 31; // not a small integer: see WIDE_FIELDS
      this[f] = v;
    }
    this.flushTlb();
  }

  /** Drop every cached translation (satp, sfence.vma, privilege or mstatus changes). */
  flushTlb(): void {
    // fill() rather than a loop: V8 compiles a hot loop on its own (on-stack replacement),
    // and that code was thrown away again at every exit from the loop.
    this.mem.fill(-1, TLB_LOAD, EXIT_PC); // tags and page offsets: an offset without its tag is never read
    this.fetchVpn = -1;
  }

  /**
   * Drop the store translations only: called after someone else changed a pageWriter
   * entry (see Bus.pageWriter), so that the CPU's next store to each page marks it again.
   */
  flushStoreTlb(): void {
    this.mem.fill(-1, TLB_STORE, TLB_FETCH);
  }

  /** RAM byte offset of physical address pa if [pa, pa + size) is RAM, else -1. */
  ramOffset(pa: number, size: number): number {
    const o = pa - this.ramBase;
    return o >= 0 && o + size <= this.ramSize ? o | 0 : -1; // | 0: keep it a small integer for V8
  }

  /** Effective mip: board lines OR software bits (SEIP is the OR of both halves). */
  mip(): number {
    return this.mipHw | this.mipSw;
  }

  mcycle(): number {
    return this.mcountinhibit & 1 ? this.cycleFrozen : this.instret + this.cycleDelta;
  }

  minstret(): number {
    return this.mcountinhibit & 4 ? this.instretFrozen : this.instret + this.instretDelta;
  }
}
