// The board: one RV32 hart, RAM, the reset ROM, the devices of memmap.ts, and the clock.
// Its types are in machine-types.ts; the worker, the runner and the tests use it.
//
// Time. cycles = hart.instret + idle cycles skipped in WFI; the CPU runs at 100 MHz, so
// mtime = floor(cycles / INSNS_PER_TICK) and simulated ns = cycles * 10. run() executes the
// hart in chunks that end exactly at the next device deadline (timer compare, UART input or
// character timeout, network packet, scheduled input), services the devices between chunks,
// and in WFI skips straight to the next deadline. Chunk sizes depend only on the instruction
// count and those deadlines, never on the wall clock or on the caller's budget, so the
// machine state at a given cycle count is the same however run() is called.
//
// Budget. run(n) advances the clock by at most n cycles: n instructions when busy, idle
// cycles when the hart sleeps. It returns 'idle' whenever the hart is in WFI at the end,
// with the clock unchanged when no event will ever come (only typed input can wake it).

import { Hart } from '../cpu/hart';
import { MIP_MEIP, MIP_MSIP, MIP_MTIP, MIP_SEIP } from '../cpu/csr-defs';
import { WRITER_CPU, WRITER_DMA_BASE } from '../cpu/bus';
import type { DeviceState, RegisterView } from '../devices/device';
import { Clint } from '../devices/clint';
import { Plic } from '../devices/plic';
import { Syscon, type SysconAction } from '../devices/syscon';
import { TracePort, type TraceEvent } from '../devices/trace';
import { Uart16550 } from '../devices/uart16550';
import { VirtioBlk } from '../devices/virtio-blk';
import { VirtioMmio } from '../devices/virtio-mmio';
import { VirtioNet } from '../devices/virtio-net';
import { Dma } from '../devices/virtqueue';
import { MachineBus } from './bus';
import { buildVirtDtb, dtbAddress } from './dtb';
import { ElfError, loadElf, parseElf, type ElfImage } from './elf';
import { StateHasher } from './hash';
import {
  CLINT_BASE,
  CLINT_SIZE,
  INSNS_PER_TICK,
  PLIC_BASE,
  PLIC_SIZE,
  RAM_BASE,
  RAM_MIB_DEFAULT,
  RAM_MIB_MAX,
  RAM_MIB_MIN,
  RESET_ROM_BASE,
  RESET_ROM_SIZE,
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
  CPU_HZ,
  NS_PER_CYCLE,
  MAX_CHUNK,
  TOHOST_CHUNK,
} from './memmap';
import { ResetRom, resetRomImage } from './reset-rom';
import {
  MachineConfigError,
  type InputLogEntry,
  type MachineOptions,
  type MachineSnapshot,
  type RunResult,
  type StopReason,
} from './machine-types';

export type { DeviceState, TraceEvent };
export type { InputLogEntry, MachineOptions, MachineSnapshot, RunResult, StopReason } from './machine-types';
export { MachineConfigError } from './machine-types';
export { ElfError };

export class Machine {
  readonly hart: Hart;
  readonly ramBase = RAM_BASE;
  readonly ramSize: number;
  readonly ram: Uint8Array;
  readonly pageWriter: Uint8Array;
  readonly pageExec: Uint8Array;
  readonly pageRole: Uint8Array;
  readonly symbolsHint?: never;
  poweredOff = false;
  /** Set when the guest powered off through syscon: 0 = pass, else the fail code. */
  exitCode: number | null = null;
  /** The bare ELF's `tohost` address, or -1. */
  readonly tohostAddr: number = -1;
  /** Physical address of the DTB in RAM (0 in bare mode). */
  readonly dtbAddr: number = 0;
  readonly dtb: Uint8Array = new Uint8Array(0);

  private idleCycles = 0;
  private readonly bus: MachineBus;
  private readonly uart: Uart16550;
  private readonly clint: Clint;
  private readonly plic: Plic;
  private readonly syscon: Syscon;
  private readonly trace: TracePort;
  private readonly virtio: VirtioMmio<unknown>[] = [];
  private readonly blk: VirtioBlk | null;
  private readonly net: VirtioNet;
  private readonly rom: ResetRom;
  private readonly image: ElfImage | null;
  private readonly bare: boolean;
  private pendingAction: SysconAction | null = null;
  private scheduled: { cycle: number; bytes: number[] }[] = [];
  private log: InputLogEntry[] = [];
  private readonly tohostOff: number = -1;
  private readonly ramView: DataView;

