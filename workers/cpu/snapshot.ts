// Hart snapshot/restore as named, structured-cloneable records, and the flat word view
// of the same state that the machine hashes for determinism checks.

import { CSR_FIELDS, type HartState, type TrapRecord } from './state';

export interface HartSnapshot {
  x: number[];
  pc: number;
  priv: number;
  wfi: boolean;
  instret: number;
  csr: {
    mstatus: number;
    medeleg: number;
    mideleg: number;
    mie: number;
    mipHw: number;
    mipSw: number;
    mtvec: number;
    stvec: number;
    mepc: number;
    sepc: number;
    mcause: number;
    scause: number;
    mtval: number;
    stval: number;
    mscratch: number;
    sscratch: number;
    satp: number;
    menvcfg: number;
    mcounteren: number;
    scounteren: number;
    mcountinhibit: number;
    pmpcfg: number[];
    pmpaddr: number[];
  };
  counters: { cycleDelta: number; cycleFrozen: number; instretDelta: number; instretFrozen: number };
  reservation: number;
  lastTrap: TrapRecord | null;
}

export function snapshotHart(h: HartState): HartSnapshot {
  const csr = { pmpcfg: Array.from(h.pmpcfg), pmpaddr: Array.from(h.pmpaddr) } as HartSnapshot['csr'];
  for (const f of CSR_FIELDS) csr[f] = h[f];
  return {
    x: Array.from(h.x),
    pc: h.pc,
    priv: h.priv,
    wfi: h.wfi,
    instret: h.instret,
    csr,
    counters: {
      cycleDelta: h.cycleDelta,
      cycleFrozen: h.cycleFrozen,
      instretDelta: h.instretDelta,
      instretFrozen: h.instretFrozen,
    },
    reservation: h.reservation,
    lastTrap: h.lastTrap === null ? null : { ...h.lastTrap },
  };
}

export function restoreHart(h: HartState, s: HartSnapshot): void {
  h.x.set(s.x);
  h.x[0] = 0;
  h.pc = s.pc >>> 0;
  h.priv = s.priv;
  h.wfi = s.wfi;
  h.instret = s.instret;
  for (const f of CSR_FIELDS) h[f] = s.csr[f] | 0;
  h.pmpcfg.set(s.csr.pmpcfg);
  h.pmpaddr.set(s.csr.pmpaddr);
  h.cycleDelta = s.counters.cycleDelta;
  h.cycleFrozen = s.counters.cycleFrozen;
  h.instretDelta = s.counters.instretDelta;
  h.instretFrozen = s.counters.instretFrozen;
  h.reservation = s.reservation;
  h.lastTrap = s.lastTrap === null ? null : { ...s.lastTrap };
  h.stopRequested = false;
  h.flushTlb();
}

/** The architectural state as words: registers, pc, privilege, CSRs, counters, reservation. */
export function stateWords(h: HartState): Uint32Array {
  const vals: number[] = [...h.x, h.pc, h.priv, h.wfi ? 1 : 0, h.instret, h.reservation];
  for (const f of CSR_FIELDS) vals.push(h[f]);
  vals.push(...h.pmpcfg, ...h.pmpaddr, h.cycleDelta, h.cycleFrozen, h.instretDelta, h.instretFrozen);
  return new Uint32Array(Float64Array.from(vals).buffer);
}
