import { describe, expect, it } from 'vitest';
import { ResetRom, resetRomImage } from './reset-rom';
import { A0, A1, Asm, CSR, T0, ZERO } from './test-asm';

describe('reset ROM', () => {
  it('holds auipc/csrr mhartid/lw dtb/lw entry/jr and the two data words', () => {
    const rom = new ResetRom(resetRomImage(0x8000_0000, 0x83e0_0000));
    const code = new Asm(0x1000)
      .auipc(T0, 0)
      .csrr(A0, CSR.mhartid)
      .lw(A1, 24, T0)
      .lw(T0, 20, T0)
      .jalr(ZERO, T0);
    const want = new DataView(code.assemble().buffer);
    for (let i = 0; i < 5; i++) expect(rom.read(4 * i, 4)).toBe(want.getUint32(4 * i, true));
    expect(rom.read(0x14, 4)).toBe(0x8000_0000);
    expect(rom.read(0x18, 4)).toBe(0x83e0_0000);
    expect(rom.read(0x18 + 3, 1)).toBe(0x83);
    expect(rom.read(0x100, 4)).toBe(0);
  });

  it('faults on stores and on reads past its end', () => {
    const rom = new ResetRom(resetRomImage(0, 0));
    expect(rom.write()).toBe(false);
    expect(rom.read(0xffe, 4)).toBe(-1);
  });
});
