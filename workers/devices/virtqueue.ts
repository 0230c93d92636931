// Split virtqueues (virtio 1.x, section 2.7) and bounds-checked DMA into guest RAM.
//
// The device side of a split queue: the driver publishes descriptor chains through the
// available ring, the device walks each chain, moves data, and returns the chain through the
// used ring. Every guest address is checked against RAM; a malformed ring or descriptor throws
// VirtioFault, which the transport catches and turns into DEVICE_NEEDS_RESET. No other
// exception leaves this module.

import { WRITER_DMA_BASE } from '../cpu/bus';

export const VIRTQ_DESC_F_NEXT = 1;
export const VIRTQ_DESC_F_WRITE = 2;
export const VIRTQ_DESC_F_INDIRECT = 4;
export const VIRTQ_AVAIL_F_NO_INTERRUPT = 1;
const DESC_SIZE = 16;

/** A malformed queue or descriptor: the device must be reset by the driver. */
export class VirtioFault extends Error {}

/** Guest RAM as seen by one device's DMA engine, with statistics for the UI. */
export class Dma {
  bytesRead = 0;
  bytesWritten = 0;
  dmaWrites = 0;
  /** Physical address of the last page written by DMA, -1 before the first. */
  lastDmaPage = -1;
  private readonly view: DataView;

  constructor(
    readonly ram: Uint8Array,
    readonly ramBase: number,
    private readonly pageWriter: Uint8Array,
    readonly slot: number,
    /** Called after pageWriter entries changed (the machine drops the CPU's store TLB). */
    private readonly onMark: () => void = () => {},
  ) {
    this.view = new DataView(ram.buffer, ram.byteOffset, ram.byteLength);
  }

  /** RAM offset of [lo|hi<<32, +len), or VirtioFault when any byte lies outside RAM. */
  offset(lo: number, hi: number, len: number, what: string): number {
    const off = (lo >>> 0) - this.ramBase;
    if (hi !== 0 || off < 0 || len < 0 || off + len > this.ram.length) {
      throw new VirtioFault(
        `${what} at 0x${hi ? hi.toString(16) : ''}${(lo >>> 0).toString(16)} (+${len}) is outside RAM`,
      );
    }
    return off;
  }

  u16(off: number): number {
    return this.view.getUint16(off, true);
  }
  u32(off: number): number {
    return this.view.getUint32(off, true);
  }

  private mark(off: number, len: number): void {
    if (len <= 0) return;
    const code = WRITER_DMA_BASE + this.slot;
    const last = (off + len - 1) >>> 12;
    for (let p = off >>> 12; p <= last; p++) this.pageWriter[p] = code;
    this.lastDmaPage = this.ramBase + last * 4096;
    this.onMark();
  }

  /** Ring bookkeeping writes (used ring): marked as DMA, not counted as payload. */
  setU16(off: number, v: number): void {
    this.view.setUint16(off, v, true);
    this.mark(off, 2);
  }
  setU32(off: number, v: number): void {
    this.view.setUint32(off, v, true);
    this.mark(off, 4);
  }

  /** Payload write into guest RAM. */
  write(off: number, bytes: Uint8Array): void {
    this.ram.set(bytes, off);
    this.mark(off, bytes.length);
    this.bytesWritten += bytes.length;
    this.dmaWrites++;
  }

  /** Payload read from guest RAM (a copy). */
  read(off: number, len: number): Uint8Array {
    this.bytesRead += len;
    return this.ram.slice(off, off + len);
  }
}

/** A buffer segment: RAM offset and length. */
export interface Segment {
  off: number;
  len: number;
}

export interface Chain {
  head: number;
  readable: Segment[];
  writable: Segment[];
  readableBytes: number;
  writableBytes: number;
}

export interface QueueRecord {
  num: number;
  ready: boolean;
  descLo: number;
  descHi: number;
  driverLo: number;
  driverHi: number;
  deviceLo: number;
  deviceHi: number;
  lastAvail: number;
  usedIdx: number;
}

export class SplitQueue {
  num: number;
  ready = false;
  descLo = 0;
  descHi = 0;
  driverLo = 0;
  driverHi = 0;
  deviceLo = 0;
  deviceHi = 0;
  /** Next available-ring index the device will read. */
  lastAvail = 0;
  /** The device's used.idx. */
  usedIdx = 0;

  constructor(
    readonly index: number,
    readonly numMax: number,
  ) {
    this.num = numMax;
  }

  reset(): void {
    this.num = this.numMax;
    this.ready = false;
    this.descLo = this.descHi = this.driverLo = this.driverHi = this.deviceLo = this.deviceHi = 0;
    this.lastAvail = 0;
    this.usedIdx = 0;
  }

  /** Throws VirtioFault unless size and the three ring areas are valid. */
  validate(dma: Dma): void {
    const n = this.num;
    if (n === 0 || n > this.numMax || (n & (n - 1)) !== 0)
      throw new VirtioFault(`queue ${this.index}: bad size ${n}`);
    dma.offset(this.descLo, this.descHi, DESC_SIZE * n, `queue ${this.index} descriptor table`);
    dma.offset(this.driverLo, this.driverHi, 6 + 2 * n, `queue ${this.index} available ring`);
    dma.offset(this.deviceLo, this.deviceHi, 6 + 8 * n, `queue ${this.index} used ring`);
  }

