// Sv32 address translation: the two-level page table walk with superpages, permission
// checks (U, SUM, MXR), hardware-managed A/D bits written back to the PTE in RAM, and
// the fault causes. The software TLB that caches results is filled by mem.ts.

import {
  CAUSE_FETCH_ACCESS,
  CAUSE_FETCH_PAGE_FAULT,
  CAUSE_LOAD_ACCESS,
  CAUSE_LOAD_PAGE_FAULT,
  CAUSE_STORE_ACCESS,
  CAUSE_STORE_PAGE_FAULT,
  MSTATUS_MPP,
  MSTATUS_MPP_SHIFT,
  MSTATUS_MPRV,
  MSTATUS_MXR,
  MSTATUS_SUM,
  PRV_M,
  PRV_S,
  PRV_U,
  PTE_A,
  PTE_D,
  PTE_R,
  PTE_U,
  PTE_V,
  PTE_W,
  PTE_X,
  SATP_MODE_SV32,
  SATP_PPN,
} from './csr-defs';
import { WRITER_CPU } from './bus';
import type { HartState } from './state';

export const ACC_FETCH = 0;
export const ACC_LOAD = 1;
export const ACC_STORE = 2; // stores, SC and AMOs
export type Access = typeof ACC_FETCH | typeof ACC_LOAD | typeof ACC_STORE;

const PAGE_FAULT = [CAUSE_FETCH_PAGE_FAULT, CAUSE_LOAD_PAGE_FAULT, CAUSE_STORE_PAGE_FAULT];
export const ACCESS_FAULT = [CAUSE_FETCH_ACCESS, CAUSE_LOAD_ACCESS, CAUSE_STORE_ACCESS];

/** The privilege that loads and stores are checked and translated with (MPRV). */
export function dataPriv(h: HartState): number {
  if (h.priv === PRV_M && h.mstatus & MSTATUS_MPRV) return (h.mstatus & MSTATUS_MPP) >>> MSTATUS_MPP_SHIFT;
  return h.priv;
}

/**
 * Translate virtual address va for an access of the given type. Returns the physical
 * address (up to 34 bits, so possibly >= 2^32), or -1 with h.faultCause set.
 */
export function translate(h: HartState, va: number, acc: Access): number {
  const priv = acc === ACC_FETCH ? h.priv : dataPriv(h);
  if ((h.satp & SATP_MODE_SV32) === 0 || priv === PRV_M) return va >>> 0;
  let table = (h.satp & SATP_PPN) * 4096;
  let level = 1;
  let pte: number;
  let pteOff: number;
  for (;;) {
    const index = level === 1 ? va >>> 22 : (va >>> 12) & 0x3ff;
    pteOff = h.ramOffset(table + index * 4, 4);
    if (pteOff < 0) return fault(h, ACCESS_FAULT[acc]);
    pte = h.ram32[pteOff >>> 2];
    if ((pte & PTE_V) === 0 || ((pte & PTE_R) === 0 && (pte & PTE_W) !== 0)) return fault(h, PAGE_FAULT[acc]);
    if (pte & (PTE_R | PTE_X)) break;
    if (level === 0) return fault(h, PAGE_FAULT[acc]);
    level = 0;
    table = (pte >>> 10) * 4096;
  }
  // A leaf: check the privilege, then the access type.
  if (pte & PTE_U) {
    if (priv === PRV_S && (acc === ACC_FETCH || (h.mstatus & MSTATUS_SUM) === 0))
      return fault(h, PAGE_FAULT[acc]);
  } else if (priv === PRV_U) {
    return fault(h, PAGE_FAULT[acc]);
  }
  let ok: boolean;
  if (acc === ACC_FETCH) ok = (pte & PTE_X) !== 0;
  else if (acc === ACC_LOAD)
    ok = (pte & PTE_R) !== 0 || ((h.mstatus & MSTATUS_MXR) !== 0 && (pte & PTE_X) !== 0);
  else ok = (pte & PTE_W) !== 0;
  if (!ok) return fault(h, PAGE_FAULT[acc]);
  const ppn = pte >>> 10;
  if (level === 1 && (ppn & 0x3ff) !== 0) return fault(h, PAGE_FAULT[acc]); // misaligned superpage
  const need = acc === ACC_STORE ? PTE_A | PTE_D : PTE_A;
  if ((pte & need) !== need) {
    h.ram32[pteOff >>> 2] = pte | need;
    h.pageWriter[pteOff >>> 12] = WRITER_CPU;
  }
  if (level === 1) return (ppn >>> 10) * 0x40_0000 + (va & 0x3f_ffff);
  return ppn * 4096 + (va & 0xfff);
}

function fault(h: HartState, cause: number): number {
  h.faultCause = cause;
  return -1;
}

/** satp's mode as the UI shows it. */
export function satpMode(h: HartState): 'bare' | 'sv32' {
  return h.satp & SATP_MODE_SV32 ? 'sv32' : 'bare';
}
