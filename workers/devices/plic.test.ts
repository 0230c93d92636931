import { describe, expect, it } from 'vitest';
import { Plic, PLIC_CLAIM, PLIC_CONTEXT, PLIC_CONTEXT_STRIDE, PLIC_ENABLE, PLIC_PENDING } from './plic';

function setup(): { plic: Plic; out: boolean[] } {
  const out = [false, false];
  const plic = new Plic((ctx, level) => (out[ctx] = level));
  return { plic, out };
}
const claimReg = (ctx: number): number => PLIC_CONTEXT + ctx * PLIC_CONTEXT_STRIDE + PLIC_CLAIM;
const thrReg = (ctx: number): number => PLIC_CONTEXT + ctx * PLIC_CONTEXT_STRIDE;

describe('plic', () => {
  it('a raised line becomes pending; output needs enable and priority > threshold', () => {
    const { plic, out } = setup();
    plic.line(10).set(true);
    expect(plic.read(PLIC_PENDING, 4)).toBe(1 << 10);
    expect(out).toEqual([false, false]);
    plic.write(PLIC_ENABLE + 0x80, 4, 1 << 10); // S context
    expect(out[1]).toBe(false); // priority 0 never interrupts
    plic.write(4 * 10, 4, 1);
    expect(out).toEqual([false, true]);
    plic.write(thrReg(1), 4, 1);
    expect(out[1]).toBe(false);
    plic.write(thrReg(1), 4, 0);
    expect(out[1]).toBe(true);
  });

  it('claim returns the highest priority, ties to the lowest id; complete re-arms a high line', () => {
    const { plic, out } = setup();
    for (const s of [1, 2, 10]) plic.write(4 * s, 4, s === 2 ? 5 : 3);
    plic.write(PLIC_ENABLE, 4, (1 << 1) | (1 << 2) | (1 << 10));
    plic.line(10).set(true);
    plic.line(1).set(true);
    plic.line(2).set(true);
    expect(out[0]).toBe(true);
    expect(plic.read(claimReg(0), 4)).toBe(2);
    expect(plic.read(claimReg(0), 4)).toBe(1);
    expect(plic.read(claimReg(0), 4)).toBe(10);
    expect(plic.read(claimReg(0), 4)).toBe(0);
    expect(out[0]).toBe(false);
    expect(plic.read(PLIC_PENDING, 4)).toBe(0);
    plic.line(1).set(false);
    plic.write(claimReg(0), 4, 1); // line low: stays idle
    plic.write(claimReg(0), 4, 10); // line still high: pending again
    expect(plic.read(PLIC_PENDING, 4)).toBe(1 << 10);
    expect(out[0]).toBe(true);
  });

  it('a claimed source is not pending again until completed', () => {
    const { plic } = setup();
    plic.write(4 * 3, 4, 1);
    plic.write(PLIC_ENABLE, 4, 1 << 3);
    plic.line(3).set(true);
    expect(plic.read(claimReg(0), 4)).toBe(3);
    plic.line(3).set(false);
    plic.line(3).set(true);
    expect(plic.read(PLIC_PENDING, 4)).toBe(0);
    plic.write(claimReg(0), 4, 3);
    expect(plic.read(PLIC_PENDING, 4)).toBe(1 << 3);
  });

  it('contexts are independent and source 0 / bit 0 are hardwired to zero', () => {
    const { plic, out } = setup();
    plic.write(PLIC_ENABLE, 4, 0xffffffff);
    expect(plic.read(PLIC_ENABLE, 4)).toBe(0xfffffffe);
    plic.write(0, 4, 7);
    expect(plic.read(0, 4)).toBe(0);
    plic.write(4 * 5, 4, 0xff);
    expect(plic.read(4 * 5, 4)).toBe(7);
    plic.line(5).set(true);
    expect(out).toEqual([true, false]);
    expect(plic.read(claimReg(1), 4)).toBe(0);
    expect(() => plic.line(0)).toThrow(RangeError);
  });

  it('decodes only its registers and round-trips a snapshot', () => {
    const { plic } = setup();
    expect(plic.read(0x300000, 4)).toBe(-1);
    expect(plic.read(PLIC_CONTEXT + 8, 4)).toBe(-1);
    plic.write(4 * 7, 4, 2);
    plic.write(PLIC_ENABLE + 0x80, 4, 1 << 7);
    plic.line(7).set(true);
    const other = setup();
    other.plic.restore(structuredClone(plic.snapshot()));
    expect(other.out[1]).toBe(true);
    expect(other.plic.read(claimReg(1), 4)).toBe(7);
  });
});
