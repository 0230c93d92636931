import { describe, expect, it } from 'vitest';
import { ElfError, loadElf, parseElf } from './elf';
import { makeElf } from './test-asm';

const RAM = 0x8000_0000;

function good(): Uint8Array {
  return makeElf({
    entry: RAM + 4,
    segments: [
      { paddr: RAM, data: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8), memsz: 16 },
      { paddr: RAM + 0x1000, vaddr: 0xc000_1000, data: Uint8Array.of(9, 9) },
    ],
    symbols: { tohost: RAM + 0x1000, _start: RAM },
  });
}

describe('elf loader', () => {
  it('parses entry, segments by p_paddr and symbols', () => {
    const img = parseElf(good());
    expect(img.entry).toBe(RAM + 4);
    expect(img.segments.map((s) => [s.paddr, s.vaddr, s.memsz])).toEqual([
      [RAM, RAM, 16],
      [RAM + 0x1000, 0xc000_1000, 2],
    ]);
    expect(img.symbols.get('tohost')).toBe(RAM + 0x1000);
    expect(img.symbols.get('_start')).toBe(RAM);
    expect(img.symbols.get('nothing')).toBeUndefined();
  });

  it('loads at the physical address and zero-fills the bss part', () => {
    const ram = new Uint8Array(0x2000).fill(0xee);
    loadElf(parseElf(good()), ram, RAM);
    expect([...ram.subarray(0, 17)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0xee]);
    expect([...ram.subarray(0x1000, 0x1003)]).toEqual([9, 9, 0xee]);
  });

  it('refuses segments outside RAM, without writing anything', () => {
    const ram = new Uint8Array(0x1000);
    expect(() => loadElf(parseElf(good()), ram, RAM)).toThrow(/outside RAM/);
    expect(ram.every((x) => x === 0)).toBe(true);
  });

  it.each([
    ['short', (f: Uint8Array) => f.subarray(0, 20), /shorter than an ELF header/],
    ['magic', (f: Uint8Array) => ((f[1] = 0x46), f), /bad magic/],
    ['class', (f: Uint8Array) => ((f[4] = 2), f), /32-bit/],
    ['endian', (f: Uint8Array) => ((f[5] = 2), f), /little endian/],
    ['machine', (f: Uint8Array) => ((f[18] = 62), f), /not RISC-V/],
    ['type', (f: Uint8Array) => ((f[16] = 3), f), /ET_EXEC/],
    ['no phdrs', (f: Uint8Array) => ((f[44] = 0), f), /no program headers/],
    ['phdrs past end', (f: Uint8Array) => ((f[29] = 0x10), f), /program header table/],
    ['filesz > memsz', (f: Uint8Array) => ((f[52 + 20] = 4), f), /p_filesz 8 > p_memsz 4/],
    ['data past end', (f: Uint8Array) => ((f[52 + 5] = 0x40), f), /run past the end/],
  ])('rejects a malformed file: %s', (_name, corrupt, message) => {
    const f = corrupt(good().slice());
    expect(() => parseElf(f)).toThrow(ElfError);
    expect(() => parseElf(f)).toThrow(message);
  });
});