  constructor(opts: MachineOptions = {}) {
    const mib = opts.ramMiB ?? RAM_MIB_DEFAULT;
    if (!Number.isInteger(mib) || mib < RAM_MIB_MIN || mib > RAM_MIB_MAX) {
      throw new MachineConfigError(
        `RAM size ${mib} MiB: must be an integer from ${RAM_MIB_MIN} to ${RAM_MIB_MAX}`,
      );
    }
    if (opts.firmware && opts.bareElf) throw new MachineConfigError('firmware and bareElf are exclusive');
    this.ramSize = mib << 20;
    this.bus = new MachineBus(RAM_BASE, this.ramSize, () => this.mtime());
    this.ram = this.bus.ram;
    this.ramView = new DataView(this.ram.buffer, this.ram.byteOffset, this.ram.byteLength);
    this.pageWriter = this.bus.pageWriter;
    this.pageExec = this.bus.pageExec;
    this.pageRole = new Uint8Array(this.pageWriter.length);
    this.hart = new Hart(this.bus);

    // Interrupt wiring: PLIC contexts -> MEIP/SEIP, CLINT -> MSIP/MTIP.
    this.plic = new Plic((ctx, level) => this.hart.setPending(ctx === 0 ? MIP_MEIP : MIP_SEIP, level));
    this.clint = new Clint({
      mtime: () => this.mtime(),
      setSoftware: (l) => this.hart.setPending(MIP_MSIP, l),
      setTimer: (l) => this.hart.setPending(MIP_MTIP, l),
      onChange: () => (this.hart.stopRequested = true), // new deadline: end the chunk
    });
    this.uart = new Uart16550(
      this.plic.line(UART0_IRQ),
      () => this.cycles(),
      CPU_HZ,
      () => (this.hart.stopRequested = true), // FIFO room or a new timeout: re-plan the chunk
    );
    this.syscon = new Syscon((a) => {
      this.pendingAction = a;
      this.hart.stopRequested = true;
    });
    this.trace = new TracePort(this.pageRole, RAM_BASE, () => ({
      instret: this.hart.instret,
      simNs: this.simulatedNs(),
    }));
    this.blk = opts.disk ? new VirtioBlk(opts.disk) : null;
    this.net = new VirtioNet(CPU_HZ);
    for (let n = 0; n < VIRTIO_SLOTS; n++) {
      const backend = n === 0 ? this.blk : n === 1 ? this.net : null;
      const dma = new Dma(this.ram, RAM_BASE, this.pageWriter, n, () => this.hart.flushStoreTlb());
      this.virtio.push(new VirtioMmio<unknown>(n, dma, this.plic.line(VIRTIO_IRQ_BASE + n), backend));
    }

    // The program: firmware booted through the ROM with a DTB, or a bare ELF at its entry.
    const elf = opts.bareElf ?? opts.firmware;
    this.bare = !!opts.bareElf;
    try {
      this.image = elf ? parseElf(elf) : null;
      if (this.image) loadElf(this.image, this.ram, RAM_BASE);
    } catch (e) {
      throw e instanceof ElfError ? new MachineConfigError(e.message) : e;
    }
    if (this.bare && this.image) {
      const t = this.image.symbols.get('tohost');
      if (t !== undefined && t >= RAM_BASE && t + 4 <= RAM_BASE + this.ramSize) {
        this.tohostAddr = t;
        this.tohostOff = t - RAM_BASE;
      }
      this.rom = new ResetRom(resetRomImage(this.image.entry, 0));
    } else {
      this.dtb = buildVirtDtb({ ramBase: RAM_BASE, ramSize: this.ramSize, cmdline: opts.cmdline });
      this.dtbAddr = dtbAddress(RAM_BASE, this.ramSize, this.dtb.length);
      this.ram.set(this.dtb, this.dtbAddr - RAM_BASE);
      this.rom = new ResetRom(resetRomImage(this.image ? this.image.entry : RAM_BASE, this.dtbAddr));
    }

    this.bus.attach(RESET_ROM_BASE, RESET_ROM_SIZE, this.rom);
    this.bus.attach(SYSCON_BASE, SYSCON_SIZE, this.syscon);
    this.bus.attach(CLINT_BASE, CLINT_SIZE, this.clint);
    this.bus.attach(PLIC_BASE, PLIC_SIZE, this.plic);
    this.bus.attach(UART0_BASE, UART0_SIZE, this.uart);
    this.virtio.forEach((v, n) => this.bus.attach(VIRTIO_BASE + n * VIRTIO_STRIDE, VIRTIO_STRIDE, v));
    this.bus.attach(TRACE_BASE, TRACE_SIZE, this.trace);

    this.net.setRate(opts.netPps ?? 0, 0);
    this.hart.reset(this.bare && this.image ? this.image.entry : RESET_ROM_BASE);
    this.clint.reset();
  }

