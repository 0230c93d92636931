// The board's devicetree, shaped like the one QEMU builds for `-M virt` (32-bit):
// #address-cells = #size-cells = 2 at the root and in /soc, one hart with its local
// interrupt controller, memory, /chosen (bootargs only when a command line is given),
// every device of workers/machine/memmap.ts with its reg and interrupts, syscon-based
// poweroff and reboot, and the kexec-lab trace port.
//
// Placement (as QEMU 7.2 riscv_load_fdt): the blob goes at the end of RAM, rounded down to
// a 2 MiB boundary, so it stays clear of the firmware and kernel at the bottom of RAM.

import { FdtNode, buildFdt } from './fdt';
import {
  CLINT_BASE,
  CLINT_SIZE,
  PLIC_BASE,
  PLIC_SIZE,
  SYSCON_BASE,
  SYSCON_SIZE,
  TIMEBASE_HZ,
  TRACE_BASE,
  TRACE_SIZE,
  UART0_BASE,
  UART0_IRQ,
  UART0_SIZE,
  VIRTIO_BASE,
  VIRTIO_IRQ_BASE,
  VIRTIO_SLOTS,
  VIRTIO_STRIDE,
} from './memmap';
import { UART_CLOCK_HZ } from '../devices/uart16550';

export const PHANDLE_CPU0 = 1;
export const PHANDLE_CPU0_INTC = 2;
export const PHANDLE_PLIC = 3;
export const PHANDLE_TEST = 4;
export const RISCV_ISA = 'rv32ima_zicsr_zifencei_zicntr';
export const PLIC_NDEV = 31;
/** mip bit numbers used in interrupts-extended. */
const IRQ_S_EXT = 9;
const IRQ_M_EXT = 11;
const IRQ_M_SOFT = 3;
const IRQ_M_TIMER = 7;
export const DTB_ALIGN = 2 << 20;

export interface DtbOptions {
  ramBase: number;
  ramSize: number;
  cmdline?: string;
}

/** reg = <addr-hi addr-lo size-hi size-lo> for #address-cells = #size-cells = 2. */
function reg2(addr: number, size: number): number[] {
  return [Math.floor(addr / 0x1_0000_0000), addr >>> 0, Math.floor(size / 0x1_0000_0000), size >>> 0];
}

const hexName = (base: number): string => base.toString(16);

