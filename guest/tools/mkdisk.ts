// mkdisk.ts: writes disk.img, a cpio "newc" archive the firmware and the Kestrel
// kernel read from the virtio disk. Deterministic by construction: mtime 0, uid/gid 0,
// inode numbers assigned in entry order, entries in a fixed order, zero padding.

export interface CpioEntry {
  /** Path inside the archive, without a leading "/" ("boot/boot.cfg"). */
  name: string;
  /** File type and permission bits, e.g. S_IFREG | 0o644. */
  mode: number;
  /** File body; empty for directories. */
  data: Uint8Array;
}

export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;
export const CPIO_NEWC_MAGIC = '070701';
export const CPIO_TRAILER = 'TRAILER!!!';
export const SECTOR_SIZE = 512;

const encoder = new TextEncoder();

function hex8(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff_ffff) throw new RangeError(`cpio field out of range: ${n}`);
  return n.toString(16).padStart(8, '0');
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** Serialises entries (and the trailer) as a newc archive; inode numbers are 1, 2, 3... */
export function buildCpio(entries: readonly CpioEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  let offset = 0;
  const push = (bytes: Uint8Array): void => {
    parts.push(bytes);
    offset += bytes.length;
  };
  const padTo4 = (): void => {
    const pad = align4(offset) - offset;
    if (pad) push(new Uint8Array(pad));
  };
  const all: CpioEntry[] = [...entries, { name: CPIO_TRAILER, mode: 0, data: new Uint8Array(0) }];
  all.forEach((entry, index) => {
    if (entry.name.startsWith('/')) throw new Error(`cpio name must be relative: ${entry.name}`);
    const name = encoder.encode(entry.name + '\0');
    const isTrailer = entry.name === CPIO_TRAILER;
    const isDir = (entry.mode & 0o170000) === S_IFDIR;
    const fields = [
      isTrailer ? 0 : index + 1, // c_ino
      entry.mode, // c_mode
      0, // c_uid
      0, // c_gid
      isTrailer ? 1 : isDir ? 2 : 1, // c_nlink
      0, // c_mtime
      entry.data.length, // c_filesize
      0, // c_devmajor
      0, // c_devminor
      0, // c_rdevmajor
      0, // c_rdevminor
      name.length, // c_namesize (with the NUL)
      0, // c_check
    ];
    push(encoder.encode(CPIO_NEWC_MAGIC + fields.map(hex8).join('')));
    push(name);
    padTo4();
    if (entry.data.length) push(entry.data);
    padTo4();
  });
  const out = new Uint8Array(offset);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Pads to a whole number of 512-byte sectors, as a block device needs. */
export function padToSectors(bytes: Uint8Array): Uint8Array {
  const size = Math.max(SECTOR_SIZE, Math.ceil(bytes.length / SECTOR_SIZE) * SECTOR_SIZE);
  const out = new Uint8Array(size);
  out.set(bytes);
  return out;
}

/** One parsed entry, for tests and tools that read an archive back. */
export interface CpioFile {
  name: string;
  ino: number;
  mode: number;
  nlink: number;
  mtime: number;
  data: Uint8Array;
}

/** Reads a newc archive up to the trailer; throws on a malformed one. */
export function parseCpio(bytes: Uint8Array): CpioFile[] {
  const decoder = new TextDecoder();
  const files: CpioFile[] = [];
  let pos = 0;
  for (;;) {
    if (pos + 110 > bytes.length) throw new Error(`cpio truncated at ${pos}`);
    const hdr = decoder.decode(bytes.subarray(pos, pos + 110));
    if (!hdr.startsWith(CPIO_NEWC_MAGIC)) throw new Error(`bad cpio magic at ${pos}`);
    const field = (i: number): number => parseInt(hdr.slice(6 + 8 * i, 14 + 8 * i), 16);
    const namesize = field(11);
    const filesize = field(6);
    const name = decoder.decode(bytes.subarray(pos + 110, pos + 110 + namesize - 1));
    const dataOff = align4(pos + 110 + namesize);
    if (dataOff + filesize > bytes.length) throw new Error(`cpio body of ${name} truncated`);
    pos = align4(dataOff + filesize);
    if (name === CPIO_TRAILER) return files;
    files.push({
      name,
      ino: field(0),
      mode: field(1),
      nlink: field(4),
      mtime: field(5),
      data: bytes.slice(dataOff, dataOff + filesize),
    });
  }
}

export interface DiskInputs {
  /** Kernel images by version ("1.0" -> ELF bytes); may be empty before the kernel exists. */
  kernels: ReadonlyMap<string, Uint8Array>;
  /** The version boot.cfg boots by default. */
  defaultVersion: string;
  /** Kernel command line written to boot.cfg. */
  cmdline: string;
  /** Extra files ("etc/issue" -> bytes), e.g. from guest/rootfs; they win over the defaults. */
  extraFiles?: ReadonlyMap<string, Uint8Array>;
}

export const DEFAULT_CMDLINE = 'console=ttyS0 earlycon';

/** The text files of the disk, by path. */
export function defaultFiles(inputs: DiskInputs): Map<string, string> {
  const versions = [...inputs.kernels.keys()].sort();
  return new Map([
    [
      'boot/boot.cfg',
      [
        '# Boot loader configuration, read by the firmware (kexec-lab).',
        '# default: the kernel image to boot; cmdline: its command line,',
        '# used when the firmware was not given one (QEMU -append).',
        `default=/boot/vmlinuz-${inputs.defaultVersion}`,
        `cmdline=${inputs.cmdline}`,
        ...versions.map((v) => `# also on this disk: /boot/vmlinuz-${v}`),
        '',
      ].join('\n'),
    ],
    ['etc/hostname', 'kestrel\n'],
    ['etc/motd', 'Welcome to Kestrel, the kexec-lab teaching kernel.\nTry: help, dmesg, cat /proc/iomem\n'],
    [
      'etc/os-release',
      [
        'NAME="Kestrel"',
        'ID=kestrel',
        'PRETTY_NAME="Kestrel (kexec-lab)"',
        `VERSION_ID="${inputs.defaultVersion}"`,
        'HOME_URL="https://github.com/kexec-lab"',
        '',
      ].join('\n'),
    ],
  ]);
}

/** Builds the archive entries: directories first (sorted), then files (sorted). */
export function diskEntries(inputs: DiskInputs): CpioEntry[] {
  const files = new Map<string, Uint8Array>();
  for (const [path, text] of defaultFiles(inputs)) files.set(path, encoder.encode(text));
  for (const [version, elf] of inputs.kernels) files.set(`boot/vmlinuz-${version}`, elf);
  for (const [path, data] of inputs.extraFiles ?? []) files.set(path.replace(/^\/+/, ''), data);
  const dirs = new Set<string>();
  for (const path of files.keys()) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [
    ...[...dirs].sort(byName).map((name) => ({ name, mode: S_IFDIR | 0o755, data: new Uint8Array(0) })),
    ...[...files.keys()]
      .sort(byName)
      .map((name) => ({ name, mode: S_IFREG | 0o644, data: files.get(name)! })),
  ];
}

/** disk.img: the archive padded to whole sectors. */
export function makeDisk(inputs: DiskInputs): Uint8Array {
  return padToSectors(buildCpio(diskEntries(inputs)));
}
