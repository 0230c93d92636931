// Paints the visible cells of the map into pixel buffers at cell resolution (one
// pixel per cell: the fill colour, and for big pages a second buffer with the
// role stripe colour plus lists of marked pages), which the painter scales onto
// the canvas. Pure: reads the PageModel, writes Uint32Arrays of ImageData
// pixels, and reports what it drew so the legend lists only what is on screen.

import type { PageModel } from '../../../workers/protocol/pages';
import type { MapLayout, VisibleGrid } from './layout';
import {
  BACKGROUND_RGB,
  CPU_FLASH_RGB,
  DMA_FLASH_RGB,
  FLASH_FRAMES,
  blendPixel,
  toPixel,
  type Palette,
} from './palette';

export type ColourMode = 'content' | 'role';

/** What the last render put on screen (bit i of classes = content class i, of roles = role code i). */
export interface Presence {
  classes: number;
  roles: number;
  flashCpu: boolean;
  flashDma: boolean;
  dmaWritten: boolean;
  exec: boolean;
}

export function emptyPresence(): Presence {
  return { classes: 0, roles: 0, flashCpu: false, flashDma: false, dmaWritten: false, exec: false };
}

export function samePresence(a: Presence, b: Presence): boolean {
  return (
    a.classes === b.classes &&
    a.roles === b.roles &&
    a.flashCpu === b.flashCpu &&
    a.flashDma === b.flashDma &&
    a.dmaWritten === b.dmaWritten &&
    a.exec === b.exec
  );
}

/** Pages drawn at least this many device pixels wide get a role stripe, marks and a gap. */
export const PATTERN_MIN_PX = 5;

/** Whether cells of this size are drawn with the full pattern. */
export function isPatterned(cellPx: number, k: number): boolean {
  return k === 1 && cellPx >= PATTERN_MIN_PX;
}

/** Device-pixel geometry of a patterned cell: gap (right, bottom), stripe above the gap, corner marks. */
export function cellParts(cellPx: number): { gap: number; stripe: number; mark: number } {
  const gap = Math.max(1, Math.round(cellPx / 10));
  const stripe = Math.max(1, Math.round(cellPx * 0.22));
  const mark = Math.max(1, Math.round(cellPx * 0.28));
  return { gap, stripe, mark };
}

/** Pages that carry a mark in a patterned view, reused between frames. */
export interface Marks {
  exec: number[];
  dma: number[];
}

const BG = toPixel(BACKGROUND_RGB);
/** Strongest glow of a fresh write (1 would wash the cell out to pure white/magenta). */
const FLASH_PEAK = 0.85;

/** Glow strength of a write `age` frames ago, 0 when faded. */
export function flashStrength(age: number): number {
  if (age < 0 || age >= FLASH_FRAMES) return 0;
  return FLASH_PEAK * (1 - age / FLASH_FRAMES);
}

// Scratch counters for aggregate cells (dominant class / role).
const counts = new Uint32Array(256);
const touched = new Uint8Array(256);

/**
 * Renders grid cells [c0, c1) x [r0, r1) into `fill` (one pixel per cell,
 * row-major, width c1 - c0). For single pages, `stripe` (same shape) gets the
 * stripe colour and `marks` the executing and DMA-written pages; `flashing` a
 * page of every cell drawn with a write flash (render-dirty.ts repaints those
 * next frame). Returns what became visible. Hot loop: one pass over the visible
 * pages, typed-array lookups only, no allocation.
 */
