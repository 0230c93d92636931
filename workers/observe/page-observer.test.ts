import { describe, expect, it } from 'vitest';
import { ContentTable } from './content-table';
import { PageObserver, dmaWarnings } from './page-observer';
import { FakeMachine, pattern } from './testing';
import { CONTENT_UNKNOWN, CONTENT_ZERO } from '../protocol/pages';

function setup(budget?: number) {
  const m = new FakeMachine({
    ramMiB: 8,
    firmware: new Uint8Array(),
    disk: new Uint8Array(),
    netPps: 0,
    cmdline: '',
  });
  const t = new ContentTable();
  const old = pattern(4096, 10);
  const neu = pattern(4096, 20);
  t.addBlob('kestrel-1.0', '.text', old, 0xc040_0000);
  t.addBlob('kestrel-2.0', '.text', neu, 0xc040_0000);
  return { m, t, old, neu, o: new PageObserver(m, t, budget) };
}

describe('PageObserver', () => {
  it('tells the machine when it cleared writer marks, and only then (the CPU must mark again)', () => {
    const { m, o } = setup();
    let calls = 0;
    const src = Object.assign(m, { writersCleared: () => void calls++ });
    o.collect(false);
    const before = calls;
    o.collect(false); // nothing written since
    expect(calls).toBe(before);
    src.write(0x8000_1000, pattern(16, 3));
    o.collect(false);
    expect(calls).toBe(before + 1);
  });
  it('names a page by its bytes: old kernel text, then new kernel text after a copy', () => {
    const { m, t, old, neu, o } = setup();
    m.write(0x8040_0000, old);
    o.collect(false);
    const kind1 = o.content[0x400];
    expect(t.kinds[kind1].label).toBe('kestrel-1.0 .text');
    m.write(0x8040_0000, neu, 3); // DMA by slot 1
    const c = o.collect(false);
    expect(Array.from(c.delta.index)).toEqual([0x400]);
    expect(c.delta.writer[0]).toBe(3);
    expect(t.kinds[c.delta.content[0]].label).toBe('kestrel-2.0 .text');
  });
  it('reports unknown data and zero pages, and clears the writer marks it read', () => {
    const { m, o } = setup();
    o.collect(false);
    m.write(0x8000_1000, pattern(16, 3));
    const c = o.collect(false);
    expect(c.delta.content[0]).toBe(CONTENT_UNKNOWN);
    expect(m.pageWriter[1]).toBe(0);
    m.write(0x8000_1000, new Uint8Array(16));
    expect(o.collect(false).delta.content[0]).toBe(CONTENT_ZERO);
    expect(o.collect(false).delta.index.length).toBe(0);
  });
  it('reports role changes once and executed pages', () => {
    const { m, o } = setup();
    o.collect(false);
    m.pageRole.fill(10, 5, 7);
    m.pageExec[9] = 1;
    const c = o.collect(false);
    expect(Array.from(c.delta.index)).toEqual([5, 6]);
    expect(Array.from(c.delta.role)).toEqual([10, 10]);
    expect(Array.from(c.exec)).toEqual([9]);
    expect(m.pageExec[9]).toBe(0);
    expect(o.collect(false).delta.index.length).toBe(0);
  });
  it('notes every DMA write, and tells foreign pages from the driver’s buffers', () => {
    const { m, o } = setup();
    m.pageRole[3] = 7; // a DMA buffer
    m.pageRole[5] = 7; // a DMA buffer that will be taken back
    o.collect(false);
    m.pageRole[4] = 2; // kernel text
    m.pageRole[5] = 6; // now a kernel allocation
    m.write(0x8000_3000, pattern(8, 1), 3);
    m.write(0x8000_4000, pattern(8, 1), 3);
    m.write(0x8000_5000, pattern(8, 1), 3);
    m.write(0x8000_6000, pattern(8, 1), 2); // a free page never given to a device: a boot loader's read
    const c = o.collect(false);
    expect(c.dma.map((d) => d.page)).toEqual([3, 4, 5, 6]);
    expect(c.dma.map((d) => o.foreignDma(d.page, d.role))).toEqual([false, true, true, false]);
    const flagged = c.dma
      .filter((d) => o.foreignDma(d.page, d.role))
      .map((d) => ({ ...d, reason: 'foreign' as const }));
    expect(dmaWarnings(flagged, ['virtio-blk', 'virtio-net'], 5)).toEqual([
      { reason: 'foreign', slot: 1, deviceName: 'virtio-net', page: 4, role: 2, simNs: 5, pages: 2 },
    ]);
  });
  it('takes the DMA writes early on request, leaving the CPU’s for the next collect', () => {
    const { m, o } = setup();
    o.collect(false);
    m.pageRole[3] = 7;
    m.write(0x8000_3000, pattern(8, 1), 3); // virtio slot 1
    m.write(0x8000_4000, pattern(8, 1)); // the CPU
    m.write(0x8000_7000, pattern(8, 1), 2); // virtio slot 0
    expect(o.takeDma()).toEqual([
      { slot: 1, page: 3, role: 7 },
      { slot: 0, page: 7, role: 0 },
    ]);
    expect(o.takeDma()).toEqual([]); // taken once
    const c = o.collect(false);
    expect(c.dma).toEqual([]);
    // every written page still goes out, with its writer
    const writers = [...c.delta.index].map((p, i) => [p, c.delta.writer[i]]);
    expect(writers).toEqual(
      expect.arrayContaining([
        [3, 3],
        [4, 1],
        [7, 2],
      ]),
    );
  });
  it('spreads hashing over several collects within the budget, and full frames cover every page', () => {
    const { m, o } = setup(16);
    for (let p = 0; p < 64; p++) m.write(0x8000_0000 + p * 4096, pattern(64, p));
    o.collect(false);
    expect(o.backlog).toBeGreaterThan(0);
    for (let i = 0; i < 1000 && o.backlog > 0; i++) o.collect(false);
    expect(o.backlog).toBe(0);
    const f = o.collect(true);
    expect(f.delta.full).toBe(true);
    expect(f.delta.content.length).toBe(2048);
    expect(f.delta.content[10]).toBe(CONTENT_UNKNOWN);
  });
});
