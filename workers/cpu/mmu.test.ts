import { describe, expect, it } from 'vitest';
import { A, R, li, load, makeHart, peek } from './test-utils';
import { RAM_BASE } from '../machine/memmap';
import * as C from './csr-defs';

const { a0, a1, t0 } = R;
const ROOT = RAM_BASE + 0x10000;
const L2 = RAM_BASE + 0x11000;
const DATA_PA = RAM_BASE + 0x20000; // physical pages behind VA 0x4000_0000 + i * 4 KiB
const VA = 0x4000_0000;
const MTVEC = RAM_BASE + 0x800;
const { PTE_V: V, PTE_R: Rd, PTE_W: W, PTE_X: X, PTE_U: U, PTE_A: Ac, PTE_D: D } = C;

const pte = (pa: number, flags: number): number => (((pa >>> 12) << 10) | flags) >>> 0;

/**
 * A hart in priv with Sv32 on: code at RAM_BASE identity-mapped by a superpage (flags
 * codeFlags), VA 0x4000_0000 + i*4K -> DATA_PA + i*4K with pageFlags[i].
 */
function paged(priv: number, code: number[], pageFlags: number[], codeFlags = V | Rd | W | X | Ac | D) {
  const r = makeHart(code);
  const { hart, bus } = r;
  load(bus, ROOT + (RAM_BASE >>> 22) * 4, [pte(RAM_BASE, codeFlags)]);
  load(bus, ROOT + (VA >>> 22) * 4, [pte(L2, V)]);
  load(
    bus,
    L2,
    pageFlags.map((f, i) => pte(DATA_PA + i * 4096, f)),
  );
  hart.satp = C.SATP_MODE_SV32 | (ROOT >>> 12);
  hart.priv = priv;
  hart.mtvec = MTVEC;
  load(bus, MTVEC, Array(16).fill(A.addi(0, 0, 0))); // handler: NOPs, so mcause stays
  return r;
}

const l2pte = (bus: ReturnType<typeof makeHart>['bus'], i: number): number => peek(bus, L2 + 4 * i);

