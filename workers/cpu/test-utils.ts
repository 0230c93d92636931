// Test and benchmark helpers: a tiny RV32IMA instruction encoder (ABI register numbers,
// hand-checked against the ISA manual's formats) and a fake Bus with RAM, a reset ROM
// and a scratch MMIO device.

import { allocateRam, type Bus } from './bus';
import { Hart } from './hart';
import { RAM_BASE, RESET_ROM_BASE } from '../machine/memmap';

// ---- Encoder -------------------------------------------------------------------------

export const R = {
  zero: 0,
  ra: 1,
  sp: 2,
  gp: 3,
  tp: 4,
  t0: 5,
  t1: 6,
  t2: 7,
  s0: 8,
  s1: 9,
  a0: 10,
  a1: 11,
  a2: 12,
  a3: 13,
  a4: 14,
  a5: 15,
  a6: 16,
  a7: 17,
  s2: 18,
  s3: 19,
  s4: 20,
  s5: 21,
  s6: 22,
  s7: 23,
  s8: 24,
  s9: 25,
  s10: 26,
  s11: 27,
  t3: 28,
  t4: 29,
  t5: 30,
  t6: 31,
} as const;

export const rType = (op: number, f3: number, f7: number, rd: number, rs1: number, rs2: number): number =>
  ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
export const iType = (op: number, f3: number, rd: number, rs1: number, imm: number): number =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
export const sType = (op: number, f3: number, rs1: number, rs2: number, imm: number): number =>
  ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 0x1f) << 7) | op) >>> 0;
export const bType = (f3: number, rs1: number, rs2: number, off: number): number =>
  ((((off >> 12) & 1) << 31) |
    (((off >> 5) & 0x3f) << 25) |
    (rs2 << 20) |
    (rs1 << 15) |
    (f3 << 12) |
    (((off >> 1) & 0xf) << 8) |
    (((off >> 11) & 1) << 7) |
    0x63) >>>
  0;
export const uType = (op: number, rd: number, imm: number): number =>
  ((imm & 0xfffff000) | (rd << 7) | op) >>> 0;
export const jType = (rd: number, off: number): number =>
  ((((off >> 20) & 1) << 31) |
    (((off >> 1) & 0x3ff) << 21) |
    (((off >> 11) & 1) << 20) |
    (off & 0xff000) |
    (rd << 7) |
    0x6f) >>>
  0;

/** A signed 12-bit immediate; throws so that a test cannot silently encode another value. */
export function s12(v: number): number {
  if (v < -2048 || v > 2047) throw new Error(`immediate ${v} does not fit in 12 bits`);
  return v;
}

