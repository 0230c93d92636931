// Compiles guest/lib for the host together with lib_test.c and runs it: printf, string,
// 64-bit division, SHA-256 test vectors, the FDT reader/writer on a DTB dumped from QEMU
// virt (-m 64M, -append "console=ttyS0 quiet"), and the cpio reader on an archive written
// by mkdisk.ts (the round trip between the TypeScript writer and the C reader).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../build';
import { S_IFDIR, S_IFREG, buildCpio, makeDisk } from '../mkdisk';

const work = mkdtempSync(join(tmpdir(), 'guest-lib-'));
const binary = join(work, 'lib_test');
const dtb = join(REPO_ROOT, 'guest/tools/fixtures/qemu-virt-64m.dtb');

function hostCompiler(): string {
  for (const cc of ['cc', 'gcc', 'clang-19']) {
    if (!spawnSync(cc, ['--version']).error) return cc;
  }
  throw new Error('no host C compiler (cc, gcc or clang-19) to build the lib test');
}

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(binary, args, { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const libSources = readdirSync(join(REPO_ROOT, 'guest/lib'))
    .filter((f) => f.endsWith('.c'))
    .map((f) => join(REPO_ROOT, 'guest/lib', f));
  const r = spawnSync(
    hostCompiler(),
    [
      '-O1',
      '-fno-builtin',
      '-Wall',
      '-Wextra',
      '-Werror',
      `-I${join(REPO_ROOT, 'guest')}`,
      '-o',
      binary,
      join(REPO_ROOT, 'guest/tools/libtest/lib_test.c'),
      ...libSources,
    ],
    { encoding: 'utf8' },
  );
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});

describe('guest/lib on the host', () => {
  it('passes printf, string, libgcc, sha256 and fdt checks', () => {
    const r = run(dtb);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('lib_test: 0 failures');
    expect(r.status).toBe(0);
  });

  it('notices a DTB that differs from the expected one', () => {
    // The same tree with /memory's size patched from 64 MiB to 128 MiB: its checks must fail.
    const bytes = new Uint8Array(readFileSync(dtb));
    const reg = Uint8Array.of(0, 0, 0, 0, 0x80, 0, 0, 0, 0, 0, 0, 0, 0x04, 0, 0, 0);
    const at = Buffer.from(bytes).indexOf(Buffer.from(reg));
    expect(at).toBeGreaterThan(0);
    bytes[at + 12] = 0x08;
    const patched = join(work, 'patched.dtb');
    writeFileSync(patched, bytes);
    const r = run(patched);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('memory reg');
    expect(r.stdout).toContain('lib_test: 2 failures');
  });

  it('reads the archive mkdisk.ts writes (cpio round trip)', () => {
    const kernel = new Uint8Array(1001).map((_, i) => i & 0xff);
    const disk = makeDisk({
      kernels: new Map([['1.0', kernel]]),
      defaultVersion: '1.0',
      cmdline: 'console=ttyS0 earlycon',
    });
    const path = join(work, 'disk.img');
    writeFileSync(path, disk);
    const r = run(dtb, path);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const entries = r.stdout.split('\n').filter((l) => l.startsWith('entry '));
    expect(entries).toEqual([
      'entry boot 40755 0',
      'entry etc 40755 0',
      expect.stringMatching(/^entry boot\/boot.cfg 100644 \d+$/),
      'entry boot/vmlinuz-1.0 100644 1001',
      'entry etc/hostname 100644 8',
      expect.stringMatching(/^entry etc\/motd 100644 \d+$/),
      expect.stringMatching(/^entry etc\/os-release 100644 \d+$/),
    ]);
    expect(r.stdout).toContain('boot.cfg # Boot loader configuration');
    expect(r.stdout).toContain('default=/boot/vmlinuz-1.0\ncmdline=console=ttyS0 earlycon\n');
  });

  it('rejects a truncated archive', () => {
    const archive = buildCpio([
      { name: 'dir', mode: S_IFDIR | 0o755, data: new Uint8Array(0) },
      { name: 'dir/file', mode: S_IFREG | 0o644, data: new Uint8Array(300) },
    ]);
    const path = join(work, 'short.cpio');
    writeFileSync(path, archive.subarray(0, 200));
    const r = run(dtb, path);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('archive ends with the trailer');
  });
});
