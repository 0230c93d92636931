import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareImages } from './test-guest-repro';

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'repro-'));
  mkdirSync(d, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(d, name), text);
  return d;
}

describe('compareImages', () => {
  it('accepts identical directories', () => {
    expect(
      compareImages(dir({ 'a.elf': 'abc', 'disk.img': 'xyz' }), dir({ 'a.elf': 'abc', 'disk.img': 'xyz' })),
    ).toEqual([]);
  });

  it('names the file and the first differing byte', () => {
    expect(compareImages(dir({ 'a.elf': 'abcd' }), dir({ 'a.elf': 'abXd' }))).toEqual([
      'a.elf: differs from byte 0x2 on',
    ]);
  });

  it('reports size changes, missing and stale files', () => {
    const problems = compareImages(
      dir({ 'a.elf': 'abc', 'old.sym': '1' }),
      dir({ 'a.elf': 'abcd', 'new.sym': '2' }),
    );
    expect(problems).toEqual([
      'a.elf: 3 bytes committed, 4 bytes built',
      'new.sym: built but not in public/images',
      'old.sym: in public/images but not built',
    ]);
  });
});
