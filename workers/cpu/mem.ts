// The out-of-line memory paths: instruction fetch on a change of fetch page (including
// the reset ROM, fetched through the bus), loads and stores that miss the software TLB,
// misaligned loads and stores (done byte by byte, page by page, as QEMU does), MMIO, and
// the A extension (LR/SC and AMOs, RAM only). Every fault becomes a trap, never a throw.

import { HART_AREA_BYTES, WRITER_CPU } from './bus';
import {
  CAUSE_FETCH_ACCESS,
  CAUSE_ILLEGAL_INSTRUCTION,
  CAUSE_LOAD_ACCESS,
  CAUSE_MISALIGNED_LOAD,
  CAUSE_MISALIGNED_STORE,
  CAUSE_STORE_ACCESS,
} from './csr-defs';
import { RESET_ROM_BASE, RESET_ROM_SIZE } from '../machine/memmap';
import { ACC_FETCH, ACC_LOAD, ACC_STORE, translate } from './mmu';
import { ROM_PAGE, TLB_FETCH, TLB_LOAD, TLB_MASK, TLB_STORE, type HartState } from './state';
import { raise } from './trap';

const ADDR_LIMIT = 0x1_0000_0000; // the bus takes 32-bit physical addresses

/**
 * Make h.pc's page the fetch page when it is not (h.fetchVpn/h.fetchBase), marking RAM
 * pages in pageExec. The reset ROM's page is copied through the bus into the hart area
 * (ROM_PAGE) and fetched from there; it is read-only, so the copy stays exact until the
 * next TLB flush. On a fault enters the trap (h.exc).
 */
export function fetchSlow(h: HartState): void {
  const va = h.pc;
  const vpn = va >>> 12;
  const e = TLB_FETCH + 2 * (vpn & TLB_MASK);
  let base: number;
  if (h.mem[e] === vpn) {
    base = h.mem[e + 1];
  } else {
    const pa = translate(h, va, ACC_FETCH);
    if (pa < 0) {
      raise(h, h.faultCause, va);
      return;
    }
    const page = pa - (va & 0xfff);
    const off = h.ramOffset(page, 4096);
    if (off < 0) {
      if (page === RESET_ROM_BASE && copyRom(h)) {
        h.fetchVpn = vpn;
        h.fetchBase = ROM_PAGE;
        return;
      }
      h.fetchVpn = -1;
      raise(h, CAUSE_FETCH_ACCESS, va);
      return;
    }
    base = off + HART_AREA_BYTES;
    h.mem[e] = vpn;
    h.mem[e + 1] = base;
  }
  h.fetchVpn = vpn;
  h.fetchBase = base;
  h.pageExec[(base - HART_AREA_BYTES) >>> 12] = 1;
}

/** Copy the reset ROM (one page) to ROM_PAGE; false if any word of it does not answer. */
function copyRom(h: HartState): boolean {
  for (let k = 0; k < RESET_ROM_SIZE >>> 2; k++) {
    const w = h.bus.mmioRead(RESET_ROM_BASE + 4 * k, 4);
    if (w === -1) return false;
    h.mem[(ROM_PAGE >>> 2) + k] = w;
  }
  return true;
}

/** Sign- or zero-extend a loaded value of 1 << (f3 & 3) bytes as the load's funct3 says. */
function extend(v: number, f3: number): number {
  switch (f3) {
    case 0:
      return (v << 24) >> 24;
    case 1:
      return (v << 16) >> 16;
    case 4:
      return v & 0xff;
    case 5:
      return v & 0xffff;
    default:
      return v | 0;
  }
}

/** Read a byte at physical address pa (RAM or MMIO); -1 if nothing answers. */
function physRead8(h: HartState, pa: number): number {
  const o = h.ramOffset(pa, 1);
  if (o >= 0) return h.ram8[o];
  if (pa >= ADDR_LIMIT) return -1;
  h.mmioTouched = true;
  return h.bus.mmioRead(pa, 1);
}

