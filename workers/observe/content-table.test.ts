import { describe, expect, it } from 'vitest';
import { ContentTable, addPurgatory, findPurgatoryBlob } from './content-table';
import { parseElf32, PF_R, PF_W, PF_X } from './elf';
import { hashPageBytes } from './hash';
import { SymbolTable } from './symbols';
import { makeElf, pattern } from './testing';

describe('ContentTable', () => {
  const text1 = pattern(8192, 1);
  const data1 = pattern(100, 2);
  const k1 = parseElf32(
    makeElf(0xc040_0000, [
      { vaddr: 0xc040_0000, paddr: 0x8040_0000, data: text1, flags: PF_R | PF_X },
      { vaddr: 0xc040_2000, paddr: 0x8040_2000, data: data1, memsz: 0x3000, flags: PF_R | PF_W },
    ]),
  );
  const k2 = parseElf32(
    makeElf(0xc040_0000, [
      { vaddr: 0xc040_0000, paddr: 0x8040_0000, data: pattern(4096, 3), flags: PF_R | PF_X },
    ]),
  );
  const t = new ContentTable();
  t.addElf('kestrel-1.0', k1);
  t.addElf('kestrel-2.0', k2);

  it('knows every non-zero loadable page with its image, section and link address', () => {
    const m = t.lookup(hashPageBytes(text1.subarray(4096)));
    expect(m).toBeGreaterThanOrEqual(0);
    expect(t.matches[m].image).toBe('kestrel-1.0');
    expect(t.matches[m].vaddr).toBe(0xc040_1000);
    expect(t.kinds[t.matches[m].kind].label).toBe('kestrel-1.0 .text');
    const page = new Uint8Array(4096);
    page.set(data1);
    const d = t.lookup(hashPageBytes(page));
    expect(t.kinds[t.matches[d].kind].label).toBe('kestrel-1.0 .data');
  });
  it('does not know pages it was never given; zero pages are not images', () => {
    expect(t.lookup(hashPageBytes(pattern(4096, 99)))).toBe(-1);
    expect(t.matches.length).toBe(4); // 2 text + 1 data (bss zero pages skipped) + 1 of kestrel-2.0
  });
  it('prefers the image a page already held when two images share a page', () => {
    const s = new ContentTable();
    const same = pattern(4096, 7);
    s.addBlob('a', '.text', same, 0x1000);
    s.addBlob('b', '.text', same, 0x2000);
    const h = hashPageBytes(same);
    expect(s.matches[s.lookup(h)].image).toBe('a');
    expect(s.matches[s.lookup(h, 'b')].image).toBe('b');
  });
  it('names code inside a page that as a whole matches nothing, by its 32-byte window', () => {
    const s = new ContentTable();
    const code = pattern(8192, 11);
    s.addChunks('kestrel-2.0', code, 0xc040_0000);
    s.addChunks('kestrel-1.0', pattern(8192, 12), 0xc040_0000);
    const half = pattern(4096, 13); // a half-copied page: new code in its first half only
    half.set(code.subarray(4096, 6144), 0);
    expect(s.locateChunk(half, 0x124)).toEqual({ image: 'kestrel-2.0', vaddr: 0xc040_1124 });
    expect(s.locateChunk(half, 0x900)).toBeNull();
  });
  it('lets neighbouring windows decide between images that share a window', () => {
    const s = new ContentTable();
    const a = pattern(256, 21);
    const b = pattern(256, 22);
    b.set(a.subarray(64, 96), 64); // the same 32 bytes at the same offset in both
    s.addChunks('a', a, 0x1000);
    s.addChunks('b', b, 0x2000);
    const page = new Uint8Array(4096);
    page.set(b, 0);
    expect(s.locateChunk(page, 70)).toEqual({ image: 'b', vaddr: 0x2046 });
  });
  it('finds a purgatory blob between _start/_end symbols inside a kernel', () => {
    const blob = pattern(6000, 5);
    const img = new Uint8Array(8192);
    img.set(blob, 0x100);
    const k = parseElf32(
      makeElf(0xc040_0000, [{ vaddr: 0xc040_0000, paddr: 0x8040_0000, data: img, flags: PF_R }]),
    );
    const syms = SymbolTable.parse(`c0400100 R purgatory_start\nc0401870 R purgatory_end\n`);
    const found = findPurgatoryBlob(k, syms);
    expect(found?.bytes.length).toBe(6000);
    const s = new ContentTable();
    addPurgatory(s, found!);
    expect(s.kinds[s.matches[s.lookup(hashPageBytes(blob.subarray(0, 4096)))].kind].image).toBe('purgatory');
    expect(findPurgatoryBlob(k, SymbolTable.parse('c0400000 T _start\n'))).toBeNull();
  });
});
