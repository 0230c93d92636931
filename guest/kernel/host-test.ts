// Shared by the kernel's host unit tests (*.test.ts beside *_test.c): builds kernel C
// files with the host gcc (-DKESTREL_HOST_TEST, ASan + UBSan, -Werror), runs the program
// and checks that it printed "ok <name>" for exactly the expected cases, in order.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const guestDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Compiles sources (absolute paths) and returns the program's stdout; throws on failure. */
export function buildAndRunHostTest(sources: string[]): string {
  if (spawnSync('gcc', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new Error('gcc not found: the kernel host tests need it (apt-get install gcc)');
  }
  const workDir = mkdtempSync(join(tmpdir(), 'kestrel-host-test-'));
  const binary = join(workDir, basename(sources[0], '.c'));
  try {
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
        ...sources,
        '-o',
        binary,
      ],
      { stdio: 'pipe' },
    );
    const r = spawnSync(binary, [], { encoding: 'utf8' });
    if (r.status !== 0)
      throw new Error(`${basename(binary)} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    return r.stdout;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

/** One Vitest suite: the C cases of sources, each as its own test. */
export function describeHostTest(title: string, sources: string[], cases: string[]): void {
  describe(title, () => {
    let output = '';
    let error: unknown = null;
    try {
      output = buildAndRunHostTest(sources);
    } catch (e) {
      error = e;
    }

    it('builds, runs and passes exactly the known cases', () => {
      if (error) throw error;
      const ran = output
        .split('\n')
        .filter((l) => l.startsWith('ok '))
        .map((l) => l.slice(3));
      expect(ran).toEqual(cases);
    });

    for (const name of cases) {
      it(name, () => {
        if (error) throw error;
        expect(output.split('\n')).toContain(`ok ${name}`);
      });
    }
  });
}
