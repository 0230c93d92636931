// Test helpers for the observer: a minimal ELF32 writer and a scriptable fake machine.
// Used only by *.test.ts files.

import type { DeviceStateRecord, TraceEventRecord } from '../protocol/frame';
import type { HartView, MachineFactoryOptions, MachineLike, StopReasonLike } from './machine-like';

/** A CLINT's device record: a timer whose counter moves every frame while the machine runs. */
export function clintRecord(mtime: number): DeviceStateRecord {
  return {
    id: 'clint',
    name: 'CLINT',
    base: 0x200_0000,
    irq: 0,
    registers: [{ name: 'mtime', value: mtime }],
    irqPending: false,
  };
}

/** Build an ELF32 LE executable with the given PT_LOAD segments. */
export function makeElf(
  entry: number,
  segs: { vaddr: number; paddr: number; data: Uint8Array; memsz?: number; flags: number }[],
): Uint8Array {
  const phoff = 52;
  let dataOff = phoff + 32 * segs.length;
  const size = dataOff + segs.reduce((a, s) => a + s.data.length, 0);
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 1, 1, 1]);
  dv.setUint16(16, 2, true);
  dv.setUint16(18, 243, true);
  dv.setUint32(20, 1, true);
  dv.setUint32(24, entry, true);
  dv.setUint32(28, phoff, true);
  dv.setUint16(40, 52, true);
  dv.setUint16(42, 32, true);
  dv.setUint16(44, segs.length, true);
  segs.forEach((s, i) => {
    const o = phoff + i * 32;
    dv.setUint32(o, 1, true);
    dv.setUint32(o + 4, dataOff, true);
    dv.setUint32(o + 8, s.vaddr, true);
    dv.setUint32(o + 12, s.paddr, true);
    dv.setUint32(o + 16, s.data.length, true);
    dv.setUint32(o + 20, s.memsz ?? s.data.length, true);
    dv.setUint32(o + 24, s.flags, true);
    out.set(s.data, dataOff);
    dataOff += s.data.length;
  });
  return out;
}

/** Deterministic non-zero bytes. */
export function pattern(len: number, seed: number): Uint8Array {
  const b = new Uint8Array(len);
  let x = seed * 2654435761 + 1;
  for (let i = 0; i < len; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = (x >>> 16) & 0xff || 1;
  }
  return b;
}

export function fakeHart(): HartView {
  return {
    pc: 0x8000_0000,
    priv: 3,
    x: new Int32Array(32),
    wfi: false,
    mstatus: 0,
    mie: 0,
    mideleg: 0,
    medeleg: 0,
    mtvec: 0,
    stvec: 0,
    mepc: 0,
    sepc: 0,
    mcause: 0,
    scause: 0,
    mtval: 0,
    stval: 0,
    mscratch: 0,
    sscratch: 0,
    satp: 0,
    storeFills: 0,
    mip: () => 0,
    mcycle: () => 0,
    minstret: () => 0,
  };
}

/**
 * A fake machine: each run(n) retires n instructions (10 ns each) and calls `program`
 * once per call, which may change the PC, write RAM, emit trace events or serial bytes.
 */
export class FakeMachine implements MachineLike {
  readonly hart = fakeHart();
  readonly ramBase = 0x8000_0000;
  readonly ramSize: number;
  readonly ram: Uint8Array;
  readonly pageWriter: Uint8Array;
  readonly pageExec: Uint8Array;
  readonly pageRole: Uint8Array;
  poweredOff = false;
  insns = 0;
  serial: number[] = [];
  trace: TraceEventRecord[] = [];
  typed: string[] = [];
  idle = false;
  program: (m: FakeMachine, n: number) => StopReasonLike | void = () => {};

  constructor(readonly opts: MachineFactoryOptions) {
    this.ramSize = opts.ramMiB * 1024 * 1024;
    this.ram = new Uint8Array(this.ramSize);
    const pages = this.ramSize / 4096;
    this.pageWriter = new Uint8Array(pages);
    this.pageExec = new Uint8Array(pages);
    this.pageRole = new Uint8Array(pages);
  }

  run(maxInsns: number): { executed: number; reason: StopReasonLike } {
    if (this.idle) return { executed: 0, reason: 'idle' };
    this.insns += maxInsns;
    const r = this.program(this, maxInsns);
    return { executed: maxInsns, reason: r ?? 'budget' };
  }
  emit(kind: TraceEventRecord['kind'], code: number, addr = 0, count = 0): void {
    this.trace.push({ kind, code, addr, count, instret: this.insns, simNs: this.insns * 10 });
  }
  write(pa: number, bytes: Uint8Array, writer = 1): void {
    const off = pa - this.ramBase;
    this.ram.set(bytes, off);
    for (let p = off >>> 12; p <= (off + bytes.length - 1) >>> 12; p++) this.pageWriter[p] = writer;
  }
  typeInput(text: string | Uint8Array): void {
    this.typed.push(typeof text === 'string' ? text : new TextDecoder().decode(text));
  }
  inputCount(): number {
    return this.typed.length;
  }
  drainSerial(): Uint8Array {
    const b = Uint8Array.from(this.serial);
    this.serial = [];
    return b;
  }
  drainTrace(): TraceEventRecord[] {
    const t = this.trace;
    this.trace = [];
    return t;
  }
  instret(): number {
    return this.insns;
  }
  cycles(): number {
    return this.insns;
  }
  simulatedNs(): number {
    return this.insns * 10;
  }
  deviceStates(): DeviceStateRecord[] {
    return [
      {
        id: 'uart0',
        name: 'UART 16550A',
        base: 0x1000_0000,
        irq: 10,
        registers: [{ name: 'LSR', value: 0x60 }],
        irqPending: false,
      },
    ];
  }
  setNetPps(): void {}
  reset(): void {
    this.hart.pc = 0x1000;
  }
  stateHash(): string {
    return `h${this.insns}:${this.typed.join('')}`;
  }
}
