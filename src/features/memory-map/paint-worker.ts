// The memory map's paint worker, without the worker: a replica of the page model, a
// MapPainter on the canvas the page handed over (OffscreenCanvas), and the messages
// between them. map.worker.ts wires it to `self`; tests drive it directly.
//
// Why a worker: at maximum speed every page of RAM can flash within a second, and
// repainting the map's cells and handing the bitmap to the compositor was the largest
// single share of the page's main-thread time (docs/ui-performance.md). The page keeps
// everything that is DOM (labels, legend, tooltip, hex view) and the view (zoom, pan),
// which it sends here; the pixels are drawn here and reach the screen without the
// page's main thread.

import { PageStore, type PageFrame, type PageSnapshot } from '../../store/page-store';
import { MapPainter, type Geometry } from './painter';
import { samePresence, type ColourMode, type Presence } from './render';
import type { PageModel } from '../../../workers/protocol/pages';

/** Page to worker. */
export type PaintIn =
  | { t: 'canvas'; canvas: OffscreenCanvas }
  | { t: 'snapshot'; snapshot: PageSnapshot }
  | { t: 'frame'; frame: PageFrame }
  | { t: 'view'; geometry: Geometry; mode: ColourMode; focusPage: number };

/**
 * Worker to page: what the last paint showed (for the legend), sent when it changed and
 * after every view change; `viewSeq` counts the view messages painted so far.
 */
export type PaintOut =
  | { t: 'painted'; presence: Presence; pcVisible: boolean; viewSeq: number }
  | { t: 'failed'; message: string };

/**
 * Shortest gap between two 'painted' messages while only the model changes (wall
 * clock, UI only): write flashes come and go every frame at maximum speed, and the
 * page's legend follows them a few times a second at most. After a view change the
 * answer goes at once.
 */
export const PRESENCE_MS = 100;

export interface PaintHost {
  post(m: PaintOut): void;
  /** Runs `fn` before the next display frame (requestAnimationFrame in a worker). */
  nextFrame(fn: () => void): void;
  /** Runs `fn` after `ms` (the trailing presence report). */
  after(fn: () => void, ms: number): void;
  now(): number;
}

export class MapPaintWorker {
  private painter: MapPainter | null = null;
  private readonly store = new PageStore();
  private geometry: Geometry | null = null;
  private mode: ColourMode = 'content';
  private focusPage = -1;
  /** Counts view messages: a 'painted' answer names the view it was painted for. */
  private views = 0;
  private viewDirty = true;
  private scheduled = false;
  private drawnVersion = -1;
  private drawnModel: PageModel | null = null;
  private sent: { presence: Presence; pcVisible: boolean } | null = null;
  private sentAt = -Infinity;
  private pending: { presence: Presence; pcVisible: boolean } | null = null;
  private trailing = false;
  private failed = false;

  constructor(private readonly host: PaintHost) {}

  handle(m: PaintIn): void {
    switch (m.t) {
      case 'canvas':
        this.painter = new MapPainter(m.canvas);
        this.viewDirty = true;
        break;
      case 'snapshot':
        this.store.restore(m.snapshot);
        break;
      case 'frame':
        this.store.apply(m.frame);
        break;
      case 'view':
        this.geometry = m.geometry;
        this.mode = m.mode;
        this.focusPage = m.focusPage;
        this.views++;
        this.viewDirty = true;
        break;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.failed) return;
    this.scheduled = true;
    this.host.nextFrame(() => {
      this.scheduled = false;
      try {
        this.paint();
      } catch (err) {
        // a bad paint must not leave the map silently frozen: the page falls back
        this.failed = true;
        this.host.post({ t: 'failed', message: (err as Error).message });
      }
    });
  }

  /** Paints when the model or the view changed since the last paint. */
  paint(): void {
    const p = this.painter;
    const g = this.geometry;
    const m = this.store.model;
    if (!p || !g) return;
    const viewChanged = this.viewDirty;
    if (!viewChanged && m === this.drawnModel && m.version === this.drawnVersion) return;
    this.viewDirty = false;
    this.drawnModel = m;
    this.drawnVersion = m.version;
    if (viewChanged) p.setGeometry(g, m.pageCount);
    else p.sync(m);
    const res = p.paint(m, this.mode, this.focusPage, this.store.takeChanges());
    this.report({ presence: res.presence, pcVisible: res.pcVisible }, viewChanged);
  }

  /** `now`: the paint follows a view change, which is always answered (legend at once). */
  private report(r: { presence: Presence; pcVisible: boolean }, now: boolean): void {
    const s = this.sent;
    if (!now && s && samePresence(s.presence, r.presence) && s.pcVisible === r.pcVisible) {
      this.pending = null;
      return;
    }
    const t = this.host.now();
    if (now || t - this.sentAt >= PRESENCE_MS) {
      this.send(r, t);
      return;
    }
    this.pending = r;
    if (this.trailing) return;
    this.trailing = true;
    this.host.after(
      () => {
        this.trailing = false;
        const p = this.pending;
        if (p) this.send(p, this.host.now());
      },
      PRESENCE_MS - (t - this.sentAt),
    );
  }

  private send(r: { presence: Presence; pcVisible: boolean }, t: number): void {
    this.pending = null;
    this.sent = r;
    this.sentAt = t;
    this.host.post({ t: 'painted', presence: r.presence, pcVisible: r.pcVisible, viewSeq: this.views });
  }
}