describe('Sv32', () => {
  it('translates 4 KiB pages; loads set A, stores set A and D in the PTE', () => {
    const { hart, bus } = paged(
      C.PRV_S,
      [...li(t0, VA + 0x1004), A.lw(a0, t0, 0), A.sw(a0, t0, 4)],
      [V | Rd | W, V | Rd | W],
    );
    load(bus, DATA_PA + 0x1004, [0xcafe]);
    bus.pageWriter.fill(0);
    hart.run(3);
    expect(hart.lastTrap).toBeNull();
    expect(hart.x[a0]).toBe(0xcafe);
    expect(l2pte(bus, 1) & (Ac | D)).toBe(Ac);
    expect(bus.pageWriter[(L2 - RAM_BASE) >>> 12]).toBe(1); // the walker wrote the PTE
    hart.run(1);
    expect(peek(bus, DATA_PA + 0x1008)).toBe(0xcafe);
    expect(l2pte(bus, 1) & (Ac | D)).toBe(Ac | D);
    expect(l2pte(bus, 0) & Ac).toBe(0);
  });

  it('page faults carry the right cause and tval = the virtual address', () => {
    const cases: [number, number[], number][] = [
      [A.lw(a0, t0, 0), [0], C.CAUSE_LOAD_PAGE_FAULT], // invalid
      [A.sw(a0, t0, 0), [V | Rd], C.CAUSE_STORE_PAGE_FAULT], // read-only
      [A.lw(a0, t0, 0), [V | W], C.CAUSE_LOAD_PAGE_FAULT], // W without R is reserved
      [A.lw(a0, t0, 0), [V | X], C.CAUSE_LOAD_PAGE_FAULT], // execute-only, MXR clear
      [A.jalr(0, t0, 0), [V | Rd | W], C.CAUSE_FETCH_PAGE_FAULT], // not executable
      [A.amo(0x01, a0, t0, a1), [V | Rd], C.CAUSE_STORE_PAGE_FAULT],
      [A.lr(a0, t0), [V | X], C.CAUSE_LOAD_PAGE_FAULT],
    ];
    for (const [insn, flags, cause] of cases) {
      const { hart } = paged(C.PRV_S, [...li(t0, VA), insn], flags);
      hart.run(4);
      expect(hart.mcause).toBe(cause);
      expect(hart.mtval >>> 0).toBe(VA);
    }
  });

  it('MXR makes execute-only pages readable', () => {
    const { hart, bus } = paged(C.PRV_S, [...li(t0, VA), A.lw(a0, t0, 0)], [V | X]);
    hart.mstatus = C.MSTATUS_MXR;
    load(bus, DATA_PA, [77]);
    hart.run(3);
    expect(hart.lastTrap).toBeNull();
    expect(hart.x[a0]).toBe(77);
  });

  it('U pages: S needs SUM to load/store and can never execute them', () => {
    const s = paged(C.PRV_S, [...li(t0, VA), A.lw(a0, t0, 0)], [V | Rd | U]).hart;
    s.run(3);
    expect(s.mcause).toBe(C.CAUSE_LOAD_PAGE_FAULT);
    const sum = paged(C.PRV_S, [...li(t0, VA), A.sw(a0, t0, 0)], [V | Rd | W | U]).hart;
    sum.mstatus = C.MSTATUS_SUM;
    sum.run(3);
    expect(sum.lastTrap).toBeNull();
    const x = paged(C.PRV_S, [...li(t0, VA), A.jalr(0, t0, 0)], [V | Rd | X | U]).hart;
    x.mstatus = C.MSTATUS_SUM;
    x.run(4);
    expect(x.mcause).toBe(C.CAUSE_FETCH_PAGE_FAULT);
  });

  it('clearing SUM drops cached translations of U pages', () => {
    const code = [...li(t0, VA), A.lw(a0, t0, 0), A.csrrci(0, C.CSR_SSTATUS, 0), A.lw(a0, t0, 0)];
    code[3] = A.csrrc(0, C.CSR_SSTATUS, a1);
    const { hart } = paged(C.PRV_S, code, [V | Rd | U]);
    hart.mstatus = C.MSTATUS_SUM;
    hart.x[a1] = C.MSTATUS_SUM;
    hart.run(5);
    expect(hart.mcause).toBe(C.CAUSE_LOAD_PAGE_FAULT);
    expect(hart.mepc >>> 0).toBe(RAM_BASE + 16);
  });

  it('U-mode runs only on U pages and cannot touch S pages', () => {
    const bad = paged(C.PRV_U, [A.addi(a0, 0, 1)], []).hart;
    bad.run(1);
    expect(bad.mcause).toBe(C.CAUSE_FETCH_PAGE_FAULT);
    expect(bad.mtval >>> 0).toBe(RAM_BASE);
    const codeU = V | Rd | W | X | U | Ac | D;
    const u = paged(
      C.PRV_U,
      [...li(t0, VA), A.lw(a0, t0, 0), A.lui(t0, VA + 0x1000), A.lw(a0, t0, 0)],
      [V | Rd | U, V | Rd],
      codeU,
    ).hart;
    u.run(5);
    expect(u.mcause).toBe(C.CAUSE_LOAD_PAGE_FAULT);
    expect(u.mtval >>> 0).toBe(VA + 0x1000);
    expect(u.mepc >>> 0).toBe(RAM_BASE + 16);
  });

  it('superpages translate; a misaligned superpage is a page fault', () => {
    const ok = paged(C.PRV_S, [...li(t0, RAM_BASE + 0x5458), A.lw(a0, t0, 0)], []);
    load(ok.bus, RAM_BASE + 0x5458, [99]);
    ok.hart.run(3);
    expect(ok.hart.x[a0]).toBe(99);
    const bad = paged(C.PRV_S, [...li(t0, 0xc000_0000), A.lw(a0, t0, 0)], []);
    load(bad.bus, ROOT + 0x300 * 4, [pte(RAM_BASE + 0x1000, V | Rd | Ac)]);
    bad.hart.run(3);
    expect(bad.hart.mcause).toBe(C.CAUSE_LOAD_PAGE_FAULT);
    expect(bad.hart.mtval >>> 0).toBe(0xc000_0000);
  });

  it('a page table outside RAM is an access fault', () => {
    const { hart, bus } = paged(C.PRV_S, [...li(t0, 0x0040_0000), A.lw(a0, t0, 0), A.sw(a0, t0, 0)], []);
    load(bus, ROOT + 4, [pte(0x2000_0000, V)]); // non-leaf pointing at nothing
    hart.run(3);
    expect(hart.mcause).toBe(C.CAUSE_LOAD_ACCESS);
    expect(hart.mtval).toBe(0x0040_0000);
  });

  it.each([
    ['sfence.vma', A.sfence()],
    ['a satp write', A.csrrw(0, C.CSR_SATP, R.a3)],
  ])('the TLB keeps a stale translation until %s', (_name, flush) => {
    // The store rewrites VA page 0's PTE (through the identity superpage) to point at
    // the physical page behind VA page 1; only the flush makes the load see it.
    const code = [...li(t0, VA), A.lw(a0, t0, 0), A.sw(R.a2, a1, 0), A.lw(a0, t0, 0), flush, A.lw(a0, t0, 0)];
    const { hart, bus } = paged(C.PRV_S, code, [V | Rd, V | Rd]);
    load(bus, DATA_PA, [1]);
    load(bus, DATA_PA + 0x1000, [2]);
    hart.x[a1] = L2;
    hart.x[R.a2] = pte(DATA_PA + 0x1000, V | Rd | Ac);
    hart.x[R.a3] = hart.satp;
    hart.run(5);
    expect(hart.x[a0]).toBe(1); // stale translation still used
    hart.run(2);
    expect(hart.lastTrap).toBeNull();
    expect(hart.x[a0]).toBe(2);
  });

  it('MPRV makes M-mode loads and stores use MPP translation; fetch stays M', () => {
    const { hart, bus } = paged(C.PRV_M, [...li(t0, VA), A.lw(a0, t0, 0)], [V | Rd]);
    hart.mstatus = C.MSTATUS_MPRV | (C.PRV_S << 11);
    load(bus, DATA_PA, [5]);
    hart.run(3);
    expect(hart.lastTrap).toBeNull();
    expect(hart.x[a0]).toBe(5);
  });

  it('fetches mark pageExec; satpMode reports the mode', () => {
    const { hart, bus } = paged(C.PRV_S, [A.addi(a0, 0, 1)], []);
    bus.pageExec.fill(0);
    hart.run(1);
    expect(bus.pageExec[0]).toBe(1);
    expect(hart.satpMode()).toBe('sv32');
    hart.satp = 0;
    expect(hart.satpMode()).toBe('bare');
  });
});

