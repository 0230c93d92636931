// One machine under observation: runs it in slices at the chosen speed, stops at
// breakpoints (phase, event, address), watches for a stuck guest, and assembles the
// Frames the UI pulls. The worker entry wraps this class with comlink; tests drive it
// directly with a fake machine and a manual clock.

import type {
  CpuFrame,
  DeviceStateRecord,
  Frame,
  MachineConfig,
  MachineStatus,
  RunUntilTarget,
  Speed,
  TraceEventRecord,
} from '../protocol/frame';
import { EVENT, PHASE, phaseName, eventName } from '../protocol/api';
import { VIRTIO_BASE, VIRTIO_SLOTS, VIRTIO_STRIDE } from '../machine/memmap';
import { HangDetector } from './hang';
import type { LoadedImages } from './images';
import { Locator } from './locate';
import { interruptsOn, interruptsText, type MachineFactory, type MachineLike } from './machine-like';
import { PageObserver, dmaWarnings, type DmaNote, type FlaggedDma } from './page-observer';
import { Pacer } from './pacer';
import { SATP_MODE_SV32, translateSv32 } from './sv32';

export type Disassembler = (word: number, pc: number) => string;

/**
 * The hang detector's samples fall on every SAMPLE_CYCLES-th cycle of the machine's clock
 * (and where the machine stops to idle): run() calls end there, whatever sizes the wall
 * clock gives the slices, so a hang is declared at the same instruction in every run of a
 * scenario. Chunks cut short by a slice's end are not sampled.
 */
const SAMPLE_CYCLES = 50_000;
/** Cycles per run() call while watching for a phase or an event. */
const UNTIL_CHUNK = 500;
/** The longest the page may ask the worker to give way for (giveWay), ms. */
export const MAX_GIVE_WAY_MS = 100;
/** While running, device records ride on every DEVICE_FRAMES-th frame at most (see frame()). */
export const DEVICE_FRAMES = 3;

export interface SessionDeps {
  createMachine: MachineFactory;
  images: LoadedImages;
  config: MachineConfig;
  generation: number;
  disasm?: Disassembler;
  now?: () => number;
  hangThresholdNs?: number;
}

export class Session {
  readonly machine: MachineLike;
  readonly observer: PageObserver;
  readonly locator: Locator;
  readonly config: MachineConfig;
  readonly generation: number;
  private readonly pacer = new Pacer('realtime');
  private readonly hang: HangDetector;
  private readonly now: () => number;
  private readonly disasm?: Disassembler;
  private status: MachineStatus = { state: 'paused', detail: 'powered on', hang: null };
  private until: RunUntilTarget | { anyPhase: true } | null = null;
  private events: TraceEventRecord[] = [];
  private seq = 0;
  /** Each device's record as last sent (JSON), in board order. */
  private lastDeviceJson: string[] = [];
  private lastDevices: DeviceStateRecord[] = [];
  /** Frame that last carried the device records. */
  private devicesSeq = -DEVICE_FRAMES;
  private slotNames: string[] = [];
  /** The last state hash, for the instret and input count it was computed at. */
  private hashCache = { instret: -1, inputs: -1, hash: '' };
  /** virtio slots whose driver vanished in a kexec and that nobody has reset since */
  private readonly orphaned = new Set<number>();
  /** Each orphaned device's count of DMA writes when its driver went away. */
  private readonly dmaAtOrphaning = new Map<number, number>();
  /** DMA judged between frames (trackDrivers), for the next frame's warnings. */
  private pendingDma: FlaggedDma[] = [];
  /** virtio slots shut down by their driver since the last kernel boot */
  private readonly shutDown = new Set<number>();
  /** Wall-clock time (now()) before which slice() runs nothing: see giveWay. */
  private restUntil = -Infinity;
  /** Current phase code (last PHASE written to the trace port). */
  phase = 0;
  /** The content kinds of the table this session matches against. */
  readonly kinds: NonNullable<Frame['contentKinds']>;

