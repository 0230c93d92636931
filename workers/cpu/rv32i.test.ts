import { describe, expect, it } from 'vitest';
import { A, R, li, load, makeHart, peek } from './test-utils';
import { RAM_BASE } from '../machine/memmap';
import { CAUSE_ILLEGAL_INSTRUCTION, CAUSE_MISALIGNED_FETCH } from './csr-defs';

const { a0, a1, a2, a3, t0, t1, ra } = R;

/** Run code from RAM_BASE for n steps and return the hart. */
function exec(code: number[], n = code.length) {
  const { hart, bus } = makeHart(code);
  hart.run(n);
  return { hart, bus, x: (r: number) => hart.x[r] };
}

describe('RV32I', () => {
  it('LUI, AUIPC, ADDI and x0 stays zero', () => {
    const { x, hart } = exec([
      A.lui(a0, 0x12345000),
      A.auipc(a1, 0x1000),
      A.addi(0, 0, 5),
      A.addi(a2, 0, -1),
    ]);
    expect(x(a0)).toBe(0x12345000);
    expect(x(a1) >>> 0).toBe(RAM_BASE + 4 + 0x1000);
    expect(hart.x[0]).toBe(0);
    expect(x(a2)).toBe(-1);
    expect(hart.pc).toBe(RAM_BASE + 16);
  });

  it('register-immediate ALU operations', () => {
    const { x } = exec([
      ...li(a0, -8),
      A.slti(a1, a0, 1),
      A.sltiu(a2, a0, 1),
      A.xori(a3, a0, -1),
      A.ori(t0, 0, 0x7ff),
      A.andi(t1, a0, 0xf0),
    ]);
    expect([x(a1), x(a2), x(a3), x(t0), x(t1)]).toEqual([1, 0, 7, 0x7ff, 0xf0]);
  });

  it('shifts by immediate and register', () => {
    const { x } = exec([
      ...li(a0, 0x80000010),
      A.slli(a1, a0, 4),
      A.srli(a2, a0, 4),
      A.srai(a3, a0, 4),
      A.addi(t0, 0, 33),
      A.sll(t1, a0, t0), // shift amount uses the low 5 bits
    ]);
    expect(x(a1) >>> 0).toBe(0x00000100);
    expect(x(a2) >>> 0).toBe(0x08000001);
    expect(x(a3) >>> 0).toBe(0xf8000001);
    expect(x(t1) >>> 0).toBe(0x00000020);
  });

  it('register-register ALU operations', () => {
    const { x } = exec([
      ...li(a0, 0x7fffffff),
      A.addi(a1, 0, 1),
      A.add(a2, a0, a1),
      A.sub(a3, a1, a0),
      A.slt(t0, a2, a1),
      A.sltu(t1, a2, a1),
      A.xor(ra, a0, a1),
    ]);
    expect(x(a2) >>> 0).toBe(0x80000000);
    expect(x(a3)).toBe(-0x7ffffffe);
    expect(x(t0)).toBe(1);
    expect(x(t1)).toBe(0);
    expect(x(ra)).toBe(0x7ffffffe);
    const r = exec([
      ...li(a0, -16),
      A.addi(a1, 0, 2),
      A.sra(a2, a0, a1),
      A.srl(a3, a0, a1),
      A.or(t0, a0, a1),
      A.and(t1, a0, a1),
    ]);
    expect([r.x(a2), r.x(a3) >>> 0, r.x(t0), r.x(t1)]).toEqual([-4, 0x3ffffffc, -14, 0]);
  });

  it('branches: taken and not taken, signed and unsigned', () => {
    // Each taken branch skips one "addi a0, a0, 1".
    const code = [
      A.addi(a1, 0, -1),
      A.addi(a2, 0, 1),
      A.beq(a1, a1, 8),
      A.addi(a0, a0, 1),
      A.bne(a1, a2, 8),
      A.addi(a0, a0, 1),
      A.blt(a1, a2, 8),
      A.addi(a0, a0, 1),
      A.bge(a2, a1, 8),
      A.addi(a0, a0, 1),
      A.bltu(a2, a1, 8),
      A.addi(a0, a0, 1),
      A.bgeu(a1, a2, 8),
      A.addi(a0, a0, 1),
      A.beq(a1, a2, 8),
      A.addi(a0, a0, 0x10), // not taken
      A.bltu(a1, a2, 8),
      A.addi(a0, a0, 0x10), // not taken
    ];
    const { x, hart } = exec(code, 12);
    expect(x(a0)).toBe(0x20);
    expect(hart.pc).toBe(RAM_BASE + 4 * code.length);
  });

  it('JAL and JALR link and jump (JALR clears bit 0)', () => {
    const { x, hart } = exec([A.jal(ra, 12), 0, 0, A.addi(t0, ra, 13), A.jalr(a0, t0, 0)], 3);
    expect(x(ra) >>> 0).toBe(RAM_BASE + 4);
    expect(x(a0) >>> 0).toBe(RAM_BASE + 20);
    expect(hart.pc).toBe(RAM_BASE + 16);
  });

  it('a jump to a misaligned target raises cause 0 on the jump, rd untouched', () => {
    const { hart } = makeHart([A.addi(t0, 0, 0x100), A.csrrw(0, 0x305, t0), A.addi(a0, 0, 7), A.jal(a0, 6)]);
    hart.run(4);
    expect(hart.mcause).toBe(CAUSE_MISALIGNED_FETCH);
    expect(hart.mtval >>> 0).toBe(RAM_BASE + 12 + 6);
    expect(hart.mepc >>> 0).toBe(RAM_BASE + 12);
    expect(hart.x[a0]).toBe(7);
    expect(hart.pc).toBe(0x100);
  });

  it('loads and stores of every width, sign- and zero-extended', () => {
    const { x, bus } = exec([
      ...li(a0, RAM_BASE + 0x800),
      ...li(a1, 0x8081f2f3),
      A.sw(a1, a0, 0),
      A.sh(a1, a0, 4),
      A.sb(a1, a0, 8),
      A.lb(a2, a0, 1),
      A.lbu(a3, a0, 1),
      A.lh(t0, a0, 2),
      A.lhu(t1, a0, 2),
      A.lw(ra, a0, 0),
    ]);
    expect(peek(bus, RAM_BASE + 0x800)).toBe(0x8081f2f3);
    expect(peek(bus, RAM_BASE + 0x804)).toBe(0xf2f3);
    expect(peek(bus, RAM_BASE + 0x808)).toBe(0xf3);
    expect([x(a2), x(a3), x(t0), x(t1), x(ra) >>> 0]).toEqual([-14, 0xf2, -32639, 0x8081, 0x8081f2f3]);
    expect(bus.pageWriter[0]).toBe(1);
    expect(bus.pageExec[0]).toBe(1);
  });

  it('FENCE and FENCE.I are no-ops; every fetch reads RAM as it is now', () => {
    // Overwrite the instruction after fence.i with "addi a0, x0, 42" and run it.
    const patch = A.addi(a0, 0, 42);
    const { hart } = makeHart([
      ...li(t0, patch),
      A.auipc(t1, 0),
      A.sw(t0, t1, 16),
      A.fence(),
      A.fencei(),
      A.addi(a0, 0, 1),
    ]);
    hart.run(7);
    expect(hart.x[a0]).toBe(42);
  });

  it('undefined encodings raise illegal instruction with the word in mtval', () => {
    for (const bad of [
      0,
      0xffffffff,
      A.slli(a0, a0, 0) | (1 << 25),
      A.add(a0, a0, a0) | (1 << 27),
      0x0000200f,
      0x00002067,
    ]) {
      const { hart, bus } = makeHart([]);
      load(bus, RAM_BASE, [bad >>> 0]);
      hart.run(1);
      expect(hart.mcause).toBe(CAUSE_ILLEGAL_INSTRUCTION);
      expect(hart.mtval >>> 0).toBe(bad >>> 0);
    }
  });
});
