// The RV32IMA hart: the interpreter's outer loop (interrupts, slow paths) and the public
// API the board, the UI and the tests use. The hot loop is execute() (execute.ts).

import type { Bus } from './bus';
import {
  CAUSE_ILLEGAL_INSTRUCTION,
  CAUSE_INTERRUPT,
  CAUSE_MISALIGNED_FETCH,
  MIP_HW_LINES,
  PRV_M,
} from './csr-defs';
import { csrInstr, csrRead } from './csr';
import { amo, fetchSlow, loadSlow, storeSlow } from './mem';
import { satpMode } from './mmu';
import { EXIT_ARG, EXIT_LEFT, EXIT_PC, HartState, type TrapRecord } from './state';
import {
  EXIT_AMO,
  EXIT_BUDGET,
  EXIT_FETCH,
  EXIT_LOAD,
  EXIT_MISALIGNED_JUMP,
  EXIT_STORE,
  EXIT_SYSTEM,
  execute,
} from './execute';
import { pendingInterrupt, raise, systemInsn, takeTrap } from './trap';
import { warmUp } from './warmup';
import { restoreHart, snapshotHart, stateWords, type HartSnapshot } from './snapshot';

export type { HartSnapshot, TrapRecord };

let warmedUp = false;

/** The most steps runSteps() takes in one call (its counter stays a small integer). */
const MAX_STEPS = 0x3fff_ffff;

export class Hart extends HartState {
  constructor(bus: Bus) {
    super(bus);
    if (!warmedUp) {
      // Once per process, before the first real run: see warmup.ts.
      warmedUp = true;
      warmUp((scratch) => new Hart(scratch));
    }
  }

  /**
   * Execute up to budget steps (instructions retired or trapped); returns how many. Returns
   * early when the hart enters WFI (this.wfi) or the bus sets stopRequested.
   */
  run(budget: number): number {
    // runSteps counts in a small integer; a budget beyond that runs in pieces.
    let n = 0;
    while (budget - n > MAX_STEPS) {
      const k = this.runSteps(MAX_STEPS);
      n += k;
      if (k < MAX_STEPS || this.wfi || this.stopRequested) return n;
    }
    return n + this.runSteps(Math.ceil(budget - n));
  }

