import { describe, expect, it } from 'vitest';
import { StateHasher } from './hash';

const hashOf = (u8: Uint8Array): string => new StateHasher().bytes(u8).hex();

describe('state hash', () => {
  it('is stable and 64 bits of hex', () => {
    const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) & 0xff);
    expect(hashOf(data)).toBe(hashOf(data.slice()));
    expect(hashOf(data)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('changes when any single bit of the input changes', () => {
    const data = new Uint8Array(257);
    const base = hashOf(data);
    const seen = new Set([base]);
    for (const at of [0, 1, 3, 4, 128, 255, 256]) {
      for (const bit of [0, 7]) {
        const d = data.slice();
        d[at] ^= 1 << bit;
        seen.add(hashOf(d));
      }
    }
    expect(seen.size).toBe(1 + 7 * 2);
  });

  it('tells apart inputs that differ only in length or in the kind of value', () => {
    expect(hashOf(new Uint8Array(8))).not.toBe(hashOf(new Uint8Array(9)));
    expect(new StateHasher().string('ab').hex()).not.toBe(new StateHasher().string('ba').hex());
    expect(new StateHasher().number(2 ** 40).hex()).not.toBe(new StateHasher().number(0).hex());
    expect(new StateHasher().bytes(new Uint8Array(9).subarray(1)).hex()).toBe(hashOf(new Uint8Array(8)));
  });
});
