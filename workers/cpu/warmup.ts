// JIT warm-up for the interpreter. V8 optimises Hart.runSteps() from the type feedback
// gathered so far; a path that has never run is compiled as a deoptimisation, and each
// one the guest reaches later throws the compiled loop away and costs another compile
// (tens to hundreds of milliseconds on a busy machine, spent in the bytecode interpreter).
// A boot used to go through about twenty such rounds. So, once per process, before the
// first real hart runs, a throwaway hart on a private scratch bus executes every
// instruction class with all its variants, every CSR, traps, interrupts, WFI, TLB misses,
// Sv32 translation, MMIO and misaligned accesses, so that the first optimised code is
// already the final one. The scratch hart shares no state with any other hart: the
// machine stays deterministic.

import { allocateRam, type Bus } from './bus';
import { PTE_A, PTE_D, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X, SATP_MODE_SV32 } from './csr-defs';

/** What the warm-up needs of a hart (the Hart class, without importing it). */
export interface WarmableHart {
  x: Int32Array;
  pc: number;
  priv: number;
  wfi: boolean;
  run(budget: number): number;
  /** Cold reset: M-mode at pc, registers and CSRs cleared. */
  reset(pc: number): void;
  mstatus: number;
  mie: number;
  mipHw: number;
  mipSw: number;
  mideleg: number;
  mtvec: number;
  stvec: number;
  satp: number;
}

const RAM_BASE = 0x8000_0000;
const RAM_BYTES = 64 * 1024;
const CODE = RAM_BASE; // code (12 KiB: the fetch changes page)
const CODE_WORDS = 3072;
const HANDLER = RAM_BASE + 0x4000; // trap handler: skip the instruction, mret
const HIT = RAM_BASE + 0x6000; // the trap-free load/store loop (hitLoop)
const DATA = RAM_BASE + 0x8000; // data for loads, stores and AMOs
const DEV = 0x1000_0000; // a scratch MMIO device: reads 0, accepts writes
const STEPS = 100_000;
const CHUNK = 250;

/** A small deterministic generator (xorshift32); rnd(n) is in [0, n). */
function generator(seed: number): (n: number) => number {
  let s = seed | 0 || 1;
  return (n: number) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}

const r = (f7: number, rs2: number, rs1: number, f3: number, rd: number, op: number): number =>
  ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const i = (imm: number, rs1: number, f3: number, rd: number, op: number): number =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const s = (imm: number, rs2: number, rs1: number, f3: number): number =>
  ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 31) << 7) | 0x23) >>> 0;
const b = (off: number, rs2: number, rs1: number, f3: number): number =>
  ((((off >> 12) & 1) << 31) |
    (((off >> 5) & 0x3f) << 25) |
    (rs2 << 20) |
    (rs1 << 15) |
    (f3 << 12) |
    (((off >> 1) & 0xf) << 8) |
    (((off >> 11) & 1) << 7) |
    0x63) >>>
  0;
const j = (off: number, rd: number): number =>
  ((((off >> 20) & 1) << 31) |
    (((off >> 1) & 0x3ff) << 21) |
    (((off >> 11) & 1) << 20) |
    (((off >> 12) & 0xff) << 12) |
    (rd << 7) |
    0x6f) >>>
  0;

// Registers: x8-x14 point into DATA, x15 at the device, x1-x7 and x16-x31 start with
// arbitrary values (negative, large unsigned, small); the code writes only x16-x31.
function instruction(rnd: (n: number) => number): number | number[] {
  const rd = 16 + rnd(16);
  const rs1 = rnd(32);
  const rs2 = rnd(32);
  const ptr = 8 + rnd(8);
  const f3 = rnd(8);
  switch (rnd(13)) {
    case 0: {
      const sh = f3 === 1 || f3 === 5;
      const imm = sh ? rnd(32) | (f3 === 5 && rnd(2) ? 0x400 : 0) | (rnd(16) === 0 ? 0x800 : 0) : rnd(4096);
      return i(imm, rs1, f3, rd, 0x13);
    }
    case 1:
      return r([0, 1, 0x20, 1, 0][rnd(5)], rs2, rs1, f3, rd, 0x33);
    case 2:
      return i(rnd(16) === 0 ? rnd(4096) : rnd(64) - 32, ptr, f3, rd, 0x03);
    case 3:
      return s(rnd(16) === 0 ? rnd(4096) : rnd(64) - 32, rs2, ptr, f3);
    case 4:
      return b([8, 8, 8, 6, -4][rnd(5)], rs2, rs1, f3);
    case 5:
      return j([8, 4, 6][rnd(3)], rnd(2) ? rd : 0);
    case 6: // auipc x31, 0; jalr rd, 8(x31) (sometimes misaligned, or an illegal funct3)
      return [(31 << 7) | 0x17, i(rnd(8) === 0 ? 10 : 8, 31, rnd(8) === 0 ? 1 : 0, rd, 0x67)];
    case 7:
      return ((rnd(0x100000) << 12) | (rd << 7) | (rnd(2) ? 0x37 : 0x17)) >>> 0;
    case 8:
      return i(0, 0, rnd(3), 0, 0x0f);
    case 9: {
      const csr = [0x340, 0x340, 0x300, 0xc00, 0xc01, 0xc02, 0x7ff][rnd(7)];
      if (rnd(4) === 0) return [0x00000073, 0x00100073, 0x12000073, 0x30200073][rnd(4)];
      return i(csr, rnd(2) ? 0 : rs1, 1 + rnd(7), rd, 0x73); // funct3 4: illegal
    }
    case 10: {
      const f5 = [0x00, 0x01, 0x02, 0x03, 0x04, 0x08, 0x0c, 0x10, 0x14, 0x18, 0x1c][rnd(11)];
      return r(f5 << 2, f5 === 0x02 ? 0 : rs2, ptr, 2, rd, 0x2f);
    }
    case 11:
      return rnd(2) ? rnd(0x10000) : 0; // a 16-bit encoding, or all zeros
    default:
      return (rnd(0x10000) << 16) | rnd(0x10000);
  }
}

