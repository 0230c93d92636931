// virtio-mmio transport, version 2 ("modern", virtio 1.x section 4.2), one per slot at
// 0x1000_1000 + n * 0x1000 with IRQ 1 + n. The device behind it (blk, net) is a
// VirtioBackend; a slot without one reads DeviceID 0, as QEMU's empty slots do.
// A malformed queue or descriptor sets DEVICE_NEEDS_RESET (and a configuration-change
// interrupt) and stops the device until the driver writes 0 to Status; writing 0 to
// Status resets the device and stops all DMA.

import type { MmioDevice, RegisterView, VirtioView, Width } from './device';
import { hex, subword } from './device';
import type { IrqLine } from './irq';
import { Dma, SplitQueue, VirtioFault, type QueueRecord } from './virtqueue';

export const VIRTIO_MMIO_MAGIC_VALUE = 0x000;
export const VIRTIO_MMIO_VERSION = 0x004;
export const VIRTIO_MMIO_DEVICE_ID = 0x008;
export const VIRTIO_MMIO_VENDOR_ID = 0x00c;
export const VIRTIO_MMIO_DEVICE_FEATURES = 0x010;
export const VIRTIO_MMIO_DEVICE_FEATURES_SEL = 0x014;
export const VIRTIO_MMIO_DRIVER_FEATURES = 0x020;
export const VIRTIO_MMIO_DRIVER_FEATURES_SEL = 0x024;
export const VIRTIO_MMIO_QUEUE_SEL = 0x030;
export const VIRTIO_MMIO_QUEUE_NUM_MAX = 0x034;
export const VIRTIO_MMIO_QUEUE_NUM = 0x038;
export const VIRTIO_MMIO_QUEUE_READY = 0x044;
export const VIRTIO_MMIO_QUEUE_NOTIFY = 0x050;
export const VIRTIO_MMIO_INTERRUPT_STATUS = 0x060;
export const VIRTIO_MMIO_INTERRUPT_ACK = 0x064;
export const VIRTIO_MMIO_STATUS = 0x070;
export const VIRTIO_MMIO_QUEUE_DESC_LOW = 0x080;
export const VIRTIO_MMIO_QUEUE_DESC_HIGH = 0x084;
export const VIRTIO_MMIO_QUEUE_DRIVER_LOW = 0x090;
export const VIRTIO_MMIO_QUEUE_DRIVER_HIGH = 0x094;
export const VIRTIO_MMIO_QUEUE_DEVICE_LOW = 0x0a0;
export const VIRTIO_MMIO_QUEUE_DEVICE_HIGH = 0x0a4;
export const VIRTIO_MMIO_CONFIG_GENERATION = 0x0fc;
export const VIRTIO_MMIO_CONFIG = 0x100;

export const VIRT_MAGIC = 0x74726976; // "virt"
export const VIRT_VENDOR = 0x554d4551; // "QEMU"

export const VIRTIO_CONFIG_S_ACKNOWLEDGE = 1;
export const VIRTIO_CONFIG_S_DRIVER = 2;
export const VIRTIO_CONFIG_S_DRIVER_OK = 4;
export const VIRTIO_CONFIG_S_FEATURES_OK = 8;
export const VIRTIO_CONFIG_S_NEEDS_RESET = 0x40;
export const VIRTIO_CONFIG_S_FAILED = 0x80;
const STATUS_NAMES: [number, string][] = [
  [VIRTIO_CONFIG_S_ACKNOWLEDGE, 'ACKNOWLEDGE'],
  [VIRTIO_CONFIG_S_DRIVER, 'DRIVER'],
  [VIRTIO_CONFIG_S_FEATURES_OK, 'FEATURES_OK'],
  [VIRTIO_CONFIG_S_DRIVER_OK, 'DRIVER_OK'],
  [VIRTIO_CONFIG_S_NEEDS_RESET, 'DEVICE_NEEDS_RESET'],
  [VIRTIO_CONFIG_S_FAILED, 'FAILED'],
];

export const VIRTIO_MMIO_INT_VRING = 1;
export const VIRTIO_MMIO_INT_CONFIG = 2;

/** Feature bit 32: the device follows virtio 1.x. Drivers must accept it. */
export const VIRTIO_F_VERSION_1 = 32;

