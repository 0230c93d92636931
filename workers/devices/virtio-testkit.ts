// Test helper: a small RAM, a virtio-mmio transport, and a driver that builds split
// virtqueues by hand the way a guest driver would. Used by the virtio unit tests only.

import { LevelLine } from './irq';
import {
  VirtioMmio,
  VIRTIO_CONFIG_S_ACKNOWLEDGE,
  VIRTIO_CONFIG_S_DRIVER,
  VIRTIO_CONFIG_S_DRIVER_OK,
  VIRTIO_CONFIG_S_FEATURES_OK,
  VIRTIO_MMIO_DRIVER_FEATURES,
  VIRTIO_MMIO_DRIVER_FEATURES_SEL,
  VIRTIO_MMIO_QUEUE_DESC_LOW,
  VIRTIO_MMIO_QUEUE_DEVICE_LOW,
  VIRTIO_MMIO_QUEUE_DRIVER_LOW,
  VIRTIO_MMIO_QUEUE_NOTIFY,
  VIRTIO_MMIO_QUEUE_NUM,
  VIRTIO_MMIO_QUEUE_READY,
  VIRTIO_MMIO_QUEUE_SEL,
  VIRTIO_MMIO_STATUS,
  type VirtioBackend,
} from './virtio-mmio';
import { Dma, VIRTQ_DESC_F_NEXT, VIRTQ_DESC_F_WRITE } from './virtqueue';

export const TEST_RAM_BASE = 0x8000_0000;
export const TEST_QSIZE = 8;

export interface Buf {
  addr: number;
  len: number;
  write?: boolean;
}

export class TestDriver<R> {
  readonly ram = new Uint8Array(1 << 20);
  readonly view = new DataView(this.ram.buffer);
  readonly pageWriter = new Uint8Array(256);
  readonly line = new LevelLine();
  readonly dev: VirtioMmio<R>;
  private availIdx: number[] = [];
  private nextDesc: number[] = [];

  constructor(backend: VirtioBackend<R>, slot = 0) {
    this.dev = new VirtioMmio(
      slot,
      new Dma(this.ram, TEST_RAM_BASE, this.pageWriter, slot),
      this.line,
      backend,
    );
  }

  /** Ring addresses of queue q: desc, avail, used, each in its own page. */
  rings(q: number): { desc: number; avail: number; used: number } {
    const base = TEST_RAM_BASE + 0x1000 + q * 0x3000;
    return { desc: base, avail: base + 0x1000, used: base + 0x2000 };
  }

  w32(off: number, v: number): void {
    this.dev.write(off, 4, v);
  }

  /** ACKNOWLEDGE, DRIVER, features (VERSION_1 + `lowFeatures`), queues, DRIVER_OK. */
  init(queues: number, lowFeatures = 0): void {
    this.w32(VIRTIO_MMIO_STATUS, 0);
    this.w32(VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
    this.w32(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
    this.w32(VIRTIO_MMIO_DRIVER_FEATURES, lowFeatures);
    this.w32(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
    this.w32(VIRTIO_MMIO_DRIVER_FEATURES, 1);
    this.w32(
      VIRTIO_MMIO_STATUS,
      VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER | VIRTIO_CONFIG_S_FEATURES_OK,
    );
    for (let q = 0; q < queues; q++) {
      const r = this.rings(q);
      this.ram.fill(0, r.desc - TEST_RAM_BASE, r.desc - TEST_RAM_BASE + 0x3000);
      this.w32(VIRTIO_MMIO_QUEUE_SEL, q);
      this.w32(VIRTIO_MMIO_QUEUE_NUM, TEST_QSIZE);
      this.w32(VIRTIO_MMIO_QUEUE_DESC_LOW, r.desc);
      this.w32(VIRTIO_MMIO_QUEUE_DRIVER_LOW, r.avail);
      this.w32(VIRTIO_MMIO_QUEUE_DEVICE_LOW, r.used);
      this.w32(VIRTIO_MMIO_QUEUE_READY, 1);
      this.availIdx[q] = 0;
      this.nextDesc[q] = 0;
    }
    this.w32(
      VIRTIO_MMIO_STATUS,
      VIRTIO_CONFIG_S_ACKNOWLEDGE |
        VIRTIO_CONFIG_S_DRIVER |
        VIRTIO_CONFIG_S_FEATURES_OK |
        VIRTIO_CONFIG_S_DRIVER_OK,
    );
  }

  /** Write a descriptor chain and publish it in the available ring; returns the head index. */
  post(q: number, bufs: Buf[], notify = true): number {
    const r = this.rings(q);
    const head = this.nextDesc[q];
    bufs.forEach((b, i) => {
      const idx = (head + i) % TEST_QSIZE;
      const d = r.desc - TEST_RAM_BASE + 16 * idx;
      this.view.setUint32(d, b.addr >>> 0, true);
      this.view.setUint32(d + 4, 0, true);
      this.view.setUint32(d + 8, b.len, true);
      const last = i === bufs.length - 1;
      this.view.setUint16(d + 12, (last ? 0 : VIRTQ_DESC_F_NEXT) | (b.write ? VIRTQ_DESC_F_WRITE : 0), true);
      this.view.setUint16(d + 14, last ? 0 : (idx + 1) % TEST_QSIZE, true);
    });
    this.nextDesc[q] = (head + bufs.length) % TEST_QSIZE;
    const a = r.avail - TEST_RAM_BASE;
    this.view.setUint16(a + 4 + 2 * (this.availIdx[q] % TEST_QSIZE), head, true);
    this.availIdx[q] = (this.availIdx[q] + 1) & 0xffff;
    this.view.setUint16(a + 2, this.availIdx[q], true);
    if (notify) this.w32(VIRTIO_MMIO_QUEUE_NOTIFY, q);
    return head;
  }

  usedIdx(q: number): number {
    return this.view.getUint16(this.rings(q).used - TEST_RAM_BASE + 2, true);
  }

  usedElem(q: number, i: number): { id: number; len: number } {
    const u = this.rings(q).used - TEST_RAM_BASE + 4 + 8 * (i % TEST_QSIZE);
    return { id: this.view.getUint32(u, true), len: this.view.getUint32(u + 4, true) };
  }

  bytes(addr: number, len: number): Uint8Array {
    return this.ram.slice(addr - TEST_RAM_BASE, addr - TEST_RAM_BASE + len);
  }
}