/** Run the warm-up on a hart made by makeHart over the given scratch bus. */
export function warmUp(makeHart: (bus: Bus) => WarmableHart): void {
  const ram = allocateRam(RAM_BYTES);
  const bus: Bus = {
    ram,
    ramBase: RAM_BASE,
    pageWriter: new Uint8Array(RAM_BYTES >>> 12),
    pageExec: new Uint8Array(RAM_BYTES >>> 12),
    mmioRead: (pa) => (pa >= DEV && pa < DEV + 0x1000 ? 0 : -1),
    mmioWrite: (pa) => pa >= DEV && pa < DEV + 0x1000,
    mtime: () => 0,
  };
  const words = new Int32Array(ram.buffer, ram.byteOffset, RAM_BYTES >>> 2);
  const rnd = generator(0x6b786c74);
  const code = ([] as number[]).concat(...Array.from({ length: CODE_WORDS }, () => instruction(rnd)));
  code.length = CODE_WORDS;
  words.set(code, (CODE - RAM_BASE) / 4);
  // Handler: mepc += 4 (csrrs x31, mepc, x0; addi x31, x31, 4; csrrw x0, mepc, x31), mret.
  const handler = [i(0x341, 0, 2, 31, 0x73), i(4, 31, 0, 31, 0x13), i(0x341, 31, 1, 0, 0x73), 0x30200073];
  handler.forEach((w, k) => (words[(HANDLER - RAM_BASE) / 4 + k] = w));
  const hart = makeHart(bus);
  // The random code traps every few instructions, and a trap return flushes the TLBs, so
  // it rarely reaches the hit paths of loads and stores of every width. A trap-free loop
  // does; it runs first and last. The CSR and interrupt phases run before the random code
  // too: a compilation queued during the random phase sees only the feedback gathered
  // before it was queued, and finishes after the warm-up. A reset clears the CSRs the
  // random code left behind (an enabled pending interrupt would trap on every instruction).
  words.set(hitLoop(), (HIT - RAM_BASE) / 4);
  const runHitLoop = (): void => {
    hart.reset(HIT);
    hart.x[8] = DATA; // aligned
    hart.run(HIT_STEPS);
  };
  runHitLoop();
  csrs(hart, words);
  interrupts(hart, words);
  paging(hart, words);
  const values = [-1, 0x7fff_ffff, -0x8000_0000, 3, -7, 0x1234_5678, 0];
  const reset = (): void => {
    for (let k = 1; k < 8; k++) hart.x[k] = values[rnd(values.length)];
    for (let k = 16; k < 32; k++) hart.x[k] = values[rnd(values.length)] ^ rnd(256);
    for (let k = 8; k < 15; k++) hart.x[k] = DATA + 0x100 * (k - 8) + (k & 3);
    hart.x[15] = DEV;
    hart.pc = CODE + 4 * rnd(CODE_WORDS);
    hart.priv = 3;
    hart.wfi = false;
  };
  reset();
  // mtvec = HANDLER (csrrw x0, mtvec, x16 after x16 = HANDLER): set through the CSR path.
  const setup = [((HANDLER >>> 12) << 12) | (16 << 7) | 0x37, i(0x305, 16, 1, 0, 0x73)];
  setup.forEach((w, k) => (words[(HANDLER - RAM_BASE) / 4 + 16 + k] = w));
  hart.pc = HANDLER + 64;
  hart.run(2);
  reset();
  for (let done = 0; done < STEPS; done += CHUNK) {
    hart.run(CHUNK);
    // Start again from the top after a jump out of the code (the handler would step
    // through the fetch faults one word at a time), on WFI, and now and then.
    const pc = hart.pc >>> 0;
    const inCode = pc >= CODE && pc < CODE + CODE_WORDS * 4;
    if (hart.wfi || !inCode || rnd(8) === 0) reset();
  }
  interrupts(hart, words);
  paging(hart, words);
  runHitLoop();
}

