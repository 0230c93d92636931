import { describe, expect, it } from 'vitest';
import { A, DEV_BASE, DEV_RAISE, DEV_STOP, R, li, load, makeHart } from './test-utils';
import { RAM_BASE, RESET_ROM_BASE } from '../machine/memmap';
import * as C from './csr-defs';

const { a0, a1, t0 } = R;
const MTVEC = RAM_BASE + 0x800;
const STVEC = RAM_BASE + 0x900;
const NOP = A.addi(0, 0, 0);

function hartAt(priv: number, code: number[]) {
  const r = makeHart(code);
  r.hart.priv = priv;
  r.hart.mtvec = MTVEC;
  r.hart.stvec = STVEC;
  // Handlers (including vectored slots) are NOPs, so a taken trap is followed by a NOP.
  load(r.bus, MTVEC, Array(64).fill(NOP));
  load(r.bus, STVEC, Array(64).fill(NOP));
  return r;
}

describe('exceptions and delegation', () => {
  it('ecall from each mode gives causes 8, 9, 11 and traps to M without delegation', () => {
    for (const [priv, cause] of [
      [C.PRV_U, 8],
      [C.PRV_S, 9],
      [C.PRV_M, 11],
    ]) {
      const { hart } = hartAt(priv, [NOP, A.ecall()]);
      hart.mstatus = C.MSTATUS_MIE;
      hart.run(2);
      expect(hart.priv).toBe(C.PRV_M);
      expect(hart.pc).toBe(MTVEC);
      expect(hart.mcause).toBe(cause);
      expect(hart.mepc >>> 0).toBe(RAM_BASE + 4);
      expect((hart.mstatus >>> 11) & 3).toBe(priv);
      expect(hart.mstatus & C.MSTATUS_MIE).toBe(0);
      expect(hart.mstatus & C.MSTATUS_MPIE).toBe(C.MSTATUS_MPIE);
      expect(hart.lastTrap).toEqual({ cause, tval: 0, pc: RAM_BASE + 4, instret: 1 });
    }
  });

  it('medeleg sends U and S exceptions to S-mode, never M-mode ones', () => {
    const { hart } = hartAt(C.PRV_U, [A.ecall()]);
    hart.medeleg = 1 << 8;
    hart.mstatus = C.MSTATUS_SIE;
    hart.run(1);
    expect(hart.priv).toBe(C.PRV_S);
    expect(hart.pc).toBe(STVEC);
    expect(hart.scause).toBe(8);
    expect(hart.sepc >>> 0).toBe(RAM_BASE);
    expect(hart.mstatus & (C.MSTATUS_SPP | C.MSTATUS_SIE)).toBe(0);
    expect(hart.mstatus & C.MSTATUS_SPIE).toBe(C.MSTATUS_SPIE);
    const m = hartAt(C.PRV_M, [A.ebreak()]).hart;
    m.medeleg = 0xb3ff;
    m.run(1);
    expect(m.priv).toBe(C.PRV_M);
    expect(m.mcause).toBe(C.CAUSE_BREAKPOINT);
    expect(m.mtval >>> 0).toBe(RAM_BASE);
  });

  it('fetch, load and store outside RAM and devices are access faults', () => {
    const f = hartAt(C.PRV_M, [...li(t0, 0x2000_0000), A.jalr(0, t0, 0)]).hart;
    f.run(4);
    expect(f.mcause).toBe(C.CAUSE_FETCH_ACCESS);
    expect(f.mtval >>> 0).toBe(0x2000_0000);
    // A device answers loads but is not executable.
    const d = hartAt(C.PRV_M, [...li(t0, DEV_BASE), A.jalr(0, t0, 0)]).hart;
    d.run(4);
    expect(d.mcause).toBe(C.CAUSE_FETCH_ACCESS);
    const l = hartAt(C.PRV_M, [A.lw(a0, 0, 0x100)]).hart;
    l.run(1);
    expect(l.mcause).toBe(C.CAUSE_LOAD_ACCESS);
    expect(l.mtval).toBe(0x100);
    const s = hartAt(C.PRV_M, [...li(t0, RESET_ROM_BASE), A.sw(a0, t0, 0)]).hart;
    s.run(3);
    expect(s.mcause).toBe(C.CAUSE_STORE_ACCESS);
  });

  it('MMIO loads and stores reach the bus', () => {
    const { hart, bus } = hartAt(C.PRV_M, [
      ...li(t0, DEV_BASE),
      A.addi(a0, 0, 0x5a),
      A.sb(a0, t0, 4),
      A.lw(a1, t0, 4),
      A.lbu(a0, t0, 5),
    ]);
    hart.run(6);
    expect(hart.lastTrap).toBeNull();
    expect(bus.writes).toEqual([{ addr: DEV_BASE + 4, size: 1, value: 0x5a }]);
    expect(hart.x[a1]).toBe(0x5a);
  });

  it('boots from the reset ROM through mmioRead', () => {
    const { hart, bus } = makeHart([A.addi(a1, a0, 1)]);
    [...li(a0, 7), ...li(t0, RAM_BASE), A.jalr(0, t0, 0)].forEach((w, i) => (bus.rom[i] = w));
    hart.reset(RESET_ROM_BASE);
    hart.run(6);
    expect(hart.x[a1]).toBe(8);
    expect(hart.lastTrap).toBeNull();
  });
});

