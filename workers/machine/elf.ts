// ELF32 little-endian RISC-V executables: parse, load PT_LOAD segments at their physical
// addresses (p_paddr) into RAM with bounds checks, and look up symbols by name (the ISA
// tests' `tohost`). Every malformed input is an ElfError with a message that says what is
// wrong; nothing is written to RAM unless the whole image fits.

export class ElfError extends Error {}

const EM_RISCV = 243;
const ET_EXEC = 2;
const PT_LOAD = 1;
const SHT_SYMTAB = 2;
const EHDR_SIZE = 52;
const PHDR_SIZE = 32;
const SHDR_SIZE = 40;

export interface ElfSegment {
  paddr: number;
  vaddr: number;
  memsz: number;
  flags: number;
  /** File bytes (p_filesz); the rest up to memsz is zero-filled. */
  data: Uint8Array;
}

export interface ElfImage {
  entry: number;
  segments: ElfSegment[];
  /** Symbols from .symtab, by name (first definition wins). */
  symbols: Map<string, number>;
}

export function parseElf(file: Uint8Array): ElfImage {
  if (file.length < EHDR_SIZE)
    throw new ElfError(`ELF: file is ${file.length} bytes, shorter than an ELF header`);
  if (file[0] !== 0x7f || file[1] !== 0x45 || file[2] !== 0x4c || file[3] !== 0x46) {
    throw new ElfError('ELF: bad magic (not an ELF file)');
  }
  if (file[4] !== 1) throw new ElfError('ELF: not a 32-bit ELF (EI_CLASS must be ELFCLASS32)');
  if (file[5] !== 1) throw new ElfError('ELF: not little endian (EI_DATA must be ELFDATA2LSB)');
  const d = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const u16 = (o: number): number => d.getUint16(o, true);
  const u32 = (o: number): number => d.getUint32(o, true);
  if (u16(18) !== EM_RISCV) throw new ElfError(`ELF: e_machine ${u16(18)} is not RISC-V (243)`);
  if (u16(16) !== ET_EXEC) throw new ElfError(`ELF: e_type ${u16(16)} is not an executable (ET_EXEC)`);
  const entry = u32(24);
  const phoff = u32(28);
  const shoff = u32(32);
  const phentsize = u16(42);
  const phnum = u16(44);
  const shentsize = u16(46);
  const shnum = u16(48);
  if (phnum === 0) throw new ElfError('ELF: no program headers');
  if (phentsize !== PHDR_SIZE) throw new ElfError(`ELF: e_phentsize ${phentsize}, expected ${PHDR_SIZE}`);
  if (phoff + phnum * PHDR_SIZE > file.length)
    throw new ElfError('ELF: program header table runs past the end of the file');

  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * PHDR_SIZE;
    if (u32(p) !== PT_LOAD) continue;
    const offset = u32(p + 4);
    const vaddr = u32(p + 8);
    const paddr = u32(p + 12);
    const filesz = u32(p + 16);
    const memsz = u32(p + 20);
    if (filesz > memsz) throw new ElfError(`ELF: segment ${i} has p_filesz ${filesz} > p_memsz ${memsz}`);
    if (offset + filesz > file.length)
      throw new ElfError(`ELF: segment ${i} file bytes run past the end of the file`);
    if (memsz === 0) continue;
    segments.push({ paddr, vaddr, memsz, flags: u32(p + 24), data: file.slice(offset, offset + filesz) });
  }
  if (segments.length === 0) throw new ElfError('ELF: no PT_LOAD segment');

  const symbols = new Map<string, number>();
  if (shoff && shnum && shentsize === SHDR_SIZE && shoff + shnum * SHDR_SIZE <= file.length) {
    for (let i = 0; i < shnum; i++) {
      const s = shoff + i * SHDR_SIZE;
      if (u32(s + 4) !== SHT_SYMTAB) continue;
      const symOff = u32(s + 16);
      const symSize = u32(s + 20);
      const link = u32(s + 24);
      if (link >= shnum || symOff + symSize > file.length)
        throw new ElfError('ELF: symbol table out of bounds');
      const strOff = u32(shoff + link * SHDR_SIZE + 16);
      const strSize = u32(shoff + link * SHDR_SIZE + 20);
      if (strOff + strSize > file.length) throw new ElfError('ELF: string table out of bounds');
      for (let o = symOff; o + 16 <= symOff + symSize; o += 16) {
        const nameAt = u32(o);
        if (nameAt === 0 || nameAt >= strSize) continue;
        let e = strOff + nameAt;
        while (e < strOff + strSize && file[e] !== 0) e++;
        const name = new TextDecoder().decode(file.subarray(strOff + nameAt, e));
        if (!symbols.has(name)) symbols.set(name, u32(o + 4));
      }
    }
  }
  return { entry, segments, symbols };
}

/** Copy every segment into RAM at p_paddr (zero-filling to p_memsz); throws ElfError if one does not fit. */
export function loadElf(img: ElfImage, ram: Uint8Array, ramBase: number): void {
  const end = ramBase + ram.length;
  for (const s of img.segments) {
    if (s.paddr < ramBase || s.paddr + s.memsz > end) {
      const hex = (n: number): string => '0x' + n.toString(16);
      throw new ElfError(
        `ELF: segment [${hex(s.paddr)}, ${hex(s.paddr + s.memsz)}) lies outside RAM [${hex(ramBase)}, ${hex(end)})`,
      );
    }
  }
  for (const s of img.segments) {
    const off = s.paddr - ramBase;
    ram.set(s.data, off);
    ram.fill(0, off + s.data.length, off + s.memsz);
  }
}
