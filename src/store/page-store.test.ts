import { describe, expect, it } from 'vitest';
import { PageStore } from './page-store';
import { fakeCpu, fakeFrame, KINDS } from './fake-frame';

describe('PageStore', () => {
  it('applies a full frame then deltas, with write flashes and the PC page', () => {
    const ps = new PageStore();
    const role = new Uint8Array(16).fill(2);
    const content = new Uint16Array(16).fill(2);
    const replaced = ps.apply(
      fakeFrame({
        contentKinds: KINDS,
        pages: { index: new Uint32Array(0), role, content, writer: new Uint8Array(16), full: true },
        cpu: fakeCpu({ pcPhys: 0x8000_3010 }),
      }),
    );
    expect(replaced).toBe(true);
    const m = ps.model;
    expect(m.pageCount).toBe(16);
    expect(m.role[5]).toBe(2);
    expect(m.pcPage).toBe(3);
    const v = m.version;
    ps.apply(
      fakeFrame({
        seq: 2,
        pages: {
          index: Uint32Array.of(4),
          role: Uint8Array.of(8),
          content: Uint16Array.of(3),
          writer: Uint8Array.of(1),
          full: false,
        },
        exec: Uint32Array.of(4),
      }),
    );
    expect(ps.model).toBe(m);
    expect(m.content[4]).toBe(3);
    expect(m.role[4]).toBe(8);
    expect(m.writer[4]).toBe(1);
    expect(m.lastWriteFrame[4]).toBe(m.frame);
    expect(m.exec[4]).toBe(1);
    expect(m.version).toBeGreaterThan(v);
    expect(m.contentKinds[3].label).toBe('kestrel-2.0 .text');
  });
  it('replaces the model for a new machine and marks a PC outside RAM', () => {
    const ps = new PageStore();
    ps.apply(fakeFrame());
    const first = ps.model;
    ps.apply(fakeFrame({ generation: 2, pageCount: 32, cpu: fakeCpu({ pcPhys: 0x1000 }) }));
    expect(ps.model).not.toBe(first);
    expect(ps.model.pageCount).toBe(32);
    expect(ps.model.pcPage).toBe(-1);
  });
});