function physWrite8(h: HartState, pa: number, v: number): boolean {
  const o = h.ramOffset(pa, 1);
  if (o >= 0) {
    h.ram8[o] = v;
    h.pageWriter[o >>> 12] = WRITER_CPU;
    return true;
  }
  if (pa >= ADDR_LIMIT) return false;
  h.mmioTouched = true;
  return h.bus.mmioWrite(pa, 1, v & 0xff);
}

/**
 * Translate both pages of a misaligned access before touching anything. Returns the
 * physical addresses of the first byte and of the second page's first byte (or -1 if
 * the access stays on one page), or null after raising the fault.
 */
function translateSpan(
  h: HartState,
  va: number,
  size: number,
  acc: typeof ACC_LOAD | typeof ACC_STORE,
): [number, number] | null {
  const pa0 = translate(h, va, acc);
  if (pa0 < 0) {
    raise(h, h.faultCause, va);
    return null;
  }
  const last = (va + size - 1) | 0;
  if (last >>> 12 === va >>> 12) return [pa0, -1];
  const page2 = last & ~0xfff;
  const pa1 = translate(h, page2, acc);
  if (pa1 < 0) {
    raise(h, h.faultCause, page2);
    return null;
  }
  return [pa0, pa1];
}

function byteAddr(va: number, i: number, span: [number, number]): number {
  const vb = (va + i) | 0;
  return vb >>> 12 === va >>> 12 ? span[0] + i : span[1] + (vb & 0xfff);
}

/** A load that missed the TLB fast path (f3 = the load's funct3, already validated). */
export function loadSlow(h: HartState, va: number, f3: number): number {
  const size = 1 << (f3 & 3);
  if (va & (size - 1)) {
    const span = translateSpan(h, va, size, ACC_LOAD);
    if (span === null) return 0;
    let v = 0;
    for (let i = 0; i < size; i++) {
      const b = physRead8(h, byteAddr(va, i, span));
      if (b < 0) {
        raise(h, CAUSE_LOAD_ACCESS, (va + i) | 0);
        return 0;
      }
      v |= b << (8 * i);
    }
    return extend(v, f3);
  }
  const pa = translate(h, va, ACC_LOAD);
  if (pa < 0) {
    raise(h, h.faultCause, va);
    return 0;
  }
  const page = h.ramOffset(pa - (va & 0xfff), 4096);
  if (page >= 0) {
    const ti = (va >>> 12) & TLB_MASK;
    h.mem[TLB_LOAD + 2 * ti] = va >>> 12;
    h.mem[TLB_LOAD + 2 * ti + 1] = page + HART_AREA_BYTES;
    const o = page + (va & 0xfff);
    if (size === 4) return h.ram32[o >>> 2];
    if (size === 2) return extend(h.ram16[o >>> 1], f3);
    return extend(h.ram8[o], f3);
  }
  if (pa < ADDR_LIMIT) {
    h.mmioTouched = true;
    const v = h.bus.mmioRead(pa, size as 1 | 2 | 4);
    if (v !== -1) return extend(v, f3);
  }
  raise(h, CAUSE_LOAD_ACCESS, va);
  return 0;
}

/** A store that missed the TLB fast path (f3 = the store's funct3, already validated). */
export function storeSlow(h: HartState, va: number, f3: number, v: number): void {
  const size = 1 << f3;
  if (va & (size - 1)) {
    const span = translateSpan(h, va, size, ACC_STORE);
    if (span === null) return;
    for (let i = 0; i < size; i++) {
      if (!physWrite8(h, byteAddr(va, i, span), (v >>> (8 * i)) & 0xff)) {
        raise(h, CAUSE_STORE_ACCESS, (va + i) | 0);
        return;
      }
    }
    return;
  }
  const pa = translate(h, va, ACC_STORE);
  if (pa < 0) {
    raise(h, h.faultCause, va);
    return;
  }
  const page = h.ramOffset(pa - (va & 0xfff), 4096);
  if (page >= 0) {
    const ti = (va >>> 12) & TLB_MASK;
    h.mem[TLB_STORE + 2 * ti] = va >>> 12;
    h.mem[TLB_STORE + 2 * ti + 1] = page + HART_AREA_BYTES;
    h.storeFills++;
    const o = page + (va & 0xfff);
    if (size === 4) h.ram32[o >>> 2] = v;
    else if (size === 2) h.ram16[o >>> 1] = v;
    else h.ram8[o] = v;
    h.pageWriter[page >>> 12] = WRITER_CPU;
    return;
  }
  if (pa < ADDR_LIMIT) {
    h.mmioTouched = true;
    const value = size === 4 ? v >>> 0 : v & (size === 2 ? 0xffff : 0xff);
    if (h.bus.mmioWrite(pa, size as 1 | 2 | 4, value)) return;
  }
  raise(h, CAUSE_STORE_ACCESS, va);
}

