// The console shell on the real images (public/images, or KESTREL_IMAGES=<dir>), booted
// once in the emulator: line editing (Backspace, Ctrl-U, Ctrl-C, history), the usual
// error messages, redirection into /proc, and the informational commands. Each expected
// text is one the echo of the typed line cannot satisfy (quotes split the typed words).
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScript, type ScriptResult, type Step } from '../../../workers/cli/script';

const here = dirname(fileURLToPath(import.meta.url));
const images = process.env.KESTREL_IMAGES ?? resolve(here, '../../../public/images');
const image = (name: string): Uint8Array => new Uint8Array(readFileSync(join(images, name)));

/** [typed line (CR appended), text expected in its output] */
const SESSION: [string, string][] = [
  ['foo', 'sh: foo: not found\n'],
  ['cat /nope', 'cat: /nope: No such file or directory\n'],
  ['cat /boot', 'cat: /boot: Is a directory\n'],
  ['ls /nope', 'ls: /nope: No such file or directory\n'],
  ['echo 1 > /proc/version', "sh: can't create /proc/version: Permission denied\n"],
  ['echo 1 > /etc/new', "sh: can't create /etc/new: Read-only file system\n"],
  ['uname -x', "uname: invalid option -- 'x'\n"],
  ['ls /boot', 'boot.cfg  overlap.elf  vmlinuz-1.0  vmlinuz-2.0\n'],
  ['cat /proc/version', 'Kestrel version 1.0 (kestrel@kexec-lab)'],
  ['uname -r', '\n1.0\n'],
  ['echo hi""st', '\nhist\n'],
  ['\x1b[A', '\nhist\n'], // Up: the previous line again
  ['echo abx\x7fc', '\nabc\n'], // Backspace
  ['junk\x15echo ok""ay', '\nokay\n'], // Ctrl-U clears the line
  ['echo no\x03', '^C\n'], // Ctrl-C abandons it...
  ['echo y""es', '\nyes\n'], // ...and the next line runs alone
  ['free', '\nMem: '],
  ['ifconfig', 'eth0      Link encap:Ethernet  HWaddr 52:54:00:12:34:56\n'],
  ['uptime', 'load average: 0.00, 0.00, 0.00\n'],
  ['dmesg', '] Kestrel version 1.0'],
  ['cat /proc/meminfo', '\nMemTotal: '],
  // The firmware's /reserved-memory node, then the DTB's /memreserve/; RAM up to the kernel is free.
  [
    'cat /proc/iomem',
    '80000000-83ffffff : System RAM\n  80000000-801effff : Reserved\n  801f0000-801fffff : Reserved\n  80400000-',
  ],
];

function runSession(): ScriptResult {
  const steps: Step[] = [{ kind: 'expect', text: '# ' }];
  for (const [typed, want] of SESSION) {
    // Ctrl-C ends the line itself: no Enter after it.
    steps.push({ kind: 'type', text: typed.endsWith('\x03') ? typed : typed + '\r' });
    steps.push({ kind: 'expect', text: want });
    steps.push({ kind: 'expect', text: '# ' });
  }
  return runScript({ firmware: image('firmware.elf'), disk: image('disk.img') }, steps, 1_000_000_000);
}

describe('Kestrel shell (emulated boot of the default images)', () => {
  const r = runSession();

  it('completes every step of the session', () => {
    const pending = r.steps.find((s) => !s.done);
    expect(pending, `stuck at ${JSON.stringify(pending)}\n${r.serial.slice(-1500)}`).toBeUndefined();
    expect(r.exitCode).toBe(0);
  });

  it('never oopses or panics', () => {
    expect(r.serial).not.toMatch(/Oops|Kernel panic/);
  });

  it('erases a character with Backspace as "\\b \\b"', () => {
    expect(r.serial).toContain('echo abx\b \bc');
  });
});
