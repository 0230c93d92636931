// A small ELF32 (little endian) reader for the observer: the loadable segments of a
// guest image, so that the observer knows what each of its pages looks like in RAM.

export const PT_LOAD = 1;
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

export interface ElfSegment {
  vaddr: number;
  paddr: number;
  /** file bytes (filesz); memsz - filesz trailing bytes are zero */
  data: Uint8Array;
  memsz: number;
  flags: number;
}

export interface ElfImage {
  entry: number;
  segments: ElfSegment[];
  /** Read `len` bytes at virtual address `vaddr` from the file image (zeros past filesz), or null. */
  readVirtual(vaddr: number, len: number): Uint8Array | null;
}

/** Parse an ELF32 LE executable; throws on anything that is not one (host-side input, not guest). */
export function parseElf32(bytes: Uint8Array): ElfImage {
  if (bytes.length < 52 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    throw new Error('not an ELF file');
  }
  if (bytes[4] !== 1 || bytes[5] !== 1) throw new Error('not a little-endian ELF32 file');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entry = dv.getUint32(24, true);
  const phoff = dv.getUint32(28, true);
  const phentsize = dv.getUint16(42, true);
  const phnum = dv.getUint16(44, true);
  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * phentsize;
    if (o + 32 > bytes.length) throw new Error('truncated program header');
    if (dv.getUint32(o, true) !== PT_LOAD) continue;
    const offset = dv.getUint32(o + 4, true);
    const vaddr = dv.getUint32(o + 8, true);
    const paddr = dv.getUint32(o + 12, true);
    const filesz = dv.getUint32(o + 16, true);
    const memsz = dv.getUint32(o + 20, true);
    const flags = dv.getUint32(o + 24, true);
    if (offset + filesz > bytes.length) throw new Error('segment outside the file');
    if (memsz === 0) continue;
    segments.push({ vaddr, paddr, data: bytes.subarray(offset, offset + filesz), memsz, flags });
  }
  function readVirtual(vaddr: number, len: number): Uint8Array | null {
    for (const s of segments) {
      if (vaddr >= s.vaddr && vaddr + len <= s.vaddr + s.memsz) {
        const out = new Uint8Array(len);
        const start = vaddr - s.vaddr;
        const avail = Math.max(0, Math.min(len, s.data.length - start));
        if (avail > 0) out.set(s.data.subarray(start, start + avail));
        return out;
      }
    }
    return null;
  }
  return { entry, segments, readVirtual };
}
