import { describe, expect, it } from 'vitest';
import {
  buildVirtDtb,
  dtbAddress,
  PHANDLE_CPU0_INTC,
  PHANDLE_PLIC,
  PHANDLE_TEST,
  virtDeviceTree,
} from './dtb';
import { parseFdt } from './fdt';

describe('virt devicetree', () => {
  const blob = buildVirtDtb({ ramBase: 0x8000_0000, ramSize: 64 << 20, cmdline: 'console=ttyS0 quiet' });
  const root = parseFdt(blob).root;

  it('describes the hart, its interrupt controller and the memory', () => {
    expect(root.u32('#address-cells')).toBe(2);
    const cpus = root.find('/cpus');
    expect(cpus?.u32('timebase-frequency')).toBe(10_000_000);
    const cpu = root.find('/cpus/cpu@0');
    expect(cpu?.string('riscv,isa')).toBe('rv32ima_zicsr_zifencei_zicntr');
    expect(cpu?.string('mmu-type')).toBe('riscv,sv32');
    expect(cpu?.string('device_type')).toBe('cpu');
    const intc = root.find('/cpus/cpu@0/interrupt-controller');
    expect(intc?.string('compatible')).toBe('riscv,cpu-intc');
    expect(intc?.u32('phandle')).toBe(PHANDLE_CPU0_INTC);
    expect(root.find('/memory@80000000')?.u32s('reg')).toEqual([0, 0x8000_0000, 0, 64 << 20]);
  });

  it('has /chosen with bootargs and stdout-path; no bootargs without a command line', () => {
    expect(root.find('/chosen')?.string('bootargs')).toBe('console=ttyS0 quiet');
    expect(root.find('/chosen')?.string('stdout-path')).toBe('/soc/serial@10000000');
    const bare = virtDeviceTree({ ramBase: 0x8000_0000, ramSize: 16 << 20 });
    expect(bare.find('/chosen')?.has('bootargs')).toBe(false);
  });

  it('lists every device with reg, interrupts and phandles', () => {
    const uart = root.find('/soc/serial@10000000');
    expect(uart?.string('compatible')).toBe('ns16550a');
    expect(uart?.u32('interrupts')).toBe(10);
    expect(uart?.u32('interrupt-parent')).toBe(PHANDLE_PLIC);
    expect(uart?.u32('clock-frequency')).toBe(3_686_400);
    const plic = root.find('/soc/plic@c000000');
    expect(plic?.strings('compatible')).toContain('riscv,plic0');
    expect(plic?.u32('riscv,ndev')).toBe(31);
    expect(plic?.u32s('interrupts-extended')).toEqual([PHANDLE_CPU0_INTC, 11, PHANDLE_CPU0_INTC, 9]);
    expect(plic?.u32s('reg')).toEqual([0, 0x0c00_0000, 0, 0x60_0000]);
    expect(root.find('/soc/clint@2000000')?.strings('compatible')).toEqual(['sifive,clint0', 'riscv,clint0']);
    expect(root.find('/soc/clint@2000000')?.u32s('interrupts-extended')).toEqual([2, 3, 2, 7]);
    for (let n = 0; n < 8; n++) {
      const v = root.find(`/soc/virtio_mmio@${(0x1000_1000 + n * 0x1000).toString(16)}`);
      expect(v?.string('compatible')).toBe('virtio,mmio');
      expect(v?.u32('interrupts')).toBe(1 + n);
    }
    const test = root.find('/soc/test@100000');
    expect(test?.strings('compatible')).toEqual(['sifive,test1', 'sifive,test0', 'syscon']);
    expect(root.find('/poweroff')?.u32s('regmap')).toEqual([PHANDLE_TEST]);
    expect(root.find('/poweroff')?.u32('value')).toBe(0x5555);
    expect(root.find('/reboot')?.u32('value')).toBe(0x7777);
    expect(root.find('/soc/trace@10100000')?.string('compatible')).toBe('kexec-lab,trace');
    expect(root.find('/soc/trace@10100000')?.u32s('reg')).toEqual([0, 0x1010_0000, 0, 0x1000]);
  });

  it('is placed at the end of RAM on a 2 MiB boundary', () => {
    expect(dtbAddress(0x8000_0000, 64 << 20, blob.length)).toBe(0x83e0_0000);
    expect(dtbAddress(0x8000_0000, 1024 << 20, blob.length)).toBe(0xbfe0_0000);
  });
});