/** What a transport offers to the device behind it. */
export interface VirtioContext {
  readonly dma: Dma;
  queue(i: number): SplitQueue;
  /** Used buffers were added to queue i: interrupt unless the driver suppressed it. */
  usedBuffers(i: number): void;
  /** DRIVER_OK set, not NEEDS_RESET. */
  readonly live: boolean;
}

export interface VirtioBackend<R> {
  readonly deviceId: number;
  readonly name: string;
  /** Offered features as 64-bit [low word, high word]; VIRTIO_F_VERSION_1 is added by the transport. */
  readonly features: [number, number];
  readonly queueSizes: number[];
  /** Device-specific configuration space (read by the driver at VIRTIO_MMIO_CONFIG). */
  config(): Uint8Array;
  notify(ctx: VirtioContext, queue: number): void;
  /** Device reset (Status = 0, or a machine reset). */
  reset(): void;
  snapshot(): R;
  restore(r: R): void;
  /** Extra numbers for the UI card. */
  view(): Partial<VirtioView>;
}

export interface VirtioRecord<R> {
  status: number;
  deviceFeaturesSel: number;
  driverFeaturesSel: number;
  driverFeatures: [number, number];
  queueSel: number;
  interruptStatus: number;
  configGeneration: number;
  failure: string;
  queues: QueueRecord[];
  dma: { bytesRead: number; bytesWritten: number; dmaWrites: number; lastDmaPage: number };
  backend: R | null;
}

export class VirtioMmio<R = unknown> implements MmioDevice, VirtioContext {
  readonly id: string;
  readonly name: string;
  private status = 0;
  private deviceFeaturesSel = 0;
  private driverFeaturesSel = 0;
  private driverFeatures: [number, number] = [0, 0];
  private queueSel = 0;
  private interruptStatus = 0;
  private configGeneration = 0;
  /** Why the device last entered DEVICE_NEEDS_RESET (for the UI and tests). */
  failure = '';
  private readonly queues: SplitQueue[];

  constructor(
    readonly slot: number,
    readonly dma: Dma,
    private readonly line: IrqLine,
    readonly backend: VirtioBackend<R> | null,
  ) {
    this.id = `virtio${slot}`;
    this.name = backend ? backend.name : 'virtio-mmio (empty)';
    this.queues = (backend?.queueSizes ?? []).map((n, i) => new SplitQueue(i, n));
  }

  get deviceId(): number {
    return this.backend ? this.backend.deviceId : 0;
  }

  get live(): boolean {
    return (
      (this.status & (VIRTIO_CONFIG_S_DRIVER_OK | VIRTIO_CONFIG_S_NEEDS_RESET)) === VIRTIO_CONFIG_S_DRIVER_OK
    );
  }

  get irqPending(): boolean {
    return this.interruptStatus !== 0;
  }

  queue(i: number): SplitQueue {
    return this.queues[i];
  }

  private deviceFeatures(sel: number): number {
    if (!this.backend) return 0;
    const f = this.backend.features[sel] ?? 0;
    return sel === 1 ? (f | (1 << (VIRTIO_F_VERSION_1 - 32))) >>> 0 : sel === 0 ? f >>> 0 : 0;
  }

  private updateIrq(): void {
    this.line.set(this.interruptStatus !== 0);
  }

  usedBuffers(i: number): void {
    if (this.queues[i].wantsInterrupt(this.dma)) {
      this.interruptStatus |= VIRTIO_MMIO_INT_VRING;
      this.updateIrq();
    }
  }

  /** A malformed request: the device stops until the driver resets it. */
  private fail(reason: string): void {
    this.failure = reason;
    this.status |= VIRTIO_CONFIG_S_NEEDS_RESET;
    this.interruptStatus |= VIRTIO_MMIO_INT_CONFIG;
    this.updateIrq();
  }

