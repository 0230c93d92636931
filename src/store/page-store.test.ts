import { describe, expect, it } from 'vitest';
import { FADE_FRAMES, PageStore } from './page-store';
import { FLASH_FRAMES } from '../features/memory-map/palette';
import type { Frame } from '../../workers/protocol/frame';
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
  it('moves tagsVersion for a new role or content only, not for a write that keeps both', () => {
    const ps = new PageStore();
    ps.apply(fakeFrame({ contentKinds: KINDS }));
    const m = ps.model;
    const write = (seq: number, role: number, content: number) =>
      ps.apply(
        fakeFrame({
          seq,
          pages: {
            index: Uint32Array.of(4),
            role: Uint8Array.of(role),
            content: Uint16Array.of(content),
            writer: Uint8Array.of(1),
            full: false,
          },
        }),
      );
    write(2, 8, 3);
    const tags = m.tagsVersion;
    const v = m.version;
    write(3, 8, 3); // the same page written again: a flash, the same tags
    expect(m.version).toBeGreaterThan(v);
    expect(m.tagsVersion).toBe(tags);
    write(4, 8, 2); // new content
    expect(m.tagsVersion).toBe(tags + 1);
    write(5, 9, 2); // new role
    expect(m.tagsVersion).toBe(tags + 2);
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
  it('tells the memory map which pages changed since it last asked', () => {
    const ps = new PageStore();
    const delta = (seq: number, index: number[]) =>
      fakeFrame({
        seq,
        pageCount: 64,
        pages: {
          index: Uint32Array.from(index),
          role: new Uint8Array(index.length).fill(6),
          content: new Uint16Array(index.length).fill(2),
          writer: new Uint8Array(index.length).fill(1),
          full: false,
        },
      });
    ps.apply(fakeFrame({ pageCount: 64 }));
    expect(ps.takeChanges().all).toBe(true); // a new machine: everything
    ps.apply(delta(2, [3, 9]));
    ps.apply(delta(3, [9, 12]));
    expect(ps.takeChanges()).toEqual({ all: false, pages: [3, 9, 12] });
    expect(ps.takeChanges()).toEqual({ all: false, pages: [] });
    ps.apply(delta(4, [9]));
    expect(ps.takeChanges()).toEqual({ all: false, pages: [9] });
    // more than an eighth of RAM between two looks: repaint it all
    ps.apply(delta(5, [1, 2, 3, 4, 5]));
    ps.apply(delta(6, [6, 7, 8, 10]));
    expect(ps.takeChanges()).toEqual({ all: true, pages: [] });
    ps.apply(delta(7, [40]));
    expect(ps.takeChanges()).toEqual({ all: false, pages: [40] });
    ps.apply(
      fakeFrame({
        seq: 8,
        pageCount: 64,
        pages: {
          index: new Uint32Array(0),
          role: new Uint8Array(64),
          content: new Uint16Array(64),
          writer: new Uint8Array(64),
          full: true,
        },
      }),
    );
    expect(ps.takeChanges().all).toBe(true);
  });

  it('hands out the page part of each frame, and a snapshot a replica continues from', () => {
    const ps = new PageStore();
    const full = fakeFrame({
      contentKinds: KINDS,
      pages: {
        index: new Uint32Array(0),
        role: new Uint8Array(16).fill(2),
        content: new Uint16Array(16).fill(2),
        writer: new Uint8Array(16),
        full: true,
      },
    });
    ps.apply(full);
    const replica = new PageStore();
    replica.restore(ps.snapshot());
    const seen: number[] = [];
    const unlisten = ps.listen((f) => {
      seen.push(f.pages.index.length);
      expect(Object.keys(f).sort()).toEqual(
        ['contentKinds', 'cpu', 'exec', 'generation', 'pageCount', 'pages', 'ramBase'].sort(),
      );
      expect(Object.keys(f.cpu)).toEqual(['pcPhys']);
      replica.apply(f);
    });
    const delta = fakeFrame({
      seq: 2,
      pages: {
        index: Uint32Array.of(6, 7),
        role: Uint8Array.of(9, 9),
        content: Uint16Array.of(3, 3),
        writer: Uint8Array.of(2, 1),
        full: false,
      },
      exec: Uint32Array.of(6),
      cpu: fakeCpu({ pcPhys: 0x8000_6004 }),
    });
    ps.apply(delta);
    unlisten();
    ps.apply(fakeFrame({ ...delta, seq: 3 }));
    expect(seen).toEqual([2]);
    // same generation: the replica was not reset by the delta, and matches the original then
    const a = replica.model;
    expect(a.role[0]).toBe(2);
    expect(Array.from(a.content)).toEqual(Array.from(ps.model.content));
    expect(a.pcPage).toBe(6);
    expect(a.exec[6]).toBe(1);
    expect(a.lastWriteFrame[7]).toBe(a.frame);
    expect(replica.takeChanges().all).toBe(true); // a restored store repaints in full first
    // the snapshot is a copy: the original moved on without it
    expect(a.frame).toBe(ps.model.frame - 1);
  });

  it('moves the version only when what the map shows moves: a paused machine leaves it alone', () => {
    const ps = new PageStore();
    const n = 16;
    const idle = (seq: number, over: Partial<Frame> = {}) =>
      fakeFrame({ seq, exec: Uint32Array.of(3), cpu: fakeCpu({ pcPhys: 0x8000_3010 }), ...over });
    ps.apply(
      fakeFrame({
        contentKinds: KINDS,
        pages: {
          index: new Uint32Array(0),
          role: new Uint8Array(n),
          content: new Uint16Array(n),
          writer: new Uint8Array(n),
          full: true,
        },
      }),
    );
    ps.apply(idle(2)); // the CPU starts executing page 3: a change
    const v = ps.model.version;
    ps.apply(idle(3)); // the same page again, nothing written: no change
    ps.apply(idle(4));
    expect(ps.model.version).toBe(v);
    // a write: the model changes, and keeps changing while the write's glow fades
    const write = {
      index: Uint32Array.of(5),
      role: Uint8Array.of(2),
      content: Uint16Array.of(2),
      writer: Uint8Array.of(1),
      full: false,
    };
    ps.apply(idle(5, { pages: write }));
    const after = ps.model.version;
    expect(after).toBeGreaterThan(v);
    for (let i = 0; i < FADE_FRAMES; i++) ps.apply(idle(6 + i));
    expect(ps.model.version).toBe(after + FADE_FRAMES);
    ps.apply(idle(100));
    ps.apply(idle(101));
    expect(ps.model.version).toBe(after + FADE_FRAMES);
    // the PC moving to another page, or other pages executing, are changes
    ps.apply(idle(102, { cpu: fakeCpu({ pcPhys: 0x8000_4000 }) }));
    expect(ps.model.version).toBe(after + FADE_FRAMES + 1);
    ps.apply(idle(103, { exec: Uint32Array.of(4), cpu: fakeCpu({ pcPhys: 0x8000_4000 }) }));
    expect(ps.model.version).toBe(after + FADE_FRAMES + 2);
    expect(Array.from(ps.model.exec.slice(0, 6))).toEqual([0, 0, 0, 0, 1, 0]);
  });

  it('fades as long as the map glows', () => {
    expect(FADE_FRAMES).toBe(FLASH_FRAMES);
  });
});
