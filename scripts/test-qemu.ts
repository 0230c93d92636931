// `npm run test:qemu`: QEMU's virt machine boots the very same public/images/firmware.elf
// and disk.img as our emulator: firmware POST and boot loader, the Kestrel shell, a
// command, then `reboot` back through the firmware to a new prompt.
// Without qemu-system-riscv32 it says how to install it and passes, unless CI=true.
//
// Options: --firmware-only   stop once the firmware has started the kernel
//          --verbose         echo the serial console

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { INSTALL_HINT, ToolMissingError } from '../guest/tools/build';
import { SBITEST_PASSED, buildSbiTest } from '../guest/tools/sbitest/sbitest';
import { QEMU, QEMU_INSTALL_HINT, qemuAvailable, startQemu, type QemuSession } from './qemu-driver';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const IMAGES = join(ROOT, 'public/images');
const PROMPT = /(?:^|\n)# $/;

interface Step {
  what: string;
  run: (q: QemuSession) => Promise<unknown>;
}

const firmwareSteps: Step[] = [
  { what: 'firmware banner', run: (q) => q.expect('kexec-lab firmware', 10_000) },
  { what: 'POST memory test passes', run: (q) => q.expect(/Memory test:.* ok\n/, 30_000) },
  { what: 'virtio-blk found', run: (q) => q.expect('virtio-blk: ', 10_000) },
  { what: 'boot.cfg read', run: (q) => q.expect('reading /boot/boot.cfg', 10_000) },
  {
    what: 'kernel loaded',
    run: (q) => q.expect(/kernel at 0x8040000 ?0?-0x[0-9a-f]+, entry 0x80400000/, 20_000),
  },
  { what: 'mret into S-mode', run: (q) => q.expect('Starting the kernel in S-mode', 10_000) },
];

const shellSteps: Step[] = [
  { what: 'Kestrel shell prompt', run: (q) => q.expect(PROMPT, 60_000) },
  { what: 'type uname -a', run: (q) => q.type('uname -a\n') },
  { what: 'uname names Kestrel', run: (q) => q.expect(/\nKestrel [^\n]*\n/, 10_000) },
  { what: 'prompt again', run: (q) => q.expect(PROMPT, 10_000) },
  { what: 'type echo', run: (q) => q.type("echo qemu pas''sed\n") },
  { what: 'echo output', run: (q) => q.expect('\nqemu passed', 10_000) },
  { what: 'type reboot', run: (q) => q.type('reboot\n') },
  { what: 'SBI cold reboot', run: (q) => q.expect('SBI system reset: cold reboot', 20_000) },
  { what: 'firmware again after reset', run: (q) => q.expect('kexec-lab firmware', 20_000) },
  { what: 'POST again', run: (q) => q.expect(/Memory test:.* ok\n/, 30_000) },
  { what: 'prompt after reboot', run: (q) => q.expect(PROMPT, 60_000) },
];

const APPEND = 'console=ttyS0 qemu.append=yes';

const appendSteps: Step[] = [
  {
    what: 'firmware takes the command line from the DTB it was given',
    run: (q) => q.expect(`kernel command line (given to the firmware, QEMU -append): "${APPEND}"`, 30_000),
  },
  { what: 'the kernel sees it', run: (q) => q.expect(`Kernel command line: ${APPEND}\n`, 30_000) },
  { what: 'prompt', run: (q) => q.expect(PROMPT, 60_000) },
  { what: 'type cat /proc/cmdline', run: (q) => q.type('cat /proc/cmdline\n') },
  { what: '/proc/cmdline', run: (q) => q.expect(`\n${APPEND}\n`, 10_000) },
];

// The firmware stays resident across kexec: the new kernel still calls its SBI, and a
// reboot from it goes back through POST.
const kexecSteps: Step[] = [
  { what: 'prompt', run: (q) => q.expect(PROMPT, 60_000) },
  {
    what: 'type kexec -l /boot/vmlinuz-2.0 --reuse-cmdline',
    run: (q) => q.type('kexec -l /boot/vmlinuz-2.0 --reuse-cmdline\n'),
  },
  { what: 'prompt after loading', run: (q) => q.expect(PROMPT, 30_000) },
  { what: 'type kexec -e', run: (q) => q.type('kexec -e\n') },
  {
    what: 'Kestrel 2.0 boots without the firmware',
    run: async (q) => {
      const log = await q.expect('Kestrel version 2.0', 30_000);
      if (log.includes('kexec-lab firmware')) throw new Error('kexec went through the firmware');
    },
  },
  { what: 'its prompt', run: (q) => q.expect(PROMPT, 60_000) },
  { what: 'type uname -a', run: (q) => q.type('uname -a\n') },
  { what: 'uname says 2.0', run: (q) => q.expect(/\nKestrel \S+ 2\.0 /, 10_000) },
  { what: 'type reboot', run: (q) => q.type('reboot\n') },
  {
    what: 'firmware POST after the reboot',
    run: (q) => q.expect(/kexec-lab firmware[\s\S]*Memory test:.* ok\n/, 30_000),
  },
  { what: 'Kestrel 1.0 again (boot.cfg default)', run: (q) => q.expect('Kestrel version 1.0', 30_000) },
];