/** Interrupt bits (mip/mie) and mstatus bits the interrupt phase sets. */
const STI = 1 << 5;
const MTI = 1 << 7;
const SIE = 1 << 1;
const MIE = 1 << 3;

/**
 * Interrupts, which the random code never takes (a reset clears mie): the interpreter
 * checks for them at the top of its loop, a path of its own, and a kernel reaches it at
 * its first timer tick, in the middle of its boot log. Here the hit loop is interrupted
 * in M-mode (the machine timer) and in S-mode (a delegated supervisor timer, through
 * stvec and sret), and WFI both waits and wakes.
 */
function interrupts(hart: WarmableHart, words: Int32Array): void {
  // S handler: sepc += 4, sret (the M handler does the same with mepc and mret)
  const sHandler = [i(0x141, 0, 2, 31, 0x73), i(4, 31, 0, 31, 0x13), i(0x141, 31, 1, 0, 0x73), 0x10200073];
  sHandler.forEach((w, k) => (words[(S_HANDLER - RAM_BASE) / 4 + k] = w));
  for (const priv of [3, 1]) {
    hart.reset(HIT);
    hart.x[8] = DATA;
    hart.mtvec = HANDLER;
    hart.stvec = S_HANDLER;
    hart.priv = priv;
    if (priv === 3) {
      hart.mstatus = MIE;
      hart.mie = MTI;
      hart.mipHw = MTI;
    } else {
      hart.mideleg = STI;
      hart.mstatus = SIE;
      hart.mie = STI;
      hart.mipSw = STI;
    }
    // each return re-enables the interrupt, still pending: it is taken again and again
    hart.run(INTERRUPT_STEPS);
    // WFI with the interrupt pending wakes at once; with nothing pending, it waits
    hart.wfi = true;
    hart.run(INTERRUPT_STEPS);
    hart.mipHw = 0;
    hart.mipSw = 0;
    hart.wfi = true;
    hart.run(INTERRUPT_STEPS);
  }
}

/** Every CSR the hart implements (csr.ts), the PMP's first and last registers included. */
export const ALL_CSRS = [
  0xc00, 0xc01, 0xc02, 0xc80, 0xc81, 0xc82, 0x100, 0x104, 0x105, 0x106, 0x140, 0x141, 0x142, 0x143, 0x144,
  0x180, 0xf11, 0xf12, 0xf13, 0xf14, 0xf15, 0x300, 0x301, 0x302, 0x303, 0x304, 0x305, 0x306, 0x310, 0x340,
  0x341, 0x342, 0x343, 0x344, 0x30a, 0x31a, 0x3a0, 0x3a3, 0x3b0, 0x3bf, 0xb00, 0xb02, 0xb80, 0xb82, 0x320,
];

/**
 * Every CSR, read and written with its own value, from M-, S- and U-mode. The random code
 * touches only a few CSRs, and the interpreter reads and writes each through a path of its
 * own (csr.ts): Chromium's --trace-deopt-verbose showed the compiled loop thrown away at
 * the firmware's first write to mip. Writing a CSR's value back changes nothing; an access
 * the mode may not make traps to the M handler, which skips it.
 */
function csrs(hart: WarmableHart, words: Int32Array): void {
  const code: number[] = [];
  for (const csr of ALL_CSRS) {
    code.push(i(csr, 0, 2, 16, 0x73)); // csrrs x16, csr, x0: read
    code.push(i(csr, 16, 1, 0, 0x73)); // csrrw x0, csr, x16: write it back
    code.push(i(csr, 18, 2, 0, 0x73)); // csrrs x0, csr, x18 (x18 = 0): a set that writes
    code.push(i(csr, 18, 3, 0, 0x73)); // csrrc x0, csr, x18: a clear that writes
  }
  code.push(j(0, 0)); // then spin here
  words.set(code, (CSR_CODE - RAM_BASE) / 4);
  for (const priv of [3, 1, 0]) {
    hart.reset(CSR_CODE);
    hart.mtvec = HANDLER;
    hart.priv = priv;
    hart.run(code.length * 2);
  }
}

/** Sv32 tables: the root, and a second level that maps the scratch RAM page by page. */
const PT_ROOT = RAM_BASE + 0xe000;
const PT_LEAF = RAM_BASE + 0xf000;
/** A 4 MiB superpage onto the scratch RAM, as a kernel maps itself high. */
const VA_HIGH = 0xc000_0000;
const LEAF = PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D;
const PAGING_STEPS = 4000;

