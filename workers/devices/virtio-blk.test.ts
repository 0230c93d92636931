import { describe, expect, it } from 'vitest';
import {
  VIRTIO_BLK_S_IOERR,
  VIRTIO_BLK_S_OK,
  VIRTIO_BLK_S_UNSUPP,
  VIRTIO_BLK_T_GET_ID,
  VIRTIO_BLK_T_IN,
  VIRTIO_BLK_T_OUT,
  VirtioBlk,
} from './virtio-blk';
import {
  VIRTIO_CONFIG_S_FEATURES_OK,
  VIRTIO_CONFIG_S_NEEDS_RESET,
  VIRTIO_MMIO_CONFIG,
  VIRTIO_MMIO_DEVICE_FEATURES,
  VIRTIO_MMIO_DEVICE_FEATURES_SEL,
  VIRTIO_MMIO_DEVICE_ID,
  VIRTIO_MMIO_INTERRUPT_ACK,
  VIRTIO_MMIO_INTERRUPT_STATUS,
  VIRTIO_MMIO_MAGIC_VALUE,
  VIRTIO_MMIO_QUEUE_NUM_MAX,
  VIRTIO_MMIO_STATUS,
  VIRTIO_MMIO_VENDOR_ID,
  VIRTIO_MMIO_VERSION,
  VirtioMmio,
} from './virtio-mmio';
import { Dma } from './virtqueue';
import { LevelLine } from './irq';
import { TEST_RAM_BASE, TestDriver } from './virtio-testkit';
import { WRITER_DMA_BASE } from '../cpu/bus';

const HDR = TEST_RAM_BASE + 0x10000;
const DATA = TEST_RAM_BASE + 0x11000;
const STATUS = TEST_RAM_BASE + 0x12000;

function disk(): Uint8Array {
  const d = new Uint8Array(8 * 512 + 100); // not a whole number of sectors: padded to 9
  for (let i = 0; i < d.length; i++) d[i] = (i * 7 + (i >> 9)) & 0xff;
  return d;
}

function request(t: TestDriver<unknown>, type: number, sector: number, len: number, write = true): number {
  t.view.setUint32(HDR - TEST_RAM_BASE, type, true);
  t.view.setUint32(HDR - TEST_RAM_BASE + 8, sector, true);
  t.ram[STATUS - TEST_RAM_BASE] = 0xff;
  const bufs = [{ addr: HDR, len: 16 }];
  if (len) bufs.push({ addr: DATA, len, write } as { addr: number; len: number; write: boolean });
  bufs.push({ addr: STATUS, len: 1, write: true } as { addr: number; len: number; write: boolean });
  t.post(0, bufs);
  return t.ram[STATUS - TEST_RAM_BASE];
}

