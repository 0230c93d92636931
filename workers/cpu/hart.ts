// The RV32IMA hart: the interpreter loop and the public API the board, the UI and the
// tests use. The hot loop keeps pc in a local, fetches from RAM through the cached fetch
// page (no decoded-instruction cache: code overwritten in RAM runs as it is now), loads
// and stores through the software TLB, and sends everything else out of line.

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
import { HartState, type TrapRecord } from './state';
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
   * The interpreter. The inner loop makes no calls and writes no object fields (so its
   * locals stay in registers as untagged int32 values); every rare event (fetch-page change, TLB miss, MMIO, SYSTEM, AMO, traps) leaves the inner
   * loop with a reason in `slow`, is handled below it, and re-enters. Hot constants are
   * literal numbers (imported bindings are not constant-folded in every loader).
   */
  private runSteps(limit: number): number {
    const x = this.regs; // registers at [0, 32), then the TLBs
    const ram8 = this.ram8;
    const ram8s = this.ram8s;
    const ram16 = this.ram16;
    const ram16s = this.ram16s;
    const ram32 = this.ram32;
    const pageWriter = this.pageWriter;
    const i0 = this.instret;
    const lim = limit | 0;
    let left = lim; // steps still to run: lim - left have been taken
    let pc = this.pc | 0;
    let fetchVpn = this.fetchVpn | 0;
    let fetchBase = this.fetchBase | 0;
    let romInsn = 0; // an instruction word fetched through the bus (reset ROM)
    let haveRom = false;
    let check = true; // re-check stop, WFI and interrupts before the next instruction
    this.stopRequested = false;
    for (;;) {
      if (left <= 0) break;
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
          haveRom = false;
        }
        fetchVpn = this.fetchVpn | 0;
        fetchBase = this.fetchBase | 0;
      }
      // Why the inner loop stopped and, for misaligned jumps, the target. A plain
      // `break inner` leaves slow = 7: an illegal instruction.
      let slow = 7; // SLOW_ILLEGAL
      let slowArg = 0;
      inner: for (;;) {
        if (left <= 0) {
          slow = 0; // SLOW_BUDGET
          break;
        }
        let insn: number;
        if (pc >>> 12 === fetchVpn) {
          insn = ram32[(fetchBase + (pc & 0xfff)) >> 2];
        } else if (haveRom) {
          insn = romInsn | 0;
          haveRom = false;
        } else {
          slow = 1; // SLOW_FETCH
          break;
        }
        left--;
        x[0] = 0;
        if ((insn & 3) !== 3) break; // 16-bit encodings (no C extension)
        const rd = (insn >> 7) & 31;
        switch ((insn >> 2) & 31) {
          case 4: {
            // opcode 0x13
            // OP-IMM
            const a = x[(insn >> 15) & 31];
            const imm = insn >> 20;
            switch ((insn >> 12) & 7) {
              case 0:
                x[rd] = a + imm;
                break;
              case 1:
                if (insn >>> 25 !== 0) break inner;
                x[rd] = a << imm;
                break;
              case 2:
                x[rd] = a < imm ? 1 : 0;
                break;
              case 3:
                x[rd] = a >>> 0 < imm >>> 0 ? 1 : 0;
                break;
              case 4:
                x[rd] = a ^ imm;
                break;
              case 5:
                if (insn >>> 25 === 0) x[rd] = a >>> imm;
                else if (insn >>> 25 === 0x20) x[rd] = a >> imm;
                else break inner;
                break;
              case 6:
                x[rd] = a | imm;
                break;
              default:
                x[rd] = a & imm;
                break;
            }
            pc = (pc + 4) | 0;
            continue;
          }
          case 12: {
            // opcode 0x33
            // OP and the M extension
            const a = x[(insn >> 15) & 31];
            const b = x[(insn >> 20) & 31];
            const f7 = insn >>> 25;
            const f3 = (insn >> 12) & 7;
            if (f7 === 0) {
              switch (f3) {
                case 0:
                  x[rd] = a + b;
                  break;
                case 1:
                  x[rd] = a << b;
                  break;
                case 2:
                  x[rd] = a < b ? 1 : 0;
                  break;
                case 3:
                  x[rd] = a >>> 0 < b >>> 0 ? 1 : 0;
                  break;
                case 4:
                  x[rd] = a ^ b;
                  break;
                case 5:
                  x[rd] = a >>> b;
                  break;
                case 6:
                  x[rd] = a | b;
                  break;
                default:
                  x[rd] = a & b;
                  break;
              }
            } else if (f7 === 1) {
              switch (f3) {
                case 0:
                  x[rd] = Math.imul(a, b);
                  break;
                case 1:
                case 2:
                case 3: {
                  // MULH, MULHSU, MULHU: the unsigned high half from 16-bit limbs (exact in
                  // float64, as in muldiv.ts, written out here so the loop makes no call),
                  // then the signed corrections modulo 2^32.
                  const al = a & 0xffff;
                  const ah = a >>> 16;
                  const bl = b & 0xffff;
                  const bh = b >>> 16;
                  const lh = al * bh;
                  const hl = ah * bl;
                  const mid = ((al * bl) >>> 16) + (lh & 0xffff) + (hl & 0xffff);
                  let r = ah * bh + (lh >>> 16) + (hl >>> 16) + (mid >>> 16);
                  if (f3 !== 3 && a < 0) r -= b >>> 0;
                  if (f3 === 1 && b < 0) r -= a >>> 0;
                  x[rd] = r;
                  break;
                }
                case 4:
                  x[rd] = b === 0 ? -1 : (a / b) | 0;
                  break;
                case 5:
                  x[rd] = b === 0 ? -1 : (a >>> 0) / (b >>> 0);
                  break;
                case 6:
                  x[rd] = b === 0 ? a : a % b;
                  break;
                default:
                  x[rd] = b === 0 ? a : (a >>> 0) % (b >>> 0);
                  break;
              }
            } else if (f7 === 0x20 && f3 === 0) {
              x[rd] = a - b;
            } else if (f7 === 0x20 && f3 === 5) {
              x[rd] = a >> b;
            } else {
              break inner;
            }
            pc = (pc + 4) | 0;
            continue;
          }
          case 0: {
            // opcode 0x03
            // LOAD: hits in the load TLB (entry = vpn, RAM byte offset of the page)
            const va = (x[(insn >> 15) & 31] + (insn >> 20)) | 0;
            const f3 = (insn >> 12) & 7;
            const vpn = va >>> 12;
            const e = 32 + ((vpn & 255) << 1); // TLB_LOAD + 2 * (vpn & TLB_MASK)
            if (x[e] === vpn) {
              const o = x[e + 1] + (va & 0xfff);
              if (f3 === 2) {
                if ((o & 3) === 0) {
                  x[rd] = ram32[o >> 2];
                  pc = (pc + 4) | 0;
                  continue;
                }
              } else if (f3 === 4) {
                x[rd] = ram8[o];
                pc = (pc + 4) | 0;
                continue;
              } else if (f3 === 0) {
                x[rd] = ram8s[o];
                pc = (pc + 4) | 0;
                continue;
              } else if ((o & 1) === 0) {
                if (f3 === 5) {
                  x[rd] = ram16[o >> 1];
                  pc = (pc + 4) | 0;
                  continue;
                } else if (f3 === 1) {
                  x[rd] = ram16s[o >> 1];
                  pc = (pc + 4) | 0;
                  continue;
                }
              }
            }
            if (f3 === 3 || f3 > 5) break inner;
            slow = 2; // SLOW_LOAD
            break inner;
          }
          case 8: {
            // opcode 0x23
            // STORE: hits in the store TLB; marks the page as written by the CPU
            const va = (x[(insn >> 15) & 31] + (((insn >> 25) << 5) | ((insn >> 7) & 31))) | 0;
            const v = x[(insn >> 20) & 31];
            const f3 = (insn >> 12) & 7;
            const vpn = va >>> 12;
            const e = 544 + ((vpn & 255) << 1); // TLB_STORE + 2 * (vpn & TLB_MASK)
            if (x[e] === vpn) {
              const o = x[e + 1] + (va & 0xfff);
              if (f3 === 2) {
                if ((o & 3) === 0) {
                  ram32[o >> 2] = v;
                  pageWriter[o >>> 12] = 1; // WRITER_CPU
                  pc = (pc + 4) | 0;
                  continue;
                }
              } else if (f3 === 0) {
                ram8[o] = v;
                pageWriter[o >>> 12] = 1; // WRITER_CPU
                pc = (pc + 4) | 0;
                continue;
              } else if (f3 === 1 && (o & 1) === 0) {
                ram16[o >> 1] = v;
                pageWriter[o >>> 12] = 1; // WRITER_CPU
                pc = (pc + 4) | 0;
                continue;
              }
            }
            if (f3 > 2) break inner;
            slow = 3; // SLOW_STORE
            break inner;
          }
          case 24: {
            // opcode 0x63
            // BRANCH
            const a = x[(insn >> 15) & 31];
            const b = x[(insn >> 20) & 31];
            let taken: boolean;
            switch ((insn >> 12) & 7) {
              case 0:
                taken = a === b;
                break;
              case 1:
                taken = a !== b;
                break;
              case 4:
                taken = a < b;
                break;
              case 5:
                taken = a >= b;
                break;
              case 6:
                taken = a >>> 0 < b >>> 0;
                break;
              case 7:
                taken = a >>> 0 >= b >>> 0;
                break;
              default:
                break inner;
            }
            if (taken) {
              const imm =
                ((insn >> 31) << 12) |
                (((insn >> 7) & 1) << 11) |
                (((insn >> 25) & 0x3f) << 5) |
                (((insn >> 8) & 0xf) << 1);
              const t = (pc + imm) | 0;
              if (t & 3) {
                slow = 4; // SLOW_MISALIGNED_JUMP
                slowArg = t;
                break inner;
              }
              pc = t;
            } else {
              pc = (pc + 4) | 0;
            }
            continue;
          }
          case 27: {
            // opcode 0x6f
            // JAL
            const imm =
              ((insn >> 31) << 20) |
              (insn & 0xff000) |
              (((insn >> 20) & 1) << 11) |
              (((insn >> 21) & 0x3ff) << 1);
            const t = (pc + imm) | 0;
            if (t & 3) {
              slow = 4; // SLOW_MISALIGNED_JUMP
              slowArg = t;
              break inner;
            }
            x[rd] = pc + 4;
            pc = t;
            continue;
          }
          case 25: {
            // opcode 0x67
            // JALR
            if ((insn >> 12) & 7) break inner;
            const t = (x[(insn >> 15) & 31] + (insn >> 20)) & ~1;
            if (t & 3) {
              slow = 4; // SLOW_MISALIGNED_JUMP
              slowArg = t;
              break inner;
            }
            x[rd] = pc + 4;
            pc = t;
            continue;
          }
          case 13: // opcode 0x37
            // LUI
            x[rd] = insn & 0xfffff000;
            pc = (pc + 4) | 0;
            continue;
          case 5: // opcode 0x17
            // AUIPC
            x[rd] = pc + (insn & 0xfffff000);
            pc = (pc + 4) | 0;
            continue;
          case 3: // opcode 0x0f
            // MISC-MEM: FENCE, FENCE.I (no caches to synchronise)
            if ((insn >> 12) & 6) break inner;
            pc = (pc + 4) | 0;
            continue;
          case 28: // opcode 0x73
            slow = 5; // SLOW_SYSTEM
            break inner;
          case 11: // opcode 0x2f
            slow = 6; // SLOW_AMO
            break inner;
          default:
            break inner;
        }
      }
      if (slow === 0) break;
      // Out of line.
      this.pc = pc >>> 0;
      if (slow === 1) {
        // SLOW_FETCH: a new fetch page (or the reset ROM, or a fetch fault)
        this.instret = i0 + (lim - left);
        const w = fetchSlow(this);
        if (this.exc) {
          this.exc = false;
          left--; // the faulting fetch is a step
          pc = this.pc | 0;
          check = true;
          continue;
        }
        fetchVpn = this.fetchVpn | 0;
        fetchBase = this.fetchBase | 0;
        if (fetchVpn === -1) {
          romInsn = w | 0;
          haveRom = true;
        }
        continue;
      }
      this.instret = i0 + (lim - left) - 1;
      // The instruction is still at pc (nothing ran since it was fetched): fetch it again
      // rather than keep it live across the loop.
      const insn = pc >>> 12 === fetchVpn ? ram32[(fetchBase + (pc & 0xfff)) >> 2] : romInsn | 0;
      if (slow === 2) {
        // SLOW_LOAD: TLB miss, misaligned, MMIO or fault
        const va = (x[(insn >> 15) & 31] + (insn >> 20)) | 0;
        this.mmioTouched = false;
        const v = loadSlow(this, va, (insn >> 12) & 7);
        if (this.exc) {
          this.exc = false;
          pc = this.pc | 0;
          check = true;
          continue;
        }
        x[(insn >> 7) & 31] = v;
        pc = (pc + 4) | 0;
        check = this.mmioTouched;
      } else if (slow === 3) {
        // SLOW_STORE
        const va = (x[(insn >> 15) & 31] + (((insn >> 25) << 5) | ((insn >> 7) & 31))) | 0;
        this.mmioTouched = false;
        storeSlow(this, va, (insn >> 12) & 7, x[(insn >> 20) & 31]);
        if (this.exc) {
          this.exc = false;
          pc = this.pc | 0;
          check = true;
          continue;
        }
        pc = (pc + 4) | 0;
        check = this.mmioTouched;
      } else if (slow === 5) {
        // SLOW_SYSTEM
        if ((insn >> 12) & 7) {
          if (csrInstr(this, insn)) this.pc = (pc + 4) >>> 0;
        } else {
          systemInsn(this, insn);
        }
        this.exc = false;
        pc = this.pc | 0;
        check = true;
      } else if (slow === 6) {
        // SLOW_AMO
        amo(this, insn);
        if (!this.exc) this.pc = (pc + 4) >>> 0;
        this.exc = false;
        pc = this.pc | 0;
        check = true;
      } else {
        // SLOW_MISALIGNED_JUMP or SLOW_ILLEGAL
        if (slow === 4) raise(this, CAUSE_MISALIGNED_FETCH, slowArg);
        else raise(this, CAUSE_ILLEGAL_INSTRUCTION, insn);
        this.exc = false;
        pc = this.pc | 0;
        check = true;
      }
      // A slow path may have flushed the TLBs or changed the fetch page.
      fetchVpn = this.fetchVpn | 0;
      fetchBase = this.fetchBase | 0;
    }
    x[0] = 0;
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
