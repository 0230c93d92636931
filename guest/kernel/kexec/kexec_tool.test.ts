// Runs the kexec tool's memory logic (kexec_tool_mem.c) on the host: gcc builds it with
// kexec_tool_test.c, which feeds it a fixed /proc/iomem; every case's stdout and stderr
// must be exactly kexec-tools' output. Fails loudly without gcc.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const guestDir = resolve(here, '../..');
const workDir = mkdtempSync(join(tmpdir(), 'kexec-tool-test-'));
const binary = join(workDir, 'kexec_tool_test');

interface Case {
  name: string;
  stdout: string;
  stderr: string;
}

const CASES: Case[] = [
  // The firmware and DTB reservations (80000000-801fffff) and the top one go; RAM below the
  // kernel and Kernel * stay.
  { name: 'ranges', stdout: '80200000-83feffff\n', stderr: '' },
  {
    name: 'placement',
    stdout:
      'initrd 83fcb000 dtb 83fca000 purgatory 83fc2000\n' +
      '80400000+3b000\n83fc2000+8000\n83fca000+1000\n83fcb000+25000\n',
    stderr: '',
  },
  { name: 'overlap', stdout: '', stderr: 'Overlapping memory segments at 0x80403000\n' },
  {
    name: 'no_hole',
    stdout: '',
    stderr: 'Could not find a free area of memory of 0x25000 bytes...\nlocate_hole failed\n',
  },
  { name: 'invalid_segment', stdout: '', stderr: 'Invalid memory segment 0x80000000 - 0x80000fff\n' },
];

describe('kexec tool memory logic (host build of kexec_tool_mem.c)', () => {
  beforeAll(() => {
    if (spawnSync('gcc', ['--version'], { stdio: 'ignore' }).status !== 0) {
      const msg =
        '\n\n*** kexec_tool.test.ts: gcc NOT FOUND: the host tests cannot run. Install gcc. ***\n\n';
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
        '-DKEXEC_TOOL_HOST_TEST',
        `-I${guestDir}`,
        join(here, 'kexec_tool_mem.c'),
        join(here, 'kexec_tool_test.c'),
        '-o',
        binary,
      ],
      { stdio: 'pipe' },
    );
  });

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('the C program lists exactly the cases run here', () => {
    const listed = execFileSync(binary, [], { encoding: 'utf8' }).trim().split('\n');
    expect(listed).toEqual(CASES.map((c) => c.name));
  });

  for (const c of CASES) {
    it(c.name, () => {
      const run = spawnSync(binary, [c.name], { encoding: 'utf8' });
      expect(run.stderr).toBe(c.stderr);
      expect(run.stdout).toBe(c.stdout);
      expect(run.status).toBe(0);
    });
  }
});
