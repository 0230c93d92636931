import { describe, expect, it } from 'vitest';
import { MAX_LAG_NS, Pacer } from './pacer';

describe('Pacer', () => {
  it('real time: runs just enough for simulated time to meet the wall clock', () => {
    const p = new Pacer('realtime');
    p.anchor(1000, 0);
    expect(p.budget(1001, 0).insns).toBe(100_000); // 1 ms = 100k instructions at 100 MHz
    const ahead = p.budget(1001, 2_000_000);
    expect(ahead.insns).toBe(0);
    expect(ahead.waitMs).toBeGreaterThan(0);
  });
  it('real time: catches up at most MAX_LAG_NS after a stall', () => {
    const p = new Pacer('realtime');
    p.ips = 1e12; // never limited by the slice cap here
    p.anchor(0, 0);
    expect(p.budget(60_000, 0).insns).toBe(MAX_LAG_NS / 10);
  });
  it('max: sizes slices from the measured speed', () => {
    const p = new Pacer('max');
    p.ips = 10_000_000;
    expect(p.budget(0, 0).insns).toBe(100_000);
    p.measured(1_000_000, 10); // 100 MIPS
    expect(p.ips).toBeGreaterThan(10_000_000);
  });
  it('slow motion: N instructions per wall second', () => {
    const p = new Pacer({ slowIps: 10 });
    p.anchor(0, 0);
    expect(p.budget(50, 0).insns).toBe(0);
    expect(p.budget(150, 0).insns).toBe(1);
    expect(p.budget(1150, 0).insns).toBe(10);
  });
});
