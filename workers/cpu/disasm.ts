// A disassembler for the CPU panel: one RV32IMA/Zicsr/Zifencei instruction word to text,
// with standard mnemonics, ABI register names, the common pseudo-instructions (li, mv,
// j, ret, nop, csrr/csrw) and CSR names. Branch and jump targets are absolute.

import * as C from './csr-defs';

import { ABI_NAMES } from '../protocol/registers';

const CSR_NAMES = new Map<number, string>();
for (const [k, v] of Object.entries(C)) {
  if (k.startsWith('CSR_') && typeof v === 'number') CSR_NAMES.set(v, k.slice(4).toLowerCase());
}
for (let i = 1; i < C.PMPCFG_COUNT; i++) CSR_NAMES.set(C.CSR_PMPCFG0 + i, `pmpcfg${i}`);
for (let i = 1; i < C.PMPADDR_COUNT; i++) CSR_NAMES.set(C.CSR_PMPADDR0 + i, `pmpaddr${i}`);

/** The name of a CSR number (or its hex value). */
export function csrName(n: number): string {
  return CSR_NAMES.get(n) ?? `0x${n.toString(16).padStart(3, '0')}`;
}

const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;
const imm = (v: number): string => (v < -9 || v > 9 ? (v < 0 ? `-${hex(-v)}` : hex(v)) : String(v));

const LOADS = ['lb', 'lh', 'lw', '', 'lbu', 'lhu', '', ''];
const STORES = ['sb', 'sh', 'sw'];
const BRANCHES = ['beq', 'bne', '', '', 'blt', 'bge', 'bltu', 'bgeu'];
const OPIMM = ['addi', 'slli', 'slti', 'sltiu', 'xori', 'srli', 'ori', 'andi'];
const OP = ['add', 'sll', 'slt', 'sltu', 'xor', 'srl', 'or', 'and'];
const MULDIV = ['mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu'];
const CSROPS = ['', 'csrrw', 'csrrs', 'csrrc', '', 'csrrwi', 'csrrsi', 'csrrci'];
const AMOS: Record<number, string> = {
  0x00: 'amoadd.w',
  0x01: 'amoswap.w',
  0x02: 'lr.w',
  0x03: 'sc.w',
  0x04: 'amoxor.w',
  0x08: 'amoor.w',
  0x0c: 'amoand.w',
  0x10: 'amomin.w',
  0x14: 'amomax.w',
  0x18: 'amominu.w',
  0x1c: 'amomaxu.w',
};

/** Disassemble word (the instruction at pc). Unknown encodings give "unknown 0x...". */
export function disasm(word: number, pc: number): string {
  const w = word | 0;
  const op = w & 0x7f;
  const rdn = (w >> 7) & 31;
  const rd = ABI_NAMES[rdn];
  const rs1n = (w >> 15) & 31;
  const rs1 = ABI_NAMES[rs1n];
  const rs2 = ABI_NAMES[(w >> 20) & 31];
  const f3 = (w >> 12) & 7;
  const f7 = w >>> 25;
  const iimm = w >> 20;
  const unknown = `unknown ${hex(w)}`;
  switch (op) {
    case 0x37:
      return `lui ${rd}, ${hex(w >>> 12)}`;
    case 0x17:
      return `auipc ${rd}, ${hex(w >>> 12)}`;
    case 0x6f: {
      const off = ((w >> 31) << 20) | (w & 0xff000) | (((w >> 20) & 1) << 11) | (((w >> 21) & 0x3ff) << 1);
      const t = hex(pc + off);
      return rdn === 0 ? `j ${t}` : rdn === 1 ? `jal ${t}` : `jal ${rd}, ${t}`;
    }
    case 0x67:
      if (f3 !== 0) return unknown;
      if (rdn === 0 && rs1n === 1 && iimm === 0) return 'ret';
      if (rdn === 0 && iimm === 0) return `jr ${rs1}`;
      return `jalr ${rd}, ${imm(iimm)}(${rs1})`;
    case 0x63: {
      if (!BRANCHES[f3]) return unknown;
      const off =
        ((w >> 31) << 12) | (((w >> 7) & 1) << 11) | (((w >> 25) & 0x3f) << 5) | (((w >> 8) & 0xf) << 1);
      return `${BRANCHES[f3]} ${rs1}, ${rs2}, ${hex(pc + off)}`;
    }
    case 0x03:
      return LOADS[f3] ? `${LOADS[f3]} ${rd}, ${imm(iimm)}(${rs1})` : unknown;
    case 0x23: {
      const off = ((w >> 25) << 5) | ((w >> 7) & 31);
      return f3 < 3 ? `${STORES[f3]} ${rs2}, ${imm(off)}(${rs1})` : unknown;
    }
    case 0x13:
      if (f3 === 1 || f3 === 5) {
        const name = f3 === 1 ? (f7 === 0 ? 'slli' : '') : f7 === 0 ? 'srli' : f7 === 0x20 ? 'srai' : '';
        return name ? `${name} ${rd}, ${rs1}, ${(w >> 20) & 31}` : unknown;
      }
      if (w === 0x13) return 'nop';
      if (f3 === 0 && rs1n === 0) return `li ${rd}, ${imm(iimm)}`;
      if (f3 === 0 && iimm === 0) return `mv ${rd}, ${rs1}`;
      return `${OPIMM[f3]} ${rd}, ${rs1}, ${imm(iimm)}`;
    case 0x33:
      if (f7 === 0) return `${OP[f3]} ${rd}, ${rs1}, ${rs2}`;
      if (f7 === 1) return `${MULDIV[f3]} ${rd}, ${rs1}, ${rs2}`;
      if (f7 === 0x20 && f3 === 0) return `sub ${rd}, ${rs1}, ${rs2}`;
      if (f7 === 0x20 && f3 === 5) return `sra ${rd}, ${rs1}, ${rs2}`;
      return unknown;
    case 0x0f:
      return f3 === 0 ? 'fence' : f3 === 1 ? 'fence.i' : unknown;
    case 0x2f: {
      const name = AMOS[w >>> 27];
      if (f3 !== 2 || !name) return unknown;
      const ord = `${(w >> 26) & 1 ? '.aq' : ''}${(w >> 25) & 1 ? '.rl' : ''}`;
      if (name === 'lr.w') return `lr.w${ord} ${rd}, (${rs1})`;
      return `${name}${ord} ${rd}, ${rs2}, (${rs1})`;
    }
    case 0x73: {
      if (f3 === 0) {
        switch (w >>> 0) {
          case 0x00000073:
            return 'ecall';
          case 0x00100073:
            return 'ebreak';
          case 0x30200073:
            return 'mret';
          case 0x10200073:
            return 'sret';
          case 0x10500073:
            return 'wfi';
        }
        if ((w & 0xfe007fff) === 0x12000073) return `sfence.vma ${rs1}, ${rs2}`;
        return unknown;
      }
      if (!CSROPS[f3]) return unknown;
      const csr = csrName(w >>> 20);
      const src = f3 & 4 ? String(rs1n) : rs1;
      if (f3 === 2 && rs1n === 0) return `csrr ${rd}, ${csr}`;
      if (f3 === 1 && rdn === 0) return `csrw ${csr}, ${rs1}`;
      return `${CSROPS[f3]} ${rd}, ${csr}, ${src}`;
    }
    default:
      return unknown;
  }
}
