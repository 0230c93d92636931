// The RV32IMA hart: the interpreter loop and the public API the board, the UI and the
// tests use. The hot loop keeps pc in a local, fetches from RAM through the cached fetch
// page (no decoded-instruction cache: code overwritten in RAM runs as it is now), loads
// and stores through the software TLB, and sends everything else out of line.

import type { Bus } from './bus';
import { WRITER_CPU } from './bus';
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
import { mulh, mulhsu, mulhu } from './muldiv';
import { HartState, TLB_LOAD, TLB_MASK, TLB_STORE, type TrapRecord } from './state';
import { pendingInterrupt, raise, systemInsn, takeTrap } from './trap';
import { restoreHart, snapshotHart, stateWords, type HartSnapshot } from './snapshot';

export type { HartSnapshot, TrapRecord };

export class Hart extends HartState {
  constructor(bus: Bus) {
    super(bus);
  }

  /**
   * Execute up to budget steps (instructions retired or trapped); returns how many. Returns
   * early when the hart enters WFI (this.wfi) or the bus sets stopRequested.
   */
  run(budget: number): number {
    const x = this.regs; // registers at [0, 32), then the TLBs
    const ram8 = this.ram8;
    const ram8s = this.ram8s;
    const ram16 = this.ram16;
    const ram16s = this.ram16s;
    const ram32 = this.ram32;
    const pageWriter = this.pageWriter;
    const i0 = this.instret;
    let n = 0;
    let pc = this.pc | 0;
    this.stopRequested = false;
    outer: while (n < budget) {
      // Between blocks: stop requests, WFI, interrupts, and a fresh view of the fetch page.
      if (this.stopRequested) break;
      if (this.wfi) {
        if ((this.mipHw | this.mipSw) & this.mie) this.wfi = false;
        else break;
      }
      const irq = pendingInterrupt(this);
      if (irq >= 0) {
        this.instret = i0 + n;
        takeTrap(this, irq | CAUSE_INTERRUPT, 0, pc >>> 0);
        this.exc = false;
        pc = this.pc | 0;
      }
      this.mmioTouched = false;
      let fetchVpn = this.fetchVpn | 0;
      let fetchBase = this.fetchBase | 0;
      while (n < budget) {
        n++;
        x[0] = 0;
        let insn: number;
        if (pc >>> 12 === fetchVpn) {
          insn = ram32[(fetchBase + (pc & 0xfff)) >> 2];
        } else {
          this.pc = pc >>> 0;
          this.instret = i0 + n - 1;
          insn = fetchSlow(this);
          if (this.exc) {
            this.exc = false;
            pc = this.pc | 0;
            continue outer;
          }
          fetchVpn = this.fetchVpn | 0;
          fetchBase = this.fetchBase | 0;
        }
        const rd = (insn >> 7) & 31;
        if ((insn & 3) !== 3) {
          pc = this.trapAt(pc, CAUSE_ILLEGAL_INSTRUCTION, insn, i0 + n - 1);
          continue outer;
        }
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
                if (insn >>> 25 !== 0) {
                  pc = this.trapAt(pc, CAUSE_ILLEGAL_INSTRUCTION, insn, i0 + n - 1);
                  continue outer;
                }
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
                else {
                  pc = this.trapAt(pc, CAUSE_ILLEGAL_INSTRUCTION, insn, i0 + n - 1);
                  continue outer;
                }
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
            switch (((insn >>> 25) << 3) | ((insn >> 12) & 7)) {
              case 0x000:
                x[rd] = a + b;
                break;
              case 0x100:
                x[rd] = a - b;
                break;
              case 0x001:
                x[rd] = a << b;
                break;
              case 0x002:
                x[rd] = a < b ? 1 : 0;
                break;
              case 0x003:
                x[rd] = a >>> 0 < b >>> 0 ? 1 : 0;
                break;
              case 0x004:
                x[rd] = a ^ b;
                break;
              case 0x005:
                x[rd] = a >>> b;
                break;
              case 0x105:
                x[rd] = a >> b;
                break;
              case 0x006:
                x[rd] = a | b;
                break;
              case 0x007:
                x[rd] = a & b;
                break;
              case 0x008:
                x[rd] = Math.imul(a, b);
                break;
              case 0x009:
                x[rd] = mulh(a, b);
                break;
              case 0x00a:
                x[rd] = mulhsu(a, b);
                break;
              case 0x00b:
                x[rd] = mulhu(a, b);
                break;
              case 0x00c:
                x[rd] = b === 0 ? -1 : (a / b) | 0;
                break;
              case 0x00d:
                x[rd] = b === 0 ? -1 : (a >>> 0) / (b >>> 0);
                break;
              case 0x00e:
                x[rd] = b === 0 ? a : a % b;
                break;
              case 0x00f:
                x[rd] = b === 0 ? a : (a >>> 0) % (b >>> 0);
                break;
              default:
                pc = this.trapAt(pc, CAUSE_ILLEGAL_INSTRUCTION, insn, i0 + n - 1);
                continue outer;
            }
            pc = (pc + 4) | 0;
            continue;
          }
          case 0: {
            // opcode 0x03
            // LOAD
            const va = (x[(insn >> 15) & 31] + (insn >> 20)) | 0;
            const f3 = (insn >> 12) & 7;
            const vpn = va >>> 12;
            const ti = vpn & TLB_MASK;
            const e = TLB_LOAD + (ti << 1);
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
            if (f3 === 3 || f3 > 5) break;
            this.pc = pc >>> 0;
            this.instret = i0 + n - 1;
            const v = loadSlow(this, va, f3);
            if (this.exc) {
              this.exc = false;
              pc = this.pc | 0;
              continue outer;
            }
            x[rd] = v;
            pc = (pc + 4) | 0;
            if (this.mmioTouched) continue outer;
            continue;
          }
          case 8: {
            // opcode 0x23
            // STORE
            const va = (x[(insn >> 15) & 31] + (((insn >> 25) << 5) | ((insn >> 7) & 31))) | 0;
            const v = x[(insn >> 20) & 31];
            const f3 = (insn >> 12) & 7;
            const vpn = va >>> 12;
            const ti = vpn & TLB_MASK;
            const e = TLB_STORE + (ti << 1);
            if (x[e] === vpn) {
              const o = x[e + 1] + (va & 0xfff);
              if (f3 === 2) {
                if ((o & 3) === 0) {
                  ram32[o >> 2] = v;
                  pageWriter[o >>> 12] = WRITER_CPU;
                  pc = (pc + 4) | 0;
                  continue;
                }
              } else if (f3 === 0) {
                ram8[o] = v;
                pageWriter[o >>> 12] = WRITER_CPU;
                pc = (pc + 4) | 0;
                continue;
              } else if (f3 === 1 && (o & 1) === 0) {
                ram16[o >> 1] = v;
                pageWriter[o >>> 12] = WRITER_CPU;
                pc = (pc + 4) | 0;
                continue;
              }
            }
            if (f3 > 2) break;
            this.pc = pc >>> 0;
            this.instret = i0 + n - 1;
            storeSlow(this, va, f3, v);
            if (this.exc) {
              this.exc = false;
              pc = this.pc | 0;
              continue outer;
            }
            pc = (pc + 4) | 0;
            if (this.mmioTouched) continue outer;
            continue;
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
                pc = this.trapAt(pc, CAUSE_ILLEGAL_INSTRUCTION, insn, i0 + n - 1);
                continue outer;
            }
            if (taken) {
              const imm =
                ((insn >> 31) << 12) |
                (((insn >> 7) & 1) << 11) |
                (((insn >> 25) & 0x3f) << 5) |
                (((insn >> 8) & 0xf) << 1);
              const t = (pc + imm) | 0;
              if (t & 3) {
                pc = this.trapAt(pc, CAUSE_MISALIGNED_FETCH, t, i0 + n - 1);
                continue outer;
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
              pc = this.trapAt(pc, CAUSE_MISALIGNED_FETCH, t, i0 + n - 1);
              continue outer;
            }
            x[rd] = pc + 4;
            pc = t;
            continue;
          }
          case 25: {
            // opcode 0x67
            // JALR
            if ((insn >> 12) & 7) break;
            const t = (x[(insn >> 15) & 31] + (insn >> 20)) & ~1;
            if (t & 3) {
              pc = this.trapAt(pc, CAUSE_MISALIGNED_FETCH, t, i0 + n - 1);
              continue outer;
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
            if ((insn >> 12) & 6) break;
            pc = (pc + 4) | 0;
            continue;
          case 28: // opcode 0x73
            // SYSTEM
            this.pc = pc >>> 0;
            this.instret = i0 + n - 1;
            if ((insn >> 12) & 7) {
              if (csrInstr(this, insn)) this.pc = (pc + 4) >>> 0;
            } else {
              systemInsn(this, insn);
            }
            this.exc = false;
            pc = this.pc | 0;
            continue outer;
          case 11: // opcode 0x2f
            // AMO
            this.pc = pc >>> 0;
            this.instret = i0 + n - 1;
            amo(this, insn);
            if (!this.exc) this.pc = (pc + 4) >>> 0;
            this.exc = false;
            pc = this.pc | 0;
            continue outer;
          default:
            break;
        }
        // Every path that falls out of the switch is an illegal instruction.
        pc = this.trapAt(pc, CAUSE_ILLEGAL_INSTRUCTION, insn, i0 + n - 1);
        continue outer;
      }
    }
    x[0] = 0;
    this.pc = pc >>> 0;
    this.instret = i0 + n;
    return n;
  }

  /** Raise an exception for the instruction at pc; returns the handler's pc. */
  private trapAt(pc: number, cause: number, tval: number, steps: number): number {
    this.pc = pc >>> 0;
    this.instret = steps;
    raise(this, cause, tval);
    this.exc = false;
    return this.pc | 0;
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
