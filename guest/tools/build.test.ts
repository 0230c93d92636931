import { describe, expect, it } from 'vitest';
import { CFLAGS, sources, symbolFile } from './build';

describe('build helpers', () => {
  it('formats llvm-nm -n output as <8 hex> <type> <name>, dropping undefined symbols', () => {
    const nm = ['         U memcpy', '80000000 T _start', '8000a000 B fw_stack', '0 a abs', ''].join('\n');
    expect(symbolFile(nm)).toBe('80000000 T _start\n8000a000 B fw_stack\n00000000 a abs\n');
  });

  it('lists guest sources sorted, relative to the repository root', () => {
    const lib = sources('guest/lib', false);
    expect(lib).toContain('guest/lib/string.c');
    expect(lib).toEqual([...lib].sort());
    expect(lib.every((f) => /\.(c|S)$/.test(f))).toBe(true);
    expect(sources('guest/does-not-exist', true)).toEqual([]);
  });

  it('builds without debug info, which would make images differ between checkouts', () => {
    expect(CFLAGS.some((f) => f.startsWith('-g'))).toBe(false);
    expect(CFLAGS).toContain('-Wl,--build-id=none');
  });
});
