// The Zicsr instructions and the CSR file: access rules (privilege, read-only, TVM,
// counter enables), reads and WARL writes of each implemented CSR, the sstatus/sie/sip
// views of their machine registers, and the 64-bit counters with their h halves.

import * as C from './csr-defs';
import type { HartState } from './state';
import { raise } from './trap';

const TWO32 = 0x1_0000_0000;

/** May the current privilege access csr (write = the instruction writes it)? */
function permitted(h: HartState, csr: number, write: boolean): boolean {
  if (((csr >>> 8) & 3) > h.priv) return false;
  if (write && csr >>> 10 === 3) return false;
  if (csr === C.CSR_SATP && h.priv === C.PRV_S && h.mstatus & C.MSTATUS_TVM) return false;
  if ((csr & ~0x83) === C.CSR_CYCLE && (csr & 3) !== 3) {
    const bit = 1 << (csr & 3);
    if (h.priv < C.PRV_M && (h.mcounteren & bit) === 0) return false;
    if (h.priv === C.PRV_U && (h.scounteren & bit) === 0) return false;
  }
  return true;
}

const lo = (v: number): number => (v % TWO32) | 0;
const hi = (v: number): number => (Math.floor(v / TWO32) % TWO32) | 0;

/**
 * The value of csr as an int32, or undefined if this hart does not implement it. No side
 * effects (the UI reads CSRs through this).
 */
export function csrRead(h: HartState, csr: number): number | undefined {
  if (csr >= C.CSR_PMPCFG0 && csr < C.CSR_PMPCFG0 + C.PMPCFG_COUNT) return h.pmpcfg[csr - C.CSR_PMPCFG0];
  if (csr >= C.CSR_PMPADDR0 && csr < C.CSR_PMPADDR0 + C.PMPADDR_COUNT) return h.pmpaddr[csr - C.CSR_PMPADDR0];
  switch (csr) {
    case C.CSR_SSTATUS:
      return h.mstatus & C.SSTATUS_MASK;
    case C.CSR_SIE:
      return h.mie & h.mideleg;
    case C.CSR_STVEC:
      return h.stvec;
    case C.CSR_SCOUNTEREN:
      return h.scounteren;
    case C.CSR_SSCRATCH:
      return h.sscratch;
    case C.CSR_SEPC:
      return h.sepc;
    case C.CSR_SCAUSE:
      return h.scause;
    case C.CSR_STVAL:
      return h.stval;
    case C.CSR_SIP:
      return h.mip() & h.mideleg;
    case C.CSR_SATP:
      return h.satp;
    case C.CSR_MSTATUS:
      return h.mstatus;
    case C.CSR_MSTATUSH:
    case C.CSR_MENVCFGH:
    case C.CSR_MVENDORID:
    case C.CSR_MARCHID:
    case C.CSR_MIMPID:
    case C.CSR_MHARTID:
    case C.CSR_MCONFIGPTR:
      return 0;
    case C.CSR_MISA:
      return C.MISA_VALUE | 0;
    case C.CSR_MEDELEG:
      return h.medeleg;
    case C.CSR_MIDELEG:
      return h.mideleg;
    case C.CSR_MIE:
      return h.mie;
    case C.CSR_MTVEC:
      return h.mtvec;
    case C.CSR_MCOUNTEREN:
      return h.mcounteren;
    case C.CSR_MSCRATCH:
      return h.mscratch;
    case C.CSR_MEPC:
      return h.mepc;
    case C.CSR_MCAUSE:
      return h.mcause;
    case C.CSR_MTVAL:
      return h.mtval;
    case C.CSR_MIP:
      return h.mip();
    case C.CSR_MENVCFG:
      return h.menvcfg;
    case C.CSR_MCOUNTINHIBIT:
      return h.mcountinhibit;
    case C.CSR_MCYCLE:
    case C.CSR_CYCLE:
      return lo(h.mcycle());
    case C.CSR_MCYCLEH:
    case C.CSR_CYCLEH:
      return hi(h.mcycle());
    case C.CSR_MINSTRET:
    case C.CSR_INSTRET:
      return lo(h.minstret());
    case C.CSR_MINSTRETH:
    case C.CSR_INSTRETH:
      return hi(h.minstret());
    case C.CSR_TIME:
      return lo(h.bus.mtime());
    case C.CSR_TIMEH:
      return hi(h.bus.mtime());
    default:
      return undefined;
  }
}