describe('virtio-mmio transport + virtio-blk', () => {
  it('identifies itself like QEMU and offers VIRTIO_F_VERSION_1', () => {
    const t = new TestDriver(new VirtioBlk(disk()));
    expect(t.dev.read(VIRTIO_MMIO_MAGIC_VALUE, 4)).toBe(0x74726976);
    expect(t.dev.read(VIRTIO_MMIO_VERSION, 4)).toBe(2);
    expect(t.dev.read(VIRTIO_MMIO_DEVICE_ID, 4)).toBe(2);
    expect(t.dev.read(VIRTIO_MMIO_VENDOR_ID, 4)).toBe(0x554d4551);
    expect(t.dev.read(VIRTIO_MMIO_QUEUE_NUM_MAX, 4)).toBe(256);
    t.w32(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
    expect(t.dev.read(VIRTIO_MMIO_DEVICE_FEATURES, 4) & 1).toBe(1);
    expect(t.dev.read(VIRTIO_MMIO_CONFIG, 4)).toBe(9); // capacity in sectors
    expect(t.dev.read(VIRTIO_MMIO_CONFIG + 4, 4)).toBe(0);
    expect(t.dev.read(VIRTIO_MMIO_CONFIG, 1)).toBe(9);
  });

  it('refuses FEATURES_OK without VERSION_1 or with unoffered bits', () => {
    const t = new TestDriver(new VirtioBlk(disk()));
    t.w32(VIRTIO_MMIO_STATUS, 3);
    t.w32(VIRTIO_MMIO_STATUS, 3 | VIRTIO_CONFIG_S_FEATURES_OK);
    expect(t.dev.read(VIRTIO_MMIO_STATUS, 4) & VIRTIO_CONFIG_S_FEATURES_OK).toBe(0);
    t.init(1, 1 << 3); // bit 3 not offered
    expect(t.dev.read(VIRTIO_MMIO_STATUS, 4) & VIRTIO_CONFIG_S_FEATURES_OK).toBe(0);
    t.init(1, 1 << 9); // FLUSH is offered
    expect(t.dev.read(VIRTIO_MMIO_STATUS, 4) & VIRTIO_CONFIG_S_FEATURES_OK).toBe(VIRTIO_CONFIG_S_FEATURES_OK);
  });

  it('reads sectors by DMA, completes through the used ring, interrupts, marks pages', () => {
    const image = disk();
    const t = new TestDriver(new VirtioBlk(image));
    t.init(1);
    expect(request(t, VIRTIO_BLK_T_IN, 2, 1024)).toBe(VIRTIO_BLK_S_OK);
    expect(t.bytes(DATA, 1024)).toEqual(image.slice(1024, 2048));
    expect(t.usedIdx(0)).toBe(1);
    expect(t.usedElem(0, 0)).toEqual({ id: 0, len: 1025 });
    expect(t.line.level).toBe(true);
    expect(t.dev.read(VIRTIO_MMIO_INTERRUPT_STATUS, 4)).toBe(1);
    t.w32(VIRTIO_MMIO_INTERRUPT_ACK, 1);
    expect(t.line.level).toBe(false);
    expect(t.pageWriter[(DATA - TEST_RAM_BASE) >> 12]).toBe(WRITER_DMA_BASE + 0);
    expect(t.pageWriter[(HDR - TEST_RAM_BASE) >> 12]).toBe(0); // only read
    const v = t.dev.view();
    expect(v.bytesWritten).toBe(1025);
    expect(v.statusBits).toEqual(['ACKNOWLEDGE', 'DRIVER', 'FEATURES_OK', 'DRIVER_OK']);
    expect(v.queues[0]).toMatchObject({ ready: true, size: 8, inFlight: 0 });
    expect(v.lastDmaPage).toBe(t.rings(0).used); // the used ring is written last
  });

  it('writes sectors into the disk image and reads them back; the tail sector is zero padded', () => {
    const blk = new VirtioBlk(disk());
    const t = new TestDriver(blk);
    t.init(1);
    t.ram.fill(0xab, DATA - TEST_RAM_BASE, DATA - TEST_RAM_BASE + 512);
    expect(request(t, VIRTIO_BLK_T_OUT, 3, 512, false)).toBe(VIRTIO_BLK_S_OK);
    expect(
      blk
        .contents()
        .slice(3 * 512, 4 * 512)
        .every((b) => b === 0xab),
    ).toBe(true);
    t.ram.fill(0, DATA - TEST_RAM_BASE, DATA - TEST_RAM_BASE + 1024);
    expect(request(t, VIRTIO_BLK_T_IN, 8, 512)).toBe(VIRTIO_BLK_S_OK);
    expect(t.bytes(DATA + 100, 412).every((b) => b === 0)).toBe(true);
  });

  it('answers GET_ID, rejects unknown types and out-of-range sectors', () => {
    const t = new TestDriver(new VirtioBlk(disk()));
    t.init(1);
    expect(request(t, VIRTIO_BLK_T_GET_ID, 0, 20)).toBe(VIRTIO_BLK_S_OK);
    expect(new TextDecoder().decode(t.bytes(DATA, 15))).toBe('kexec-lab-disk0');
    expect(request(t, 99, 0, 0)).toBe(VIRTIO_BLK_S_UNSUPP);
    expect(request(t, VIRTIO_BLK_T_IN, 8, 1024)).toBe(VIRTIO_BLK_S_IOERR);
    expect(t.usedIdx(0)).toBe(3);
  });

  it('a descriptor outside RAM sets DEVICE_NEEDS_RESET without throwing; reset recovers', () => {
    const t = new TestDriver(new VirtioBlk(disk()));
    t.init(1);
    t.post(0, [
      { addr: HDR, len: 16 },
      { addr: 0x7000_0000, len: 512, write: true },
      { addr: STATUS, len: 1, write: true },
    ]);
    expect(t.dev.read(VIRTIO_MMIO_STATUS, 4) & VIRTIO_CONFIG_S_NEEDS_RESET).toBe(VIRTIO_CONFIG_S_NEEDS_RESET);
    expect(t.dev.read(VIRTIO_MMIO_INTERRUPT_STATUS, 4) & 2).toBe(2);
    expect(t.dev.failure).toMatch(/outside RAM/);
    expect(t.usedIdx(0)).toBe(0);
    // Further requests are ignored until reset.
    expect(request(t, VIRTIO_BLK_T_IN, 0, 512)).toBe(0xff);
    t.w32(VIRTIO_MMIO_STATUS, 0);
    expect(t.dev.read(VIRTIO_MMIO_STATUS, 4)).toBe(0);
    expect(t.line.level).toBe(false);
    t.init(1);
    expect(request(t, VIRTIO_BLK_T_IN, 0, 512)).toBe(VIRTIO_BLK_S_OK);
  });

  it('detects descriptor loops, bad indices and a runaway avail.idx', () => {
    const t = new TestDriver(new VirtioBlk(disk()));
    t.init(1);
    const desc = t.rings(0).desc - TEST_RAM_BASE;
    t.post(
      0,
      [
        { addr: HDR, len: 16 },
        { addr: STATUS, len: 1, write: true },
      ],
      false,
    );
    t.view.setUint16(desc + 16 + 12, 1, true); // descriptor 1 -> NEXT
    t.view.setUint16(desc + 16 + 14, 0, true); // back to descriptor 0
    t.w32(0x050, 0);
    expect(t.dev.failure).toMatch(/loops/);

    t.init(1);
    t.post(0, [{ addr: HDR, len: 16 }], false);
    t.view.setUint16(desc + 12, 1, true);
    t.view.setUint16(desc + 14, 200, true);
    t.w32(0x050, 0);
    expect(t.dev.failure).toMatch(/index 200/);

    t.init(1);
    t.view.setUint16(t.rings(0).avail - TEST_RAM_BASE + 2, 100, true);
    t.w32(0x050, 0);
    expect(t.dev.failure).toMatch(/ahead/);
  });

  it('a request notified before DRIVER_OK is served when DRIVER_OK is set', () => {
    const t = new TestDriver(new VirtioBlk(disk()));
    t.init(1);
    t.w32(VIRTIO_MMIO_STATUS, 0x0b); // back to ACKNOWLEDGE | DRIVER | FEATURES_OK
    expect(request(t, VIRTIO_BLK_T_IN, 0, 512)).toBe(0xff); // not consumed yet
    expect(t.usedIdx(0)).toBe(0);
    t.w32(VIRTIO_MMIO_STATUS, 0x0f);
    expect(t.usedIdx(0)).toBe(1);
    expect(t.ram[STATUS - TEST_RAM_BASE]).toBe(VIRTIO_BLK_S_OK);
  });

  it('queue rings outside RAM are refused at QueueReady', () => {
    const t = new TestDriver(new VirtioBlk(disk()));
    t.init(1);
    t.w32(VIRTIO_MMIO_STATUS, 0);
    t.w32(VIRTIO_MMIO_STATUS, 3);
    t.w32(0x030, 0);
    t.w32(0x038, 8);
    t.w32(0x080, 0x9000_0000);
    t.w32(0x044, 1);
    expect(t.dev.read(0x044, 4)).toBe(0);
    expect(t.dev.read(VIRTIO_MMIO_STATUS, 4) & VIRTIO_CONFIG_S_NEEDS_RESET).toBeTruthy();
  });

  it('an empty slot reads DeviceID 0 and ignores writes; snapshot round-trips', () => {
    const ram = new Uint8Array(4096);
    const empty = new VirtioMmio(5, new Dma(ram, TEST_RAM_BASE, new Uint8Array(1), 5), new LevelLine(), null);
    expect(empty.read(VIRTIO_MMIO_MAGIC_VALUE, 4)).toBe(0x74726976);
    expect(empty.read(VIRTIO_MMIO_DEVICE_ID, 4)).toBe(0);
    expect(empty.write(VIRTIO_MMIO_STATUS, 4, 1)).toBe(true);
    expect(empty.read(VIRTIO_MMIO_STATUS, 4)).toBe(0);

    const t = new TestDriver(new VirtioBlk(disk()));
    t.init(1);
    request(t, VIRTIO_BLK_T_IN, 1, 512);
    const snap = structuredClone(t.dev.snapshot());
    const u = new TestDriver(new VirtioBlk(new Uint8Array(512)));
    u.ram.set(t.ram);
    u.dev.restore(snap);
    expect(u.dev.read(VIRTIO_MMIO_CONFIG, 4)).toBe(9);
    expect(u.dev.view()).toEqual(t.dev.view());
  });
});