export function renderCells(
  model: PageModel,
  palette: Palette,
  layout: MapLayout,
  grid: VisibleGrid,
  mode: ColourMode,
  fill: Uint32Array,
  stripe: Uint32Array | null = null,
  marks: Marks | null = null,
  flashing: number[] | null = null,
): Presence {
  const pres = emptyPresence();
  const { k, c0, c1, r0, r1 } = grid;
  const width = c1 - c0;
  const R = layout.pagesPerRow;
  const n = Math.min(layout.pageCount, model.pageCount);
  const { role, content, writer, lastWriteFrame, exec, frame } = model;
  const { classOf, classPixel, rolePixel } = palette;
  const byContent = mode === 'content';
  if (flashing) flashing.length = 0;
  let classes = 0;
  let roles = 0;
  let flashCpu = false;
  let flashDma = false;
  let dmaSeen = false;
  let execSeen = false;
  if (marks) {
    marks.exec.length = 0;
    marks.dma.length = 0;
  }

  if (k === 1 && stripe === null) {
    // One flat pixel per page (the 1 GiB overview): no stripe, no marks, so `exec` is not read.
    acc.classes = acc.roles = 0;
    acc.flashCpu = acc.flashDma = acc.dmaSeen = false;
    for (let row = r0; row < r1; row++) {
      const rowBase = row * R;
      let o = (row - r0) * width;
      const pEnd = Math.min(rowBase + Math.min(c1, R), n);
      for (let p = rowBase + c0; p < pEnd; p++, o++) {
        fill[o] = flatPixel(model, palette, byContent, p);
        if (acc.flashing) {
          acc.flashing = false;
          flashing?.push(p);
        }
      }
      for (const oEnd = (row - r0 + 1) * width; o < oEnd; o++) fill[o] = BG;
    }
    classes = acc.classes;
    roles = acc.roles;
    flashCpu = acc.flashCpu;
    flashDma = acc.flashDma;
    dmaSeen = acc.dmaSeen;
  } else if (k === 1 && stripe !== null) {
    // Big pages: fill and stripe colours, and the pages that get an execution or DMA mark.
    for (let row = r0; row < r1; row++) {
      const rowBase = row * R;
      let o = (row - r0) * width;
      const pEnd = Math.min(rowBase + Math.min(c1, R), n);
      for (let p = rowBase + c0; p < pEnd; p++, o++) {
        const cls = classOf[content[p]];
        const r = role[p];
        classes |= 1 << cls;
        roles |= 1 << (r & 31);
        const cp = classPixel[cls];
        const rp = rolePixel[r];
        let f = byContent ? cp : rp;
        let st = byContent ? (r === 0 ? cp : rp) : cp;
        const w = writer[p];
        if (w !== 0) {
          const dma = w >= 2;
          if (dma) {
            dmaSeen = true;
            marks?.dma.push(p);
          }
          const age = frame - lastWriteFrame[p];
          if (age >= 0 && age < FLASH_FRAMES) {
            const t = flashStrength(age);
            const toward = dma ? DMA_FLASH_RGB : CPU_FLASH_RGB;
            f = blendPixel(f, toward, t);
            st = blendPixel(st, toward, t);
            if (dma) flashDma = true;
            else flashCpu = true;
            flashing?.push(p);
          }
        }
        if (exec[p] !== 0) {
          execSeen = true;
          marks?.exec.push(p);
        }
        fill[o] = f;
        stripe[o] = st;
      }
      for (const oEnd = (row - r0 + 1) * width; o < oEnd; o++) fill[o] = stripe[o] = BG;
    }
  } else {
    // Aggregate k x k blocks, one pixel each: the dominant class (or role); the freshest
    // write glows. (blockPixel below is this loop's body for one block, for dirty-cell
    // repaints; inlined here because a call per block costs the 1 GiB overview half again.)
    for (let row = r0; row < r1; row++) {
      let o = (row - r0) * width;
      for (let col = c0; col < c1; col++, o++) {
        let best = -1;
        let bestCount = 0;
        let nTouched = 0;
        let youngest = FLASH_FRAMES;
        let youngestDma = false;
        let youngestPage = -1;
        const yEnd = Math.min(layout.rows, row * k + k);
        const xEnd = Math.min(R, col * k + k);
        for (let y = row * k; y < yEnd; y++) {
          const pBase = y * R;
          for (let x = col * k; x < xEnd; x++) {
            const p = pBase + x;
            if (p >= n) break;
            const cls = classOf[content[p]];
            const r = role[p];
            classes |= 1 << cls;
            roles |= 1 << (r & 31);
            const key = byContent ? cls : r;
            if (key === best && nTouched === 1) {
              // Uniform so far (the common case): no counting needed.
              bestCount++;
            } else {
              if (nTouched === 1) counts[best] = bestCount;
              if (counts[key] === 0) touched[nTouched++] = key;
              const c = ++counts[key];
              if (c > bestCount) {
                bestCount = c;
                best = key;
              }
            }
            const w = writer[p];
            if (w !== 0) {
              if (w >= 2) dmaSeen = true;
              const age = frame - lastWriteFrame[p];
              if (age >= 0 && age < youngest) {
                youngest = age;
                youngestDma = w >= 2;
                youngestPage = p;
              }
            }
          }
        }
        for (let i = 0; i < nTouched; i++) counts[touched[i]] = 0;
        let px = BG;
        if (best >= 0) {
          px = byContent ? classPixel[best] : rolePixel[best];
          if (youngest < FLASH_FRAMES) {
            px = blendPixel(px, youngestDma ? DMA_FLASH_RGB : CPU_FLASH_RGB, flashStrength(youngest));
            if (youngestDma) flashDma = true;
            else flashCpu = true;
            flashing?.push(youngestPage);
          }
        }
        fill[o] = px;
      }
    }
  }
  pres.classes = classes;
  pres.roles = roles;
  pres.flashCpu = flashCpu;
  pres.flashDma = flashDma;
  pres.dmaWritten = dmaSeen;
  pres.exec = execSeen;
  return pres;
}