  constructor(deps: SessionDeps) {
    this.config = deps.config;
    this.generation = deps.generation;
    this.now = deps.now ?? (() => performance.now());
    this.disasm = deps.disasm;
    this.hang = new HangDetector(64, deps.hangThresholdNs ?? 100_000_000);
    const { images } = deps;
    this.machine = deps.createMachine({
      ramMiB: deps.config.ramMiB,
      firmware: images.firmware,
      disk: images.disk ?? undefined,
      netPps: deps.config.netPps,
      cmdline: deps.config.cmdline,
    });
    const m = this.machine;
    this.kinds = images.table.kinds;
    this.observer = new PageObserver(m, images.table);
    this.locator = new Locator(images.table, this.observer, images.symbols, m.ramBase, m.pageRole, m.ram);
  }

  get state(): MachineStatus {
    return this.status;
  }

  get speed(): Speed {
    return this.pacer.speed;
  }

  run(): void {
    if (this.status.state === 'poweredOff') return;
    this.status = { state: 'running', detail: '', hang: null };
    this.hang.reset();
    this.pacer.anchor(this.now(), this.machine.simulatedNs());
  }

  pause(detail = 'paused'): void {
    this.until = null;
    if (this.status.state === 'running') this.status = { state: 'paused', detail, hang: null };
  }

  setSpeed(speed: Speed): void {
    this.pacer.speed = speed;
    this.pacer.anchor(this.now(), this.machine.simulatedNs());
  }

  runUntil(target: RunUntilTarget | { anyPhase: true }): void {
    this.run();
    if (this.status.state !== 'running') return;
    this.until = target;
    this.status = { state: 'running', detail: `until ${describeTarget(target)}`, hang: null };
  }

  /**
   * Leave the host's CPU to the page for `ms` of wall-clock time (at most
   * MAX_GIVE_WAY_MS): slice() runs nothing until then. The page asks before a costly
   * step of its own, so that on a host with few cores it does not share one with the
   * emulator. Pacing only: what the machine does, and at which simulated time, is the
   * same with or without it.
   */
  giveWay(ms: number): void {
    const t = Number.isFinite(ms) ? Math.min(MAX_GIVE_WAY_MS, Math.max(0, ms)) : 0;
    this.restUntil = Math.max(this.restUntil, this.now() + t);
  }

  /** Execute n instructions now (the machine stays paused). */
  step(n: number): void {
    this.pause('stepped');
    if (this.status.state === 'poweredOff') return;
    for (let i = 0; i < n; i++) {
      const r = this.machine.run(1);
      this.collectTrace();
      if (r.reason === 'poweroff' || this.machine.poweredOff) {
        this.status = { state: 'poweredOff', detail: 'the guest powered the machine off', hang: null };
        return;
      }
    }
    this.status = { state: 'paused', detail: `stepped ${n} instruction${n === 1 ? '' : 's'}`, hang: null };
  }

  /**
   * Do one slice of work (about 10 ms). Returns how long to wait before the next one
   * (0 = at once), or -1 when nothing runs.
   */
  slice(): number {
    if (this.status.state !== 'running') return -1;
    const m = this.machine;
    const t0 = this.now();
    if (t0 < this.restUntil) return Math.ceil(this.restUntil - t0);
    const { insns, waitMs } = this.pacer.budget(t0, m.simulatedNs());
    if (insns <= 0) return waitMs;
    let left = insns;
    let done = 0;
    while (left > 0) {
      const toSample = SAMPLE_CYCLES - (m.cycles() % SAMPLE_CYCLES);
      const watch = this.until ? ('address' in this.until ? 1 : UNTIL_CHUNK) : toSample;
      const chunk = Math.min(left, toSample, watch);
      const before = { instret: m.instret(), simNs: m.simulatedNs() };
      const r = m.run(chunk);
      left -= Math.max(r.executed, 1);
      done += r.executed;
      if (this.collectTrace()) return -1;
      if (r.reason === 'poweroff' || m.poweredOff) {
        this.status = { state: 'poweredOff', detail: 'the guest powered the machine off', hang: null };
        return -1;
      }
      if (this.until && 'address' in this.until && m.hart.pc >>> 0 === this.until.address >>> 0) {
        this.stopAt(`reached ${describeTarget(this.until)}`);
        return -1;
      }
      const idleForever =
        r.reason === 'idle' && m.instret() === before.instret && m.simulatedNs() === before.simNs;
      const h =
        (r.reason === 'idle' || m.cycles() % SAMPLE_CYCLES === 0) &&
        this.hang.sample(
          {
            pc: m.hart.pc,
            simNs: m.simulatedNs(),
            instret: m.instret(),
            interruptsOn: interruptsOn(m.hart),
            storeFills: m.hart.storeFills,
          },
          idleForever,
        );
      if (h) {
        const where = this.locator.locate(this.pcPhys());
        this.until = null;
        this.status = {
          state: 'hung',
          detail: `stuck in ${where.image}: ${where.symbol}`,
          hang: { ...h, image: where.image, symbol: where.symbol },
        };
        return -1;
      }
      if (r.reason === 'idle') break; // waiting for an event the clock has not reached
      if (this.now() - t0 > 12) break;
    }
    this.pacer.measured(done, this.now() - t0);
    return 0;
  }

