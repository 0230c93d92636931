// The basic kexec on qemu-system-riscv32 -M virt: the very same firmware.elf and
// disk.img as our machine; Kestrel 1.0 loads Kestrel 2.0, `kexec -e` goes through
// purgatory's SHA-256 check and Kestrel 2.0 comes up with the given command line. QEMU has
// no trace port, so the guest runs silent there: this is the proof that kexec does not
// depend on anything of ours but RISC-V and virtio.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { QEMU, QEMU_INSTALL_HINT, qemuAvailable, startQemu } from '../../scripts/qemu-driver';

const HERE = dirname(fileURLToPath(import.meta.url));
const IMAGES = process.env.KESTREL_IMAGES ?? resolve(HERE, '../../public/images');

describe('kexec on QEMU virt', () => {
  it('Kestrel 1.0 kexecs into Kestrel 2.0 with the --append command line', async () => {
    if (!qemuAvailable()) {
      const msg = `\n\n*** kexec-qemu.test.ts: ${QEMU} NOT FOUND. Install: ${QEMU_INSTALL_HINT} ***\n\n`;
      console.error(msg);
      throw new Error(msg);
    }
    const firmware = join(IMAGES, 'firmware.elf');
    const disk = join(IMAGES, 'disk.img');
    expect(existsSync(firmware) && existsSync(disk), `images in ${IMAGES}`).toBe(true);

    const q = startQemu({ firmware, disk, hardTimeoutMs: 110_000 });
    try {
      await q.expect(/(?:^|\n)# $/, 60_000);
      await q.type('kexec -l /boot/vmlinuz-2.0 --append="console=ttyS0 quiet"\n');
      await q.expect('Warning: No cmdline provided, using append string as cmdline\n', 20_000);
      await q.expect(/\n# $/, 20_000);
      await q.type('kexec -e\n');
      await q.expect('kexec_core: Starting new kernel\n', 20_000);
      await q.expect(/Will call new kernel at 83f[0-9a-f]{5} from hart id 0\n/, 10_000);
      await q.expect('Bye...\n', 10_000);
      await q.expect("I'm in purgatory\n", 10_000);
      await q.expect('Welcome to Kestrel 2.0', 30_000);
      await q.expect(/\n# $/, 20_000);
      await q.type('cat /proc/cmdline\n');
      // Not the echo of the command: only the file's text has this line on its own.
      await q.expect('\nconsole=ttyS0 quiet\n', 10_000);
      expect(q.output).not.toMatch(/sha256 digests do not match|Oops|Kernel panic/);
    } finally {
      await q.close();
    }
  });
});