  /** Run `fn` for the backend; a VirtioFault sets DEVICE_NEEDS_RESET instead of escaping. */
  guard(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof VirtioFault || e instanceof RangeError) this.fail(e.message);
      else throw e;
    }
  }

  /** Device reset: Status = 0, queues forgotten, no more DMA. */
  reset(): void {
    this.status = 0;
    this.deviceFeaturesSel = 0;
    this.driverFeaturesSel = 0;
    this.driverFeatures = [0, 0];
    this.queueSel = 0;
    this.interruptStatus = 0;
    this.failure = '';
    for (const q of this.queues) q.reset();
    this.backend?.reset();
    this.updateIrq();
  }

  private writeStatus(v: number): void {
    if (v === 0) {
      this.reset();
      return;
    }
    let next = (v & 0xff) | (this.status & VIRTIO_CONFIG_S_NEEDS_RESET);
    if (next & VIRTIO_CONFIG_S_FEATURES_OK && !(this.status & VIRTIO_CONFIG_S_FEATURES_OK)) {
      const [lo, hi] = this.driverFeatures;
      const ok =
        hi & (1 << (VIRTIO_F_VERSION_1 - 32)) &&
        (lo & ~this.deviceFeatures(0)) === 0 &&
        (hi & ~this.deviceFeatures(1)) === 0;
      if (!ok) next &= ~VIRTIO_CONFIG_S_FEATURES_OK; // the driver reads it back and gives up
    }
    const wasLive = this.live;
    this.status = next;
    if (!wasLive && this.live) {
      // Buffers made available before DRIVER_OK were not consumed (spec 3.1.1): serve them now.
      this.queues.forEach((q, i) => {
        if (q.ready) this.guard(() => q.pendingChains(this.dma) > 0 && this.backend?.notify(this, i));
      });
    }
  }

  read(offset: number, width: Width): number {
    if (offset >= VIRTIO_MMIO_CONFIG) {
      if (!this.backend) return 0;
      const cfg = this.backend.config();
      const o = offset - VIRTIO_MMIO_CONFIG;
      let v = 0;
      for (let i = width - 1; i >= 0; i--) v = (v << 8) | (cfg[o + i] ?? 0);
      return v >>> 0;
    }
    const q = this.queues[this.queueSel];
    let word: number;
    switch (offset & ~3) {
      case VIRTIO_MMIO_MAGIC_VALUE:
        word = VIRT_MAGIC;
        break;
      case VIRTIO_MMIO_VERSION:
        word = 2;
        break;
      case VIRTIO_MMIO_DEVICE_ID:
        word = this.deviceId;
        break;
      case VIRTIO_MMIO_VENDOR_ID:
        word = VIRT_VENDOR;
        break;
      case VIRTIO_MMIO_DEVICE_FEATURES:
        word = this.deviceFeatures(this.deviceFeaturesSel);
        break;
      case VIRTIO_MMIO_QUEUE_NUM_MAX:
        word = q ? q.numMax : 0;
        break;
      case VIRTIO_MMIO_QUEUE_READY:
        word = q?.ready ? 1 : 0;
        break;
      case VIRTIO_MMIO_INTERRUPT_STATUS:
        word = this.interruptStatus;
        break;
      case VIRTIO_MMIO_STATUS:
        word = this.status;
        break;
      case VIRTIO_MMIO_CONFIG_GENERATION:
        word = this.configGeneration;
        break;
      default:
        word = 0; // write-only or reserved registers read as 0, as in QEMU
    }
    return subword(word >>> 0, offset, width);
  }

  write(offset: number, width: Width, value: number): boolean {
    if (!this.backend) return true; // empty slot: writes are ignored
    if (offset >= VIRTIO_MMIO_CONFIG) return true; // config space is read-only for blk and net
    if (width !== 4 || offset & 3) return true;
    const v = value >>> 0;
    const q = this.queues[this.queueSel];
    switch (offset) {
      case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
        this.deviceFeaturesSel = v;
        break;
      case VIRTIO_MMIO_DRIVER_FEATURES:
        if (this.driverFeaturesSel < 2) this.driverFeatures[this.driverFeaturesSel] = v;
        break;
      case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
        this.driverFeaturesSel = v;
        break;
      case VIRTIO_MMIO_QUEUE_SEL:
        this.queueSel = v;
        break;
      case VIRTIO_MMIO_QUEUE_NUM:
        if (q && !q.ready) q.num = v;
        break;
      case VIRTIO_MMIO_QUEUE_READY:
        if (!q) break;
        if (v & 1) {
          q.ready = true;
          q.lastAvail = 0;
          q.usedIdx = 0;
          this.guard(() => q.validate(this.dma));
          if (this.status & VIRTIO_CONFIG_S_NEEDS_RESET) q.ready = false;
        } else q.ready = false;
        break;
      case VIRTIO_MMIO_QUEUE_NOTIFY:
        if (v < this.queues.length && this.live && this.queues[v].ready) {
          this.guard(() => this.backend?.notify(this, v));
        }
        break;
      case VIRTIO_MMIO_INTERRUPT_ACK:
        this.interruptStatus &= ~v;
        this.updateIrq();
        break;
      case VIRTIO_MMIO_STATUS:
        this.writeStatus(v);
        break;
      case VIRTIO_MMIO_QUEUE_DESC_LOW:
        if (q && !q.ready) q.descLo = v;
        break;
      case VIRTIO_MMIO_QUEUE_DESC_HIGH:
        if (q && !q.ready) q.descHi = v;
        break;
      case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
        if (q && !q.ready) q.driverLo = v;
        break;
      case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
        if (q && !q.ready) q.driverHi = v;
        break;
      case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
        if (q && !q.ready) q.deviceLo = v;
        break;
      case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
        if (q && !q.ready) q.deviceHi = v;
        break;
      default:
        break; // read-only or reserved: ignored
    }
    return true;
  }

  snapshot(): VirtioRecord<R> {
    return {
      status: this.status,
      deviceFeaturesSel: this.deviceFeaturesSel,
      driverFeaturesSel: this.driverFeaturesSel,
      driverFeatures: [...this.driverFeatures],
      queueSel: this.queueSel,
      interruptStatus: this.interruptStatus,
      configGeneration: this.configGeneration,
      failure: this.failure,
      queues: this.queues.map((q) => q.snapshot()),
      dma: {
        bytesRead: this.dma.bytesRead,
        bytesWritten: this.dma.bytesWritten,
        dmaWrites: this.dma.dmaWrites,
        lastDmaPage: this.dma.lastDmaPage,
      },
      backend: this.backend ? this.backend.snapshot() : null,
    };
  }

  restore(r: VirtioRecord<R>): void {
    this.status = r.status;
    this.deviceFeaturesSel = r.deviceFeaturesSel;
    this.driverFeaturesSel = r.driverFeaturesSel;
    this.driverFeatures = [...r.driverFeatures];
    this.queueSel = r.queueSel;
    this.interruptStatus = r.interruptStatus;
    this.configGeneration = r.configGeneration;
    this.failure = r.failure;
    r.queues.forEach((qr, i) => this.queues[i]?.restore(qr));
    Object.assign(this.dma, r.dma);
    if (this.backend && r.backend !== null) this.backend.restore(r.backend);
    this.updateIrq();
  }

  registers(): RegisterView[] {
    const regs: RegisterView[] = [
      { name: 'MagicValue', value: VIRT_MAGIC, note: '"virt"' },
      { name: 'Version', value: 2 },
      { name: 'DeviceID', value: this.deviceId, note: this.backend ? this.backend.name : 'no device' },
      { name: 'VendorID', value: VIRT_VENDOR },
    ];
    if (!this.backend) return regs;
    regs.push(
      { name: 'DeviceFeatures', value: this.deviceFeatures(0), note: `hi ${hex(this.deviceFeatures(1))}` },
      { name: 'DriverFeatures', value: this.driverFeatures[0], note: `hi ${hex(this.driverFeatures[1])}` },
      { name: 'QueueSel', value: this.queueSel },
      { name: 'InterruptStatus', value: this.interruptStatus },
      { name: 'Status', value: this.status, note: this.statusBits().join(' ') || 'reset' },
    );
    if (this.failure) regs.push({ name: 'NEEDS_RESET reason', value: 0, note: this.failure });
    return regs;
  }

  statusBits(): string[] {
    return STATUS_NAMES.filter(([bit]) => this.status & bit).map(([, name]) => name);
  }

  view(): VirtioView {
    return {
      deviceId: this.deviceId,
      status: this.status,
      statusBits: this.statusBits(),
      queues: this.queues.map((q) => ({
        index: q.index,
        ready: q.ready,
        size: q.num,
        desc: q.descLo,
        driver: q.driverLo,
        device: q.deviceLo,
        inFlight: q.inFlight(this.dma),
      })),
      bytesRead: this.dma.bytesRead,
      bytesWritten: this.dma.bytesWritten,
      dmaWrites: this.dma.dmaWrites,
      lastDmaPage: this.dma.lastDmaPage >= 0 ? this.dma.lastDmaPage : undefined,
      ...(this.backend ? this.backend.view() : {}),
    };
  }
}