  private stopAt(detail: string): void {
    this.until = null;
    this.status = { state: 'paused', detail, hang: null };
  }

  /** Drain trace events; true when a breakpoint stopped the machine. */
  private collectTrace(): boolean {
    const evs = this.machine.drainTrace();
    let stop = false;
    for (const e of evs) {
      this.events.push(e);
      if (e.kind === 'phase') this.phase = e.code;
      this.trackDrivers(e);
      const u = this.until;
      if (!u || stop) continue;
      if (
        ('anyPhase' in u && e.kind === 'phase') ||
        ('phase' in u && e.kind === 'phase' && e.code === u.phase)
      ) {
        this.stopAt(`at phase ${phaseName(e.code)}`);
        stop = true;
      } else if ('event' in u && e.kind === 'event' && e.code === u.event) {
        this.stopAt(`at event ${eventName(e.code)}`);
        stop = true;
      }
    }
    if (this.events.length > 100_000) this.events = this.events.slice(-50_000);
    return stop;
  }

  /** Follow which devices still have a driver: kexec orphans every device not shut down. */
  private trackDrivers(e: TraceEventRecord): void {
    const slot = (e.addr - VIRTIO_BASE) / VIRTIO_STRIDE;
    const isSlot = Number.isInteger(slot) && slot >= 0 && slot < VIRTIO_SLOTS;
    if (e.kind === 'role') this.observer.noteRole(e.addr, e.count, e.code, this.machine.ramBase);
    else if (e.kind === 'phase' && e.code === PHASE.KERNEL_BOOT) this.shutDown.clear();
    else if (e.kind === 'phase' && e.code === PHASE.MACHINE_KEXEC) {
      const devs = this.machine.deviceStates();
      for (let n = 0; n < VIRTIO_SLOTS; n++) {
        if (this.shutDown.has(n)) continue;
        this.orphaned.add(n);
        this.dmaAtOrphaning.set(n, virtioOf(devs, n)?.dmaWrites ?? 0);
      }
    } else if (
      e.kind === 'event' &&
      isSlot &&
      (e.code === EVENT.DEVICE_SHUTDOWN || e.code === EVENT.DEVICE_RESET_AT_PROBE)
    ) {
      if (this.orphaned.has(slot)) this.judgeOrphanDma(slot);
      this.orphaned.delete(slot);
      if (e.code === EVENT.DEVICE_SHUTDOWN) this.shutDown.add(slot);
    }
  }

  /** The PC as a physical address (-1 when the page table does not map it). */
  pcPhys(): number {
    const h = this.machine.hart;
    if (h.priv === 3 || (h.satp & SATP_MODE_SV32) === 0) return h.pc >>> 0;
    return translateSv32(this.machine.ram, this.machine.ramBase, h.satp, h.pc >>> 0);
  }

