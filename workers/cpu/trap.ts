// Trap entry (exceptions and interrupts, with medeleg/mideleg delegation), the choice of
// the interrupt to take (privileged spec 3.1.9 priority and enable rules), the mret/sret
// returns, and the other privileged SYSTEM instructions (ecall, ebreak, wfi, sfence.vma).

import {
  CAUSE_BREAKPOINT,
  CAUSE_ILLEGAL_INSTRUCTION,
  CAUSE_INTERRUPT,
  CAUSE_USER_ECALL,
  IRQ_PRIORITY,
  MSTATUS_MIE,
  MSTATUS_MPIE,
  MSTATUS_MPP,
  MSTATUS_MPP_SHIFT,
  MSTATUS_MPRV,
  MSTATUS_SIE,
  MSTATUS_SPIE,
  MSTATUS_SPP,
  MSTATUS_TSR,
  MSTATUS_TVM,
  MSTATUS_TW,
  PRV_M,
  PRV_S,
  PRV_U,
} from './csr-defs';
import type { HartState } from './state';

/**
 * Enter a trap: cause has CAUSE_INTERRUPT set for interrupts, epc is the address of the
 * instruction that trapped (or the next one to run, for an interrupt). Sets h.pc to the
 * handler and h.exc = true.
 */
export function takeTrap(h: HartState, cause: number, tval: number, epc: number): void {
  const interrupt = (cause & CAUSE_INTERRUPT) !== 0;
  const code = cause & 0x1f;
  const prev = h.priv;
  const deleg = interrupt ? h.mideleg : h.medeleg;
  const oldStatus = h.mstatus;
  let st = oldStatus;
  h.reservation = -1;
  h.lastTrap = { cause: cause >>> 0, tval: tval >>> 0, pc: epc >>> 0, instret: h.instret };
  if (prev <= PRV_S && (deleg >>> code) & 1) {
    h.sepc = epc | 0;
    h.scause = cause | 0;
    h.stval = tval | 0;
    st = st & MSTATUS_SIE ? st | MSTATUS_SPIE : st & ~MSTATUS_SPIE;
    st &= ~MSTATUS_SIE;
    st = prev === PRV_S ? st | MSTATUS_SPP : st & ~MSTATUS_SPP;
    h.mstatus = st;
    h.priv = PRV_S;
    const base = h.stvec & ~3;
    h.pc = (interrupt && (h.stvec & 3) === 1 ? base + 4 * code : base) >>> 0;
  } else {
    h.mepc = epc | 0;
    h.mcause = cause | 0;
    h.mtval = tval | 0;
    st = st & MSTATUS_MIE ? st | MSTATUS_MPIE : st & ~MSTATUS_MPIE;
    st &= ~MSTATUS_MIE;
    st = (st & ~MSTATUS_MPP) | (prev << MSTATUS_MPP_SHIFT);
    h.mstatus = st;
    h.priv = PRV_M;
    const base = h.mtvec & ~3;
    h.pc = (interrupt && (h.mtvec & 3) === 1 ? base + 4 * code : base) >>> 0;
  }
  if (prev !== h.priv || st & MSTATUS_MPRV) h.flushTlb();
  h.exc = true;
}

/** Raise a synchronous exception for the instruction at h.pc. */
export function raise(h: HartState, cause: number, tval: number): void {
  takeTrap(h, cause, tval, h.pc);
}

/** The interrupt the hart must take now (its number), or -1. */
export function pendingInterrupt(h: HartState): number {
  const pend = (h.mipHw | h.mipSw) & h.mie;
  if (pend === 0) return -1;
  let m = pend & ~h.mideleg;
  if (h.priv === PRV_M && (h.mstatus & MSTATUS_MIE) === 0) m = 0;
  let s = pend & h.mideleg;
  if (h.priv === PRV_M || (h.priv === PRV_S && (h.mstatus & MSTATUS_SIE) === 0)) s = 0;
  const take = m !== 0 ? m : s;
  if (take === 0) return -1;
  for (const irq of IRQ_PRIORITY) if ((take >>> irq) & 1) return irq;
  return -1;
}

/** mret (the caller checked priv == M): return to MPP with MIE = MPIE. */
export function mret(h: HartState): void {
  let st = h.mstatus;
  const mpp = (st & MSTATUS_MPP) >>> MSTATUS_MPP_SHIFT;
  st = st & MSTATUS_MPIE ? st | MSTATUS_MIE : st & ~MSTATUS_MIE;
  st |= MSTATUS_MPIE;
  st &= ~MSTATUS_MPP; // MPP = U, the least privileged mode
  if (mpp !== PRV_M) st &= ~MSTATUS_MPRV;
  h.mstatus = st;
  h.priv = mpp;
  h.pc = (h.mepc & ~3) >>> 0;
  h.reservation = -1;
  h.flushTlb();
}

/** sret (the caller checked priv >= S and TSR): return to SPP with SIE = SPIE. */
export function sret(h: HartState): void {
  let st = h.mstatus;
  const spp = st & MSTATUS_SPP ? PRV_S : PRV_U;
  st = st & MSTATUS_SPIE ? st | MSTATUS_SIE : st & ~MSTATUS_SIE;
  st |= MSTATUS_SPIE;
  st &= ~MSTATUS_SPP;
  st &= ~MSTATUS_MPRV; // the new privilege is below M
  h.mstatus = st;
  h.priv = spp;
  h.pc = (h.sepc & ~3) >>> 0;
  h.reservation = -1;
  h.flushTlb();
}

const ECALL = 0x00000073;
const EBREAK = 0x00100073;
const MRET = 0x30200073;
const SRET = 0x10200073;
const WFI = 0x10500073;

/**
 * SYSTEM with funct3 = 0 at h.pc: ecall, ebreak, mret, sret, wfi, sfence.vma. Leaves
 * h.pc at the next instruction to run (or the trap handler, with h.exc set).
 */
export function systemInsn(h: HartState, insn: number): void {
  const priv = h.priv;
  const next = (h.pc + 4) >>> 0;
  const w = insn >>> 0;
  if (w === ECALL) {
    raise(h, CAUSE_USER_ECALL + priv, 0); // 8 U, 9 S, 11 M
  } else if (w === EBREAK) {
    raise(h, CAUSE_BREAKPOINT, h.pc);
  } else if (w === MRET && priv === PRV_M) {
    mret(h);
  } else if (w === SRET && (priv === PRV_M || (priv === PRV_S && (h.mstatus & MSTATUS_TSR) === 0))) {
    sret(h);
  } else if (w === WFI && (priv === PRV_M || (priv === PRV_S && (h.mstatus & MSTATUS_TW) === 0))) {
    h.pc = next;
    if (((h.mipHw | h.mipSw) & h.mie) === 0) h.wfi = true; // else WFI completes at once
  } else if (
    (w & 0xfe007fff) === 0x12000073 &&
    priv !== PRV_U &&
    (priv === PRV_M || (h.mstatus & MSTATUS_TVM) === 0)
  ) {
    h.flushTlb(); // sfence.vma: any form flushes everything
    h.pc = next;
  } else {
    raise(h, CAUSE_ILLEGAL_INSTRUCTION, insn);
  }
}
