// The reset ROM at 0x1000, where the hart starts after power-on and after a syscon
// reset. Like QEMU virt's, five real RISC-V instructions followed by two data words:
//   0x1000  auipc t0, 0            t0 = 0x1000
//   0x1004  csrr  a0, mhartid      a0 = hart id (0)
//   0x1008  lw    a1, 24(t0)       a1 = DTB address      (word at 0x1018)
//   0x100c  lw    t0, 20(t0)       t0 = firmware entry   (word at 0x1014)
//   0x1010  jr    t0
// The rest of the 4 KiB window reads as zero.

import type { MmioDevice, RegisterView, Width } from '../devices/device';
import { hex } from '../devices/device';
import { RESET_ROM_SIZE } from './memmap';

export const ROM_ENTRY_WORD = 0x14;
export const ROM_DTB_WORD = 0x18;

/** The ROM image for a given firmware entry point and DTB address. */
export function resetRomImage(entry: number, dtb: number): Uint8Array {
  const rom = new Uint8Array(RESET_ROM_SIZE);
  const d = new DataView(rom.buffer);
  const code = [
    0x00000297, // auipc t0, 0
    0xf1402573, // csrr a0, mhartid
    0x0182a583, // lw a1, 24(t0)
    0x0142a283, // lw t0, 20(t0)
    0x00028067, // jr t0
  ];
  code.forEach((w, i) => d.setUint32(4 * i, w, true));
  d.setUint32(ROM_ENTRY_WORD, entry >>> 0, true);
  d.setUint32(ROM_DTB_WORD, dtb >>> 0, true);
  return rom;
}

export class ResetRom implements MmioDevice {
  readonly id = 'rom';
  readonly name = 'reset ROM';
  readonly irqPending = false;
  private readonly view: DataView;

  constructor(readonly image: Uint8Array) {
    this.view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  }

  read(offset: number, width: Width): number {
    if (offset + width > this.image.length) return -1;
    if (width === 1) return this.image[offset];
    if (width === 2) return this.view.getUint16(offset, true);
    return this.view.getUint32(offset, true);
  }

  write(): boolean {
    return false; // ROM: stores fault
  }

  registers(): RegisterView[] {
    return [
      {
        name: 'entry',
        value: this.view.getUint32(ROM_ENTRY_WORD, true),
        note: hex(this.view.getUint32(ROM_ENTRY_WORD, true)),
      },
      {
        name: 'dtb',
        value: this.view.getUint32(ROM_DTB_WORD, true),
        note: hex(this.view.getUint32(ROM_DTB_WORD, true)),
      },
    ];
  }
}
