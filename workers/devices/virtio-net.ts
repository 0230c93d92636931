// virtio-net (device ID 1, virtio 1.x section 5.1) on virtio-mmio slot 1. Queue 0 receives,
// queue 1 transmits; every buffer starts with the 12-byte virtio_net_hdr of virtio 1.x.
// The "network" is a traffic generator: netPps deterministic Ethernet frames per simulated
// second (UDP/IPv4 broadcasts 10.0.2.2:5000 -> 255.255.255.255:5000 carrying a sequence
// number), delivered into the next RX buffer when the driver has posted one, else counted
// as dropped. Transmitted frames are counted and discarded.

import type { VirtioView } from './device';
import { scatter } from './virtqueue';
import type { VirtioBackend, VirtioContext } from './virtio-mmio';

export const VIRTIO_ID_NET = 1;
export const VIRTIO_NET_F_MAC = 5;
export const VIRTIO_NET_HDR_SIZE = 12;
export const NET_RX_QUEUE = 0;
export const NET_TX_QUEUE = 1;
const QUEUE_SIZE = 256;
export const NET_MAC = [0x52, 0x54, 0x00, 0x12, 0x34, 0x56];
const GENERATOR_MAC = [0x52, 0x54, 0x00, 0x12, 0x34, 0x01];
export const GENERATOR_UDP_PORT = 5000;

export interface NetRecord {
  pps: number;
  epoch: number;
  sent: number;
  seq: number;
  delivered: number;
  dropped: number;
  transmitted: number;
  txBytes: number;
}

/** The Ethernet frame the generator sends with sequence number `seq`. */
export function generatorFrame(seq: number): Uint8Array {
  const payload = new TextEncoder().encode(`kexec-lab seq ${String(seq).padStart(10, '0')}\n`);
  const udpLen = 8 + payload.length;
  const ipLen = 20 + udpLen;
  const f = new Uint8Array(Math.max(60, 14 + ipLen));
  const v = new DataView(f.buffer);
  f.fill(0xff, 0, 6); // broadcast
  f.set(GENERATOR_MAC, 6);
  v.setUint16(12, 0x0800); // IPv4
  const ip = 14;
  f[ip] = 0x45; // version 4, 5-word header
  v.setUint16(ip + 2, ipLen);
  v.setUint16(ip + 4, seq & 0xffff); // identification
  f[ip + 8] = 64; // TTL
  f[ip + 9] = 17; // UDP
  f.set([10, 0, 2, 2], ip + 12);
  f.set([255, 255, 255, 255], ip + 16);
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += v.getUint16(ip + i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  v.setUint16(ip + 10, ~sum & 0xffff);
  const udp = ip + 20;
  v.setUint16(udp, GENERATOR_UDP_PORT);
  v.setUint16(udp + 2, GENERATOR_UDP_PORT);
  v.setUint16(udp + 4, udpLen); // checksum 0: none, allowed for IPv4
  f.set(payload, udp + 8);
  return f;
}

export class VirtioNet implements VirtioBackend<NetRecord> {
  readonly deviceId = VIRTIO_ID_NET;
  readonly name = 'virtio-net';
  readonly features: [number, number] = [1 << VIRTIO_NET_F_MAC, 0];
  readonly queueSizes = [QUEUE_SIZE, QUEUE_SIZE];
  private readonly cfg = new Uint8Array(12);
  private pps = 0;
  /** Cycle at which the current rate took effect, and packets generated since then. */
  private epoch = 0;
  private sent = 0;
  private seq = 0;
  private delivered = 0;
  private dropped = 0;
  private transmitted = 0;
  private txBytes = 0;

  /** @param cpuHz simulated cycles per second */
  constructor(private readonly cpuHz: number) {
    this.cfg.set(NET_MAC, 0);
  }

  config(): Uint8Array {
    return this.cfg;
  }

  reset(): void {
    // Device reset forgets buffers (the transport clears the queues); the wire keeps going.
  }

  /** Change the packet rate; takes effect from cycle `now`. */
  setRate(pps: number, now: number): void {
    this.pps = Number.isFinite(pps) ? Math.max(0, Math.floor(pps)) : 0;
    this.epoch = now;
    this.sent = 0;
  }

  get rate(): number {
    return this.pps;
  }

  /** Cycle at which the next packet arrives, or Infinity. */
  nextDeadline(): number {
    if (this.pps <= 0) return Infinity;
    return this.epoch + Math.ceil(((this.sent + 1) * this.cpuHz) / this.pps);
  }

  /** Deliver every packet due by cycle `now`. */
  tick(ctx: VirtioContext & { guard(fn: () => void): void }, now: number): void {
    let any = false;
    while (this.nextDeadline() <= now) {
      this.sent++;
      const frame = generatorFrame(this.seq++);
      let ok = false;
      if (ctx.live && ctx.queue(NET_RX_QUEUE).ready) {
        ctx.guard(() => {
          ok = this.receive(ctx, frame);
        });
      }
      if (ok) {
        this.delivered++;
        any = true;
      } else this.dropped++;
    }
    if (any) ctx.guard(() => ctx.usedBuffers(NET_RX_QUEUE));
  }

  private receive(ctx: VirtioContext, frame: Uint8Array): boolean {
    const q = ctx.queue(NET_RX_QUEUE);
    const chain = q.pop(ctx.dma);
    if (!chain) return false;
    const total = VIRTIO_NET_HDR_SIZE + frame.length;
    if (chain.writableBytes < total) {
      q.unpop(); // too small for this frame: keep it, drop the frame
      return false;
    }
    const buf = new Uint8Array(total);
    buf[10] = 1; // num_buffers = 1 (little endian u16 at offset 10)
    buf.set(frame, VIRTIO_NET_HDR_SIZE);
    scatter(ctx.dma, chain.writable, 0, buf);
    q.push(ctx.dma, chain.head, total);
    return true;
  }

  notify(ctx: VirtioContext, queue: number): void {
    if (queue !== NET_TX_QUEUE) return; // new RX buffers wait for the next packet
    const q = ctx.queue(queue);
    let done = 0;
    for (let chain = q.pop(ctx.dma); chain; chain = q.pop(ctx.dma)) {
      ctx.dma.bytesRead += chain.readableBytes;
      if (chain.readableBytes > VIRTIO_NET_HDR_SIZE) {
        this.transmitted++;
        this.txBytes += chain.readableBytes - VIRTIO_NET_HDR_SIZE;
      }
      q.push(ctx.dma, chain.head, 0);
      done++;
    }
    if (done) ctx.usedBuffers(queue);
  }

  snapshot(): NetRecord {
    return {
      pps: this.pps,
      epoch: this.epoch,
      sent: this.sent,
      seq: this.seq,
      delivered: this.delivered,
      dropped: this.dropped,
      transmitted: this.transmitted,
      txBytes: this.txBytes,
    };
  }

  restore(r: NetRecord): void {
    Object.assign(this, r);
  }

  view(): Partial<VirtioView> {
    return {
      packetsDelivered: this.delivered,
      packetsDropped: this.dropped,
      packetsTransmitted: this.transmitted,
    };
  }
}
