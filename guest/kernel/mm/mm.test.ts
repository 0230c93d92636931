// Runs mm_test.c under Vitest: gcc builds memblock.c, page_alloc.c and slab.c for the
// host (-DKESTREL_HOST_TEST: __va/__pa map into a simulated RAM buffer), with the
// address and undefined-behaviour sanitizers, and every C case must print "ok <name>".
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const guestDir = resolve(here, '../..');
const workDir = mkdtempSync(join(tmpdir(), 'kestrel-mm-test-'));
const binary = join(workDir, 'mm_test');

const CASES = [
  'memblock_merge',
  'memblock_free_ranges',
  'memblock_alloc_top_down',
  'page_alloc',
  'page_alloc_exhaustion',
  'kmalloc',
];

function buildAndRun(): string {
  if (spawnSync('gcc', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new Error('gcc not found: the mm host tests need it (apt-get install gcc)');
  }
  execFileSync(
    'gcc',
    [
      '-std=gnu11',
      '-O1',
      '-g',
      '-fsanitize=address,undefined',
      '-fno-sanitize-recover=all',
      '-Wall',
      '-Wextra',
      '-Werror',
      '-DKESTREL_HOST_TEST',
      `-I${guestDir}`,
      ...['mm_test.c', 'memblock.c', 'page_alloc.c', 'slab.c'].map((f) => join(here, f)),
      '-o',
      binary,
    ],
    { stdio: 'pipe' },
  );
  const r = spawnSync(binary, [], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mm_test failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

describe('memblock, page allocator and kmalloc (host build of guest/kernel/mm)', () => {
  const output = buildAndRun();

  afterAll(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  it('runs exactly the known cases', () => {
    const ran = output
      .split('\n')
      .filter((l) => l.startsWith('ok '))
      .map((l) => l.slice(3));
    expect(ran).toEqual(CASES);
  });

  for (const name of CASES) {
    it(name, () => {
      expect(output.split('\n')).toContain(`ok ${name}`);
    });
  }
});