export function virtDeviceTree(o: DtbOptions): FdtNode {
  const root = new FdtNode('')
    .setU32('#address-cells', 2)
    .setU32('#size-cells', 2)
    .setString('compatible', 'riscv-virtio')
    .setString('model', 'riscv-virtio,qemu');

  const chosen = root.add(new FdtNode('chosen'));
  if (o.cmdline !== undefined) chosen.setString('bootargs', o.cmdline);
  chosen.setString('stdout-path', `/soc/serial@${hexName(UART0_BASE)}`);

  root
    .add(new FdtNode(`memory@${hexName(o.ramBase)}`))
    .setString('device_type', 'memory')
    .setU32('reg', ...reg2(o.ramBase, o.ramSize));

  const cpus = root
    .add(new FdtNode('cpus'))
    .setU32('#address-cells', 1)
    .setU32('#size-cells', 0)
    .setU32('timebase-frequency', TIMEBASE_HZ);
  const cpu = cpus
    .add(new FdtNode('cpu@0'))
    .setU32('phandle', PHANDLE_CPU0)
    .setString('device_type', 'cpu')
    .setU32('reg', 0)
    .setString('status', 'okay')
    .setString('compatible', 'riscv')
    .setString('riscv,isa', RISCV_ISA)
    .setString('mmu-type', 'riscv,sv32');
  cpu
    .add(new FdtNode('interrupt-controller'))
    .setU32('#interrupt-cells', 1)
    .setEmpty('interrupt-controller')
    .setString('compatible', 'riscv,cpu-intc')
    .setU32('phandle', PHANDLE_CPU0_INTC);
  cpus
    .add(new FdtNode('cpu-map'))
    .add(new FdtNode('cluster0'))
    .add(new FdtNode('core0'))
    .setU32('cpu', PHANDLE_CPU0);

  const soc = root
    .add(new FdtNode('soc'))
    .setU32('#address-cells', 2)
    .setU32('#size-cells', 2)
    .setString('compatible', 'simple-bus')
    .setEmpty('ranges');

  soc
    .add(new FdtNode(`test@${hexName(SYSCON_BASE)}`))
    .setU32('phandle', PHANDLE_TEST)
    .setU32('reg', ...reg2(SYSCON_BASE, SYSCON_SIZE))
    .setString('compatible', 'sifive,test1', 'sifive,test0', 'syscon');

  soc
    .add(new FdtNode(`serial@${hexName(UART0_BASE)}`))
    .setU32('interrupts', UART0_IRQ)
    .setU32('interrupt-parent', PHANDLE_PLIC)
    .setU32('clock-frequency', UART_CLOCK_HZ)
    .setU32('reg', ...reg2(UART0_BASE, UART0_SIZE))
    .setString('compatible', 'ns16550a');

  for (let n = VIRTIO_SLOTS - 1; n >= 0; n--) {
    // QEMU emits the slots in descending order; Linux probes them in reverse.
    const base = VIRTIO_BASE + n * VIRTIO_STRIDE;
    soc
      .add(new FdtNode(`virtio_mmio@${hexName(base)}`))
      .setU32('interrupts', VIRTIO_IRQ_BASE + n)
      .setU32('interrupt-parent', PHANDLE_PLIC)
      .setU32('reg', ...reg2(base, VIRTIO_STRIDE))
      .setString('compatible', 'virtio,mmio');
  }

  soc
    .add(new FdtNode(`plic@${hexName(PLIC_BASE)}`))
    .setU32('phandle', PHANDLE_PLIC)
    .setU32('riscv,ndev', PLIC_NDEV)
    .setU32('reg', ...reg2(PLIC_BASE, PLIC_SIZE))
    .setU32('interrupts-extended', PHANDLE_CPU0_INTC, IRQ_M_EXT, PHANDLE_CPU0_INTC, IRQ_S_EXT)
    .setEmpty('interrupt-controller')
    .setString('compatible', 'sifive,plic-1.0.0', 'riscv,plic0')
    .setU32('#address-cells', 0)
    .setU32('#interrupt-cells', 1);

  soc
    .add(new FdtNode(`clint@${hexName(CLINT_BASE)}`))
    .setU32('interrupts-extended', PHANDLE_CPU0_INTC, IRQ_M_SOFT, PHANDLE_CPU0_INTC, IRQ_M_TIMER)
    .setU32('reg', ...reg2(CLINT_BASE, CLINT_SIZE))
    .setString('compatible', 'sifive,clint0', 'riscv,clint0');

  soc
    .add(new FdtNode(`trace@${hexName(TRACE_BASE)}`))
    .setU32('reg', ...reg2(TRACE_BASE, TRACE_SIZE))
    .setString('compatible', 'kexec-lab,trace');

  root
    .add(new FdtNode('poweroff'))
    .setU32('value', 0x5555)
    .setU32('offset', 0)
    .setU32('regmap', PHANDLE_TEST)
    .setString('compatible', 'syscon-poweroff');
  root
    .add(new FdtNode('reboot'))
    .setU32('value', 0x7777)
    .setU32('offset', 0)
    .setU32('regmap', PHANDLE_TEST)
    .setString('compatible', 'syscon-reboot');

  return root;
}

export function buildVirtDtb(o: DtbOptions): Uint8Array {
  return buildFdt(virtDeviceTree(o));
}

/** Physical address for a DTB of `size` bytes: end of RAM rounded down to 2 MiB. */
export function dtbAddress(ramBase: number, ramSize: number, size: number): number {
  const end = ramBase + ramSize;
  return Math.floor((end - size) / DTB_ALIGN) * DTB_ALIGN;
}
