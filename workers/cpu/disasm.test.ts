import { describe, expect, it } from 'vitest';
import { disasm } from './disasm';
import { A, R } from './test-utils';
import { CSR_MSTATUS, CSR_SATP } from './csr-defs';

const PC = 0x8000_0000;

describe('disasm', () => {
  it.each([
    [A.addi(R.a0, R.a1, -5), 'addi a0, a1, -5'],
    [A.addi(R.a0, 0, 100), 'li a0, 0x64'],
    [A.addi(R.s0, R.sp, 0), 'mv s0, sp'],
    [0x13, 'nop'],
    [A.lui(R.t0, 0x12345000), 'lui t0, 0x12345'],
    [A.lw(R.a5, R.sp, 12), 'lw a5, 0xc(sp)'],
    [A.sb(R.a0, R.a1, -1), 'sb a0, -1(a1)'],
    [A.beq(R.a0, R.a1, -8), 'beq a0, a1, 0x7ffffff8'],
    [A.jal(0, 16), 'j 0x80000010'],
    [A.jal(R.ra, 16), 'jal 0x80000010'],
    [A.jalr(0, R.ra, 0), 'ret'],
    [A.srai(R.t1, R.t2, 3), 'srai t1, t2, 3'],
    [A.sub(R.s2, R.s3, R.s4), 'sub s2, s3, s4'],
    [A.mulhsu(R.t3, R.t4, R.t5), 'mulhsu t3, t4, t5'],
    [A.remu(R.a0, R.a1, R.a2), 'remu a0, a1, a2'],
    [A.lr(R.a0, R.a1), 'lr.w a0, (a1)'],
    [A.sc(R.a0, R.a1, R.a2), 'sc.w a0, a2, (a1)'],
    [A.amo(0x01, R.t0, R.a0, R.t1) | (1 << 26), 'amoswap.w.aq t0, t1, (a0)'],
    [A.csrrs(R.a0, CSR_MSTATUS, 0), 'csrr a0, mstatus'],
    [A.csrrw(0, CSR_SATP, R.t0), 'csrw satp, t0'],
    [A.csrrsi(R.a0, 0x3a1, 4), 'csrrsi a0, pmpcfg1, 4'],
    [A.ecall(), 'ecall'],
    [A.mret(), 'mret'],
    [A.wfi(), 'wfi'],
    [A.sfence(), 'sfence.vma zero, zero'],
    [A.fencei(), 'fence.i'],
    [0, 'unknown 0x0'],
    [0xffffffff, 'unknown 0xffffffff'],
  ])('%s -> %s', (word, text) => {
    expect(disasm(word, PC)).toBe(text);
  });
});
