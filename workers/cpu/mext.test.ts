import { describe, expect, it } from 'vitest';
import { A, R, li, makeHart } from './test-utils';
import { mulh, mulhsu, mulhu } from './muldiv';

const { a0, a1, a2 } = R;

/** Execute one R-type M instruction on (a, b) and return rd as int32. */
function op(enc: (rd: number, a: number, b: number) => number, a: number, b: number): number {
  const { hart } = makeHart([...li(a0, a), ...li(a1, b), enc(a2, a0, a1)]);
  hart.run(5);
  return hart.x[a2];
}

const big = (v: number): bigint => BigInt.asIntN(32, BigInt(v | 0));
const ubig = (v: number): bigint => BigInt.asUintN(32, BigInt(v | 0));
const hi = (p: bigint): number => Number(BigInt.asIntN(32, p >> 32n));

describe('M extension', () => {
  it('MUL keeps the low 32 bits', () => {
    expect(op(A.mul, 0x12345678, 0x9abcdef0) >>> 0).toBe(
      Number(BigInt.asUintN(32, 0x12345678n * 0x9abcdef0n)),
    );
    expect(op(A.mul, -1, -1)).toBe(1);
  });

  it('MULH/MULHSU/MULHU agree with 64-bit BigInt products on edge values', () => {
    const vals = [
      0,
      1,
      -1,
      2,
      0x7fffffff,
      -0x80000000,
      0x12345678,
      -0x12345678,
      0xffff,
      0x10000,
      0x9abcdef0 | 0,
    ];
    for (const a of vals) {
      for (const b of vals) {
        expect(mulh(a, b)).toBe(hi(big(a) * big(b)));
        expect(mulhsu(a, b)).toBe(hi(big(a) * ubig(b)));
        expect(mulhu(a, b)).toBe(hi(ubig(a) * ubig(b)));
      }
    }
    expect(op(A.mulh, -0x80000000, -0x80000000)).toBe(0x40000000);
    expect(op(A.mulhsu, -1, -1)).toBe(-1);
    expect(op(A.mulhu, -1, -1)).toBe(-2);
  });

  it('division by zero: quotient all ones, remainder the dividend', () => {
    expect(op(A.div, 7, 0)).toBe(-1);
    expect(op(A.divu, 7, 0)).toBe(-1);
    expect(op(A.rem, -7, 0)).toBe(-7);
    expect(op(A.remu, -7, 0)).toBe(-7);
  });

  it('signed overflow: -2^31 / -1 = -2^31 remainder 0', () => {
    expect(op(A.div, -0x80000000, -1)).toBe(-0x80000000);
    expect(op(A.rem, -0x80000000, -1)).toBe(0);
  });

  it('division rounds toward zero; remainder takes the dividend sign', () => {
    expect(op(A.div, -7, 2)).toBe(-3);
    expect(op(A.rem, -7, 2)).toBe(-1);
    expect(op(A.div, 7, -2)).toBe(-3);
    expect(op(A.rem, 7, -2)).toBe(1);
    expect(op(A.divu, -1, 3) >>> 0).toBe(0x55555555);
    expect(op(A.remu, -1, 10)).toBe(5);
    expect(op(A.divu, -0x80000000, -1)).toBe(0);
  });
});
