import { describe, expect, it } from 'vitest';
import { MachineBus } from './bus';
import type { MmioDevice, Width } from '../devices/device';

class Recorder implements MmioDevice {
  readonly name = 'recorder';
  log: string[] = [];
  constructor(readonly id: string) {}
  read(offset: number, width: Width): number {
    this.log.push(`r ${offset} ${width}`);
    return offset === 0x10 ? -1 : 0x40 + offset;
  }
  write(offset: number, width: Width, value: number): boolean {
    this.log.push(`w ${offset} ${width} ${value}`);
    return true;
  }
}

describe('machine bus', () => {
  it('routes by range and hands the device an offset, never an absolute address', () => {
    const bus = new MachineBus(0x8000_0000, 1 << 16, () => 5);
    const a = new Recorder('a');
    const b = new Recorder('b');
    bus.attach(0x1000_0000, 0x100, a);
    bus.attach(0x1000_1000, 0x1000, b);
    expect(bus.mmioRead(0x1000_0004, 1)).toBe(0x44);
    expect(bus.mmioWrite(0x1000_1070, 4, 3)).toBe(true);
    expect(a.log).toEqual(['r 4 1']);
    expect(b.log).toEqual(['w 112 4 3']);
    expect(bus.mtime()).toBe(5);
  });

  it('faults on unmapped addresses, on accesses straddling a window, and passes device faults on', () => {
    const bus = new MachineBus(0x8000_0000, 1 << 16, () => 0);
    bus.attach(0x1000_0000, 0x100, new Recorder('a'));
    expect(bus.mmioRead(0x0, 4)).toBe(-1);
    expect(bus.mmioRead(0x2000_0000, 4)).toBe(-1);
    expect(bus.mmioWrite(0x1234_5678, 4, 0)).toBe(false);
    expect(bus.mmioRead(0x1000_00fe, 4)).toBe(-1); // runs past the end of the window
    expect(bus.mmioRead(0x1000_0010, 4)).toBe(-1); // device does not decode it
    expect(bus.mmioRead(0x8001_0000, 1)).toBe(-1); // one past RAM
    expect(bus.mmioRead(0x8000_fffe, 4)).toBe(-1); // straddles the end of RAM
  });

  it('reaches RAM through the slow path, little endian, marking the page as CPU-written', () => {
    const bus = new MachineBus(0x8000_0000, 1 << 16, () => 0);
    expect(bus.mmioWrite(0x8000_2002, 4, 0xdeadbeef)).toBe(true);
    expect(bus.ram[0x2002]).toBe(0xef);
    expect(bus.mmioRead(0x8000_2002, 4)).toBe(0xdeadbeef);
    expect(bus.mmioRead(0x8000_2003, 2)).toBe(0xadbe);
    expect(bus.pageWriter[2]).toBe(1);
  });

  it('refuses overlapping windows', () => {
    const bus = new MachineBus(0x8000_0000, 1 << 16, () => 0);
    bus.attach(0x1000_0000, 0x100, new Recorder('a'));
    expect(() => bus.attach(0x1000_0080, 0x100, new Recorder('b'))).toThrow(/overlaps a/);
    expect(() => bus.attach(0x8000_8000, 0x100, new Recorder('c'))).toThrow(/RAM/);
  });
});
