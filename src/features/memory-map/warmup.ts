// JIT warm-up for the memory map's hot paths, the same idea as the interpreter's
// (workers/cpu/warmup.ts). V8 optimises a function from the type feedback gathered so
// far, and compiles a branch that has never run as a deoptimisation exit. The map's
// painter and scans meet most of their branches for the first time when the kernel
// boots (page roles, DMA writers, write flashes, a kernel's content): each one threw the
// optimised code away and cost another compile, on the page's own process, in the frames
// of the kernel's boot log (the dirty-cell painter's second compile took 60 ms of a
// background thread). So, once per realm (the page, the paint worker), a scratch store
// and painter take a few synthetic frames that reach those branches, a few milliseconds
// of work before the machine's first frame. Nothing is drawn and nothing is shared: the
// scratch objects are dropped afterwards.

import { PAGE_ROLE_NAMES } from '../../../workers/protocol/pages';
import { PageStore, type PageFrame } from '../../store/page-store';
import { legendEntries, mapSummary } from './describe';
import { FAKE_KINDS } from './fake-model';
import { MapPainter } from './painter';
import { findRegions, placeLabels } from './regions';
import type { ColourMode, Presence } from './render';

const RAM_BASE = 0x8000_0000;
const PAGES = 512;
/** Frames per view: a full one, then deltas. */
export const WARM_UP_FRAMES = 4;
/** DMA writers of two virtio slots (2 + slot), the CPU (1), and no writer (0). */
const WRITERS = [0, 1, 2, 3];

/** Zero, data, firmware, both kernels' sections and purgatory (fake-model.ts). */
const KINDS = FAKE_KINDS;

/** Frame n's page delta: runs of pages with every role, content kind and writer. */
export function warmUpFrame(n: number): PageFrame {
  const full = n === 0;
  const count = full ? PAGES : 48;
  const index = new Uint32Array(full ? 0 : count);
  const role = new Uint8Array(count);
  const content = new Uint16Array(count);
  const writer = new Uint8Array(count);
  for (let j = 0; j < count; j++) {
    const page = full ? j : (n * 157 + j * 13) % PAGES;
    if (!full) index[j] = page;
    // runs of 16 pages, so that the region scan finds regions of every kind
    const run = (page >> 4) + n;
    role[j] = run % PAGE_ROLE_NAMES.length;
    content[j] = (run * 7) % KINDS.length;
    writer[j] = WRITERS[(page + n) % WRITERS.length];
  }
  const exec = Uint32Array.from({ length: 3 }, (_, i) => (n * 31 + i * 512) % PAGES);
  return {
    generation: 1,
    ramBase: RAM_BASE,
    pageCount: PAGES,
    pages: { full, index, role, content, writer },
    exec,
    contentKinds: full ? KINDS : null,
    // the PC inside RAM, then outside it
    cpu: { pcPhys: n % 3 === 2 ? -1 : RAM_BASE + ((n * 4099) % (PAGES * 4096)) },
  };
}

/**
 * Views of the scratch map (CSS pixels): one page a few device pixels wide (the
 * dirty-cell painter), blocks of pages per cell (aggregate cells), and zoomed in to
 * patterned pages (stripes and marks).
 */
const VIEWS: { w: number; h: number; zoom: number }[] = [
  { w: 128, h: 32, zoom: 1 },
  { w: 12, h: 6, zoom: 1 },
  { w: 64, h: 32, zoom: 8 },
];

/** What to warm: the painter (where it paints), the page's scans (labels, summary, legend). */
export interface MapWarmUp {
  paint: boolean;
  analysis: boolean;
}

/** Presence with everything on, for the legend. */
const EVERYTHING: Presence = {
  classes: -1,
  roles: -1,
  flashCpu: true,
  flashDma: true,
  dmaWritten: true,
  exec: true,
};

/**
 * Runs the map's store, and what `what` asks for, over synthetic frames in every view
 * and both colourings. Painting is done without a canvas: the cells are computed,
 * nothing is drawn.
 */
export function warmUpMap(what: MapWarmUp): void {
  const modes: ColourMode[] = ['content', 'role'];
  for (const v of VIEWS) {
    for (const mode of modes) {
      const store = new PageStore();
      const painter = new MapPainter(null);
      for (let n = 0; n < WARM_UP_FRAMES; n++) {
        store.apply(warmUpFrame(n));
        const m = store.model;
        if (n === 0) {
          painter.resize(v.w, v.h, 1, m.pageCount);
          if (v.zoom > 1) painter.zoom(v.zoom);
        }
        const changes = store.takeChanges();
        if (what.paint) painter.paint(m, mode, n % 2 === 0 ? -1 : n, changes);
        else painter.sync(m);
        if (!what.analysis || !painter.layout) continue;
        const regions = findRegions(m, painter.palette, 8);
        placeLabels(regions, painter.layout, painter.view, v.w, v.h, 1, painter.pcBox());
        mapSummary(m, painter.palette);
        legendEntries(EVERYTHING, painter.palette, mode, n % 2 === 0);
      }
      if (!what.paint) break; // the scans do not depend on the colouring
    }
  }
}

const done = { paint: false, analysis: false };

/** warmUpMap for what this realm has not warmed yet. A failure costs the warm-up only. */
export function warmUpMapOnce(what: MapWarmUp): void {
  const todo = { paint: what.paint && !done.paint, analysis: what.analysis && !done.analysis };
  if (!todo.paint && !todo.analysis) return;
  done.paint ||= todo.paint;
  done.analysis ||= todo.analysis;
  try {
    warmUpMap(todo);
  } catch (err) {
    console.warn('memory map: the JIT warm-up failed; the map works without it', err);
  }
}
