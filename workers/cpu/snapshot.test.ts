import { describe, expect, it } from 'vitest';
import { A, R, li, makeHart } from './test-utils';
import { RAM_BASE } from '../machine/memmap';
import * as C from './csr-defs';

const { a0, a1, t0 } = R;

// A loop that counts in a0, stores it, and reads mcycle: state changes every iteration.
const LOOP = [
  ...li(t0, RAM_BASE + 0x1000),
  A.addi(a0, a0, 1),
  A.sw(a0, t0, 0),
  A.csrrs(a1, C.CSR_MCYCLE, 0),
  A.jal(0, -12),
];

describe('snapshot and reset', () => {
  it('a restored snapshot (after structuredClone) continues exactly like the original', () => {
    const one = makeHart(LOOP);
    one.hart.mscratch = 0x1234;
    one.hart.setPending(C.MIP_MEIP, true);
    one.hart.run(1001);
    const snap = structuredClone(one.hart.snapshot());
    const two = makeHart([]);
    two.bus.ram.set(one.bus.ram);
    two.hart.restore(snap);
    expect(Array.from(two.hart.stateWords())).toEqual(Array.from(one.hart.stateWords()));
    one.hart.run(500);
    two.hart.run(500);
    expect(Array.from(two.hart.stateWords())).toEqual(Array.from(one.hart.stateWords()));
    expect(two.hart.x[a0]).toBe(one.hart.x[a0]);
    expect(snap.csr.mscratch).toBe(0x1234);
    expect(snap.csr.mipHw).toBe(C.MIP_MEIP);
  });

  it('stateWords changes when any register changes', () => {
    const { hart } = makeHart([]);
    const before = Array.from(hart.stateWords());
    hart.x[31] = 1;
    expect(Array.from(hart.stateWords())).not.toEqual(before);
  });

  it('reset returns to M-mode at the given pc with CSRs cleared; instret keeps counting', () => {
    const { hart } = makeHart(LOOP);
    hart.satp = C.SATP_MODE_SV32;
    hart.priv = C.PRV_M;
    hart.mstatus = C.MSTATUS_MIE;
    hart.run(10);
    hart.reset(0x1000);
    expect(hart.pc).toBe(0x1000);
    expect(hart.priv).toBe(C.PRV_M);
    expect(hart.satp).toBe(0);
    expect(hart.mstatus).toBe(0);
    expect(hart.x[a0]).toBe(0);
    expect(hart.instret).toBe(10);
    expect(hart.lastTrap).toBeNull();
  });
});
