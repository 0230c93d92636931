// Repaints only the map cells that can have changed since the last paint: the cells
// of the pages the frames since then touched, and the cells still fading from a write
// flash. At 1 GiB the overview has 262,144 pages and a full pass costs milliseconds
// every frame; a running machine touches a few hundred pages a frame.

import type { PageModel } from '../../../workers/protocol/pages';
import type { MapLayout, VisibleGrid } from './layout';
import type { Palette } from './palette';
import { acc, blockPixel, flatPixel, isPatterned, type ColourMode, type Presence } from './render';

/** Pages touched since the last paint, or `all` when that is unknown (a new machine, a full frame). */
export interface PageChanges {
  all: boolean;
  pages: ArrayLike<number>;
}

/** What a dirty-cell paint did: how many cells it gave another colour. */
export interface DirtyReport {
  changedCells: number;
}

/**
 * Re-renders into `fill`, which holds what renderCells (or this) drew for the same
 * model, mode, palette and grid, the cells holding `changes.pages` and the cells of
 * `flashing` (a page of every cell drawn with a flash last time). `flashing` is
 * replaced by this paint's. Returns the presence: `base` (what the last full pass
 * saw) with what the repainted cells show added, and the flashes exactly (every
 * flashing cell was repainted). Not for patterned grids (stripes and marks).
 */
export function renderDirty(
  model: PageModel,
  palette: Palette,
  layout: MapLayout,
  grid: VisibleGrid,
  mode: ColourMode,
  fill: Uint32Array,
  changes: PageChanges,
  flashing: number[],
  base: Presence,
  report?: DirtyReport,
): Presence {
  if (isPatterned(grid.cellPx, grid.k)) throw new Error('renderDirty: patterned grids are painted in full');
  const { k, c0, c1, r0, r1 } = grid;
  const width = c1 - c0;
  const R = layout.pagesPerRow;
  const n = Math.min(layout.pageCount, model.pageCount);
  const byContent = mode === 'content';
  if (seen.length < fill.length) seen = new Uint8Array(fill.length);
  acc.classes = acc.roles = 0;
  acc.flashCpu = acc.flashDma = acc.dmaSeen = acc.flashing = false;
  const before = flashing.splice(0, flashing.length);
  let changedCells = 0;
  const visit = (p: number): void => {
    if (p < 0 || p >= n) return;
    const x = p % R;
    const y = (p - x) / R;
    const col = k === 1 ? x : Math.floor(x / k);
    const row = k === 1 ? y : Math.floor(y / k);
    if (col < c0 || col >= c1 || row < r0 || row >= r1) return;
    const o = (row - r0) * width + (col - c0);
    if (seen[o]) return;
    seen[o] = 1;
    visited.push(o);
    const was = fill[o];
    fill[o] =
      k === 1
        ? flatPixel(model, palette, byContent, p)
        : blockPixel(model, palette, layout, k, byContent, col, row);
    if (fill[o] !== was) changedCells++;
    if (acc.flashing) {
      acc.flashing = false;
      flashing.push(acc.flashPage);
    }
  };
  for (const p of before) visit(p);
  const pages = changes.pages;
  for (let i = 0; i < pages.length; i++) visit(pages[i]);
  for (const o of visited) seen[o] = 0;
  visited.length = 0;
  if (report) report.changedCells = changedCells;
  return {
    classes: base.classes | acc.classes,
    roles: base.roles | acc.roles,
    flashCpu: acc.flashCpu,
    flashDma: acc.flashDma,
    dmaWritten: base.dmaWritten || acc.dmaSeen,
    exec: base.exec,
  };
}

// Scratch: grid cells repainted in this call (a cell holds many pages when k > 1).
let seen = new Uint8Array(0);
const visited: number[] = [];
