import { describe, expect, it } from 'vitest';
import { A, R, li, load, makeHart, peek } from './test-utils';
import { RAM_BASE } from '../machine/memmap';
import {
  CAUSE_LOAD_ACCESS,
  CAUSE_MISALIGNED_LOAD,
  CAUSE_MISALIGNED_STORE,
  CAUSE_STORE_ACCESS,
  CAUSE_ILLEGAL_INSTRUCTION,
} from './csr-defs';

const { a0, a1, a2, a3, t0 } = R;
const DATA = RAM_BASE + 0x1000;

function amoCase(f5: number, mem: number, src: number): { rd: number; mem: number } {
  const { hart, bus } = makeHart([...li(a0, DATA), ...li(a1, src), A.amo(f5, a2, a0, a1)]);
  load(bus, DATA, [mem]);
  hart.run(5);
  expect(hart.lastTrap).toBeNull();
  expect(bus.pageWriter[1]).toBe(1);
  return { rd: hart.x[a2], mem: peek(bus, DATA) | 0 };
}

describe('A extension', () => {
  it.each([
    ['amoswap', 0x01, 5, 9, 9],
    ['amoadd', 0x00, 0x7fffffff, 1, -0x80000000],
    ['amoxor', 0x04, 0b1100, 0b1010, 0b0110],
    ['amoand', 0x0c, 0b1100, 0b1010, 0b1000],
    ['amoor', 0x08, 0b1100, 0b1010, 0b1110],
    ['amomin', 0x10, -5, 3, -5],
    ['amomax', 0x14, -5, 3, 3],
    ['amominu', 0x18, -5, 3, 3],
    ['amomaxu', 0x1c, -5, 3, -5],
  ])('%s returns the old value and stores the result', (_name, f5, mem, src, result) => {
    expect(amoCase(f5, mem, src)).toEqual({ rd: mem, mem: result });
  });

  it('LR/SC: SC succeeds once after LR, fails without a reservation', () => {
    const { hart, bus } = makeHart([
      ...li(a0, DATA),
      A.addi(a1, 0, 77),
      A.lr(a2, a0),
      A.sc(a3, a0, a1), // succeeds: a3 = 0
      A.addi(a1, 0, 88),
      A.sc(t0, a0, a1), // reservation consumed: fails, t0 = 1
    ]);
    load(bus, DATA, [42]);
    hart.run(7);
    expect(hart.x[a2]).toBe(42);
    expect(hart.x[a3]).toBe(0);
    expect(hart.x[t0]).toBe(1);
    expect(peek(bus, DATA)).toBe(77);
  });

  it('SC fails after a trap between LR and SC', () => {
    // LR, ecall -> handler at +0x100 does mret to the SC.
    const code = [...li(a0, DATA), A.lr(a2, a0), A.ecall(), A.sc(a3, a0, a1)];
    const { hart, bus } = makeHart(code);
    hart.mtvec = RAM_BASE + 0x100;
    load(bus, RAM_BASE + 0x100, [A.csrrs(t0, 0x341, 0), A.addi(t0, t0, 4), A.csrrw(0, 0x341, t0), A.mret()]);
    hart.run(9);
    expect(hart.pc).toBe(RAM_BASE + 20);
    expect(hart.x[a3]).toBe(1);
  });

  it('misaligned LR raises cause 4, misaligned SC/AMO cause 6, with tval = address', () => {
    for (const [insn, cause] of [
      [A.lr(a2, a0), CAUSE_MISALIGNED_LOAD],
      [A.sc(a2, a0, a1), CAUSE_MISALIGNED_STORE],
      [A.amo(0, a2, a0, a1), CAUSE_MISALIGNED_STORE],
    ]) {
      const { hart } = makeHart([...li(a0, DATA + 2), insn]);
      hart.run(3);
      expect(hart.mcause).toBe(cause);
      expect(hart.mtval >>> 0).toBe(DATA + 2);
    }
  });

  it('AMOs outside RAM are access faults; bad funct5 or LR with rs2 is illegal', () => {
    const { hart } = makeHart([...li(a0, 0x1000_0000), A.amo(0x01, a2, a0, a1)]);
    hart.run(3);
    expect(hart.mcause).toBe(CAUSE_STORE_ACCESS);
    const lr = makeHart([...li(a0, 0x1000_0000), A.lr(a2, a0)]);
    lr.hart.run(3);
    expect(lr.hart.mcause).toBe(CAUSE_LOAD_ACCESS);
    for (const bad of [
      A.amo(0x05, a2, a0, a1),
      A.lr(a2, a0) | (1 << 20),
      A.amo(0x01, a2, a0, a1) ^ (1 << 12),
    ]) {
      const h = makeHart([...li(a0, DATA), bad]);
      h.hart.run(3);
      expect(h.hart.mcause).toBe(CAUSE_ILLEGAL_INSTRUCTION);
    }
  });
});