/** Counter writes take effect for the next instruction (h.instret + 1 steps). */
function setCycle(h: HartState, v: number): void {
  if (h.mcountinhibit & C.COUNTEREN_CY) h.cycleFrozen = v;
  else h.cycleDelta = v - (h.instret + 1);
}

function setInstret(h: HartState, v: number): void {
  if (h.mcountinhibit & C.COUNTEREN_IR) h.instretFrozen = v;
  else h.instretDelta = v - (h.instret + 1);
}

function tvec(v: number): number {
  return (v & ~3) | ((v & 3) === 1 ? 1 : 0); // modes 2 and 3 are reserved: direct
}

/** Bits whose change can change how loads and stores translate (with MPP under MPRV). */
const TRANSLATION_BITS = C.MSTATUS_SUM | C.MSTATUS_MXR | C.MSTATUS_MPRV;

/** Update mstatus, dropping cached translations only when translation can change. */
function setMstatus(h: HartState, nv: number): void {
  const changed = h.mstatus ^ nv;
  h.mstatus = nv;
  if (changed & TRANSLATION_BITS || (changed & C.MSTATUS_MPP && nv & C.MSTATUS_MPRV)) h.flushTlb();
}

/** Write an implemented, permitted CSR (WARL: unsupported bits are dropped). */
function csrWrite(h: HartState, csr: number, v: number): void {
  if (csr >= C.CSR_PMPCFG0 && csr < C.CSR_PMPCFG0 + C.PMPCFG_COUNT) {
    h.pmpcfg[csr - C.CSR_PMPCFG0] = v;
    return;
  }
  if (csr >= C.CSR_PMPADDR0 && csr < C.CSR_PMPADDR0 + C.PMPADDR_COUNT) {
    h.pmpaddr[csr - C.CSR_PMPADDR0] = v;
    return;
  }
  switch (csr) {
    case C.CSR_SSTATUS:
      setMstatus(h, (h.mstatus & ~C.SSTATUS_WRITABLE) | (v & C.SSTATUS_WRITABLE));
      return;
    case C.CSR_SIE:
      h.mie = (h.mie & ~h.mideleg) | (v & h.mideleg);
      return;
    case C.CSR_STVEC:
      h.stvec = tvec(v);
      return;
    case C.CSR_SCOUNTEREN:
      h.scounteren = v & C.COUNTEREN_MASK;
      return;
    case C.CSR_SSCRATCH:
      h.sscratch = v;
      return;
    case C.CSR_SEPC:
      h.sepc = v & ~3;
      return;
    case C.CSR_SCAUSE:
      h.scause = v;
      return;
    case C.CSR_STVAL:
      h.stval = v;
      return;
    case C.CSR_SIP: {
      const m = h.mideleg & C.MIP_SSIP;
      h.mipSw = (h.mipSw & ~m) | (v & m);
      return;
    }
    case C.CSR_SATP:
      h.satp = v & (C.SATP_MODE_SV32 | C.SATP_PPN);
      h.flushTlb();
      return;
    case C.CSR_MSTATUS: {
      let nv = v;
      if ((nv & C.MSTATUS_MPP) >>> C.MSTATUS_MPP_SHIFT === 2)
        nv = (nv & ~C.MSTATUS_MPP) | (h.mstatus & C.MSTATUS_MPP);
      setMstatus(h, (h.mstatus & ~C.MSTATUS_WRITABLE) | (nv & C.MSTATUS_WRITABLE));
      return;
    }
    case C.CSR_MEDELEG:
      h.medeleg = v & C.MEDELEG_WRITABLE;
      return;
    case C.CSR_MIDELEG:
      h.mideleg = v & C.MIDELEG_WRITABLE;
      return;
    case C.CSR_MIE:
      h.mie = v & C.MIP_ALL;
      return;
    case C.CSR_MTVEC:
      h.mtvec = tvec(v);
      return;
    case C.CSR_MCOUNTEREN:
      h.mcounteren = v & C.COUNTEREN_MASK;
      return;
    case C.CSR_MSCRATCH:
      h.mscratch = v;
      return;
    case C.CSR_MEPC:
      h.mepc = v & ~3;
      return;
    case C.CSR_MCAUSE:
      h.mcause = v;
      return;
    case C.CSR_MTVAL:
      h.mtval = v;
      return;
    case C.CSR_MIP:
      h.mipSw = v & C.MIP_SW_WRITABLE;
      return;
    case C.CSR_MENVCFG:
      h.menvcfg = v & C.MENVCFG_FIOM;
      return;
    case C.CSR_MCOUNTINHIBIT: {
      const nv = v & C.MCOUNTINHIBIT_MASK;
      const now = h.instret + 1;
      if ((nv ^ h.mcountinhibit) & C.COUNTEREN_CY) {
        if (nv & C.COUNTEREN_CY) h.cycleFrozen = now + h.cycleDelta;
        else h.cycleDelta = h.cycleFrozen - now;
      }
      if ((nv ^ h.mcountinhibit) & C.COUNTEREN_IR) {
        if (nv & C.COUNTEREN_IR) h.instretFrozen = now + h.instretDelta;
        else h.instretDelta = h.instretFrozen - now;
      }
      h.mcountinhibit = nv;
      return;
    }
    case C.CSR_MCYCLE:
      setCycle(h, hi(h.mcycle()) * TWO32 + (v >>> 0));
      return;
    case C.CSR_MCYCLEH:
      setCycle(h, (v >>> 0) * TWO32 + (lo(h.mcycle()) >>> 0));
      return;
    case C.CSR_MINSTRET:
      setInstret(h, hi(h.minstret()) * TWO32 + (v >>> 0));
      return;
    case C.CSR_MINSTRETH:
      setInstret(h, (v >>> 0) * TWO32 + (lo(h.minstret()) >>> 0));
      return;
    default:
      return; // MSTATUSH, MISA, MENVCFGH: writes ignored (WARL)
  }
}

/**
 * Execute a CSR instruction (SYSTEM opcode, funct3 != 0) at h.pc. Returns false after
 * raising illegal instruction; the caller then continues at the handler.
 */
export function csrInstr(h: HartState, insn: number): boolean {
  const csr = insn >>> 20;
  const rd = (insn >>> 7) & 31;
  const field = (insn >>> 15) & 31;
  const f3 = (insn >>> 12) & 7;
  const op = f3 & 3;
  const writes = op === 1 || field !== 0;
  const cur = csrRead(h, csr);
  if (op === 0 || cur === undefined || !permitted(h, csr, writes)) {
    raise(h, C.CAUSE_ILLEGAL_INSTRUCTION, insn);
    return false;
  }
  const src = f3 & 4 ? field : h.x[field];
  if (writes) {
    // For mip, read-modify-write sees only the software-written half of SEIP.
    const base = csr === C.CSR_MIP ? (cur & ~C.MIP_SEIP) | (h.mipSw & C.MIP_SEIP) : cur;
    const nv = op === 1 ? src : op === 2 ? base | src : base & ~src;
    csrWrite(h, csr, nv | 0);
  }
  if (rd !== 0) h.x[rd] = cur;
  return true;
}
