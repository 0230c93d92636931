// Golden runs of a cold boot: the default images (public/images: firmware.elf, disk.img
// with Kestrel 1.0 as boot.cfg's default) boot to the shell prompt, run `uname -a`, and
// the whole serial log must equal boot.golden.log byte for byte. A second run types
// `reboot` and must come back through the reset ROM, firmware POST and boot loader to a
// new prompt (boot-reboot.golden.log). UPDATE_GOLDEN=1 rewrites the golden files.
// KESTREL_IMAGES=<dir> runs the same tests on images built elsewhere.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScript, type ScriptResult, type Step } from '../../workers/cli/script';

const HERE = dirname(fileURLToPath(import.meta.url));
const IMAGES = process.env.KESTREL_IMAGES ?? resolve(HERE, '../../public/images');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** A cold boot is ~1.5e8 instructions (firmware POST included); a reboot twice that. */
const MAX_INSNS = 1_500_000_000;

function image(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(IMAGES, name)));
}

function run(steps: Step[]): ScriptResult {
  return runScript({ firmware: image('firmware.elf'), disk: image('disk.img') }, steps, MAX_INSNS);
}

/** Compares serial with the golden file (or rewrites it under UPDATE_GOLDEN=1). */
function expectGolden(file: string, serial: string): void {
  const path = join(HERE, file);
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE) throw new Error(`${file} missing: run with UPDATE_GOLDEN=1 to create it`);
    writeFileSync(path, serial);
    return;
  }
  expect(serial).toBe(readFileSync(path, 'utf8'));
}

const expectStep = (text: string): Step => ({ kind: 'expect', text });
const typeStep = (text: string): Step => ({ kind: 'type', text });

describe('Kestrel cold boot (golden serial logs)', () => {
  it('boots the default images to the prompt and runs uname -a', () => {
    const r = run([
      expectStep('# '),
      typeStep('uname -a\r'),
      // The echo of "uname -a" cannot satisfy this: only the command's output can.
      expectStep('Kestrel kestrel 1.0 #1 riscv32\n'),
      expectStep('# '),
    ]);
    expect(r.exitCode, r.serial.slice(-2000)).toBe(0);
    expect(r.serial).toContain('Kestrel version 1.0');
    expect(r.serial).toContain('Run /bin/sh as init process');
    expect(r.serial).not.toMatch(/Oops|Kernel panic/);
    expectGolden('boot.golden.log', r.serial);
  });

  it('reboot goes back through reset ROM, firmware POST and boot loader to a new prompt', () => {
    const r = run([
      expectStep('# '),
      typeStep('reboot\r'),
      expectStep('reboot: Restarting system\n'),
      expectStep('POST'),
      expectStep('Kestrel version 1.0'),
      expectStep('# '),
      typeStep('uname -r\r'),
      expectStep('\n1.0\n'),
      expectStep('# '),
    ]);
    expect(r.exitCode, r.serial.slice(-2000)).toBe(0);
    // Two complete boots in one log: two banners, two prompts' worth of motd.
    expect(r.serial.match(/Kestrel version 1\.0/g)?.length).toBe(2);
    expect(r.serial.match(/Welcome to Kestrel 1\.0/g)?.length).toBe(2);
    expectGolden('boot-reboot.golden.log', r.serial);
  });
});