  cpuFrame(): CpuFrame {
    const m = this.machine;
    const h = m.hart;
    const pcPhys = this.pcPhys();
    const where = this.locator.locate(pcPhys);
    let insn = 0;
    const off = pcPhys - m.ramBase;
    if (pcPhys >= 0 && off >= 0 && off + 4 <= m.ram.length) {
      insn = (m.ram[off] | (m.ram[off + 1] << 8) | (m.ram[off + 2] << 16) | (m.ram[off + 3] << 24)) >>> 0;
    }
    const page = Math.floor(off / 4096);
    const csrs = [
      ['mstatus', h.mstatus],
      ['mie', h.mie],
      ['mip', h.mip()],
      ['mideleg', h.mideleg],
      ['medeleg', h.medeleg],
      ['mtvec', h.mtvec],
      ['mepc', h.mepc],
      ['mcause', h.mcause],
      ['mtval', h.mtval],
      ['stvec', h.stvec],
      ['sepc', h.sepc],
      ['scause', h.scause],
      ['stval', h.stval],
      ['sscratch', h.sscratch],
      ['satp', h.satp],
    ] as const;
    return {
      pc: h.pc >>> 0,
      priv: h.priv,
      regs: Uint32Array.from(h.x),
      csrs: csrs.map(([name, value]) => ({ name, value: value >>> 0 })),
      satpMode: h.satp & SATP_MODE_SV32 ? 'sv32' : 'bare',
      interruptsOn: interruptsOn(h),
      interruptsText: interruptsText(h),
      instret: m.instret(),
      cycles: h.mcycle(),
      insn,
      disasm:
        insn === 0 && pcPhys < m.ramBase
          ? ''
          : this.disasm
            ? this.disasm(insn, h.pc >>> 0)
            : `.word 0x${insn.toString(16).padStart(8, '0')}`,
      image: where.image,
      symbol: where.symbol,
      pcPhys,
      pcRole: page >= 0 && page < this.observer.pageCount ? m.pageRole[page] : -1,
    };
  }

  /** Everything since frame sinceSeq (a full frame when the UI missed one or is new). */
  frame(sinceSeq: number): Frame {
    const m = this.machine;
    const full = sinceSeq !== this.seq || this.seq === 0;
    this.seq++;
    const pages = this.observer.collect(full);
    // While the machine runs, a timer's counter changes the device records in every
    // frame; the UI shows them on a 100 ms beat, so they go out every DEVICE_FRAMES
    // frames at most (a frame count, not a clock: frames stay a function of the pulls).
    // Only the records that changed go out (a null entry: the UI keeps its copy), so
    // a ticking timer does not resend, and the UI does not redraw, the other devices.
    const due = full || this.status.state !== 'running' || this.seq - this.devicesSeq >= DEVICE_FRAMES;
    const devs = due ? m.deviceStates() : this.lastDevices;
    let sent: (DeviceStateRecord | null)[] | null = null;
    let devicesBytes = 0;
    if (due) {
      const json = devs.map((d) => JSON.stringify(d));
      const all = full || json.length !== this.lastDeviceJson.length;
      for (let i = 0; i < devs.length; i++) {
        if (!all && json[i] === this.lastDeviceJson[i]) continue;
        sent ??= new Array<DeviceStateRecord | null>(devs.length).fill(null);
        sent[i] = devs[i];
        devicesBytes += json[i].length;
      }
      this.lastDeviceJson = json;
    }
    const devicesChanged = sent !== null;
    this.lastDevices = devs;
    if (devicesChanged) {
      this.devicesSeq = this.seq;
      this.slotNames = [];
      for (const d of devs) {
        const slot = (d.base - VIRTIO_BASE) / VIRTIO_STRIDE;
        if (d.virtio && Number.isInteger(slot) && slot >= 0) this.slotNames[slot] = d.name;
      }
    }
    const simNs = m.simulatedNs();
    const serial = m.drainSerial();
    const events = this.events;
    this.events = [];
    const cpu = this.cpuFrame();
    let stateHash = '';
    if (this.status.state !== 'running') {
      const inputs = m.inputCount();
      if (this.hashCache.instret !== cpu.instret || this.hashCache.inputs !== inputs)
        this.hashCache = { instret: cpu.instret, inputs, hash: m.stateHash() };
      stateHash = this.hashCache.hash;
    }
    const d = pages.delta;
    const bytes =
      d.index.byteLength +
      d.role.byteLength +
      d.content.byteLength +
      d.writer.byteLength +
      pages.exec.byteLength +
      serial.byteLength +
      cpu.regs.byteLength +
      devicesBytes +
      events.length * 64 +
      600;
    return {
      seq: this.seq,
      generation: this.generation,
      ramBase: m.ramBase,
      pageCount: this.observer.pageCount,
      status: this.status,
      simNs,
      cpu,
      devices: sent,
      pages: d,
      exec: pages.exec,
      contentKinds: full ? this.kinds : null,
      serial,
      events,
      dmaWarnings: dmaWarnings([...this.takePendingDma(), ...this.flagDma(pages.dma)], this.slotNames, simNs),
      orphans: this.liveOrphans(devs),
      config: this.config,
      speed: this.pacer.speed,
      stateHash,
      bytes,
    };
  }