  /**
   * The interpreter: execute() runs the common instructions and returns on every rare
   * event (fetch-page change, TLB miss, MMIO, SYSTEM, AMO, traps), which is handled here
   * before it is called again. Interrupts, WFI and stop requests are checked after
   * anything that can change them (traps, CSR writes, MMIO).
   */
  private runSteps(limit: number): number {
    const m = this.mem;
    const i0 = this.instret;
    const lim = limit | 0;
    let left = lim; // steps still to run: lim - left have been taken
    let pc = this.pc | 0;
    let check = true; // re-check stop, WFI and interrupts before the next instruction
    this.stopRequested = false;
    while (left > 0) {
      if (check) {
        check = false;
        if (this.stopRequested) break;
        if (this.wfi) {
          if ((this.mipHw | this.mipSw) & this.mie) this.wfi = false;
          else break;
        }
        const irq = pendingInterrupt(this);
        if (irq >= 0) {
          this.instret = i0 + (lim - left);
          takeTrap(this, irq | CAUSE_INTERRUPT, 0, pc >>> 0);
          this.exc = false;
          pc = this.pc | 0;
        }
      }
      const exit = execute(m, pc, left, this.fetchVpn | 0, this.fetchBase | 0);
      pc = m[EXIT_PC];
      left = m[EXIT_LEFT];
      if (exit === EXIT_BUDGET) break;
      this.pc = pc >>> 0;
      if (exit === EXIT_FETCH) {
        // A new fetch page (or the reset ROM's copy, or a fetch fault).
        this.instret = i0 + (lim - left);
        fetchSlow(this);
        if (this.exc) {
          this.exc = false;
          left--; // the faulting fetch is a step
          pc = this.pc | 0;
          check = true;
        }
        continue;
      }
      this.instret = i0 + (lim - left) - 1;
      // The instruction is still at pc on the fetch page (nothing ran since its fetch).
      const insn = m[(this.fetchBase + (pc & 0xfff)) >> 2];
      const f3 = (insn >> 12) & 7;
      this.exc = false;
      if (exit === EXIT_LOAD && f3 !== 3 && f3 < 6) {
        // TLB miss, misaligned, MMIO or fault
        const va = (m[(insn >> 15) & 31] + (insn >> 20)) | 0;
        this.mmioTouched = false;
        const v = loadSlow(this, va, f3);
        if (!this.exc) {
          m[(insn >> 7) & 31] = v;
          this.pc = (pc + 4) >>> 0;
        }
        check = this.exc || this.mmioTouched;
      } else if (exit === EXIT_STORE && f3 < 3) {
        const va = (m[(insn >> 15) & 31] + (((insn >> 25) << 5) | ((insn >> 7) & 31))) | 0;
        this.mmioTouched = false;
        storeSlow(this, va, f3, m[(insn >> 20) & 31]);
        if (!this.exc) this.pc = (pc + 4) >>> 0;
        check = this.exc || this.mmioTouched;
      } else if (exit === EXIT_SYSTEM) {
        if (f3) {
          if (csrInstr(this, insn)) this.pc = (pc + 4) >>> 0;
        } else {
          systemInsn(this, insn);
        }
        check = true;
      } else if (exit === EXIT_AMO) {
        amo(this, insn);
        if (!this.exc) this.pc = (pc + 4) >>> 0;
        check = true;
      } else {
        if (exit === EXIT_MISALIGNED_JUMP) raise(this, CAUSE_MISALIGNED_FETCH, m[EXIT_ARG]);
        else raise(this, CAUSE_ILLEGAL_INSTRUCTION, insn);
        check = true;
      }
      this.exc = false;
      pc = this.pc | 0;
    }
    m[0] = 0;
    this.pc = pc >>> 0;
    this.instret = i0 + (lim - left);
    return lim - left;
  }

  /** Raise (on = true) or lower the board-driven interrupt lines in mask (MEIP, MTIP, MSIP, SEIP). */
  setPending(mask: number, on: boolean): void {
    const m = mask & MIP_HW_LINES;
    this.mipHw = on ? this.mipHw | m : this.mipHw & ~m;
    if (this.wfi && (this.mipHw | this.mipSw) & this.mie) this.wfi = false;
  }

  /** Cold reset: M-mode at pc, registers and CSRs cleared; instret (time) keeps counting. */
  reset(pc: number): void {
    this.x.fill(0);
    this.pc = pc >>> 0;
    this.priv = PRV_M;
    this.wfi = false;
    this.stopRequested = false;
    this.lastTrap = null;
    this.mstatus = 0;
    this.medeleg = 0;
    this.mideleg = 0;
    this.mie = 0;
    this.mipSw = 0;
    this.mtvec = this.stvec = this.mepc = this.sepc = 0;
    this.mcause = this.scause = this.mtval = this.stval = 0;
    this.mscratch = this.sscratch = this.satp = this.menvcfg = 0;
    this.mcounteren = this.scounteren = this.mcountinhibit = 0;
    this.pmpcfg.fill(0);
    this.pmpaddr.fill(0);
    this.reservation = -1;
    this.flushTlb();
  }

  /** A CSR's value (unsigned) for the UI, without side effects; -1 if not implemented. */
  readCsr(num: number): number {
    const v = csrRead(this, num);
    return v === undefined ? -1 : v >>> 0;
  }

  snapshot(): HartSnapshot {
    return snapshotHart(this);
  }

  restore(s: HartSnapshot): void {
    restoreHart(this, s);
  }

  /** Every architectural value as 32-bit words, for the machine's state hash. */
  stateWords(): Uint32Array {
    return stateWords(this);
  }

  satpMode(): 'bare' | 'sv32' {
    return satpMode(this);
  }
}