describe('mret and sret', () => {
  it('mret restores MPP, MIE from MPIE, sets MPIE, MPP = U and clears MPRV below M', () => {
    const { hart } = hartAt(C.PRV_M, [A.mret()]);
    hart.mepc = RAM_BASE + 0x40;
    hart.mstatus = C.MSTATUS_MPIE | (C.PRV_S << 11) | C.MSTATUS_MPRV;
    hart.run(1);
    expect(hart.priv).toBe(C.PRV_S);
    expect(hart.pc).toBe(RAM_BASE + 0x40);
    expect(hart.mstatus).toBe(C.MSTATUS_MIE | C.MSTATUS_MPIE);
    const m = hartAt(C.PRV_M, [A.mret()]).hart;
    m.mepc = RAM_BASE + 0x40;
    m.mstatus = (C.PRV_M << 11) | C.MSTATUS_MPRV;
    m.run(1);
    expect(m.priv).toBe(C.PRV_M);
    expect(m.mstatus & C.MSTATUS_MPRV).toBe(C.MSTATUS_MPRV);
  });

  it('sret restores SPP and SIE, clears MPRV; illegal in U, and in S with TSR', () => {
    const { hart } = hartAt(C.PRV_S, [A.sret()]);
    hart.sepc = RAM_BASE + 0x40;
    hart.mstatus = C.MSTATUS_SPIE | C.MSTATUS_MPRV;
    hart.run(1);
    expect(hart.priv).toBe(C.PRV_U);
    expect(hart.pc).toBe(RAM_BASE + 0x40);
    expect(hart.mstatus).toBe(C.MSTATUS_SIE | C.MSTATUS_SPIE);
    const u = hartAt(C.PRV_U, [A.sret()]).hart;
    u.run(1);
    expect(u.mcause).toBe(C.CAUSE_ILLEGAL_INSTRUCTION);
    const s = hartAt(C.PRV_S, [A.sret()]).hart;
    s.mstatus = C.MSTATUS_TSR;
    s.run(1);
    expect(s.mcause).toBe(C.CAUSE_ILLEGAL_INSTRUCTION);
    const ms = hartAt(C.PRV_S, [A.mret()]).hart;
    ms.run(1);
    expect(ms.mcause).toBe(C.CAUSE_ILLEGAL_INSTRUCTION);
  });
});

