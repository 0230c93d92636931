// Millions of random instruction words with random interrupts, privilege levels and page
// tables: the hart must never throw, pc must stay a valid aligned address, and the same
// seed must reach the same state twice.

import { describe, expect, it } from 'vitest';
import { makeHart, prng } from './test-utils';
import { RAM_BASE } from '../machine/memmap';
import { MIP_MEIP, MIP_MSIP, MIP_MTIP, MIP_SEIP, PRV_M, PRV_S, PRV_U, SATP_MODE_SV32 } from './csr-defs';

const OPCODES = [0x03, 0x0f, 0x13, 0x17, 0x23, 0x2f, 0x33, 0x37, 0x63, 0x67, 0x6f, 0x73];
const RAM_BYTES = 1 << 20;
const LINES = [MIP_MEIP, MIP_MSIP, MIP_MTIP, MIP_SEIP];

/** A random word that is usually a plausible instruction (random fields, real opcode). */
function randomWord(rnd: () => number): number {
  const w = rnd();
  const r = rnd() & 15;
  if (r === 0) return w; // fully random
  const op = OPCODES[rnd() % OPCODES.length];
  let word = (w & ~0x7f) | op;
  if (op === 0x33 && r < 8) word = (word & 0x01ffffff) | ((r & 1) << 25); // base or M ops
  if (op === 0x73 && r < 6)
    word = (word & 0x000fffff) | ([0x300, 0x305, 0x341, 0x180, 0x304, 0x344][r] << 20);
  if ((op === 0x03 || op === 0x23) && r < 12) word = (word & ~(31 << 15)) | ((2 + (r & 1)) << 15); // sp/gp base
  return word >>> 0;
}

function simulate(seed: number, total: number): { words: Uint32Array; ram: number; steps: number } {
  const rnd = prng(seed);
  const { hart, bus } = makeHart([], RAM_BYTES);
  const ram32 = new Uint32Array(bus.ram.buffer, bus.ram.byteOffset, bus.ram.byteLength >>> 2);
  for (let i = 0; i < ram32.length; i++) ram32[i] = randomWord(rnd);
  const ramAddr = (): number => (RAM_BASE + (rnd() % RAM_BYTES)) & ~3;
  let steps = 0;
  while (steps < total) {
    // Random events between chunks.
    const ev = rnd() & 7;
    if (ev === 0) hart.pc = ramAddr() >>> 0;
    if (ev === 1) hart.setPending(LINES[rnd() & 3], (rnd() & 1) === 1);
    if (ev === 2) {
      hart.mtvec = ramAddr() | (rnd() & 1);
      hart.stvec = ramAddr() | (rnd() & 1);
    }
    if (ev === 3) {
      hart.priv = [PRV_U, PRV_S, PRV_M][rnd() % 3];
      hart.satp = rnd() & 1 ? SATP_MODE_SV32 | ((ramAddr() >>> 12) & 0x3fffff) : 0;
      hart.flushTlb();
    }
    if (ev === 4) {
      hart.x[2] = ramAddr();
      hart.x[3] = ramAddr();
      hart.mie = rnd() & 0xaaa;
      hart.mstatus = rnd() & 0x7e1aa;
      hart.flushTlb();
    }
    const budget = 1 + (rnd() % 20000);
    const before = hart.instret;
    const n = hart.run(budget);
    expect(n).toBeGreaterThanOrEqual(0);
    expect(n).toBeLessThanOrEqual(budget);
    expect(hart.instret - before).toBe(n);
    const pc = hart.pc;
    if (!(Number.isInteger(pc) && pc >= 0 && pc < 2 ** 32 && pc % 4 === 0)) throw new Error(`bad pc ${pc}`);
    expect(hart.x[0]).toBe(0);
    expect([PRV_U, PRV_S, PRV_M]).toContain(hart.priv);
    if (hart.wfi) {
      hart.mie |= MIP_MTIP;
      hart.setPending(MIP_MTIP, true); // wakes the hart
    }
    steps += n === 0 ? 1 : n;
  }
  let ram = 0;
  for (let i = 0; i < ram32.length; i++) ram = (Math.imul(ram, 31) + ram32[i]) | 0;
  return { words: hart.stateWords(), ram, steps };
}

describe('robustness', () => {
  it('2M random instructions: no host exception, valid pc; the same seed twice is identical', () => {
    const a = simulate(0x5eed, 2_000_000);
    const b = simulate(0x5eed, 2_000_000);
    expect(b.steps).toBe(a.steps);
    expect(Array.from(b.words)).toEqual(Array.from(a.words));
    expect(b.ram).toBe(a.ram);
    const c = simulate(0x5eee, 200_000);
    expect(Array.from(c.words)).not.toEqual(Array.from(a.words));
  });
});
