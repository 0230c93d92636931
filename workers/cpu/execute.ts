// The interpreter's hot loop. It runs instructions from the fetch page until something
// needs the slow paths (a new fetch page, a TLB miss, MMIO, SYSTEM, AMO, a trap), then
// returns why, leaving pc and the steps left in the hart area (EXIT_* slots). It touches
// one typed array, `m`: registers, TLBs and RAM live in the same buffer (allocateRam), so
// V8 keeps its locals in machine registers and checks a single array. There is no
// decoded-instruction cache: every instruction is fetched from RAM as it is now, which is
// what the kexec hazards depend on (code overwritten under the CPU runs as overwritten).
//
// Layout (literal numbers below, because imported constants are not folded everywhere):
// m[0..32) x0-x31; TLB_LOAD = 32, TLB_STORE = 544 (pairs: vpn, page offset in the buffer);
// EXIT_PC = 1568, EXIT_LEFT = 1569, EXIT_ARG = 1570.

/** Why execute() returned (the slow path to take). */
export const EXIT_BUDGET = 0;
export const EXIT_FETCH = 1;
export const EXIT_LOAD = 2;
export const EXIT_STORE = 3;
export const EXIT_MISALIGNED_JUMP = 4;
export const EXIT_SYSTEM = 5;
export const EXIT_AMO = 6;
export const EXIT_ILLEGAL = 7;

/**
 * Run at most `left` steps from pc on the fetch page (fetchVpn, whose words start at byte
 * fetchBase of the buffer). Returns an EXIT_* reason; m[EXIT_PC] = pc of the instruction
 * to handle (or to run next), m[EXIT_LEFT] = steps left, with the exiting instruction
 * already counted unless the reason is EXIT_BUDGET or EXIT_FETCH.
 */