const sbitestSteps: Step[] = [
  { what: 'contract test payload starts', run: (q) => q.expect('sbitest: the firmware contract', 30_000) },
  {
    what: 'all contract checks pass',
    run: async (q) => {
      const log = await q.expect(/sbitest: (all \d+ checks passed|\d+ of \d+ checks FAILED)/, 30_000);
      const failed = log.split('\n').filter((l) => l.includes('sbitest: FAIL'));
      if (failed.length || !SBITEST_PASSED.test(log))
        throw new Error(`sbitest failed:\n${failed.join('\n')}`);
    },
  },
  { what: 'SRST shutdown powers QEMU off', run: (q) => q.waitExit(10_000) },
];

function loud(lines: string[]): void {
  const bar = '!'.repeat(78);
  console.error(`\n${bar}\n${lines.map((l) => `!! ${l}`).join('\n')}\n${bar}\n`);
}

async function main(): Promise<number> {
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  const args = process.argv.slice(2);
  if (!qemuAvailable()) {
    loud([
      `test:qemu: ${QEMU} is not installed; the QEMU cross-check did not run.`,
      `Install: ${QEMU_INSTALL_HINT}`,
    ]);
    return ci ? 1 : 0;
  }
  const firmware = join(IMAGES, 'firmware.elf');
  const disk = join(IMAGES, 'disk.img');
  for (const f of [firmware, disk]) {
    if (!existsSync(f)) {
      console.error(`test:qemu: ${f} is missing: run npm run build:guest`);
      return 1;
    }
  }
  const firmwareOnly = args.includes('--firmware-only');
  const echo = args.includes('--verbose') ? process.stdout : undefined;
  const sbitestDir = mkdtempSync(join(tmpdir(), 'kexec-lab-sbitest-'));
  const runs: { name: string; append?: string; disk?: string; steps: Step[] }[] = [
    {
      name: 'cold boot, shell, reboot',
      steps: firmwareOnly ? firmwareSteps : [...firmwareSteps, ...shellSteps],
    },
    {
      name: 'QEMU -append reaches the kernel',
      append: APPEND,
      steps: firmwareOnly ? appendSteps.slice(0, 1) : appendSteps,
    },
  ];
  if (!firmwareOnly)
    runs.push({ name: 'kexec 1.0 -> 2.0, then reboot through the firmware', steps: kexecSteps });
  try {
    const { disk: sbitestDisk } = buildSbiTest(sbitestDir);
    runs.push({
      name: 'firmware contract (sbitest payload instead of Kestrel)',
      disk: sbitestDisk,
      steps: sbitestSteps,
    });
  } catch (e) {
    if (!(e instanceof ToolMissingError)) throw e;
    loud([
      `test:qemu: the firmware contract test needs clang-19: ${e.message.split('\n')[0]}`,
      `Install: ${INSTALL_HINT}`,
    ]);
    if (ci) return 1;
  }
  const t0 = Date.now();
  let count = 0;
  for (const run of runs) {
    console.log(`test:qemu: ${run.name}`);
    const q = startQemu({ firmware, disk: run.disk ?? disk, append: run.append, echo });
    const start = Date.now();
    try {
      for (const step of run.steps) {
        await step.run(q);
        count++;
        console.log(`  ok  ${step.what}  (${((Date.now() - start) / 1000).toFixed(1)} s)`);
      }
    } catch (e) {
      console.error(`  FAIL  ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    } finally {
      await q.close();
    }
  }
  rmSync(sbitestDir, { recursive: true, force: true });
  console.log(`test:qemu: passed (${count} steps, ${((Date.now() - t0) / 1000).toFixed(1)} s wall clock)`);
  return 0;
}

process.exit(await main());