// AMO funct5 values.
const AMOADD = 0x00;
const AMOSWAP = 0x01;
const LR = 0x02;
const SC = 0x03;
const AMOXOR = 0x04;
const AMOOR = 0x08;
const AMOAND = 0x0c;
const AMOMIN = 0x10;
const AMOMAX = 0x14;
const AMOMINU = 0x18;
const AMOMAXU = 0x1c;

/** Execute an A-extension instruction (opcode AMO) at h.pc; on a fault enters the trap. */
export function amo(h: HartState, insn: number): void {
  const rd = (insn >>> 7) & 31;
  const rs1 = (insn >>> 15) & 31;
  const rs2 = (insn >>> 20) & 31;
  const f5 = insn >>> 27;
  const x = h.x;
  if (((insn >>> 12) & 7) !== 2 || (f5 === LR && rs2 !== 0) || !isAmo(f5)) {
    raise(h, CAUSE_ILLEGAL_INSTRUCTION, insn);
    return;
  }
  const va = x[rs1];
  const acc = f5 === LR ? ACC_LOAD : ACC_STORE;
  if (va & 3) {
    raise(h, f5 === LR ? CAUSE_MISALIGNED_LOAD : CAUSE_MISALIGNED_STORE, va);
    return;
  }
  const pa = translate(h, va, acc);
  if (pa < 0) {
    raise(h, h.faultCause, va);
    return;
  }
  const o = h.ramOffset(pa, 4);
  if (o < 0) {
    raise(h, f5 === LR ? CAUSE_LOAD_ACCESS : CAUSE_STORE_ACCESS, va);
    return;
  }
  const w = o >>> 2;
  if (f5 === LR) {
    x[rd] = h.ram32[w];
    h.reservation = pa;
  } else if (f5 === SC) {
    if (h.reservation === pa) {
      h.ram32[w] = x[rs2];
      h.pageWriter[o >>> 12] = WRITER_CPU;
      x[rd] = 0;
    } else {
      x[rd] = 1;
    }
    h.reservation = -1;
  } else {
    const old = h.ram32[w];
    const b = x[rs2];
    h.ram32[w] = amoOp(f5, old, b);
    h.pageWriter[o >>> 12] = WRITER_CPU;
    x[rd] = old;
  }
  x[0] = 0;
}

function isAmo(f5: number): boolean {
  return (
    f5 === LR ||
    f5 === SC ||
    f5 === AMOSWAP ||
    f5 === AMOADD ||
    f5 === AMOXOR ||
    f5 === AMOOR ||
    f5 === AMOAND ||
    (f5 >= AMOMIN && (f5 & 3) === 0)
  );
}

function amoOp(f5: number, a: number, b: number): number {
  switch (f5) {
    case AMOSWAP:
      return b;
    case AMOADD:
      return (a + b) | 0;
    case AMOXOR:
      return a ^ b;
    case AMOOR:
      return a | b;
    case AMOAND:
      return a & b;
    case AMOMIN:
      return a < b ? a : b;
    case AMOMAX:
      return a > b ? a : b;
    case AMOMINU:
      return a >>> 0 < b >>> 0 ? a : b;
    case AMOMAXU:
    default:
      return a >>> 0 > b >>> 0 ? a : b;
  }
}
