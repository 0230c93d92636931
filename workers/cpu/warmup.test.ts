import { describe, expect, it } from 'vitest';
import { Hart } from './hart';
import { ALL_CSRS, warmUp } from './warmup';
import { csrRead } from './csr';
import type { Bus } from './bus';

/** Run a warm-up on a fresh scratch hart and report what it went through. */
function observe(): { hart: Hart; bus: Bus; causes: Set<number>; waits: number } {
  let hart: Hart | null = null;
  let bus: Bus | null = null;
  const causes = new Set<number>();
  let waits = 0;
  warmUp((scratch) => {
    bus = scratch;
    const h = new Hart(scratch);
    const run = h.run.bind(h);
    h.run = (n: number): number => {
      const k = run(n);
      if (h.lastTrap) causes.add(h.lastTrap.cause);
      if (h.wfi && k < n) waits++; // stopped in WFI, nothing to wake it
      return k;
    };
    hart = h;
    return h;
  });
  if (hart === null || bus === null) throw new Error('warmUp made no hart');
  return { hart, bus, causes, waits };
}

describe('JIT warm-up', () => {
  it('runs its steps through many paths: traps of several kinds, stores into RAM, several code pages', () => {
    const { hart, bus, causes } = observe();
    expect(hart.instret).toBeGreaterThanOrEqual(100_000);
    for (const cause of [0, 1, 2, 4, 6]) expect(causes).toContain(cause);
    expect(bus.pageWriter.some((w) => w !== 0)).toBe(true);
    expect(bus.pageExec.filter((e) => e !== 0).length).toBeGreaterThanOrEqual(3);
  });

  it('takes interrupts in M-mode and, delegated, in S-mode, and waits in WFI', () => {
    const { causes, waits } = observe();
    expect(causes).toContain(0x8000_0007); // machine timer
    expect(causes).toContain(0x8000_0005); // supervisor timer
    expect(waits).toBeGreaterThanOrEqual(2);
  });

  it('ends in a trap-free loop whose loads and stores of every width hit the TLB', () => {
    const { hart, bus } = observe();
    const i = hart.instret;
    const trapsBefore = hart.lastTrap;
    hart.run(1000);
    expect(hart.instret - i).toBe(1000);
    expect(hart.lastTrap).toBe(trapsBefore); // no trap taken in those 1000 steps
    // The loop stores bytes, halves and words at DATA + 64..: the values it loaded.
    const data = new DataView(bus.ram.buffer, bus.ram.byteOffset + 0x8000);
    expect(data.getUint8(64)).toBe(data.getUint8(0));
    expect(data.getUint16(72, true)).toBe(data.getUint16(8, true));
    expect(data.getUint32(80, true)).toBe(data.getUint32(16, true));
    // The load and store TLBs hold DATA's page (vpn 0x80008).
    const tags = Array.from(hart.mem.subarray(32, 32 + 4 * 256)).filter((_, k) => k % 2 === 0);
    expect(tags.filter((t) => t === 0x80008).length).toBe(2);
  });

  it('translates through Sv32 in S-mode: page faults of every kind, A and D written back', () => {
    const { bus, causes } = observe();
    for (const cause of [12, 13, 15]) expect(causes).toContain(cause);
    // The second-level table (RAM + 0xf000) maps the page after DATA without A and D;
    // the walk set both (a load and a store went through it).
    const pte = new DataView(bus.ram.buffer, bus.ram.byteOffset).getUint32(0xf000 + 4 * 9, true);
    expect(pte & 0xc0).toBe(0xc0);
    expect(pte >>> 10).toBe(0x80009);
  });

  it('is deterministic (same final state every time)', () => {
    const a = observe().hart.stateWords();
    const b = observe().hart.stateWords();
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('knows every CSR the hart implements (each has a path of its own to warm up)', () => {
    const { hart: h } = observe();
    h.priv = 3;
    const pmp = (c: number) => (c >= 0x3a0 && c < 0x3a4) || (c >= 0x3b0 && c < 0x3c0);
    const implemented: number[] = [];
    for (let c = 0; c < 0x1000; c++) if (csrRead(h, c) !== undefined && !pmp(c)) implemented.push(c);
    expect([...ALL_CSRS].filter((c) => !pmp(c)).sort((a, b) => a - b)).toEqual(implemented);
  });
});
