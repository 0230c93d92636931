import { describe, expect, it } from 'vitest';
import { MapPaintWorker, PRESENCE_MS, type PaintHost, type PaintOut } from './paint-worker';
import { MapPainter } from './painter';
import { PageStore } from '../../store/page-store';
import { fakeCpu, fakeFrame, KINDS } from '../../store/fake-frame';
import type { Frame } from '../../../workers/protocol/frame';

/** A host whose animation frames and timers run when the test says. */
function fakeHost() {
  const out: PaintOut[] = [];
  let frames: (() => void)[] = [];
  let timers: { at: number; fn: () => void }[] = [];
  const host: PaintHost & { t: number; out: PaintOut[]; tick(ms?: number): void } = {
    t: 0,
    out,
    post: (m: PaintOut) => out.push(m),
    nextFrame: (fn: () => void) => void frames.push(fn),
    after: (fn: () => void, ms: number) => void timers.push({ at: host.t + ms, fn }),
    now: () => host.t,
    /** Runs the pending animation frame callbacks, then the timers due by `t`. */
    tick(ms = 16) {
      host.t += ms;
      const f = frames;
      frames = [];
      for (const fn of f) fn();
      const due = timers.filter((x) => x.at <= host.t);
      timers = timers.filter((x) => x.at > host.t);
      for (const x of due) x.fn();
    },
  };
  return host;
}

/** A canvas without a 2D context: the painter still computes what it would show. */
const blankCanvas = { width: 0, height: 0, getContext: () => null } as unknown as OffscreenCanvas;

function fullFrame(n: number, fill: number, pc = 0x8000_3010): Frame {
  return fakeFrame({
    pageCount: n,
    contentKinds: KINDS,
    pages: {
      index: new Uint32Array(0),
      role: new Uint8Array(n).fill(2),
      content: new Uint16Array(n).fill(fill),
      writer: new Uint8Array(n),
      full: true,
    },
    cpu: fakeCpu({ pcPhys: pc }),
  });
}

function writeFrame(seq: number, page: number, content: number, writer = 1): Frame {
  return fakeFrame({
    seq,
    pageCount: 64,
    pages: {
      index: Uint32Array.of(page),
      role: Uint8Array.of(8),
      content: Uint16Array.of(content),
      writer: Uint8Array.of(writer),
      full: false,
    },
  });
}

function geometryFor(pageCount: number) {
  const p = new MapPainter(null);
  p.resize(400, 300, 1, pageCount);
  return p.geometry();
}

describe('MapPaintWorker', () => {
  it('keeps a replica that paints what the page model holds: snapshot, then the same frames', () => {
    const page = new PageStore();
    page.apply(fullFrame(64, 2));
    page.apply(writeFrame(2, 5, 3));
    const host = fakeHost();
    const w = new MapPaintWorker(host);
    w.handle({ t: 'canvas', canvas: blankCanvas });
    w.handle({ t: 'snapshot', snapshot: page.snapshot() });
    const unlisten = page.listen((frame) => w.handle({ t: 'frame', frame }));
    page.apply(writeFrame(3, 9, 3, 2)); // a DMA write after the snapshot
    w.handle({ t: 'view', geometry: geometryFor(64), mode: 'content', focusPage: -1 });
    host.tick();
    unlisten();

    const local = new MapPainter(null);
    local.setGeometry(geometryFor(64), 64);
    const want = local.paint(page.model, 'content', -1);
    const got = host.out.at(-1);
    expect(got).toEqual({ t: 'painted', presence: want.presence, pcVisible: want.pcVisible, viewSeq: 1 });
    expect(want.presence.flashDma).toBe(true); // the frame after the snapshot reached the replica
  });

  it('answers a view change at once and coalesces model-only changes to one report per PRESENCE_MS', () => {
    const host = fakeHost();
    const w = new MapPaintWorker(host);
    w.handle({ t: 'canvas', canvas: blankCanvas });
    w.handle({ t: 'frame', frame: fullFrame(64, 2) });
    w.handle({ t: 'view', geometry: geometryFor(64), mode: 'content', focusPage: -1 });
    host.tick();
    expect(host.out).toHaveLength(1);
    // a CPU write flashes: the report waits for the rest of PRESENCE_MS
    w.handle({ t: 'frame', frame: writeFrame(2, 7, 3) });
    host.tick(10);
    expect(host.out).toHaveLength(1);
    host.tick(PRESENCE_MS);
    expect(host.out).toHaveLength(2);
    expect(host.out[1]).toMatchObject({ t: 'painted', presence: { flashCpu: true } });
    // an unchanged picture sends nothing
    w.handle({ t: 'frame', frame: writeFrame(3, 7, 3) });
    host.tick(PRESENCE_MS);
    expect(host.out).toHaveLength(2);
    // a view change is answered in the same frame, naming the view
    w.handle({ t: 'view', geometry: geometryFor(64), mode: 'role', focusPage: 3 });
    host.tick();
    expect(host.out.at(-1)).toMatchObject({ t: 'painted', viewSeq: 2 });
  });

  it('paints nothing before it has a canvas and a view, and once per frame however many messages came', () => {
    const host = fakeHost();
    let paints = 0;
    const w = new MapPaintWorker(host);
    w.handle({ t: 'frame', frame: fullFrame(64, 2) });
    host.tick();
    expect(host.out).toHaveLength(0);
    w.handle({ t: 'canvas', canvas: blankCanvas });
    const paint = w.paint.bind(w);
    w.paint = () => {
      paints++;
      paint();
    };
    for (let i = 0; i < 5; i++) w.handle({ t: 'frame', frame: writeFrame(2 + i, i, 3) });
    w.handle({ t: 'view', geometry: geometryFor(64), mode: 'content', focusPage: -1 });
    host.tick();
    expect(paints).toBe(1);
    expect(host.out).toHaveLength(1);
  });

  it('reports a failed paint once and stops painting', () => {
    const host = fakeHost();
    const w = new MapPaintWorker(host);
    const broken = {
      width: 0,
      height: 0,
      getContext: () => {
        throw new Error('no context today');
      },
    } as unknown as OffscreenCanvas;
    w.handle({ t: 'canvas', canvas: broken }); // the painter copes: no context
    w.paint = () => {
      throw new Error('cells out of range');
    };
    w.handle({ t: 'frame', frame: fullFrame(64, 2) });
    host.tick();
    w.handle({ t: 'frame', frame: writeFrame(2, 1, 3) });
    host.tick();
    expect(host.out).toEqual([{ t: 'failed', message: 'cells out of range' }]);
  });
});
