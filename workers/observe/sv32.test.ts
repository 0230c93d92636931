import { describe, expect, it } from 'vitest';
import { translateSv32 } from './sv32';

describe('translateSv32', () => {
  const base = 0x8000_0000;
  const ram = new Uint8Array(1 << 20);
  const dv = new DataView(ram.buffer);
  const root = base + 0x1000;
  const l0 = base + 0x2000;
  // 0xC000_0000 -> 0x8000_0000 as a 4 MiB superpage (V R W X)
  dv.setUint32(0x1000 + (0xc000_0000 >>> 22) * 4, ((0x8000_0000 >>> 12) << 10) | 0xf, true);
  // 0x0040_1000 -> 0x8000_5000 through a second-level table
  dv.setUint32(0x1000 + 1 * 4, ((l0 >>> 12) << 10) | 1, true);
  dv.setUint32(0x2000 + 1 * 4, ((0x8000_5000 >>> 12) << 10) | 0xb, true);
  const satp = (0x8000_0000 | (root >>> 12)) >>> 0;

  it('passes addresses through when paging is off', () => {
    expect(translateSv32(ram, base, root >>> 12, 0x1234)).toBe(0x1234);
  });
  it('walks superpages and 4 KiB pages', () => {
    expect(translateSv32(ram, base, satp, 0xc012_3456)).toBe(0x8012_3456);
    expect(translateSv32(ram, base, satp, 0x0040_1abc)).toBe(0x8000_5abc);
  });
  it('reports unmapped addresses', () => {
    expect(translateSv32(ram, base, satp, 0x0040_2000)).toBe(-1);
    expect(translateSv32(ram, base, satp, 0x1000_0000)).toBe(-1);
  });
});
