import { describe, expect, it } from 'vitest';
import { A, R, li, makeHart, peek } from './test-utils';
import { RAM_BASE } from '../machine/memmap';
import { HART_AREA_BYTES, WRITER_CPU } from './bus';
import { Hart } from './hart';
import { EXIT_ARG, EXIT_LEFT, EXIT_PC, ROM_PAGE, TLB_LOAD, TLB_STORE } from './state';

const { a0, a1, t0, t1 } = R;
const DATA = RAM_BASE + 0x2000; // RAM page 2

/** A loop storing a word, a half and a byte to DATA forever (every store after the first hits the TLB). */
function storeLoop(): number[] {
  return [
    ...li(a0, DATA),
    ...li(t0, 0x1234_5678),
    A.sw(t0, a0, 0), // loop:
    A.sh(t0, a0, 8),
    A.sb(t0, a0, 12),
    A.addi(t1, t1, 1),
    A.jal(0, -16),
  ];
}

describe('execute(): the hot loop', () => {
  it('uses the hart-area layout of state.ts (its literal numbers match the named constants)', () => {
    expect([TLB_LOAD, TLB_STORE, EXIT_PC, EXIT_LEFT, EXIT_ARG]).toEqual([32, 544, 1568, 1569, 1570]);
    expect(ROM_PAGE).toBeGreaterThanOrEqual(4 * (EXIT_ARG + 1));
    expect(ROM_PAGE + 4096).toBeLessThanOrEqual(HART_AREA_BYTES);
  });

  it('sub-word loads and stores through the TLB agree with byte order in RAM', () => {
    const { hart, bus } = makeHart([
      ...li(a0, DATA),
      ...li(t0, 0x8081_f2f3),
      A.sw(t0, a0, 0), // misses the TLB
      A.sb(t0, a0, 5), // hits from here on
      A.sh(t0, a0, 10),
      A.lb(a1, a0, 1),
      A.lbu(t1, a0, 3),
    ]);
    hart.run(9);
    expect(peek(bus, DATA)).toBe(0x8081_f2f3);
    expect(peek(bus, DATA + 4)).toBe(0xf3 << 8);
    expect(peek(bus, DATA + 8)).toBe(0xf2f3_0000);
    expect([hart.x[a1], hart.x[t1]]).toEqual([-14, 0x80]);
  });

  it('registers, TLBs and RAM share one buffer: RAM starts HART_AREA_BYTES in', () => {
    const { hart, bus } = makeHart();
    expect(bus.ram.byteOffset).toBe(HART_AREA_BYTES);
    expect(hart.mem.buffer).toBe(bus.ram.buffer);
    hart.x[5] = 77;
    expect(hart.mem[5]).toBe(77);
    expect(() => new Hart(bus)).toThrow(/one hart per RAM/);
    const plain = {
      ...bus,
      ram: new Uint8Array(4096),
      mmioRead: () => -1,
      mmioWrite: () => false,
      mtime: () => 0,
    };
    expect(() => new Hart(plain)).toThrow(/allocateRam/);
  });

  it('marks a page WRITER_CPU again after someone else changed its writer and flushed the store TLB', () => {
    const { hart, bus } = makeHart(storeLoop());
    const page = (DATA - RAM_BASE) >>> 12;
    hart.run(200);
    expect(bus.pageWriter[page]).toBe(WRITER_CPU);
    // The observer clears the byte (or a device writes it by DMA) and flushes, as the contract says.
    bus.pageWriter[page] = 0;
    hart.flushStoreTlb();
    hart.run(50);
    expect(bus.pageWriter[page]).toBe(WRITER_CPU);
    // Without the flush, stores that hit do not write the byte (that is the contract's point).
    bus.pageWriter[page] = 0;
    hart.run(50);
    expect(bus.pageWriter[page]).toBe(0);
  });
});
