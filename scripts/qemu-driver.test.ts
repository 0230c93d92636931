import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { QemuSession, QemuTimeoutError, qemuArgs } from './qemu-driver';

/** A stand-in for the QEMU process: we write its "serial output", read what it was typed. */
function fakeQemu(): {
  proc: ChildProcess;
  serial: PassThrough;
  typed: () => string;
  exit: (code: number) => void;
} {
  const emitter = new EventEmitter();
  const serial = new PassThrough();
  const stdin = new PassThrough();
  let typed = '';
  stdin.on('data', (d: Buffer) => (typed += d.toString()));
  const proc = Object.assign(emitter, {
    stdout: serial,
    stderr: new PassThrough(),
    stdin,
    kill: () => {
      setImmediate(() => emitter.emit('exit', null));
      return true;
    },
  }) as unknown as ChildProcess; // only the members QemuSession uses
  return { proc, serial, typed: () => typed, exit: (code) => emitter.emit('exit', code) };
}

const workDir = (): string => mkdtempSync(join(tmpdir(), 'qemu-driver-test-'));

describe('qemuArgs', () => {
  it('is the virt machine of issue 3 with the modern virtio-mmio transport', () => {
    const args = qemuArgs(
      { firmware: 'fw.elf', disk: 'disk.img', memoryMiB: 128, append: 'quiet' },
      '/tmp/copy.img',
    );
    const joined = args.join(' ');
    expect(joined).toContain('-M virt -bios none -m 128M -nographic -kernel fw.elf');
    expect(joined).toContain('-drive file=/tmp/copy.img,format=raw,if=none,id=hd0');
    expect(joined).toContain('-global virtio-mmio.force-legacy=false');
    expect(joined).toContain('-cpu rv32,c=false,f=false,d=false,h=false');
    expect(args.slice(-2)).toEqual(['-append', 'quiet']);
  });
});

describe('QemuSession', () => {
  it('matches text after the previous match only, across chunks, without carriage returns', async () => {
    const f = fakeQemu();
    const q = new QemuSession(f.proc, workDir(), 10_000);
    f.serial.write('boot\r\n# ');
    await q.expect('# ');
    f.serial.write('uname -a\r\nKes');
    const pending = q.expect(/Kestrel \S+/);
    f.serial.write('trel 1.0\r\n# ');
    expect(await pending).toBe('uname -a\nKestrel 1.0');
    await expect(q.expect('boot', 50)).rejects.toBeInstanceOf(QemuTimeoutError);
    await q.close();
  });

  it('types Enter as a carriage return, like a terminal', async () => {
    const f = fakeQemu();
    const q = new QemuSession(f.proc, workDir(), 10_000);
    await q.type('ls\n', 0);
    expect(f.typed()).toBe('ls\r');
    await q.close();
  });

  it('fails an expectation at once when QEMU exits', async () => {
    const f = fakeQemu();
    const q = new QemuSession(f.proc, workDir(), 10_000);
    const pending = q.expect('never', 60_000);
    f.exit(0);
    await expect(pending).rejects.toThrow(/QEMU exited \(0\)/);
    expect(await q.waitExit(100)).toBe(0);
    await q.close();
  });
});
