// Runs kimage.c's host test (kimage_test.c) under Vitest: gcc builds the
// very same list and allocation code against a mock page allocator, and
// every C test case becomes one Vitest case. Fails loudly without gcc.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const guestDir = resolve(here, '../..');
const workDir = mkdtempSync(join(tmpdir(), 'kimage-test-'));
const binary = join(workDir, 'kimage_test');

function haveGcc(): boolean {
  return spawnSync('gcc', ['--version'], { stdio: 'ignore' }).status === 0;
}

/* The C cases; the first test checks that the program lists exactly these. */
const CASES = [
  'entry_list',
  'destination_overlaps_running_kernel',
  'source_is_own_destination',
  'swap_into_own_destination',
  'control_page',
  'segment_checks',
  'out_of_memory',
];

describe('kimage (host build of guest/kernel/kexec/kimage.c)', () => {
  beforeAll(() => {
    if (!haveGcc()) {
      const msg =
        '\n\n*** kimage.test.ts: gcc NOT FOUND: the kimage host tests cannot run. Install gcc. ***\n\n';
      console.error(msg);
      throw new Error(msg);
    }
    execFileSync(
      'gcc',
      [
        '-std=gnu11',
        '-O1',
        '-Wall',
        '-Wextra',
        '-Werror',
        '-DKIMAGE_HOST_TEST',
        `-I${guestDir}`,
        join(here, 'kimage.c'),
        join(here, 'kimage_test.c'),
        '-o',
        binary,
      ],
      { stdio: 'pipe' },
    );
  });

  afterAll(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  it('the C program lists exactly the cases run here', () => {
    const listed = execFileSync(binary, ['list'], { encoding: 'utf8' }).trim().split('\n');
    expect(listed).toEqual(CASES);
  });

  for (const name of CASES) {
    it(name, () => {
      const run = spawnSync(binary, [name], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe('1 test(s), 0 failure(s)');
      expect(run.status).toBe(0);
    });
  }
});
