// The board's bus: RAM plus a table of address ranges, one per device.
//
// Implements the CPU's Bus contract (workers/cpu/bus.ts). A device is mapped at a base and
// sees only an offset into its window and the access width; an access that no range covers
// entirely, or that the device does not decode, is an access fault (-1 / false).

import { allocateRam, type Bus } from '../cpu/bus';
import type { MmioDevice, Width } from '../devices/device';
import { PAGE_SIZE } from './memmap';

export interface Mapping {
  base: number;
  size: number;
  device: MmioDevice;
}

export class MachineBus implements Bus {
  readonly ram: Uint8Array;
  readonly ramBase: number;
  readonly pageWriter: Uint8Array;
  readonly pageExec: Uint8Array;
  private readonly map: Mapping[] = [];
  private last: Mapping | null = null;
  private readonly ramView: DataView;

  constructor(
    ramBase: number,
    ramSize: number,
    private readonly clock: () => number,
  ) {
    if (ramSize % PAGE_SIZE) throw new RangeError('RAM size must be a whole number of pages');
    this.ramBase = ramBase >>> 0;
    this.ram = allocateRam(ramSize);
    this.ramView = new DataView(this.ram.buffer, this.ram.byteOffset, ramSize);
    this.pageWriter = new Uint8Array(ramSize / PAGE_SIZE);
    this.pageExec = new Uint8Array(ramSize / PAGE_SIZE);
  }

  /** Map `device` at [base, base + size). Ranges must not overlap each other or RAM. */
  attach(base: number, size: number, device: MmioDevice): void {
    const b = base >>> 0;
    const overlaps = (lo: number, hi: number): boolean => b < hi && lo < b + size;
    if (overlaps(this.ramBase, this.ramBase + this.ram.length))
      throw new RangeError(`${device.id} overlaps RAM`);
    for (const m of this.map) {
      if (overlaps(m.base, m.base + m.size)) throw new RangeError(`${device.id} overlaps ${m.device.id}`);
    }
    this.map.push({ base: b, size, device });
    this.map.sort((p, q) => p.base - q.base);
  }

  mappings(): readonly Mapping[] {
    return this.map;
  }

  private find(paddr: number, size: number): Mapping | null {
    const l = this.last;
    if (l && paddr >= l.base && paddr + size <= l.base + l.size) return l;
    for (const m of this.map) {
      if (paddr >= m.base && paddr + size <= m.base + m.size) {
        this.last = m;
        return m;
      }
    }
    return null;
  }

  private ramOffset(paddr: number, size: number): number {
    const off = paddr - this.ramBase;
    return off >= 0 && off + size <= this.ram.length ? off : -1;
  }

  mmioRead(paddr: number, size: 1 | 2 | 4): number {
    const a = paddr >>> 0;
    const m = this.find(a, size);
    if (m) return m.device.read(a - m.base, size as Width);
    // RAM reached through the slow path (e.g. an access the CPU chose not to inline).
    const off = this.ramOffset(a, size);
    if (off < 0) return -1;
    if (size === 1) return this.ram[off];
    if (size === 2) return this.ramView.getUint16(off, true);
    return this.ramView.getUint32(off, true);
  }

  mmioWrite(paddr: number, size: 1 | 2 | 4, value: number): boolean {
    const a = paddr >>> 0;
    const m = this.find(a, size);
    if (m) return m.device.write(a - m.base, size as Width, value);
    const off = this.ramOffset(a, size);
    if (off < 0) return false;
    if (size === 1) this.ram[off] = value;
    else if (size === 2) this.ramView.setUint16(off, value, true);
    else this.ramView.setUint32(off, value >>> 0, true);
    this.pageWriter[off >>> 12] = 1; // WRITER_CPU
    return true;
  }

  mtime(): number {
    return this.clock();
  }
}