  private liveOrphans(devs: DeviceStateRecord[]): number[] {
    const out: number[] = [];
    for (const slot of this.orphaned) {
      const v = virtioOf(devs, slot);
      if (v && v.status !== 0) out.push(VIRTIO_BASE + slot * VIRTIO_STRIDE);
    }
    return out.sort((a, b) => a - b);
  }

  /**
   * An orphaned device is about to get a driver again (reset at probe, or shut down):
   * what it wrote while its driver was gone is judged now. At maximum speed one frame can
   * cover the whole time, from machine_kexec to the new kernel's probe; by the frame the
   * device has a driver again, and the pages it wrote may have been copied over or
   * handed out again by the new kernel, their DMA marks gone. The device's own count of
   * DMA writes tells whether it wrote at all; the pages still marked, or else the last
   * page it wrote, say where.
   */
  private judgeOrphanDma(slot: number): void {
    const m = this.machine;
    const notes = this.flagDma(this.observer.takeDma());
    this.pendingDma.push(...notes);
    const v = virtioOf(m.deviceStates(), slot);
    const before = this.dmaAtOrphaning.get(slot) ?? 0;
    this.dmaAtOrphaning.delete(slot);
    if (!v || v.dmaWrites <= before || notes.some((d) => d.slot === slot && d.reason === 'orphaned')) return;
    const page = v.lastDmaPage === undefined ? -1 : Math.floor((v.lastDmaPage - m.ramBase) / 4096);
    if (page < 0 || page >= this.observer.pageCount) return;
    this.pendingDma.push({ slot, page, role: m.pageRole[page], reason: 'orphaned' });
  }

  private takePendingDma(): FlaggedDma[] {
    const p = this.pendingDma;
    this.pendingDma = [];
    return p;
  }

  private flagDma(notes: DmaNote[]): FlaggedDma[] {
    const out: FlaggedDma[] = [];
    for (const d of notes) {
      if (this.orphaned.has(d.slot)) out.push({ ...d, reason: 'orphaned' });
      else if (this.observer.foreignDma(d.page, d.role)) out.push({ ...d, reason: 'foreign' });
    }
    return out;
  }

  readPage(index: number): Uint8Array {
    const m = this.machine;
    if (index < 0 || index >= this.observer.pageCount) throw new RangeError(`no page ${index}`);
    return m.ram.slice(index * 4096, index * 4096 + 4096);
  }
}

function describeTarget(t: RunUntilTarget | { anyPhase: true }): string {
  if ('anyPhase' in t) return 'the next phase';
  if ('phase' in t) return `phase ${phaseName(t.phase)}`;
  if ('event' in t) return `event ${eventName(t.event)}`;
  return `address 0x${(t.address >>> 0).toString(16).padStart(8, '0')}`;
}

/** The virtio part of the device record in virtio-mmio slot `slot`, if any. */
function virtioOf(devs: DeviceStateRecord[], slot: number): DeviceStateRecord['virtio'] {
  return devs.find((d) => d.base === VIRTIO_BASE + slot * VIRTIO_STRIDE)?.virtio;
}
