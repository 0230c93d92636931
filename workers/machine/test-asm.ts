// A tiny RV32 assembler and ELF32 writer for machine-level tests that must not depend on
// the guest images or a compiler: tests write programs like `a.li(A0, 1); a.sw(A0, 0, T0)`.
// Each instruction is encoded from the base ISA formats (R/I/S/B/U/J); branches and jumps
// take labels resolved at assemble time. `li` and `la` always expand to two instructions.

export const ZERO = 0;
export const RA = 1;
export const SP = 2;
export const T0 = 5;
export const T1 = 6;
export const T2 = 7;
export const S0 = 8;
export const S1 = 9;
export const A0 = 10;
export const A1 = 11;
export const A2 = 12;
export const A3 = 13;
export const A4 = 14;
export const A5 = 15;

export const CSR = {
  mstatus: 0x300,
  mie: 0x304,
  mtvec: 0x305,
  mepc: 0x341,
  mcause: 0x342,
  mip: 0x344,
  mhartid: 0xf14,
  time: 0xc01,
};

const r = (f7: number, rs2: number, rs1: number, f3: number, rd: number, op: number): number =>
  ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const i = (imm: number, rs1: number, f3: number, rd: number, op: number): number =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const s = (imm: number, rs2: number, rs1: number, f3: number, op: number): number =>
  ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 0x1f) << 7) | op) >>> 0;
const b = (imm: number, rs2: number, rs1: number, f3: number): number =>
  ((((imm >> 12) & 1) << 31) |
    (((imm >> 5) & 0x3f) << 25) |
    (rs2 << 20) |
    (rs1 << 15) |
    (f3 << 12) |
    (((imm >> 1) & 0xf) << 8) |
    (((imm >> 11) & 1) << 7) |
    0x63) >>>
  0;
const u = (imm20: number, rd: number, op: number): number =>
  (((imm20 & 0xfffff) << 12) | (rd << 7) | op) >>> 0;
const j = (imm: number, rd: number): number =>
  ((((imm >> 20) & 1) << 31) |
    (((imm >> 1) & 0x3ff) << 21) |
    (((imm >> 11) & 1) << 20) |
    (((imm >> 12) & 0xff) << 12) |
    (rd << 7) |
    0x6f) >>>
  0;

/** Split a 32-bit value into lui/addi parts (addi sign-extends its 12 bits). */
function hiLo(v: number): [number, number] {
  const lo = ((v & 0xfff) << 20) >> 20;
  return [((v - lo) >>> 12) & 0xfffff, lo];
}

type Fixup = {
  at: number;
  label: string;
  kind: 'b' | 'j' | 'la';
  f3?: number;
  rs1?: number;
  rs2?: number;
  rd?: number;
};

export class Asm {
  private words: number[] = [];
  private labels = new Map<string, number>();
  private fixups: Fixup[] = [];

  constructor(readonly base: number) {}

  get pc(): number {
    return this.base + 4 * this.words.length;
  }

  emit(w: number): this {
    this.words.push(w >>> 0);
    return this;
  }
  word(w: number): this {
    return this.emit(w);
  }
  label(name: string): this {
    if (this.labels.has(name)) throw new Error(`label ${name} defined twice`);
    this.labels.set(name, this.pc);
    return this;
  }
  addr(name: string): number {
    const a = this.labels.get(name);
    if (a === undefined) throw new Error(`undefined label ${name}`);
    return a;
  }
  /** Pad with zero words up to address `a`. */
  org(a: number): this {
    while (this.pc < a) this.words.push(0);
    return this;
  }

