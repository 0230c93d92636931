// Entry of the memory map's paint worker (paint-worker.ts): messages from the page in,
// 'painted' reports out, paints on the worker's animation frames.

import { MapPaintWorker, type PaintIn, type PaintOut } from './paint-worker';
import { warmUpMapOnce } from './warmup';

const scope = self as unknown as DedicatedWorkerGlobalScope;

const worker = new MapPaintWorker({
  post: (m: PaintOut) => scope.postMessage(m),
  // Chromium and Firefox give dedicated workers animation frames; elsewhere a timer
  nextFrame: (fn) =>
    typeof scope.requestAnimationFrame === 'function'
      ? void scope.requestAnimationFrame(() => fn())
      : void setTimeout(fn, 16),
  after: (fn, ms) => void setTimeout(fn, ms),
  now: () => performance.now(),
});

// before the first paint: the page sends the canvas and a snapshot first (warmup.ts)
warmUpMapOnce({ paint: true, analysis: false });

scope.onmessage = (e: MessageEvent<PaintIn>) => {
  try {
    worker.handle(e.data);
  } catch (err) {
    scope.postMessage({ t: 'failed', message: (err as Error).message } satisfies PaintOut);
  }
};
