import { describe, expect, it } from 'vitest';
import { A, R, li, makeHart } from './test-utils';
import * as C from './csr-defs';

const { a0, a1, a2 } = R;

/** Run code at privilege priv; returns the hart. */
function runAt(priv: number, code: number[], steps = code.length) {
  const { hart, bus } = makeHart(code);
  hart.priv = priv;
  hart.mtvec = 0x8000_0800;
  hart.stvec = 0x8000_0900;
  hart.run(steps);
  return { hart, bus };
}

const illegal = (h: { mcause: number; mtval: number }, insn: number): void => {
  expect(h.mcause).toBe(C.CAUSE_ILLEGAL_INSTRUCTION);
  expect(h.mtval >>> 0).toBe(insn >>> 0);
};

describe('CSR access rules', () => {
  it('unknown CSRs raise illegal instruction with the instruction in tval', () => {
    for (const csr of [0x7b0, 0xc03, 0x3a4, 0x3c0, 0x10a, 0x5a8, 0xb03]) {
      const insn = A.csrrs(a0, csr, 0);
      illegal(runAt(C.PRV_M, [insn]).hart, insn);
    }
  });

  it('lower privileges cannot touch higher CSRs', () => {
    const insn = A.csrrs(a0, C.CSR_MSTATUS, 0);
    illegal(runAt(C.PRV_S, [insn]).hart, insn);
    const sInsn = A.csrrs(a0, C.CSR_SSTATUS, 0);
    illegal(runAt(C.PRV_U, [sInsn]).hart, sInsn);
  });

  it('writing a read-only CSR is illegal; reading it (rs1 = x0) is not', () => {
    const w = A.csrrw(0, C.CSR_MHARTID, a0);
    illegal(runAt(C.PRV_M, [w]).hart, w);
    const s = A.csrrsi(a0, C.CSR_CYCLE, 1);
    illegal(runAt(C.PRV_M, [s]).hart, s);
    const { hart } = runAt(C.PRV_M, [
      A.addi(a0, 0, 5),
      A.csrrs(a0, C.CSR_MHARTID, 0),
      A.csrrc(a1, C.CSR_MISA, 0),
    ]);
    expect(hart.lastTrap).toBeNull();
    expect(hart.x[a0]).toBe(0);
    expect(hart.x[a1] >>> 0).toBe(C.MISA_VALUE);
    expect(C.MISA_VALUE.toString(16)).toBe('40141101');
  });

  it('TVM traps satp and sfence.vma in S-mode', () => {
    const r = makeHart([A.csrrs(a0, C.CSR_SATP, 0)]);
    r.hart.priv = C.PRV_S;
    r.hart.mstatus = C.MSTATUS_TVM;
    r.hart.run(1);
    expect(r.hart.mcause).toBe(C.CAUSE_ILLEGAL_INSTRUCTION);
    const f = makeHart([A.sfence()]);
    f.hart.priv = C.PRV_S;
    f.hart.mstatus = C.MSTATUS_TVM;
    f.hart.run(1);
    expect(f.hart.mcause).toBe(C.CAUSE_ILLEGAL_INSTRUCTION);
    const u = runAt(C.PRV_U, [A.sfence()]).hart;
    expect(u.mcause).toBe(C.CAUSE_ILLEGAL_INSTRUCTION);
  });
});

