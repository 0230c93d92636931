import { describe, expect, it } from 'vitest';
import {
  CPIO_TRAILER,
  S_IFDIR,
  S_IFREG,
  SECTOR_SIZE,
  buildCpio,
  diskEntries,
  makeDisk,
  padToSectors,
  parseCpio,
} from './mkdisk';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('buildCpio', () => {
  it('writes newc headers with mtime 0, uid/gid 0 and inode numbers in entry order', () => {
    const archive = buildCpio([
      { name: 'etc', mode: S_IFDIR | 0o755, data: new Uint8Array(0) },
      { name: 'etc/hostname', mode: S_IFREG | 0o644, data: text('kestrel\n') },
    ]);
    const ascii = new TextDecoder().decode(archive.subarray(0, 110));
    expect(ascii.slice(0, 6)).toBe('070701');
    expect(ascii.slice(6, 14)).toBe('00000001'); // ino
    expect(ascii.slice(14, 22)).toBe('000041ed'); // mode 040755
    expect(ascii.slice(22, 38)).toBe('0000000000000000'); // uid, gid
    expect(ascii.slice(46, 54)).toBe('00000000'); // mtime
    expect(archive.length % 4).toBe(0);
    const files = parseCpio(archive);
    expect(files.map((f) => [f.name, f.ino, f.mode, f.nlink])).toEqual([
      ['etc', 1, S_IFDIR | 0o755, 2],
      ['etc/hostname', 2, S_IFREG | 0o644, 1],
    ]);
    expect(new TextDecoder().decode(files[1].data)).toBe('kestrel\n');
    expect(new TextDecoder().decode(archive)).toContain(CPIO_TRAILER);
  });

  it('pads names and bodies to 4 bytes for every length', () => {
    for (let n = 0; n < 9; n++) {
      const name = 'f'.repeat(n + 1);
      const data = new Uint8Array(n).fill(0x41 + n);
      const files = parseCpio(buildCpio([{ name, mode: S_IFREG | 0o644, data }]));
      expect(files).toHaveLength(1);
      expect(files[0].name).toBe(name);
      expect([...files[0].data]).toEqual([...data]);
    }
  });

  it('refuses absolute names', () => {
    expect(() => buildCpio([{ name: '/etc', mode: S_IFDIR, data: new Uint8Array(0) }])).toThrow(/relative/);
  });
});

describe('the disk image', () => {
  const inputs = {
    kernels: new Map([
      ['2.0', text('ELF two')],
      ['1.0', text('ELF one')],
    ]),
    defaultVersion: '1.0',
    cmdline: 'console=ttyS0 earlycon',
  };

  it('holds the kernels, boot.cfg and /etc, directories first', () => {
    const names = diskEntries(inputs).map((e) => e.name);
    expect(names).toEqual([
      'boot',
      'etc',
      'boot/boot.cfg',
      'boot/vmlinuz-1.0',
      'boot/vmlinuz-2.0',
      'etc/hostname',
      'etc/motd',
      'etc/os-release',
    ]);
    const cfg = parseCpio(makeDisk(inputs)).find((f) => f.name === 'boot/boot.cfg');
    expect(new TextDecoder().decode(cfg?.data)).toMatch(
      /^default=\/boot\/vmlinuz-1\.0\ncmdline=console=ttyS0 earlycon$/m,
    );
  });

  it('is deterministic and a whole number of sectors', () => {
    const a = makeDisk(inputs);
    const b = makeDisk({ ...inputs, kernels: new Map([...inputs.kernels].reverse()) });
    expect(a.length % SECTOR_SIZE).toBe(0);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('lets extra files override the defaults', () => {
    const disk = makeDisk({ ...inputs, extraFiles: new Map([['/etc/motd', text('custom\n')]]) });
    const motd = parseCpio(disk).find((f) => f.name === 'etc/motd');
    expect(new TextDecoder().decode(motd?.data)).toBe('custom\n');
  });

  it('pads an empty image to one sector', () => {
    expect(padToSectors(new Uint8Array(0)).length).toBe(SECTOR_SIZE);
    expect(padToSectors(new Uint8Array(513)).length).toBe(1024);
  });
});