  /** Clock: cycles since power-on (instructions + idle). */
  cycles(): number {
    return this.hart.instret + this.idleCycles;
  }
  mtime(): number {
    return Math.floor(this.cycles() / INSNS_PER_TICK);
  }
  instret(): number {
    return this.hart.instret;
  }
  /** The observer cleared pageWriter entries: the CPU must mark pages again (see Bus.pageWriter). */
  writersCleared(): void {
    this.hart.flushStoreTlb();
  }

  simulatedNs(): number {
    return this.cycles() * NS_PER_CYCLE;
  }

  /** The value of the bare ELF's tohost word (0 until written, or without one). */
  tohost(): number {
    return this.tohostOff >= 0 ? this.ramView.getUint32(this.tohostOff, true) : 0;
  }

  /** The earliest cycle at which a device needs service, or Infinity. */
  private nextDeadline(): number {
    let t = Math.min(this.uart.nextDeadline(), this.net.nextDeadline());
    if (this.scheduled.length) t = Math.min(t, this.scheduled[0].cycle);
    const cmp = this.clint.mtimecmp();
    if (cmp < 2 ** 53 / INSNS_PER_TICK && this.mtime() < cmp) t = Math.min(t, cmp * INSNS_PER_TICK);
    return t;
  }

  /** Bring every device up to the current cycle. */
  private service(): void {
    const now = this.cycles();
    while (this.scheduled.length && this.scheduled[0].cycle <= now) {
      this.uart.queueInput((this.scheduled.shift() as { bytes: number[] }).bytes);
    }
    this.uart.tick(now);
    const net = this.virtio[1];
    this.net.tick(net, now);
    this.clint.update();
  }

  private takeAction(): StopReason | null {
    const a = this.pendingAction;
    if (!a) return null;
    this.pendingAction = null;
    if (a.kind === 'reset') {
      this.reset();
      return 'reset';
    }
    this.poweredOff = true;
    this.exitCode = a.kind === 'fail' ? a.code : 0;
    return 'poweroff';
  }

  run(maxInsns: number): RunResult {
    const start = this.cycles();
    const budget = Math.max(0, Math.floor(maxInsns));
    let executed = 0;
    const result = (reason: StopReason): RunResult => ({ executed, reason, cycles: this.cycles() - start });
    for (;;) {
      if (this.poweredOff) return result('poweroff');
      const action = this.takeAction();
      if (action) return result(action);
      this.service();
      if (this.tohostOff >= 0 && this.tohost() !== 0) return result('tohost');
      const now = this.cycles();
      const left = start + budget - now;
      if (this.hart.wfi) {
        const next = this.nextDeadline();
        if (next === Infinity || left <= 0) return result('idle');
        const to = Math.min(next, now + left);
        this.idleCycles += to - now;
        if (to < next) return result('idle');
        continue;
      }
      if (left <= 0) return result('budget');
      let chunk = Math.min(left, this.nextDeadline() - now, this.tohostOff >= 0 ? TOHOST_CHUNK : MAX_CHUNK);
      chunk = Math.max(1, chunk);
      executed += this.hart.run(chunk);
    }
  }