  add(rd: number, rs1: number, rs2: number): this {
    return this.emit(r(0, rs2, rs1, 0, rd, 0x33));
  }
  sub(rd: number, rs1: number, rs2: number): this {
    return this.emit(r(0x20, rs2, rs1, 0, rd, 0x33));
  }
  and(rd: number, rs1: number, rs2: number): this {
    return this.emit(r(0, rs2, rs1, 7, rd, 0x33));
  }
  or(rd: number, rs1: number, rs2: number): this {
    return this.emit(r(0, rs2, rs1, 6, rd, 0x33));
  }
  addi(rd: number, rs1: number, imm: number): this {
    return this.emit(i(imm, rs1, 0, rd, 0x13));
  }
  andi(rd: number, rs1: number, imm: number): this {
    return this.emit(i(imm, rs1, 7, rd, 0x13));
  }
  ori(rd: number, rs1: number, imm: number): this {
    return this.emit(i(imm, rs1, 6, rd, 0x13));
  }
  slli(rd: number, rs1: number, sh: number): this {
    return this.emit(i(sh & 31, rs1, 1, rd, 0x13));
  }
  srli(rd: number, rs1: number, sh: number): this {
    return this.emit(i(sh & 31, rs1, 5, rd, 0x13));
  }
  lui(rd: number, imm20: number): this {
    return this.emit(u(imm20, rd, 0x37));
  }
  auipc(rd: number, imm20: number): this {
    return this.emit(u(imm20, rd, 0x17));
  }
  li(rd: number, v: number): this {
    const [hi, lo] = hiLo(v >>> 0);
    return this.lui(rd, hi).addi(rd, rd, lo);
  }
  la(rd: number, label: string): this {
    this.fixups.push({ at: this.words.length, label, kind: 'la', rd });
    return this.emit(0).emit(0);
  }
  lw(rd: number, off: number, rs1: number): this {
    return this.emit(i(off, rs1, 2, rd, 0x03));
  }
  lbu(rd: number, off: number, rs1: number): this {
    return this.emit(i(off, rs1, 4, rd, 0x03));
  }
  sw(rs2: number, off: number, rs1: number): this {
    return this.emit(s(off, rs2, rs1, 2, 0x23));
  }
  sb(rs2: number, off: number, rs1: number): this {
    return this.emit(s(off, rs2, rs1, 0, 0x23));
  }
  private branch(f3: number, rs1: number, rs2: number, label: string): this {
    this.fixups.push({ at: this.words.length, label, kind: 'b', f3, rs1, rs2 });
    return this.emit(0);
  }
  beq(rs1: number, rs2: number, l: string): this {
    return this.branch(0, rs1, rs2, l);
  }
  bne(rs1: number, rs2: number, l: string): this {
    return this.branch(1, rs1, rs2, l);
  }
  blt(rs1: number, rs2: number, l: string): this {
    return this.branch(4, rs1, rs2, l);
  }
  bltu(rs1: number, rs2: number, l: string): this {
    return this.branch(6, rs1, rs2, l);
  }
  bgeu(rs1: number, rs2: number, l: string): this {
    return this.branch(7, rs1, rs2, l);
  }
  jal(rd: number, label: string): this {
    this.fixups.push({ at: this.words.length, label, kind: 'j', rd });
    return this.emit(0);
  }
  j(label: string): this {
    return this.jal(ZERO, label);
  }
  jalr(rd: number, rs1: number, off = 0): this {
    return this.emit(i(off, rs1, 0, rd, 0x67));
  }
  csrrw(rd: number, csr: number, rs1: number): this {
    return this.emit(i(csr, rs1, 1, rd, 0x73));
  }
  csrrs(rd: number, csr: number, rs1: number): this {
    return this.emit(i(csr, rs1, 2, rd, 0x73));
  }
  csrrc(rd: number, csr: number, rs1: number): this {
    return this.emit(i(csr, rs1, 3, rd, 0x73));
  }
  csrr(rd: number, csr: number): this {
    return this.csrrs(rd, csr, ZERO);
  }
  csrw(csr: number, rs1: number): this {
    return this.csrrw(ZERO, csr, rs1);
  }
  csrsi(csr: number, imm5: number): this {
    return this.emit(i(csr, imm5 & 31, 6, ZERO, 0x73));
  }
  ecall(): this {
    return this.emit(0x00000073);
  }
  mret(): this {
    return this.emit(0x30200073);
  }
  wfi(): this {
    return this.emit(0x10500073);
  }
  nop(): this {
    return this.addi(ZERO, ZERO, 0);
  }