describe('CSR values', () => {
  it('sstatus is a masked view of mstatus', () => {
    const { hart } = runAt(C.PRV_M, [
      ...li(a0, -1),
      A.csrrw(0, C.CSR_MSTATUS, a0),
      A.csrrs(a1, C.CSR_SSTATUS, 0),
      A.csrrw(0, C.CSR_SSTATUS, 0),
      A.csrrs(a2, C.CSR_MSTATUS, 0),
    ]);
    expect(hart.x[a1]).toBe(C.MSTATUS_SIE | C.MSTATUS_SPIE | C.MSTATUS_SPP | C.MSTATUS_SUM | C.MSTATUS_MXR);
    expect(hart.x[a2]).toBe(C.MSTATUS_WRITABLE & ~C.SSTATUS_WRITABLE);
  });

  it('MPP is WARL: the reserved value 2 keeps the old MPP', () => {
    const { hart } = runAt(C.PRV_M, [
      ...li(a0, 1 << 11),
      A.csrrw(0, C.CSR_MSTATUS, a0),
      ...li(a0, 2 << 11),
      A.csrrw(0, C.CSR_MSTATUS, a0),
    ]);
    expect((hart.mstatus >>> 11) & 3).toBe(1);
  });

  it('sie and sip only show and change delegated interrupts', () => {
    const { hart } = runAt(C.PRV_M, [
      ...li(a0, 0xaaa),
      A.csrrw(0, C.CSR_MIE, a0),
      A.addi(a1, 0, C.MIP_SSIP | C.MIP_STIP),
      A.csrrw(0, C.CSR_MIDELEG, a1),
      A.csrrs(a2, C.CSR_SIE, 0),
      A.csrrw(0, C.CSR_SIE, 0),
      A.csrrsi(0, C.CSR_SIP, C.MIP_SSIP),
    ]);
    expect(hart.x[a2]).toBe(C.MIP_SSIP | C.MIP_STIP);
    expect(hart.mie).toBe(0xaaa & ~(C.MIP_SSIP | C.MIP_STIP));
    expect(hart.readCsr(C.CSR_MIP)).toBe(C.MIP_SSIP);
    expect(hart.readCsr(C.CSR_SIP)).toBe(C.MIP_SSIP);
  });

  it('mip: M-mode writes SSIP/STIP/SEIP; MTIP/MEIP/MSIP are the board lines', () => {
    const { hart } = runAt(C.PRV_M, [...li(a0, 0xfff), A.csrrw(0, C.CSR_MIP, a0)]);
    expect(hart.readCsr(C.CSR_MIP)).toBe(C.MIP_SSIP | C.MIP_STIP | C.MIP_SEIP);
    hart.setPending(C.MIP_MTIP | C.MIP_MEIP, true);
    expect(hart.readCsr(C.CSR_MIP)).toBe(C.MIP_SSIP | C.MIP_STIP | C.MIP_SEIP | C.MIP_MTIP | C.MIP_MEIP);
  });

  it('SEIP reads as line OR software bit; read-modify-write uses the software bit', () => {
    const { hart, bus } = makeHart([
      A.csrrsi(a0, C.CSR_MIP, 0),
      A.csrrci(a1, C.CSR_MIP, 0),
      A.csrrs(a2, C.CSR_MIP, 0),
    ]);
    void bus;
    hart.setPending(C.MIP_SEIP, true);
    hart.run(1); // csrrsi with uimm 0 does not write
    expect(hart.x[a0]).toBe(C.MIP_SEIP);
    // csrrs mip, (SSIP): the line's SEIP must not be latched into the software bit.
    const h2 = makeHart([A.csrrsi(0, C.CSR_MIP, C.MIP_SSIP)]).hart;
    h2.setPending(C.MIP_SEIP, true);
    h2.run(1);
    expect(h2.mipSw).toBe(C.MIP_SSIP);
    h2.setPending(C.MIP_SEIP, false);
    expect(h2.readCsr(C.CSR_MIP)).toBe(C.MIP_SSIP);
  });

  it('tvec modes, epc alignment, satp WARL, medeleg and mideleg masks', () => {
    const { hart } = runAt(C.PRV_M, [
      ...li(a0, 0x80001003),
      A.csrrw(0, C.CSR_MTVEC, a0),
      ...li(a0, 0x80001001),
      A.csrrw(0, C.CSR_STVEC, a0),
      A.csrrw(0, C.CSR_MEPC, a0),
      ...li(a0, -1),
      A.csrrw(0, C.CSR_SATP, a0),
      A.csrrw(0, C.CSR_MEDELEG, a0),
      A.csrrw(0, C.CSR_MIDELEG, a0),
      A.csrrw(0, C.CSR_MCOUNTEREN, a0),
      A.csrrw(0, C.CSR_MENVCFG, a0),
      A.csrrw(0, C.CSR_PMPADDR0 + 15, a0),
      A.csrrw(0, C.CSR_PMPCFG0 + 3, a0),
    ]);
    expect(hart.lastTrap).toBeNull();
    expect(hart.readCsr(C.CSR_MTVEC)).toBe(0x80001000);
    expect(hart.readCsr(C.CSR_STVEC)).toBe(0x80001001);
    expect(hart.readCsr(C.CSR_MEPC)).toBe(0x80001000);
    expect(hart.readCsr(C.CSR_SATP)).toBe(0x803fffff);
    expect(hart.readCsr(C.CSR_MEDELEG)).toBe(0xb3ff);
    expect(hart.readCsr(C.CSR_MIDELEG)).toBe(0x222);
    expect(hart.readCsr(C.CSR_MCOUNTEREN)).toBe(7);
    expect(hart.readCsr(C.CSR_MENVCFG)).toBe(1);
    expect(hart.readCsr(C.CSR_MENVCFGH)).toBe(0);
    expect(hart.readCsr(C.CSR_PMPADDR0 + 15)).toBe(0xffffffff);
    expect(hart.readCsr(C.CSR_PMPCFG0 + 3)).toBe(0xffffffff);
    expect(hart.readCsr(0x7b0)).toBe(-1);
  });
});

