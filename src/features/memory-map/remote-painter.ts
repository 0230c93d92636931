// The page's end of the memory map's paint worker (paint-worker.ts): a canvas surface
// under the map's interactive canvas, handed to the worker, and the page frames fed to
// the worker's replica of the page model.

import type { PageFrame, PageSnapshot } from '../../store/page-store';
import type { Geometry } from './painter';
import type { PaintIn, PaintOut } from './paint-worker';
import type { ColourMode, Presence } from './render';

/** Where the page model comes from: PageStore (a snapshot, then every frame applied). */
export interface PageFeed {
  snapshot(): PageSnapshot;
  listen(fn: (f: PageFrame) => void): () => void;
}

export type PainterChoice = 'worker' | 'page';

/**
 * The worker paints when the browser can hand a canvas to one (OffscreenCanvas); `?map=page`
 * keeps painting on the page (for comparison, or a browser where the worker misbehaves).
 */
export function painterChoice(search: string, win: typeof globalThis = globalThis): PainterChoice {
  if (new URLSearchParams(search).get('map') === 'page') return 'page';
  const canvasProto = (win as { HTMLCanvasElement?: { prototype: object } }).HTMLCanvasElement?.prototype;
  const ok =
    typeof win.Worker === 'function' &&
    typeof (win as { OffscreenCanvas?: unknown }).OffscreenCanvas === 'function' &&
    canvasProto !== undefined &&
    'transferControlToOffscreen' in canvasProto;
  return ok ? 'worker' : 'page';
}

export interface RemotePainter {
  view(geometry: Geometry, mode: ColourMode, focusPage: number): void;
  dispose(): void;
}

export interface RemoteEvents {
  painted(r: { presence: Presence; pcVisible: boolean; viewSeq: number }): void;
  failed(why: string): void;
}

/**
 * Starts a paint worker drawing into a new canvas placed in `area` (under the map's own
 * canvas, which takes the pointer and the keyboard). Throws, leaving nothing behind, when
 * the browser cannot do it.
 */
export function startRemotePainter(
  area: HTMLElement,
  feed: PageFeed,
  events: RemoteEvents,
  spawn: () => Worker = () =>
    new Worker(new URL('./map.worker.ts', import.meta.url), { type: 'module', name: 'memory map' }),
): RemotePainter {
  const surface = document.createElement('canvas');
  surface.className = 'mm-surface';
  surface.setAttribute('aria-hidden', 'true');
  area.prepend(surface);
  let worker: Worker | null = null;
  let unlisten = (): void => {};
  let done = false;
  const dispose = (): void => {
    if (done) return;
    done = true;
    unlisten();
    worker?.terminate();
    surface.remove();
  };
  try {
    const offscreen = surface.transferControlToOffscreen();
    const w = spawn();
    worker = w;
    const send = (m: PaintIn, transfer: Transferable[] = []): void => w.postMessage(m, transfer);
    w.onmessage = (e: MessageEvent<PaintOut>) => {
      if (done) return;
      const m = e.data;
      if (m.t === 'painted') events.painted(m);
      else {
        dispose();
        events.failed(m.message);
      }
    };
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      if (done) return;
      dispose();
      events.failed(e.message || 'the worker did not start');
    };
    send({ t: 'canvas', canvas: offscreen }, [offscreen]);
    const snapshot = feed.snapshot(); // fresh copies: their buffers can move
    const m = snapshot.model;
    send({ t: 'snapshot', snapshot }, [
      m.role.buffer,
      m.content.buffer,
      m.writer.buffer,
      m.lastWriteFrame.buffer,
      m.exec.buffer,
    ]);
    unlisten = feed.listen((frame) => send({ t: 'frame', frame }));
  } catch (err) {
    dispose();
    throw err;
  }
  return {
    view: (geometry, mode, focusPage) => {
      if (!done) worker?.postMessage({ t: 'view', geometry, mode, focusPage } satisfies PaintIn);
    },
    dispose,
  };
}
