// @vitest-environment happy-dom
import { describe, expect, it, onTestFinished } from 'vitest';
import { painterChoice, startRemotePainter, type RemoteEvents } from './remote-painter';
import { PageStore } from '../../store/page-store';
import { fakeFrame } from '../../store/fake-frame';
import type { PaintIn } from './paint-worker';

class FakeCanvas {
  transferControlToOffscreen(): void {}
}

function browser(over: Record<string, unknown> = {}): typeof globalThis {
  return {
    Worker: function Worker() {},
    OffscreenCanvas: function OffscreenCanvas() {},
    HTMLCanvasElement: FakeCanvas,
    ...over,
  } as unknown as typeof globalThis;
}

describe('painterChoice', () => {
  it('paints in a worker where a canvas can be handed to one', () => {
    expect(painterChoice('', browser())).toBe('worker');
    expect(painterChoice('?speed=max&map=worker', browser())).toBe('worker');
  });

  it('paints on the page when asked to, or when the browser lacks a piece', () => {
    expect(painterChoice('?map=page', browser())).toBe('page');
    expect(painterChoice('', browser({ OffscreenCanvas: undefined }))).toBe('page');
    expect(painterChoice('', browser({ Worker: undefined }))).toBe('page');
    expect(painterChoice('', browser({ HTMLCanvasElement: class {} }))).toBe('page');
  });
});

/** A Worker stand-in that records what the page sent. */
class FakeWorker {
  sent: PaintIn[] = [];
  transferred: unknown[][] = [];
  terminated = false;
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(m: PaintIn, transfer: unknown[] = []): void {
    this.sent.push(m);
    this.transferred.push(transfer);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function setup() {
  const area = document.createElement('div');
  const store = new PageStore();
  const worker = new FakeWorker();
  const log: string[] = [];
  const events: RemoteEvents = {
    painted: (r) => log.push(`painted ${r.viewSeq}`),
    failed: (why) => log.push(`failed ${why}`),
  };
  const offscreen = { kind: 'offscreen' };
  const proto = HTMLCanvasElement.prototype as unknown as Record<string, unknown>;
  proto.transferControlToOffscreen = () => offscreen;
  const had = Object.getOwnPropertyDescriptor(proto, 'transferControlToOffscreen');
  const restore = () => {
    if (had) Object.defineProperty(proto, 'transferControlToOffscreen', had);
    else delete proto.transferControlToOffscreen;
  };
  return { area, store, worker, log, events, offscreen, restore };
}

describe('startRemotePainter', () => {
  it('throws and leaves nothing behind when the canvas cannot be handed over', () => {
    const area = document.createElement('div');
    const store = new PageStore();
    let spawned = 0;
    const proto = HTMLCanvasElement.prototype as unknown as Record<string, unknown>;
    const had = Object.getOwnPropertyDescriptor(proto, 'transferControlToOffscreen');
    proto.transferControlToOffscreen = () => {
      throw new DOMException('not here', 'InvalidStateError');
    };
    onTestFinished(() => {
      if (had) Object.defineProperty(proto, 'transferControlToOffscreen', had);
      else delete proto.transferControlToOffscreen;
    });
    expect(() =>
      startRemotePainter(area, store, { painted: () => {}, failed: () => {} }, () => {
        spawned++;
        return new FakeWorker() as unknown as Worker;
      }),
    ).toThrow();
    expect(area.children).toHaveLength(0);
    expect(spawned).toBe(0);
  });

  it('hands over the surface, the snapshot and then every frame; reports come back', () => {
    const t = setup();
    try {
      const r = startRemotePainter(t.area, t.store, t.events, () => t.worker as unknown as Worker);
      expect(t.area.querySelector('canvas.mm-surface')).not.toBeNull();
      expect(t.worker.sent.map((m) => m.t)).toEqual(['canvas', 'snapshot']);
      expect(t.worker.transferred[0]).toEqual([t.offscreen]);
      expect(t.worker.transferred[1]).toHaveLength(5); // the snapshot's copies move, not copied twice
      t.store.apply(fakeFrame());
      expect(t.worker.sent.map((m) => m.t)).toEqual(['canvas', 'snapshot', 'frame']);
      r.view({ width: 10, height: 10, dpr: 1, view: { scale: 1, ox: 0, oy: 0 } }, 'role', 4);
      expect(t.worker.sent.at(-1)).toMatchObject({ t: 'view', mode: 'role', focusPage: 4 });
      t.worker.onmessage?.({
        data: { t: 'painted', presence: {}, pcVisible: true, viewSeq: 1 },
      } as MessageEvent);
      expect(t.log).toEqual(['painted 1']);
      r.dispose();
      expect(t.worker.terminated).toBe(true);
      expect(t.area.children).toHaveLength(0);
      t.store.apply(fakeFrame({ seq: 2 }));
      expect(t.worker.sent.map((m) => m.t)).toEqual(['canvas', 'snapshot', 'frame', 'view']);
    } finally {
      t.restore();
    }
  });

  it('a failure reported by the worker, or the worker dying, ends it and says so once', () => {
    for (const how of ['message', 'error'] as const) {
      const t = setup();
      try {
        startRemotePainter(t.area, t.store, t.events, () => t.worker as unknown as Worker);
        if (how === 'message')
          t.worker.onmessage?.({ data: { t: 'failed', message: 'boom' } } as MessageEvent);
        else t.worker.onerror?.({ message: 'boom', preventDefault: () => {} } as ErrorEvent);
        t.worker.onerror?.({ message: 'again', preventDefault: () => {} } as ErrorEvent);
        expect(t.log).toEqual(['failed boom']);
        expect(t.worker.terminated).toBe(true);
        expect(t.area.children).toHaveLength(0);
        const before = t.worker.sent.length;
        t.store.apply(fakeFrame());
        expect(t.worker.sent).toHaveLength(before); // no longer listening
      } finally {
        t.restore();
      }
    }
  });
});