  /** Queue UART input now (stamped with the current instret and cycle). */
  typeInput(text: string | Uint8Array): void {
    const bytes = typeof text === 'string' ? [...new TextEncoder().encode(text)] : [...text];
    if (!bytes.length) return;
    this.log.push({ instret: this.hart.instret, cycle: this.cycles(), bytes });
    this.uart.queueInput(bytes);
  }

  /** Replay: queue input to arrive at a given cycle (at least now). */
  scheduleInput(cycle: number, bytes: number[]): void {
    const at = Math.max(cycle, this.cycles());
    this.log.push({ instret: this.hart.instret, cycle: at, bytes: [...bytes] });
    this.scheduled.push({ cycle: at, bytes: [...bytes] });
    this.scheduled.sort((a, b) => a.cycle - b.cycle);
  }

  /** How many inputs were queued so far (typed or scheduled). */
  inputCount(): number {
    return this.log.length;
  }

  inputLog(): InputLogEntry[] {
    return this.log.map((e) => ({ ...e, bytes: [...e.bytes] }));
  }

  drainSerial(): Uint8Array {
    return Uint8Array.from(this.uart.drainOutput());
  }

  drainTrace(): TraceEvent[] {
    return this.trace.drain();
  }

  setNetPps(pps: number): void {
    this.net.setRate(pps, this.cycles());
  }

  netPps(): number {
    return this.net.rate;
  }

  /** The disk as the guest has left it (null without a disk). */
  diskContents(): Uint8Array | null {
    return this.blk ? this.blk.contents() : null;
  }

  /**
   * Cold reset (as syscon 0x7777): devices reset, the boot images (firmware and DTB, or the
   * bare ELF) are copied into RAM again as QEMU's ROM blobs are, the rest of RAM is kept, and
   * the hart restarts at the reset ROM. The clock keeps counting.
   */
  reset(): void {
    this.uart.reset();
    this.clint.reset();
    this.plic.reset();
    this.syscon.reset();
    this.trace.reset();
    for (const v of this.virtio) v.reset();
    this.pageRole.fill(0);
    // The reloaded pages count as CPU-written so that observers re-examine them.
    const touched = (pa: number, len: number): void => {
      const first = (pa - RAM_BASE) >>> 12;
      const last = (pa - RAM_BASE + Math.max(len, 1) - 1) >>> 12;
      this.pageWriter.fill(WRITER_CPU, first, last + 1);
    };
    if (this.image) {
      loadElf(this.image, this.ram, RAM_BASE);
      for (const seg of this.image.segments) touched(seg.paddr, seg.memsz);
    }
    if (!this.bare) {
      this.ram.set(this.dtb, this.dtbAddr - RAM_BASE);
      touched(this.dtbAddr, this.dtb.length);
    }
    this.poweredOff = false;
    this.exitCode = null;
    this.pendingAction = null;
    this.hart.reset(this.bare && this.image ? this.image.entry : RESET_ROM_BASE);
    this.hart.setPending(MIP_MEIP | MIP_SEIP | MIP_MSIP | MIP_MTIP, false);
    this.plic.resync();
    this.clint.update();
  }

  deviceStates(): DeviceState[] {
    const card = (
      id: string,
      name: string,
      base: number,
      irq: number,
      registers: RegisterView[],
      irqPending: boolean,
    ): DeviceState => ({ id, name, base, irq, registers, irqPending });
    const list: DeviceState[] = [
      card('rom', this.rom.name, RESET_ROM_BASE, 0, this.rom.registers(), false),
      card('syscon', this.syscon.name, SYSCON_BASE, 0, this.syscon.registers(), false),
      card('clint', this.clint.name, CLINT_BASE, 0, this.clint.registers(), this.clint.irqPending),
      card('plic', this.plic.name, PLIC_BASE, 0, this.plic.registers(), this.plic.irqPending),
      card('uart0', this.uart.name, UART0_BASE, UART0_IRQ, this.uart.registers(), this.uart.irqPending),
    ];
    this.virtio.forEach((v, n) => {
      const regs = v.registers();
      if (n === 0 && this.blk) {
        const s = this.blk.summary();
        regs.push(
          { name: 'capacity', value: s.capacity, note: 'sectors of 512 bytes' },
          { name: 'requests', value: s.reads + s.writes, note: `${s.reads} reads, ${s.writes} writes` },
        );
      }
      if (n === 1) regs.push({ name: 'traffic', value: this.net.rate, note: 'packets per simulated second' });
      list.push({
        ...card(v.id, v.name, VIRTIO_BASE + n * VIRTIO_STRIDE, VIRTIO_IRQ_BASE + n, regs, v.irqPending),
        virtio: v.view(),
      });
    });
    list.push(card('trace', this.trace.name, TRACE_BASE, 0, this.trace.registers(), false));
    return list;
  }