export function execute(
  m: Int32Array,
  pc: number,
  left: number,
  fetchVpn: number,
  fetchBase: number,
): number {
  // Untag the arguments once, so that the loop's values stay untagged int32 in registers.
  pc |= 0;
  left |= 0;
  fetchVpn |= 0;
  fetchBase |= 0;
  let exit = 7; // EXIT_ILLEGAL: what a plain `break inner` means
  let arg = 0;
  inner: for (;;) {
    if (left <= 0) {
      exit = 0; // EXIT_BUDGET
      break;
    }
    if (pc >>> 12 !== fetchVpn) {
      exit = 1; // EXIT_FETCH
      break;
    }
    const insn = m[(fetchBase + (pc & 0xfff)) >> 2];
    left = (left - 1) | 0;
    m[0] = 0;
    if ((insn & 3) !== 3) break; // 16-bit encodings (no C extension)
    const rd = (insn >> 7) & 31;
    switch ((insn >> 2) & 31) {
      case 4: {
        // OP-IMM (opcode 0x13)
        const a = m[(insn >> 15) & 31];
        const imm = insn >> 20;
        const f3 = (insn >> 12) & 7;
        if (f3 === 0) {
          // ADDI (also li, mv, nop): the most frequent instruction, without a table jump
          m[rd] = a + imm;
          pc = (pc + 4) | 0;
          continue;
        }
        switch (f3) {
          case 1:
            if (insn >>> 25 !== 0) break inner;
            m[rd] = a << imm;
            break;
          case 2:
            m[rd] = a < imm ? 1 : 0;
            break;
          case 3:
            m[rd] = a >>> 0 < imm >>> 0 ? 1 : 0;
            break;
          case 4:
            m[rd] = a ^ imm;
            break;
          case 5:
            if (insn >>> 25 === 0) m[rd] = a >>> imm;
            else if (insn >>> 25 === 0x20) m[rd] = a >> imm;
            else break inner;
            break;
          case 6:
            m[rd] = a | imm;
            break;
          default:
            m[rd] = a & imm;
            break;
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case 12: {
        // OP and the M extension (opcode 0x33)
        const a = m[(insn >> 15) & 31];
        const b = m[(insn >> 20) & 31];
        const f7 = insn >>> 25;
        const f3 = (insn >> 12) & 7;
        if ((insn & 0xfe007000) === 0) {
          // ADD: the most frequent register-register operation, without a table jump
          m[rd] = a + b;
        } else if (f7 === 0) {
          switch (f3) {
            case 1:
              m[rd] = a << b;
              break;
            case 2:
              m[rd] = a < b ? 1 : 0;
              break;
            case 3:
              m[rd] = a >>> 0 < b >>> 0 ? 1 : 0;
              break;
            case 4:
              m[rd] = a ^ b;
              break;
            case 5:
              m[rd] = a >>> b;
              break;
            case 6:
              m[rd] = a | b;
              break;
            default:
              m[rd] = a & b;
              break;
          }
        } else if (f7 === 1) {
          switch (f3) {
            case 0:
              m[rd] = Math.imul(a, b);
              break;
            case 1:
            case 2:
            case 3: {
              // MULH, MULHSU, MULHU: the unsigned high half from 16-bit limbs (exact in
              // float64, as in muldiv.ts, written out so the loop makes no call), then the
              // signed corrections modulo 2^32.
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
              m[rd] = r;
              break;
            }
            case 4:
              m[rd] = b === 0 ? -1 : (a / b) | 0;
              break;
            case 5:
              m[rd] = b === 0 ? -1 : (a >>> 0) / (b >>> 0);
              break;
            case 6:
              m[rd] = b === 0 ? a : a % b;
              break;
            default:
              m[rd] = b === 0 ? a : (a >>> 0) % (b >>> 0);
              break;
          }
        } else if (f7 === 0x20 && f3 === 0) {
          m[rd] = a - b;
        } else if (f7 === 0x20 && f3 === 5) {
          m[rd] = a >> b;
        } else {
          break inner;
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case 0: {
        // LOAD (opcode 0x03) through the load TLB; sub-word loads shift the RAM word
        // (little-endian: byte k of a word is bits 8k..8k+7).
        const va = (m[(insn >> 15) & 31] + (insn >> 20)) | 0;
        const e = 32 + (((va >>> 12) & 255) << 1); // TLB_LOAD + 2 * (vpn & TLB_MASK)
        if (m[e] !== va >>> 12) {
          exit = 2; // EXIT_LOAD (it validates funct3)
          break inner;
        }
        const o = m[e + 1] + (va & 0xfff);
        switch ((insn >> 12) & 7) {
          case 2: // LW
            if (o & 3) {
              exit = 2; // misaligned: EXIT_LOAD
              break inner;
            }
            m[rd] = m[o >> 2];
            break;
          case 4: // LBU
            m[rd] = (m[o >> 2] >>> ((o & 3) << 3)) & 0xff;
            break;
          case 0: // LB
            m[rd] = (m[o >> 2] << (24 - ((o & 3) << 3))) >> 24;
            break;
          case 5: // LHU
            if (o & 1) {
              exit = 2;
              break inner;
            }
            m[rd] = (m[o >> 2] >>> ((o & 2) << 3)) & 0xffff;
            break;
          case 1: // LH
            if (o & 1) {
              exit = 2;
              break inner;
            }
            m[rd] = (m[o >> 2] << (16 - ((o & 2) << 3))) >> 16;
            break;
          default:
            break inner;
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case 8: {
        // STORE (opcode 0x23) through the store TLB. No pageWriter marking here: a page
        // with a store-TLB entry is already marked WRITER_CPU (see Bus.pageWriter).
        const va = (m[(insn >> 15) & 31] + (((insn >> 25) << 5) | ((insn >> 7) & 31))) | 0;
        const e = 544 + (((va >>> 12) & 255) << 1); // TLB_STORE + 2 * (vpn & TLB_MASK)
        if (m[e] !== va >>> 12) {
          exit = 3; // EXIT_STORE (it validates funct3)
          break inner;
        }
        const o = m[e + 1] + (va & 0xfff);
        const v = m[(insn >> 20) & 31];
        switch ((insn >> 12) & 7) {
          case 2: // SW
            if (o & 3) {
              exit = 3; // misaligned: EXIT_STORE
              break inner;
            }
            m[o >> 2] = v;
            break;
          case 0: {
            // SB
            const k = o >> 2;
            const s = (o & 3) << 3;
            m[k] = (m[k] & ~(0xff << s)) | ((v & 0xff) << s);
            break;
          }
          case 1: {
            // SH
            if (o & 1) {
              exit = 3;
              break inner;
            }
            const k = o >> 2;
            const s = (o & 2) << 3;
            m[k] = (m[k] & ~(0xffff << s)) | ((v & 0xffff) << s);
            break;
          }
          default:
            break inner;
        }
        pc = (pc + 4) | 0;
        continue;
      }
      case 24: {
        // BRANCH (opcode 0x63)
        const a = m[(insn >> 15) & 31];
        const b = m[(insn >> 20) & 31];
        const f3 = (insn >> 12) & 7;
        let taken: boolean;
        // BEQ and BNE (most branches) without a table jump
        if (f3 === 1) taken = a !== b;
        else if (f3 === 0) taken = a === b;
        else
          switch (f3) {
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
            exit = 4; // EXIT_MISALIGNED_JUMP
            arg = t;
            break inner;
          }
          pc = t;
        } else {
          pc = (pc + 4) | 0;
        }
        continue;
      }
      case 27: {
        // JAL (opcode 0x6f)
        const imm =
          ((insn >> 31) << 20) |
          (insn & 0xff000) |
          (((insn >> 20) & 1) << 11) |
          (((insn >> 21) & 0x3ff) << 1);
        const t = (pc + imm) | 0;
        if (t & 3) {
          exit = 4; // EXIT_MISALIGNED_JUMP
          arg = t;
          break inner;
        }
        m[rd] = pc + 4;
        pc = t;
        continue;
      }
      case 25: {
        // JALR (opcode 0x67)
        if ((insn >> 12) & 7) break inner;
        const t = (m[(insn >> 15) & 31] + (insn >> 20)) & ~1;
        if (t & 3) {
          exit = 4; // EXIT_MISALIGNED_JUMP
          arg = t;
          break inner;
        }
        m[rd] = pc + 4;
        pc = t;
        continue;
      }
      case 13: // LUI (opcode 0x37)
        m[rd] = insn & 0xfffff000;
        pc = (pc + 4) | 0;
        continue;
      case 5: // AUIPC (opcode 0x17)
        m[rd] = pc + (insn & 0xfffff000);
        pc = (pc + 4) | 0;
        continue;
      case 3: // MISC-MEM (opcode 0x0f): FENCE, FENCE.I (no caches to synchronise)
        if ((insn >> 12) & 6) break inner;
        pc = (pc + 4) | 0;
        continue;
      case 28: // SYSTEM (opcode 0x73)
        exit = 5; // EXIT_SYSTEM
        break inner;
      case 11: // AMO (opcode 0x2f)
        exit = 6; // EXIT_AMO
        break inner;
      default:
        break inner;
    }
  }
  m[1568] = pc; // EXIT_PC
  m[1569] = left; // EXIT_LEFT
  m[1570] = arg; // EXIT_ARG
  return exit;
}
