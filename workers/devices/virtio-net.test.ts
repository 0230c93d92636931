import { describe, expect, it } from 'vitest';
import { generatorFrame, NET_MAC, VirtioNet, VIRTIO_NET_HDR_SIZE } from './virtio-net';
import { VIRTIO_MMIO_CONFIG, VIRTIO_MMIO_DEVICE_ID, VIRTIO_MMIO_STATUS } from './virtio-mmio';
import { TEST_RAM_BASE, TestDriver } from './virtio-testkit';
import { WRITER_DMA_BASE } from '../cpu/bus';

const HZ = 100_000_000;
const RXBUF = (i: number): number => TEST_RAM_BASE + 0x20000 + i * 0x1000;

function setup(): { net: VirtioNet; t: TestDriver<unknown> } {
  const net = new VirtioNet(HZ);
  const t = new TestDriver(net, 1);
  return { net, t };
}

describe('virtio-net', () => {
  it('is device 1 with its MAC in config space', () => {
    const { t } = setup();
    expect(t.dev.read(VIRTIO_MMIO_DEVICE_ID, 4)).toBe(1);
    const mac = [0, 1, 2, 3, 4, 5].map((i) => t.dev.read(VIRTIO_MMIO_CONFIG + i, 1));
    expect(mac).toEqual(NET_MAC);
  });

  it('the generator builds a valid UDP/IPv4 broadcast frame carrying the sequence number', () => {
    const f = generatorFrame(7);
    const v = new DataView(f.buffer);
    expect(f.length).toBeGreaterThanOrEqual(60);
    expect(v.getUint16(12)).toBe(0x0800);
    let sum = 0;
    for (let i = 0; i < 20; i += 2) sum += v.getUint16(14 + i);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    expect(sum).toBe(0xffff); // header checksum verifies
    expect(new TextDecoder().decode(f.subarray(42, 66))).toBe('kexec-lab seq 0000000007');
    expect(generatorFrame(7)).toEqual(f);
  });

  it('delivers packets at netPps in simulated time into posted RX buffers, drops without buffers', () => {
    const { net, t } = setup();
    t.init(2, 1 << 5);
    for (let i = 0; i < 2; i++) t.post(0, [{ addr: RXBUF(i), len: 1526, write: true }]);
    net.setRate(1000, 0); // one packet every 100,000 cycles
    expect(net.nextDeadline()).toBe(100_000);
    net.tick(t.dev, 99_999);
    expect(t.usedIdx(0)).toBe(0);
    net.tick(t.dev, 250_000); // packets 0 and 1 are due
    expect(t.usedIdx(0)).toBe(2);
    expect(t.usedElem(0, 0).len).toBe(VIRTIO_NET_HDR_SIZE + generatorFrame(0).length);
    expect(t.bytes(RXBUF(1) + VIRTIO_NET_HDR_SIZE, generatorFrame(1).length)).toEqual(generatorFrame(1));
    expect(t.bytes(RXBUF(0) + 10, 2)).toEqual(Uint8Array.of(1, 0)); // num_buffers
    expect(t.pageWriter[(RXBUF(0) - TEST_RAM_BASE) >> 12]).toBe(WRITER_DMA_BASE + 1);
    expect(t.line.level).toBe(true);
    net.tick(t.dev, 500_000); // packets 2..4 find no buffer
    expect(t.dev.view()).toMatchObject({ packetsDelivered: 2, packetsDropped: 3 });
    t.post(0, [{ addr: RXBUF(2), len: 1526, write: true }]);
    net.tick(t.dev, 600_000);
    expect(t.bytes(RXBUF(2) + VIRTIO_NET_HDR_SIZE, generatorFrame(5).length)).toEqual(generatorFrame(5));
  });

  it('a rate change takes effect from now; rate 0 stops the traffic', () => {
    const { net } = setup();
    net.setRate(10, 5_000_000);
    expect(net.nextDeadline()).toBe(15_000_000);
    net.setRate(0, 6_000_000);
    expect(net.nextDeadline()).toBe(Infinity);
    net.setRate(NaN, 6_000_000);
    expect(net.nextDeadline()).toBe(Infinity);
    net.setRate(-5, 6_000_000);
    expect(net.rate).toBe(0);
  });

  it('keeps a too-small RX buffer and drops the frame', () => {
    const { net, t } = setup();
    t.init(2, 1 << 5);
    t.post(0, [{ addr: RXBUF(0), len: 40, write: true }]);
    net.setRate(HZ, 0);
    net.tick(t.dev, 1);
    expect(t.usedIdx(0)).toBe(0);
    expect(t.dev.view().queues[0].inFlight).toBe(1);
    expect(t.dev.view().packetsDropped).toBe(1);
  });

  it('counts transmitted frames and returns TX buffers', () => {
    const { t } = setup();
    t.init(2, 1 << 5);
    t.post(1, [
      { addr: RXBUF(0), len: VIRTIO_NET_HDR_SIZE },
      { addr: RXBUF(1), len: 60 },
    ]);
    t.post(1, [{ addr: RXBUF(2), len: VIRTIO_NET_HDR_SIZE + 100 }]);
    expect(t.usedIdx(1)).toBe(2);
    expect(t.dev.view()).toMatchObject({ packetsTransmitted: 2, bytesRead: 2 * VIRTIO_NET_HDR_SIZE + 160 });
  });

  it('device reset (Status = 0) stops all DMA: posted buffers are forgotten', () => {
    const { net, t } = setup();
    t.init(2, 1 << 5);
    t.post(0, [{ addr: RXBUF(0), len: 1526, write: true }]);
    t.dev.write(VIRTIO_MMIO_STATUS, 4, 0);
    net.setRate(1000, 0);
    const before = t.ram.slice();
    net.tick(t.dev, 1_000_000);
    expect(Buffer.compare(t.ram, before)).toBe(0);
    expect(t.pageWriter.includes(WRITER_DMA_BASE + 1)).toBe(false);
    expect(t.dev.view()).toMatchObject({ packetsDelivered: 0, packetsDropped: 10 });
    expect(t.dev.view().queues[0].ready).toBe(false);
  });

  it('snapshot/restore keeps the generator phase', () => {
    const { net } = setup();
    net.setRate(3, 17);
    const other = new VirtioNet(HZ);
    other.restore(structuredClone(net.snapshot()));
    expect(other.nextDeadline()).toBe(net.nextDeadline());
  });
});