/**
 * What the last flatPixel/blockPixel calls saw, or-ed together (the caller resets it):
 * content classes and roles as bit sets, flashes, DMA-written pages; `flashing` and
 * `flashPage` describe the last cell alone.
 */
export const acc = {
  classes: 0,
  roles: 0,
  flashCpu: false,
  flashDma: false,
  dmaSeen: false,
  flashing: false,
  flashPage: -1,
};

/** The flat (unpatterned) pixel of page `p`, with its flash. */
export function flatPixel(model: PageModel, palette: Palette, byContent: boolean, p: number): number {
  const cls = palette.classOf[model.content[p]];
  const r = model.role[p];
  acc.classes |= 1 << cls;
  acc.roles |= 1 << (r & 31);
  let px = byContent ? palette.classPixel[cls] : palette.rolePixel[r];
  const w = model.writer[p];
  if (w !== 0) {
    const age = model.frame - model.lastWriteFrame[p];
    if (w >= 2) acc.dmaSeen = true;
    if (age >= 0 && age < FLASH_FRAMES) {
      px = blendPixel(px, w >= 2 ? DMA_FLASH_RGB : CPU_FLASH_RGB, flashStrength(age));
      if (w >= 2) acc.flashDma = true;
      else acc.flashCpu = true;
      acc.flashing = true;
      acc.flashPage = p;
    }
  }
  return px;
}

/** The pixel of the k x k block at grid cell (col, row): its dominant class or role, the freshest write glowing. */
export function blockPixel(
  model: PageModel,
  palette: Palette,
  layout: MapLayout,
  k: number,
  byContent: boolean,
  col: number,
  row: number,
): number {
  const { role, content, writer, lastWriteFrame, frame } = model;
  const { classOf, classPixel, rolePixel } = palette;
  const R = layout.pagesPerRow;
  const n = Math.min(layout.pageCount, model.pageCount);
  let classes = 0;
  let roles = 0;
  let best = -1;
  let bestCount = 0;
  let nTouched = 0;
  let youngest = FLASH_FRAMES;
  let youngestDma = false;
  let youngestPage = -1;
  const yEnd = Math.min(layout.rows, row * k + k);
  const xEnd = Math.min(R, col * k + k);
  for (let y = row * k; y < yEnd; y++) {
    const pBase = y * R;
    for (let x = col * k; x < xEnd; x++) {
      const p = pBase + x;
      if (p >= n) break;
      const cls = classOf[content[p]];
      const r = role[p];
      classes |= 1 << cls;
      roles |= 1 << (r & 31);
      const key = byContent ? cls : r;
      if (key === best && nTouched === 1) {
        // Uniform so far (the common case): no counting needed.
        bestCount++;
      } else {
        if (nTouched === 1) counts[best] = bestCount;
        if (counts[key] === 0) touched[nTouched++] = key;
        const c = ++counts[key];
        if (c > bestCount) {
          bestCount = c;
          best = key;
        }
      }
      const w = writer[p];
      if (w !== 0) {
        if (w >= 2) acc.dmaSeen = true;
        const age = frame - lastWriteFrame[p];
        if (age >= 0 && age < youngest) {
          youngest = age;
          youngestDma = w >= 2;
          youngestPage = p;
        }
      }
    }
  }
  for (let i = 0; i < nTouched; i++) counts[touched[i]] = 0;
  acc.classes |= classes;
  acc.roles |= roles;
  if (best < 0) return BG;
  let px = byContent ? classPixel[best] : rolePixel[best];
  if (youngest < FLASH_FRAMES) {
    px = blendPixel(px, youngestDma ? DMA_FLASH_RGB : CPU_FLASH_RGB, flashStrength(youngest));
    if (youngestDma) acc.flashDma = true;
    else acc.flashCpu = true;
    acc.flashing = true;
    acc.flashPage = youngestPage;
  }
  return px;
}
