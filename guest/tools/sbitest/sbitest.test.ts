// The firmware contract test on our emulator: the same firmware.elf that QEMU boots in
// test:qemu must pass every check of sbitest.c here too (entry state, DTB handoff, SBI,
// delegation, counters, timer). 16 MiB of RAM keeps the POST short.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../build';
import { SBITEST_PASSED, buildSbiTest } from './sbitest';

describe('firmware contract (sbitest) on the kexec-lab machine', () => {
  it('passes every check and powers off through SBI SRST', () => {
    const { disk } = buildSbiTest(mkdtempSync(join(tmpdir(), 'sbitest-')));
    const r = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'node_modules/tsx/dist/cli.mjs'),
        join(REPO_ROOT, 'workers/cli/main.ts'),
        '--firmware',
        join(REPO_ROOT, 'public/images/firmware.elf'),
        '--disk',
        disk,
        '--ram',
        '16',
        '--expect',
        'SBI system reset: power off',
        '--max-insns',
        '200000000',
      ],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 110_000 },
    );
    const failed = r.stdout.split('\n').filter((l) => l.includes('sbitest: FAIL'));
    expect(failed).toEqual([]);
    expect(r.stdout).toMatch(SBITEST_PASSED);
    expect(r.status).toBe(0);
  });
});
