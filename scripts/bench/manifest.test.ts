// The ISA test manifest must describe exactly the programs on disk, once each, and the
// README's table must name every one of them.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseManifest } from './outcome';

const SRC = fileURLToPath(new URL('../../guest/isa-tests', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'common' || e.name === 'include' ? [] : sources(p);
    return e.name.endsWith('.S') ? [relative(SRC, p)] : [];
  });
}

describe('guest/isa-tests/manifest.json', () => {
  const manifest = parseManifest(readFileSync(join(SRC, 'manifest.json'), 'utf8'));

  it('lists every program once, and only programs that exist', () => {
    expect(manifest.map((p) => p.source).sort()).toEqual(sources(SRC).sort());
    expect(new Set(manifest.map((p) => p.name)).size).toBe(manifest.length);
    for (const p of manifest) expect(existsSync(join(SRC, p.source))).toBe(true);
  });

  it('has a program that must fail, so that the suite can fail', () => {
    expect(manifest.some((p) => p.expect !== 'pass')).toBe(true);
  });

  it('is mirrored by the README table', () => {
    const readme = readFileSync(join(SRC, 'README.md'), 'utf8');
    for (const p of manifest) expect(readme).toContain(`| \`${p.source}\` |`);
  });
});