describe('interrupts', () => {
  it('are taken in priority order MEI, MSI, MTI, SEI, SSI, STI', () => {
    const order: number[] = [];
    const { hart } = hartAt(C.PRV_M, [NOP]);
    hart.mie = C.MIP_ALL;
    hart.setPending(C.MIP_MEIP | C.MIP_MSIP | C.MIP_MTIP | C.MIP_SEIP, true);
    hart.mipSw = C.MIP_SSIP | C.MIP_STIP;
    const bits = [C.IRQ_M_EXT, C.IRQ_M_SOFT, C.IRQ_M_TIMER, C.IRQ_S_EXT, C.IRQ_S_SOFT, C.IRQ_S_TIMER];
    for (let i = 0; i < 6; i++) {
      hart.priv = C.PRV_M;
      hart.mstatus = C.MSTATUS_MIE;
      hart.pc = RAM_BASE;
      hart.run(1);
      order.push(hart.mcause & 0xff);
      expect(hart.mcause >>> 31).toBe(1);
      const b = 1 << (hart.mcause & 0xff);
      if (b & C.MIP_HW_LINES) hart.setPending(b, false);
      else hart.mipSw &= ~b;
    }
    expect(order).toEqual(bits);
  });

  it('M-mode interrupts need MIE in M-mode, are always enabled below M', () => {
    const m = hartAt(C.PRV_M, [NOP, NOP]).hart;
    m.mie = C.MIE_MTIE;
    m.setPending(C.MIP_MTIP, true);
    m.run(2);
    expect(m.lastTrap).toBeNull();
    const s = hartAt(C.PRV_S, [NOP]).hart;
    s.mie = C.MIE_MTIE;
    s.setPending(C.MIP_MTIP, true);
    s.run(1);
    expect(s.priv).toBe(C.PRV_M);
    expect(s.mcause >>> 0).toBe((C.CAUSE_INTERRUPT | C.IRQ_M_TIMER) >>> 0);
    expect(s.mepc >>> 0).toBe(RAM_BASE); // the interrupted instruction has not run
  });

  it('delegated interrupts go to S when enabled, never trap in M, and use vectored stvec', () => {
    const { hart } = hartAt(C.PRV_S, [NOP, NOP]);
    hart.mideleg = C.MIP_STIP;
    hart.mie = C.MIE_STIE;
    hart.mipSw = C.MIP_STIP;
    hart.run(1);
    expect(hart.lastTrap).toBeNull(); // SIE clear in S-mode
    hart.mstatus = C.MSTATUS_SIE;
    hart.stvec = STVEC | 1;
    hart.run(1);
    expect(hart.priv).toBe(C.PRV_S);
    expect(hart.pc).toBe(STVEC + 4 * C.IRQ_S_TIMER + 4);
    expect(hart.scause >>> 0).toBe((C.CAUSE_INTERRUPT | C.IRQ_S_TIMER) >>> 0);
    const u = hartAt(C.PRV_U, [NOP]).hart;
    u.mideleg = C.MIP_SSIP;
    u.mie = C.MIE_SSIE;
    u.mipSw = C.MIP_SSIP;
    u.run(1);
    expect(u.priv).toBe(C.PRV_S);
    const m = hartAt(C.PRV_M, [NOP]).hart;
    m.mideleg = C.MIP_SSIP;
    m.mie = C.MIE_SSIE;
    m.mipSw = C.MIP_SSIP;
    m.mstatus = C.MSTATUS_MIE | C.MSTATUS_SIE;
    m.run(1);
    expect(m.lastTrap).toBeNull();
  });

  it('a CSR write that enables a pending interrupt traps before the next instruction', () => {
    const { hart } = hartAt(C.PRV_M, [A.csrrsi(0, C.CSR_MSTATUS, C.MSTATUS_MIE), NOP]);
    hart.mie = C.MIE_MSIE;
    hart.setPending(C.MIP_MSIP, true);
    hart.run(2);
    expect(hart.mcause >>> 0).toBe((C.CAUSE_INTERRUPT | C.IRQ_M_SOFT) >>> 0);
    expect(hart.mepc >>> 0).toBe(RAM_BASE + 4);
  });

  it('an MMIO write that raises a line traps before the next instruction', () => {
    const { hart } = hartAt(C.PRV_M, [
      ...li(t0, DEV_RAISE),
      ...li(a0, C.MIP_MEIP),
      A.sw(a0, t0, 0),
      NOP,
      NOP,
    ]);
    hart.mie = C.MIE_MEIE;
    hart.mstatus = C.MSTATUS_MIE;
    hart.run(6);
    expect(hart.mcause >>> 0).toBe((C.CAUSE_INTERRUPT | C.IRQ_M_EXT) >>> 0);
    expect(hart.mepc >>> 0).toBe(RAM_BASE + 20);
    expect(hart.pc).toBe(MTVEC + 4); // trapped, then ran the handler's first NOP
  });
});

describe('WFI and stop requests', () => {
  it('WFI returns early with wfi set; a pending enabled interrupt wakes it', () => {
    const { hart } = hartAt(C.PRV_M, [A.wfi(), NOP, NOP]);
    hart.mie = C.MIE_MTIE;
    expect(hart.run(100)).toBe(1);
    expect(hart.wfi).toBe(true);
    expect(hart.pc).toBe(RAM_BASE + 4);
    expect(hart.run(100)).toBe(0);
    hart.setPending(C.MIP_MTIP, true);
    expect(hart.wfi).toBe(false);
    // MIE is clear: WFI resumes after the wfi without trapping.
    expect(hart.run(2)).toBe(2);
    expect(hart.lastTrap).toBeNull();
  });

  it('WFI completes at once when mip & mie != 0, even with interrupts globally off', () => {
    const { hart } = hartAt(C.PRV_M, [A.wfi(), NOP]);
    hart.mie = C.MIE_SSIE;
    hart.mipSw = C.MIP_SSIP;
    expect(hart.run(2)).toBe(2);
    expect(hart.wfi).toBe(false);
  });

  it('WFI is illegal in U-mode and in S-mode with TW', () => {
    const u = hartAt(C.PRV_U, [A.wfi()]).hart;
    u.run(1);
    expect(u.mcause).toBe(C.CAUSE_ILLEGAL_INSTRUCTION);
    const s = hartAt(C.PRV_S, [A.wfi()]).hart;
    s.mstatus = C.MSTATUS_TW;
    s.run(1);
    expect(s.mcause).toBe(C.CAUSE_ILLEGAL_INSTRUCTION);
  });

  it('an MMIO write can stop run() after the instruction', () => {
    const { hart } = hartAt(C.PRV_M, [...li(t0, DEV_STOP), A.sw(0, t0, 0), NOP, NOP]);
    expect(hart.run(100)).toBe(3);
    expect(hart.stopRequested).toBe(true);
    expect(hart.pc).toBe(RAM_BASE + 12);
  });
});