export const A = {
  lui: (rd: number, imm: number) => uType(0x37, rd, imm),
  auipc: (rd: number, imm: number) => uType(0x17, rd, imm),
  jal: (rd: number, off: number) => jType(rd, off),
  jalr: (rd: number, rs1: number, imm: number) => iType(0x67, 0, rd, rs1, s12(imm)),
  beq: (a: number, b: number, off: number) => bType(0, a, b, off),
  bne: (a: number, b: number, off: number) => bType(1, a, b, off),
  blt: (a: number, b: number, off: number) => bType(4, a, b, off),
  bge: (a: number, b: number, off: number) => bType(5, a, b, off),
  bltu: (a: number, b: number, off: number) => bType(6, a, b, off),
  bgeu: (a: number, b: number, off: number) => bType(7, a, b, off),
  lb: (rd: number, rs1: number, imm: number) => iType(0x03, 0, rd, rs1, s12(imm)),
  lh: (rd: number, rs1: number, imm: number) => iType(0x03, 1, rd, rs1, s12(imm)),
  lw: (rd: number, rs1: number, imm: number) => iType(0x03, 2, rd, rs1, s12(imm)),
  lbu: (rd: number, rs1: number, imm: number) => iType(0x03, 4, rd, rs1, s12(imm)),
  lhu: (rd: number, rs1: number, imm: number) => iType(0x03, 5, rd, rs1, s12(imm)),
  sb: (rs2: number, rs1: number, imm: number) => sType(0x23, 0, rs1, rs2, s12(imm)),
  sh: (rs2: number, rs1: number, imm: number) => sType(0x23, 1, rs1, rs2, s12(imm)),
  sw: (rs2: number, rs1: number, imm: number) => sType(0x23, 2, rs1, rs2, s12(imm)),
  addi: (rd: number, rs1: number, imm: number) => iType(0x13, 0, rd, rs1, s12(imm)),
  slti: (rd: number, rs1: number, imm: number) => iType(0x13, 2, rd, rs1, s12(imm)),
  sltiu: (rd: number, rs1: number, imm: number) => iType(0x13, 3, rd, rs1, s12(imm)),
  xori: (rd: number, rs1: number, imm: number) => iType(0x13, 4, rd, rs1, s12(imm)),
  ori: (rd: number, rs1: number, imm: number) => iType(0x13, 6, rd, rs1, s12(imm)),
  andi: (rd: number, rs1: number, imm: number) => iType(0x13, 7, rd, rs1, s12(imm)),
  slli: (rd: number, rs1: number, sh: number) => iType(0x13, 1, rd, rs1, sh),
  srli: (rd: number, rs1: number, sh: number) => iType(0x13, 5, rd, rs1, sh),
  srai: (rd: number, rs1: number, sh: number) => iType(0x13, 5, rd, rs1, 0x400 | sh),
  add: (rd: number, a: number, b: number) => rType(0x33, 0, 0, rd, a, b),
  sub: (rd: number, a: number, b: number) => rType(0x33, 0, 0x20, rd, a, b),
  sll: (rd: number, a: number, b: number) => rType(0x33, 1, 0, rd, a, b),
  slt: (rd: number, a: number, b: number) => rType(0x33, 2, 0, rd, a, b),
  sltu: (rd: number, a: number, b: number) => rType(0x33, 3, 0, rd, a, b),
  xor: (rd: number, a: number, b: number) => rType(0x33, 4, 0, rd, a, b),
  srl: (rd: number, a: number, b: number) => rType(0x33, 5, 0, rd, a, b),
  sra: (rd: number, a: number, b: number) => rType(0x33, 5, 0x20, rd, a, b),
  or: (rd: number, a: number, b: number) => rType(0x33, 6, 0, rd, a, b),
  and: (rd: number, a: number, b: number) => rType(0x33, 7, 0, rd, a, b),
  mul: (rd: number, a: number, b: number) => rType(0x33, 0, 1, rd, a, b),
  mulh: (rd: number, a: number, b: number) => rType(0x33, 1, 1, rd, a, b),
  mulhsu: (rd: number, a: number, b: number) => rType(0x33, 2, 1, rd, a, b),
  mulhu: (rd: number, a: number, b: number) => rType(0x33, 3, 1, rd, a, b),
  div: (rd: number, a: number, b: number) => rType(0x33, 4, 1, rd, a, b),
  divu: (rd: number, a: number, b: number) => rType(0x33, 5, 1, rd, a, b),
  rem: (rd: number, a: number, b: number) => rType(0x33, 6, 1, rd, a, b),
  remu: (rd: number, a: number, b: number) => rType(0x33, 7, 1, rd, a, b),
  lr: (rd: number, rs1: number) => rType(0x2f, 2, 0x02 << 2, rd, rs1, 0),
  sc: (rd: number, rs1: number, rs2: number) => rType(0x2f, 2, 0x03 << 2, rd, rs1, rs2),
  amo: (f5: number, rd: number, rs1: number, rs2: number) => rType(0x2f, 2, f5 << 2, rd, rs1, rs2),
  fence: () => 0x0ff0000f,
  fencei: () => 0x0000100f,
  ecall: () => 0x00000073,
  ebreak: () => 0x00100073,
  mret: () => 0x30200073,
  sret: () => 0x10200073,
  wfi: () => 0x10500073,
  sfence: (rs1 = 0, rs2 = 0) => rType(0x73, 0, 0x09, 0, rs1, rs2),
  csrrw: (rd: number, csr: number, rs1: number) => iType(0x73, 1, rd, rs1, csr),
  csrrs: (rd: number, csr: number, rs1: number) => iType(0x73, 2, rd, rs1, csr),
  csrrc: (rd: number, csr: number, rs1: number) => iType(0x73, 3, rd, rs1, csr),
  csrrwi: (rd: number, csr: number, u: number) => iType(0x73, 5, rd, u, csr),
  csrrsi: (rd: number, csr: number, u: number) => iType(0x73, 6, rd, u, csr),
  csrrci: (rd: number, csr: number, u: number) => iType(0x73, 7, rd, u, csr),
};

