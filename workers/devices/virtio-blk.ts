// virtio-blk (device ID 2, virtio 1.x section 5.2) on virtio-mmio slot 0, backed by a disk
// image held in memory: writes change the machine's copy only. One request queue.
// A request is a chain: a 16-byte header (type, reserved, sector) the device reads, data
// buffers, and a final status byte the device writes. Requests complete at once.

import type { VirtioView } from './device';
import { gather, scatter, type Chain } from './virtqueue';
import type { VirtioBackend, VirtioContext } from './virtio-mmio';
import { VirtioFault } from './virtqueue';

export const VIRTIO_ID_BLOCK = 2;
export const VIRTIO_BLK_F_FLUSH = 9;
export const VIRTIO_BLK_T_IN = 0;
export const VIRTIO_BLK_T_OUT = 1;
export const VIRTIO_BLK_T_FLUSH = 4;
export const VIRTIO_BLK_T_GET_ID = 8;
export const VIRTIO_BLK_S_OK = 0;
export const VIRTIO_BLK_S_IOERR = 1;
export const VIRTIO_BLK_S_UNSUPP = 2;
export const SECTOR_SIZE = 512;
export const VIRTIO_BLK_ID_BYTES = 20;
const QUEUE_SIZE = 256;
const HEADER_SIZE = 16;
export const BLK_SERIAL = 'kexec-lab-disk0';

export interface BlkRecord {
  /** The disk contents (copied). */
  disk: Uint8Array;
  reads: number;
  writes: number;
  lastSector: number;
}

export class VirtioBlk implements VirtioBackend<BlkRecord> {
  readonly deviceId = VIRTIO_ID_BLOCK;
  readonly name = 'virtio-blk';
  readonly features: [number, number] = [1 << VIRTIO_BLK_F_FLUSH, 0];
  readonly queueSizes = [QUEUE_SIZE];
  private disk: Uint8Array;
  private readonly cfg = new Uint8Array(0x3c);
  private reads = 0;
  private writes = 0;
  private lastSector = -1;

  /** @param image the disk image (copied, padded to whole sectors) */
  constructor(image: Uint8Array) {
    const sectors = Math.ceil(image.length / SECTOR_SIZE);
    this.disk = new Uint8Array(sectors * SECTOR_SIZE);
    this.disk.set(image);
    this.fillConfig();
  }

  get capacity(): number {
    return this.disk.length / SECTOR_SIZE;
  }

  /** The current disk contents (live; for tests and export). */
  contents(): Uint8Array {
    return this.disk;
  }

  private fillConfig(): void {
    const v = new DataView(this.cfg.buffer);
    v.setUint32(0, this.capacity % 0x1_0000_0000, true); // capacity, in 512-byte sectors
    v.setUint32(4, Math.floor(this.capacity / 0x1_0000_0000), true);
  }

  config(): Uint8Array {
    return this.cfg;
  }

  reset(): void {
    // Nothing in flight: requests complete during the notify that submitted them.
  }

  notify(ctx: VirtioContext, queue: number): void {
    const q = ctx.queue(queue);
    let done = 0;
    for (let chain = q.pop(ctx.dma); chain; chain = q.pop(ctx.dma)) {
      const written = this.request(ctx, chain);
      q.push(ctx.dma, chain.head, written);
      done++;
    }
    if (done) ctx.usedBuffers(queue);
  }

  /** Serve one request; returns the number of bytes written into the chain. */
  private request(ctx: VirtioContext, chain: Chain): number {
    if (chain.readableBytes < HEADER_SIZE)
      throw new VirtioFault('virtio-blk: request header shorter than 16 bytes');
    if (chain.writableBytes < 1) throw new VirtioFault('virtio-blk: request has no status byte');
    const hdr = new DataView(gather(ctx.dma, chain.readable, 0, HEADER_SIZE).slice().buffer);
    const type = hdr.getUint32(0, true);
    const sector = hdr.getUint32(8, true) + hdr.getUint32(12, true) * 0x1_0000_0000;
    const inLen = chain.writableBytes - 1; // data the device may write (before the status byte)
    const outLen = chain.readableBytes - HEADER_SIZE; // data the driver supplied
    let status = VIRTIO_BLK_S_OK;
    let written = 0;
    switch (type) {
      case VIRTIO_BLK_T_IN: {
        const start = sector * SECTOR_SIZE;
        if (inLen % SECTOR_SIZE || start + inLen > this.disk.length) {
          status = VIRTIO_BLK_S_IOERR;
          break;
        }
        written = scatter(ctx.dma, chain.writable, 0, this.disk.subarray(start, start + inLen));
        this.reads++;
        this.lastSector = sector;
        break;
      }
      case VIRTIO_BLK_T_OUT: {
        const start = sector * SECTOR_SIZE;
        if (outLen % SECTOR_SIZE || start + outLen > this.disk.length) {
          status = VIRTIO_BLK_S_IOERR;
          break;
        }
        this.disk.set(gather(ctx.dma, chain.readable, HEADER_SIZE, outLen), start);
        this.writes++;
        this.lastSector = sector;
        break;
      }
      case VIRTIO_BLK_T_FLUSH:
        break;
      case VIRTIO_BLK_T_GET_ID: {
        const id = new Uint8Array(VIRTIO_BLK_ID_BYTES);
        for (let i = 0; i < BLK_SERIAL.length; i++) id[i] = BLK_SERIAL.charCodeAt(i);
        written = scatter(ctx.dma, chain.writable, 0, id.subarray(0, Math.min(inLen, VIRTIO_BLK_ID_BYTES)));
        break;
      }
      default:
        status = VIRTIO_BLK_S_UNSUPP;
    }
    // The status byte is the last writable byte of the chain.
    scatter(ctx.dma, chain.writable, chain.writableBytes - 1, Uint8Array.of(status));
    return written + 1;
  }

  snapshot(): BlkRecord {
    return { disk: this.disk.slice(), reads: this.reads, writes: this.writes, lastSector: this.lastSector };
  }

  restore(r: BlkRecord): void {
    this.disk = r.disk.slice();
    this.reads = r.reads;
    this.writes = r.writes;
    this.lastSector = r.lastSector;
    this.fillConfig();
  }

  view(): Partial<VirtioView> {
    return {};
  }

  /** Extra facts for the device card. */
  summary(): { capacity: number; reads: number; writes: number; lastSector: number } {
    return { capacity: this.capacity, reads: this.reads, writes: this.writes, lastSector: this.lastSector };
  }
}