describe('misaligned loads and stores', () => {
  it('are done byte by byte in bare mode', () => {
    const { hart, bus } = makeHart([
      ...li(t0, RAM_BASE + 0x1001),
      A.lw(a0, t0, 0),
      A.lh(a1, t0, 2),
      A.sw(a0, t0, 0x100),
      A.sh(a1, t0, 0x202),
    ]);
    load(bus, RAM_BASE + 0x1000, [0x44332211, 0x88776655]);
    hart.run(6);
    expect(hart.lastTrap).toBeNull();
    expect(hart.x[a0] >>> 0).toBe(0x55443322);
    expect(hart.x[a1]).toBe(0x5544);
    expect(peek(bus, RAM_BASE + 0x1100)).toBe(0x44332200);
    expect(peek(bus, RAM_BASE + 0x1104)).toBe(0x55);
    expect(peek(bus, RAM_BASE + 0x1200)).toBe(0x44000000);
    expect(peek(bus, RAM_BASE + 0x1204)).toBe(0x55);
  });

  it('cross pages through their own translations', () => {
    // VA page 0 -> DATA_PA + 0, VA page 1 -> DATA_PA + 0x3000 (not contiguous).
    const { hart, bus } = paged(C.PRV_S, [...li(t0, VA + 0xffe), A.lw(a0, t0, 0)], [V | Rd | W]);
    load(bus, L2 + 4, [pte(DATA_PA + 0x3000, V | Rd | W)]);
    load(bus, DATA_PA + 0xffc, [0xbbaa0000]);
    load(bus, DATA_PA + 0x3000, [0x0000ddcc]);
    hart.run(3);
    expect(hart.lastTrap).toBeNull();
    expect(hart.x[a0] >>> 0).toBe(0xddccbbaa);
  });

  it('fault on the second page with tval = that page, and store nothing', () => {
    const { hart, bus } = paged(C.PRV_S, [...li(t0, VA + 0xffe), A.sw(t0, t0, 0)], [V | Rd | W, V | Rd]);
    hart.run(3);
    expect(hart.mcause).toBe(C.CAUSE_STORE_PAGE_FAULT);
    expect(hart.mtval >>> 0).toBe(VA + 0x1000);
    expect(peek(bus, DATA_PA + 0xffc)).toBe(0);
  });
});