  private deviceRecords(): MachineSnapshot['devices'] {
    return {
      uart0: this.uart.snapshot(),
      clint: this.clint.snapshot(),
      plic: this.plic.snapshot(),
      syscon: this.syscon.snapshot(),
      trace: this.trace.snapshot(),
      virtio: this.virtio.map((v) => v.snapshot()),
    };
  }

  snapshot(): MachineSnapshot {
    return {
      version: 1,
      ramSize: this.ramSize,
      cpu: this.hart.snapshot(),
      ram: this.ram.slice(),
      pageRole: this.pageRole.slice(),
      clock: { idleCycles: this.idleCycles },
      board: {
        poweredOff: this.poweredOff,
        exitCode: this.exitCode,
        pendingAction: this.pendingAction ? { ...this.pendingAction } : null,
        scheduled: this.scheduled.map((s) => ({ cycle: s.cycle, bytes: [...s.bytes] })),
        inputLog: this.inputLog(),
      },
      devices: this.deviceRecords(),
    };
  }

  restore(s: MachineSnapshot): void {
    if (s.version !== 1)
      throw new MachineConfigError(`snapshot version ${String(s.version)} is not supported`);
    if (s.ramSize !== this.ramSize) {
      throw new MachineConfigError(
        `snapshot has ${s.ramSize >> 20} MiB of RAM, this machine ${this.ramSize >> 20} MiB`,
      );
    }
    this.ram.set(s.ram);
    this.pageRole.set(s.pageRole);
    this.idleCycles = s.clock.idleCycles;
    this.poweredOff = s.board.poweredOff;
    this.exitCode = s.board.exitCode;
    this.pendingAction = s.board.pendingAction ? { ...s.board.pendingAction } : null;
    this.scheduled = s.board.scheduled.map((e) => ({ cycle: e.cycle, bytes: [...e.bytes] }));
    this.log = s.board.inputLog.map((e) => ({ ...e, bytes: [...e.bytes] }));
    this.hart.restore(s.cpu);
    this.hart.setPending(MIP_MEIP | MIP_SEIP | MIP_MSIP | MIP_MTIP, false);
    this.uart.restore(s.devices.uart0);
    this.syscon.restore(s.devices.syscon);
    this.trace.restore(s.devices.trace);
    s.devices.virtio.forEach((r, n) => this.virtio[n].restore(r));
    this.plic.restore(s.devices.plic);
    this.clint.restore(s.devices.clint);
    this.uart.drainOutput();
  }

  /** Hash over hart state, RAM, the disk and every device record. */
  stateHash(): string {
    const h = new StateHasher();
    h.words(this.hart.stateWords());
    h.number(this.idleCycles);
    h.bytes(this.ram);
    h.bytes(this.pageRole);
    const devs = this.deviceRecords();
    const { virtio, ...rest } = devs;
    h.string(JSON.stringify(rest));
    for (const v of virtio) {
      const { backend, ...transport } = v;
      h.string(JSON.stringify(transport));
      if (backend && typeof backend === 'object' && 'disk' in backend && backend.disk instanceof Uint8Array) {
        const { disk, ...meta } = backend;
        h.bytes(disk);
        h.string(JSON.stringify(meta));
      } else h.string(JSON.stringify(backend));
    }
    h.string(JSON.stringify({ off: this.poweredOff, code: this.exitCode, sched: this.scheduled }));
    return h.hex();
  }
}

/** Cycles per second of the simulated CPU, and the writer code of virtio slot n. */
export const MACHINE_CPU_HZ = CPU_HZ;
export const dmaWriter = (slot: number): number => WRITER_DMA_BASE + slot;
export { TIMEBASE_HZ };
