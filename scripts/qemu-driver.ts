// qemu-driver.ts: runs qemu-system-riscv32 -M virt with our firmware and disk and drives
// its serial console: wait for text, type text. Used by test-qemu.ts (cold boot, shell,
// reboot) and reusable for kexec runs on QEMU (pass extra arguments, script the shell).
//
//   const q = startQemu({ firmware, disk });
//   await q.expect('# ');
//   await q.type('uname -a\n');
//   await q.expect('Kestrel');
//   await q.close();

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const QEMU = 'qemu-system-riscv32';
export const QEMU_INSTALL_HINT = 'apt-get install -y qemu-system-misc';

export interface QemuOptions {
  /** M-mode firmware ELF, loaded with -kernel (QEMU starts it at 0x8000_0000 with -bios none). */
  firmware: string;
  /** Raw disk image; QEMU gets a private copy so the original is never written. */
  disk: string;
  /** RAM size in MiB (default 64). */
  memoryMiB?: number;
  /** Kernel command line: QEMU puts it in the DTB's /chosen/bootargs (-append). */
  append?: string;
  /** More QEMU arguments, e.g. a second disk. */
  extraArgs?: string[];
  /** Kill QEMU after this long whatever happens (default 120 s). */
  hardTimeoutMs?: number;
  /** Echo the serial output to this stream as it arrives (e.g. process.stdout). */
  echo?: NodeJS.WritableStream;
}

export class QemuTimeoutError extends Error {}

export function qemuAvailable(): boolean {
  const r = spawnSync(QEMU, ['--version'], { encoding: 'utf8' });
  return !r.error && r.status === 0;
}

/** The command line of the QEMU virt machine the project targets (issue 3). */
export function qemuArgs(opts: QemuOptions, diskCopy: string): string[] {
  const args = [
    '-M',
    'virt',
    '-bios',
    'none',
    '-m',
    `${opts.memoryMiB ?? 64}M`,
    '-nographic',
    '-kernel',
    opts.firmware,
    '-drive',
    `file=${diskCopy},format=raw,if=none,id=hd0`,
    '-device',
    'virtio-blk-device,drive=hd0',
    '-global',
    'virtio-mmio.force-legacy=false',
    '-netdev',
    'user,id=n0',
    '-device',
    'virtio-net-device,netdev=n0',
    '-cpu',
    'rv32,c=false,f=false,d=false,h=false',
  ];
  if (opts.append !== undefined) args.push('-append', opts.append);
  return [...args, ...(opts.extraArgs ?? [])];
}

export class QemuSession {
  /** Everything the serial port printed so far (with \r removed). */
  output = '';
  /** expect() searches from here; it moves past each match. */
  private cursor = 0;
  private waiters: (() => void)[] = [];
  private exited: number | null | undefined = undefined;
  private readonly hardTimer: NodeJS.Timeout;

  constructor(
    private readonly proc: ChildProcess,
    private readonly workDir: string,
    hardTimeoutMs: number,
    echo?: NodeJS.WritableStream,
  ) {
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('latin1').replace(/\r/g, '');
      this.output += text;
      echo?.write(text);
      this.wake();
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.on('exit', (code) => {
      this.exited = code;
      this.wake();
    });
    this.hardTimer = setTimeout(() => proc.kill('SIGKILL'), hardTimeoutMs);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  get exitCode(): number | null | undefined {
    return this.exited;
  }

  /**
   * Waits until the output after the cursor contains text (or matches the regex) and
   * moves the cursor past it; returns the output from the old cursor to the match end.
   */
  async expect(text: string | RegExp, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rest = this.output.slice(this.cursor);
      let end = -1;
      if (typeof text === 'string') {
        const at = rest.indexOf(text);
        if (at >= 0) end = at + text.length;
      } else {
        const m = new RegExp(text.source, text.flags.replace('g', '')).exec(rest);
        if (m) end = m.index + m[0].length;
      }
      if (end >= 0) {
        this.cursor += end;
        return rest.slice(0, end);
      }
      const left = deadline - Date.now();
      if (this.exited !== undefined || left <= 0) {
        const why = this.exited !== undefined ? `QEMU exited (${this.exited})` : `${timeoutMs} ms passed`;
        throw new QemuTimeoutError(
          `expected ${JSON.stringify(String(text))} but ${why}; last output:\n${this.output.slice(-1500)}`,
        );
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Types text into the serial port one byte at a time, as a person would (no FIFO overrun). */
  async type(text: string, charDelayMs = 5): Promise<void> {
    for (const ch of text) {
      this.proc.stdin?.write(ch === '\n' ? '\r' : ch);
      await new Promise((r) => setTimeout(r, charDelayMs));
    }
  }

  /** Stops QEMU and removes the disk copy. */
  async close(): Promise<void> {
    clearTimeout(this.hardTimer);
    if (this.exited === undefined) {
      const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
      this.proc.kill('SIGTERM');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 3000))]);
      if (this.exited === undefined) this.proc.kill('SIGKILL');
    }
    rmSync(this.workDir, { recursive: true, force: true });
  }

  /** Resolves when QEMU exits on its own (e.g. after poweroff through the syscon). */
  async waitExit(timeoutMs: number): Promise<number | null> {
    const deadline = Date.now() + timeoutMs;
    while (this.exited === undefined) {
      if (Date.now() > deadline) throw new QemuTimeoutError(`QEMU still running after ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.exited;
  }
}

/** Starts QEMU on a private copy of the disk. */
export function startQemu(opts: QemuOptions): QemuSession {
  const workDir = mkdtempSync(join(tmpdir(), 'kexec-lab-qemu-'));
  const diskCopy = join(workDir, 'disk.img');
  copyFileSync(opts.disk, diskCopy);
  const proc = spawn(QEMU, qemuArgs(opts, diskCopy), { stdio: ['pipe', 'pipe', 'pipe'] });
  return new QemuSession(proc, workDir, opts.hardTimeoutMs ?? 120_000, opts.echo);
}