/**
 * Address translation, which nothing else here turns on: a kernel's first satp write
 * sends every fetch, load and store through the Sv32 walk (mmu.ts) and the TLB fills
 * after it, and a compiled loop that never saw them was thrown away there, in the kernel's
 * boot log. In S-mode, through the identity map and through the superpage: the hit loop
 * (TLB hits after a walk), the random code (page crossings, traps and their returns,
 * which flush the TLB, MMIO through a mapped device), a page without A and D (the walk
 * writes them back), a user page (S-mode faults on it), an unmapped page (page faults)
 * and sfence.vma.
 */
function paging(hart: WarmableHart, words: Int32Array): void {
  const leaf = (pa: number, flags: number): number => ((pa >>> 12) << 10) | flags;
  const root = (PT_ROOT - RAM_BASE) / 4;
  const second = (PT_LEAF - RAM_BASE) / 4;
  words.fill(0, root, root + 1024);
  words.fill(0, second, second + 1024);
  words[root + (RAM_BASE >>> 22)] = ((PT_LEAF >>> 12) << 10) | PTE_V; // a pointer to the second level
  words[root + (VA_HIGH >>> 22)] = leaf(RAM_BASE, LEAF); // superpage
  words[root + (DEV >>> 22)] = leaf(DEV, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D); // the device, superpage
  const pages = RAM_BYTES >>> 12;
  for (let k = 0; k < pages; k++) words[second + k] = leaf(RAM_BASE + k * 4096, LEAF);
  words[second + ((DATA - RAM_BASE) >>> 12) + 1] = leaf(DATA + 4096, PTE_V | PTE_R | PTE_W); // no A, D
  words[second + ((DATA - RAM_BASE) >>> 12) + 2] = leaf(DATA + 8192, LEAF | PTE_U); // a user page
  words[second + ((DATA - RAM_BASE) >>> 12) + 3] = 0; // not mapped
  const satp = SATP_MODE_SV32 | (PT_ROOT >>> 12);
  const start = (pc: number, data: number): void => {
    hart.reset(pc);
    hart.mtvec = HANDLER;
    hart.satp = satp;
    hart.priv = 1;
    hart.x[8] = data;
  };
  for (const base of [RAM_BASE, VA_HIGH]) {
    start(base + (HIT - RAM_BASE), base + (DATA - RAM_BASE));
    hart.run(PAGING_STEPS);
  }
  // The random code under translation, its data pointers spread over the special pages.
  const rnd = generator(0x5632);
  for (let round = 0; round < 16; round++) {
    start(CODE + 4 * rnd(CODE_WORDS), DATA);
    for (let k = 9; k < 15; k++) hart.x[k] = DATA + 4096 * (k & 3) + 8 * rnd(64);
    hart.x[15] = DEV;
    for (let chunk = 0; chunk < 8; chunk++) {
      hart.run(CHUNK);
      const pc = hart.pc >>> 0;
      if (hart.wfi || pc < CODE || pc >= CODE + CODE_WORDS * 4) break;
    }
  }
  // sfence.vma, then satp written from S-mode through the CSR path
  const code = [0x12000073, i(0x180, 16, 1, 0, 0x73), 0x12000073, j(0, 0)];
  words.set(code, (CSR_CODE - RAM_BASE) / 4);
  start(CSR_CODE, DATA);
  hart.x[16] = satp;
  hart.run(code.length * 2);
  hart.reset(HIT); // translation off again for what follows
}

const CSR_CODE = RAM_BASE + 0x7000;
const S_HANDLER = RAM_BASE + 0x5000;
const INTERRUPT_STEPS = 2000;

const HIT_STEPS = 20_000;

/**
 * A loop over every aligned load and store width through x8 (on one RAM page, so all but
 * the first of each kind hit the TLB), ALU operations on the loaded values and a taken
 * and an untaken branch; it never traps.
 */
function hitLoop(): number[] {
  const loads = [0, 1, 2, 4, 5].map((f3, k) => i(8 * k, 8, f3, 16 + k, 0x03));
  const stores = [0, 1, 2].map((f3, k) => s(64 + 8 * k, 16 + k, 8, f3));
  const alu = [
    r(0, 17, 16, 0, 21, 0x33),
    r(0, 18, 21, 4, 22, 0x33),
    i(3, 22, 1, 23, 0x13),
    r(1, 19, 23, 0, 24, 0x33),
  ];
  const body = [...loads, ...stores, ...alu, b(8, 0, 0, 1), b(8, 0, 0, 0), i(0, 0, 0, 0, 0x13)];
  return [...body, j(-4 * body.length, 0)];
}
