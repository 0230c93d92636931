// sbitest.ts: builds the firmware contract test (guest/tools/sbitest/, an S-mode payload
// that checks the entry state, the DTB handoff, the SBI calls, delegation and the timer)
// and a disk whose boot.cfg boots it. test-qemu.ts runs it on QEMU, sbitest.test.ts on
// our emulator: both machines must pass the same checks with the same firmware.elf.

import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CFLAGS, REPO_ROOT, TOOLS, checkTools, sources } from '../build';
import { makeDisk } from '../mkdisk';

/** The command line boot.cfg gives the payload; sbitest.c checks /chosen/bootargs for it. */
export const SBITEST_CMDLINE = 'sbitest cmdline=1';
export const SBITEST_PASSED = /sbitest: all (\d+) checks passed/;

export interface SbiTestImages {
  elf: string;
  disk: string;
}

/** Compiles the payload into dir and writes dir/sbitest-disk.img booting it. */
export function buildSbiTest(dir: string): SbiTestImages {
  checkTools();
  const elf = join(dir, 'sbitest.elf');
  const r = spawnSync(
    TOOLS.cc,
    [
      ...CFLAGS,
      '-Iguest',
      '-Wl,-T,guest/tools/sbitest/sbitest.ld',
      '-o',
      elf,
      ...sources('guest/tools/sbitest', false),
      ...sources('guest/lib', false),
    ],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`building sbitest failed:\n${r.stderr}`);
  const disk = join(dir, 'sbitest-disk.img');
  writeFileSync(
    disk,
    makeDisk({
      kernels: new Map([['sbitest', readFileSync(elf)]]),
      defaultVersion: 'sbitest',
      cmdline: SBITEST_CMDLINE,
    }),
  );
  return { elf, disk };
}