describe('counters', () => {
  it('minstret/mcycle count steps; writes take effect for the next instruction', () => {
    const { hart } = runAt(C.PRV_M, [
      A.addi(a0, 0, 0),
      A.csrrs(a0, C.CSR_MINSTRET, 0), // 1 instruction retired before
      A.addi(a1, 0, 100),
      A.csrrw(0, C.CSR_MINSTRET, a1),
      A.csrrs(a2, C.CSR_INSTRET, 0), // reads 100
      A.csrrs(a1, C.CSR_CYCLEH, 0),
    ]);
    expect(hart.x[a0]).toBe(1);
    expect(hart.x[a2]).toBe(100);
    expect(hart.x[a1]).toBe(0);
    expect(hart.instret).toBe(6);
  });

  it('the h halves carry', () => {
    const { hart } = runAt(C.PRV_M, [
      ...li(a0, -1),
      A.csrrw(0, C.CSR_MCYCLE, a0),
      A.addi(0, 0, 0),
      A.csrrs(a1, C.CSR_MCYCLEH, 0),
      A.csrrs(a2, C.CSR_MCYCLE, 0),
    ]);
    expect(hart.x[a1]).toBe(1);
    expect(hart.x[a2]).toBe(1);
  });

  it('mcountinhibit freezes mcycle and minstret', () => {
    const { hart } = runAt(C.PRV_M, [
      A.csrrwi(0, C.CSR_MCOUNTINHIBIT, 5),
      A.csrrs(a0, C.CSR_MINSTRET, 0),
      A.addi(0, 0, 0),
      A.addi(0, 0, 0),
      A.csrrs(a1, C.CSR_MINSTRET, 0),
      A.csrrwi(0, C.CSR_MCOUNTINHIBIT, 0),
      A.addi(0, 0, 0),
      A.csrrs(a2, C.CSR_MINSTRET, 0),
    ]);
    expect(hart.x[a1]).toBe(hart.x[a0]);
    expect(hart.x[a2]).toBe(hart.x[a1] + 1); // counting resumes after the csrrwi: the addi
    expect(hart.instret).toBe(8);
  });

  it('time reads bus.mtime()', () => {
    const code = Array(40).fill(A.addi(0, 0, 0));
    code.push(A.csrrs(a0, C.CSR_TIME, 0), A.csrrs(a1, C.CSR_TIMEH, 0));
    const { hart } = runAt(C.PRV_M, code);
    expect(hart.x[a0]).toBe(4);
    expect(hart.x[a1]).toBe(0);
  });

  it('mcounteren and scounteren gate S and U access', () => {
    const rd = A.csrrs(a0, C.CSR_TIME, 0);
    const s = makeHart([rd]).hart;
    s.priv = C.PRV_S;
    s.run(1);
    expect(s.mcause).toBe(C.CAUSE_ILLEGAL_INSTRUCTION);
    const s2 = makeHart([rd]).hart;
    s2.priv = C.PRV_S;
    s2.mcounteren = C.COUNTEREN_TM;
    s2.run(1);
    expect(s2.lastTrap).toBeNull();
    const u = makeHart([rd]).hart;
    u.priv = C.PRV_U;
    u.mcounteren = C.COUNTEREN_TM;
    u.run(1);
    expect(u.mcause).toBe(C.CAUSE_ILLEGAL_INSTRUCTION);
    const u2 = makeHart([A.csrrs(a0, C.CSR_INSTRET, 0)]).hart;
    u2.priv = C.PRV_U;
    u2.mcounteren = C.COUNTEREN_IR;
    u2.scounteren = C.COUNTEREN_IR;
    u2.run(1);
    expect(u2.lastTrap).toBeNull();
  });
});