  /** Resolve labels and return the little-endian machine code. */
  assemble(): Uint8Array {
    const w = [...this.words];
    for (const f of this.fixups) {
      const pc = this.base + 4 * f.at;
      const off = this.addr(f.label) - pc;
      if (f.kind === 'b') {
        if (off < -4096 || off > 4094) throw new Error(`branch to ${f.label} out of range`);
        w[f.at] = b(off, f.rs2 as number, f.rs1 as number, f.f3 as number);
      } else if (f.kind === 'j') w[f.at] = j(off, f.rd as number);
      else {
        const [hi, lo] = hiLo(off);
        w[f.at] = u(hi, f.rd as number, 0x17);
        w[f.at + 1] = i(lo, f.rd as number, 0, f.rd as number, 0x13);
      }
    }
    const out = new Uint8Array(w.length * 4);
    const d = new DataView(out.buffer);
    w.forEach((x, k) => d.setUint32(4 * k, x, true));
    return out;
  }
}

export interface ElfSpec {
  entry: number;
  segments: { paddr: number; data: Uint8Array; memsz?: number; vaddr?: number }[];
  symbols?: Record<string, number>;
}

/** Write a minimal ELF32 RISC-V executable: program headers, .symtab and .strtab. */
export function makeElf(spec: ElfSpec): Uint8Array {
  const names = Object.entries(spec.symbols ?? {});
  const strtab: number[] = [0];
  const symtab = new Uint8Array(16 * (names.length + 1));
  const sd = new DataView(symtab.buffer);
  names.forEach(([name, addr], k) => {
    sd.setUint32(16 * (k + 1), strtab.length, true);
    sd.setUint32(16 * (k + 1) + 4, addr >>> 0, true);
    sd.setUint8(16 * (k + 1) + 12, 0x11); // STB_GLOBAL, STT_OBJECT
    sd.setUint16(16 * (k + 1) + 14, 1, true);
    for (const ch of new TextEncoder().encode(name)) strtab.push(ch);
    strtab.push(0);
  });
  const phoff = 52;
  let off = phoff + 32 * spec.segments.length;
  const dataOffs = spec.segments.map((sg) => {
    const o = off;
    off += (sg.data.length + 3) & ~3;
    return o;
  });
  const symOff = off;
  const strOff = symOff + symtab.length;
  const shoff = (strOff + strtab.length + 3) & ~3;
  const total = shoff + 3 * 40;
  const f = new Uint8Array(total);
  const d = new DataView(f.buffer);
  f.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
  d.setUint16(16, 2, true); // ET_EXEC
  d.setUint16(18, 243, true); // EM_RISCV
  d.setUint32(20, 1, true);
  d.setUint32(24, spec.entry >>> 0, true);
  d.setUint32(28, phoff, true);
  d.setUint32(32, shoff, true);
  d.setUint16(40, 52, true);
  d.setUint16(42, 32, true);
  d.setUint16(44, spec.segments.length, true);
  d.setUint16(46, 40, true);
  d.setUint16(48, 3, true);
  spec.segments.forEach((sg, k) => {
    const p = phoff + 32 * k;
    d.setUint32(p, 1, true); // PT_LOAD
    d.setUint32(p + 4, dataOffs[k], true);
    d.setUint32(p + 8, (sg.vaddr ?? sg.paddr) >>> 0, true);
    d.setUint32(p + 12, sg.paddr >>> 0, true);
    d.setUint32(p + 16, sg.data.length, true);
    d.setUint32(p + 20, sg.memsz ?? sg.data.length, true);
    d.setUint32(p + 24, 7, true);
    f.set(sg.data, dataOffs[k]);
  });
  f.set(symtab, symOff);
  f.set(strtab, strOff);
  const sh = (k: number, type: number, o: number, size: number, link: number): void => {
    const p = shoff + 40 * k;
    d.setUint32(p + 4, type, true);
    d.setUint32(p + 16, o, true);
    d.setUint32(p + 20, size, true);
    d.setUint32(p + 24, link, true);
  };
  sh(1, 2, symOff, symtab.length, 2); // .symtab -> .strtab
  sh(2, 3, strOff, strtab.length, 0); // .strtab
  return f;
}