  /** The driver's avail.idx. */
  availIdx(dma: Dma): number {
    return dma.u16(dma.offset(this.driverLo, this.driverHi, 4, 'available ring') + 2);
  }

  /** Buffers made available by the driver and not yet returned (for the UI). */
  inFlight(dma: Dma): number {
    if (!this.ready) return 0;
    try {
      return (this.availIdx(dma) - this.usedIdx) & 0xffff;
    } catch {
      return 0;
    }
  }

  /** Number of chains available and not yet taken by the device. */
  pendingChains(dma: Dma): number {
    return (this.availIdx(dma) - this.lastAvail) & 0xffff;
  }

  /** Take the next available chain, or null when the ring is empty. */
  pop(dma: Dma): Chain | null {
    if (!this.ready) return null;
    const avail = dma.offset(this.driverLo, this.driverHi, 6 + 2 * this.num, 'available ring');
    const idx = dma.u16(avail + 2);
    const pending = (idx - this.lastAvail) & 0xffff;
    if (pending === 0) return null;
    if (pending > this.num)
      throw new VirtioFault(`queue ${this.index}: avail.idx ${idx} runs ${pending} ahead`);
    const head = dma.u16(avail + 4 + 2 * (this.lastAvail % this.num));
    const chain = this.walk(dma, head);
    this.lastAvail = (this.lastAvail + 1) & 0xffff;
    return chain;
  }

  /** Give the last popped chain back (the device could not use it yet). */
  unpop(): void {
    this.lastAvail = (this.lastAvail - 1) & 0xffff;
  }

  private walk(dma: Dma, head: number): Chain {
    const table = dma.offset(this.descLo, this.descHi, DESC_SIZE * this.num, 'descriptor table');
    const chain: Chain = { head, readable: [], writable: [], readableBytes: 0, writableBytes: 0 };
    let i = head;
    for (let steps = 0; ; steps++) {
      if (i >= this.num)
        throw new VirtioFault(`queue ${this.index}: descriptor index ${i} >= size ${this.num}`);
      if (steps >= this.num) throw new VirtioFault(`queue ${this.index}: descriptor chain loops`);
      const d = table + DESC_SIZE * i;
      const addrLo = dma.u32(d);
      const addrHi = dma.u32(d + 4);
      const len = dma.u32(d + 8);
      const flags = dma.u16(d + 12);
      if (flags & VIRTQ_DESC_F_INDIRECT)
        throw new VirtioFault(`queue ${this.index}: indirect descriptors not offered`);
      const off = dma.offset(addrLo, addrHi, len, `queue ${this.index} buffer`);
      if (flags & VIRTQ_DESC_F_WRITE) {
        chain.writable.push({ off, len });
        chain.writableBytes += len;
      } else {
        if (chain.writable.length)
          throw new VirtioFault(`queue ${this.index}: readable descriptor after writable`);
        chain.readable.push({ off, len });
        chain.readableBytes += len;
      }
      if (!(flags & VIRTQ_DESC_F_NEXT)) return chain;
      i = dma.u16(d + 14);
    }
  }

  /** Return a chain through the used ring with `len` bytes written. */
  push(dma: Dma, head: number, len: number): void {
    const used = dma.offset(this.deviceLo, this.deviceHi, 6 + 8 * this.num, 'used ring');
    const slot = used + 4 + 8 * (this.usedIdx % this.num);
    dma.setU32(slot, head);
    dma.setU32(slot + 4, len);
    this.usedIdx = (this.usedIdx + 1) & 0xffff;
    dma.setU16(used + 2, this.usedIdx);
  }

  /** False when the driver asked for no interrupts (VRING_AVAIL_F_NO_INTERRUPT). */
  wantsInterrupt(dma: Dma): boolean {
    const avail = dma.offset(this.driverLo, this.driverHi, 2, 'available ring');
    return (dma.u16(avail) & VIRTQ_AVAIL_F_NO_INTERRUPT) === 0;
  }

  snapshot(): QueueRecord {
    return {
      num: this.num,
      ready: this.ready,
      descLo: this.descLo,
      descHi: this.descHi,
      driverLo: this.driverLo,
      driverHi: this.driverHi,
      deviceLo: this.deviceLo,
      deviceHi: this.deviceHi,
      lastAvail: this.lastAvail,
      usedIdx: this.usedIdx,
    };
  }

  restore(r: QueueRecord): void {
    Object.assign(this, r);
  }
}

/** Gather `len` bytes at logical offset `from` of a list of segments. */
export function gather(dma: Dma, segs: Segment[], from: number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  let pos = 0;
  let skip = from;
  for (const s of segs) {
    if (pos >= len) break;
    if (skip >= s.len) {
      skip -= s.len;
      continue;
    }
    const n = Math.min(s.len - skip, len - pos);
    out.set(dma.read(s.off + skip, n), pos);
    pos += n;
    skip = 0;
  }
  return out.subarray(0, pos);
}

/** Scatter `bytes` into segments starting at logical offset `from`; returns bytes written. */
export function scatter(dma: Dma, segs: Segment[], from: number, bytes: Uint8Array): number {
  let pos = 0;
  let skip = from;
  for (const s of segs) {
    if (pos >= bytes.length) break;
    if (skip >= s.len) {
      skip -= s.len;
      continue;
    }
    const n = Math.min(s.len - skip, bytes.length - pos);
    dma.write(s.off + skip, bytes.subarray(pos, pos + n));
    pos += n;
    skip = 0;
  }
  return pos;
}