/** lui+addi pair loading a 32-bit constant into rd. */
export function li(rd: number, v: number): number[] {
  const lo = (v << 20) >> 20;
  const hi = (v - lo) | 0;
  return [A.lui(rd, hi), A.addi(rd, rd, lo)];
}

// ---- Fake bus ------------------------------------------------------------------------

/** The scratch device: 64 word registers; writes are logged. */
export const DEV_BASE = 0x1000_0000;
/** Writing here sets hart.stopRequested (like power-off). */
export const DEV_STOP = DEV_BASE + 0x100;
/** Writing a mask here raises those lines through hart.setPending; DEV_LOWER lowers them. */
export const DEV_RAISE = DEV_BASE + 0x104;
export const DEV_LOWER = DEV_BASE + 0x108;

export class FakeBus implements Bus {
  readonly ram: Uint8Array;
  readonly ramBase = RAM_BASE;
  readonly pageWriter: Uint8Array;
  readonly pageExec: Uint8Array;
  readonly rom = new Uint32Array(1024);
  readonly regs = new Uint32Array(64);
  readonly writes: { addr: number; size: number; value: number }[] = [];
  hart: Hart | null = null;

  constructor(ramBytes = 1 << 20) {
    this.ram = allocateRam(ramBytes);
    this.pageWriter = new Uint8Array(ramBytes >>> 12);
    this.pageExec = new Uint8Array(ramBytes >>> 12);
  }

  mmioRead(paddr: number, size: 1 | 2 | 4): number {
    if (paddr >= RESET_ROM_BASE && paddr < RESET_ROM_BASE + 0x1000 && size === 4 && (paddr & 3) === 0) {
      return this.rom[(paddr - RESET_ROM_BASE) >>> 2];
    }
    if (paddr >= DEV_BASE && paddr < DEV_BASE + 0x100) {
      const w = this.regs[(paddr - DEV_BASE) >>> 2];
      const sh = (paddr & 3) * 8;
      return size === 4 ? w : (w >>> sh) & (size === 2 ? 0xffff : 0xff);
    }
    return -1;
  }

  mmioWrite(paddr: number, size: 1 | 2 | 4, value: number): boolean {
    if (paddr >= DEV_BASE && paddr < DEV_BASE + 0x200) {
      this.writes.push({ addr: paddr, size, value });
      if (paddr === DEV_STOP && this.hart) this.hart.stopRequested = true;
      else if (paddr === DEV_RAISE && this.hart) this.hart.setPending(value, true);
      else if (paddr === DEV_LOWER && this.hart) this.hart.setPending(value, false);
      else if (paddr < DEV_BASE + 0x100) this.regs[(paddr - DEV_BASE) >>> 2] = value;
      return true;
    }
    return false;
  }

  mtime(): number {
    return Math.floor((this.hart?.instret ?? 0) / 10);
  }
}

/** A hart on a fake bus with `code` at RAM_BASE, reset to RAM_BASE in M-mode. */
export function makeHart(code: number[] = [], ramBytes = 1 << 20): { hart: Hart; bus: FakeBus } {
  const bus = new FakeBus(ramBytes);
  const hart = new Hart(bus);
  bus.hart = hart;
  load(bus, RAM_BASE, code);
  hart.reset(RAM_BASE);
  return { hart, bus };
}

/** Store words at physical address pa (RAM). */
export function load(bus: FakeBus, pa: number, words: number[]): void {
  const dv = new DataView(bus.ram.buffer, bus.ram.byteOffset, bus.ram.byteLength);
  words.forEach((w, i) => dv.setUint32(pa - RAM_BASE + 4 * i, w >>> 0, true));
}

export function peek(bus: FakeBus, pa: number): number {
  return new DataView(bus.ram.buffer, bus.ram.byteOffset, bus.ram.byteLength).getUint32(pa - RAM_BASE, true);
}

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
