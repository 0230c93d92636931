import { describe, expect, it } from 'vitest';
import { hex32, hexLines } from './hex';

describe('hex view formatting', () => {
  it('prints 16 bytes a line with address, hex and ASCII', () => {
    const bytes = new Uint8Array(32);
    bytes.set([0x13, 0x05, 0x00, 0x00], 0);
    bytes.set(
      [...'Kestrel 2.0!'].map((c) => c.charCodeAt(0)),
      16,
    );
    const lines = hexLines(bytes, 0x8040_0000);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('80400000  13 05 00 00 00 00 00 00  00 00 00 00 00 00 00 00  |................|');
    expect(lines[1]).toBe('80400010  4b 65 73 74 72 65 6c 20  32 2e 30 21 00 00 00 00  |Kestrel 2.0!....|');
  });

  it('makes 256 lines of a page and pads a short tail', () => {
    expect(hexLines(new Uint8Array(4096), 0xbfff_f000)).toHaveLength(256);
    expect(hexLines(new Uint8Array(4096), 0xbfff_f000)[255].startsWith('bffffff0  00 ')).toBe(true);
    const short = hexLines(new Uint8Array([0x41, 0x7f]), 0);
    expect(short[0]).toBe('00000000  41 7f' + ' '.repeat(3 * 14 + 3) + '|A.|');
    expect(short[0].indexOf('|')).toBe(hexLines(new Uint8Array(16), 0)[0].indexOf('|'));
  });

  it('formats unsigned 32-bit addresses', () => {
    expect(hex32(0x8000_0000)).toBe('0x80000000');
    expect(hex32(0xffff_ffff)).toBe('0xffffffff');
  });
});
