// Hex dump of one page for the hex view: 16 bytes a line, address, hex, ASCII,
// in the layout of `xxd`/`hexdump -C` that a kernel engineer reads at a glance.

export const BYTES_PER_LINE = 16;

/** 0x80400000 (eight hex digits, unsigned). */
export function hex32(value: number): string {
  return '0x' + (value >>> 0).toString(16).padStart(8, '0');
}

function printable(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : '.';
}

/**
 * One line per 16 bytes: `80400000  13 05 00 00 ...  93 05 ...  |........|`.
 * A short final line is padded so the ASCII column stays aligned.
 */
export function hexLines(bytes: Uint8Array, baseAddress: number): string[] {
  const lines: string[] = [];
  for (let off = 0; off < bytes.length; off += BYTES_PER_LINE) {
    let hex = '';
    let ascii = '';
    for (let i = 0; i < BYTES_PER_LINE; i++) {
      if (i === 8) hex += ' ';
      if (off + i < bytes.length) {
        const b = bytes[off + i];
        hex += b.toString(16).padStart(2, '0') + ' ';
        ascii += printable(b);
      } else {
        hex += '   ';
      }
    }
    const addr = ((baseAddress + off) >>> 0).toString(16).padStart(8, '0');
    lines.push(`${addr}  ${hex} |${ascii}|`);
  }
  return lines;
}
