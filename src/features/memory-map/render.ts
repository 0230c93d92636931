// Paints the visible cells of the map into a pixel buffer at cell resolution
// (S x S buffer pixels per cell), which the component scales onto the canvas.
// Pure: reads the PageModel, writes a Uint32Array of ImageData pixels, and
// reports what it drew so the legend lists only what is on screen.

import type { PageModel } from '../../../workers/protocol/pages';
import type { MapLayout, VisibleGrid } from './layout';
import {
  BACKGROUND_RGB,
  CPU_FLASH_RGB,
  DMA_FLASH_RGB,
  EXEC_RGB,
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

/** Sub-cell pattern codes. */
const GAP = 0;
const FILL = 1;
const STRIPE = 2;
const EXEC_MARK = 3;
const DMA_MARK = 4;

/**
 * Buffer pixels per cell side for a cell of `cellPx` device pixels. Aggregate
 * cells and small pages get one flat pixel; bigger pages get a pattern with a
 * role stripe, an execution mark, a DMA mark and a one-pixel gap. The view
 * snaps page sizes (layout.snapScale) so that S divides the cell evenly.
 */
export function subcellSize(cellPx: number, k: number): number {
  if (k > 1 || cellPx < 5) return 1;
  const px = Math.round(cellPx);
  if (px < 8) return px;
  return px % 8 === 0 ? 8 : px % 4 === 0 ? 4 : px % 6 === 0 ? 6 : px % 5 === 0 ? 5 : px % 7 === 0 ? 7 : 8;
}

/**
 * The sub-cell pattern: fill on top (with the execution mark top-left and the
 * DMA mark top-right), the role stripe below it, a gap on the right and bottom.
 * s = 8: rows 0-4 fill, rows 5-6 stripe, row 7 gap, 2 x 2 marks.
 */
function makePattern(s: number): Uint8Array {
  const p = new Uint8Array(s * s);
  if (s === 1) {
    p[0] = FILL;
    return p;
  }
  const stripeRows = s >= 7 ? 2 : 1;
  const stripeFrom = s - 1 - stripeRows;
  const mark = s >= 7 ? 2 : 1;
  for (let y = 0; y < s; y++) {
    for (let x = 0; x < s; x++) {
      let code = FILL;
      if (x === s - 1 || y === s - 1) code = GAP;
      else if (y >= stripeFrom) code = STRIPE;
      else if (y < mark && x < mark) code = EXEC_MARK;
      else if (y < mark && x >= s - 1 - mark) code = DMA_MARK;
      p[y * s + x] = code;
    }
  }
  return p;
}

const PATTERNS = new Map<number, Uint8Array>();
function pattern(s: number): Uint8Array {
  let p = PATTERNS.get(s);
  if (!p) {
    p = makePattern(s);
    PATTERNS.set(s, p);
  }
  return p;
}

const BG = toPixel(BACKGROUND_RGB);
const EXEC_PIXEL = toPixel(EXEC_RGB);
const DMA_PIXEL = toPixel(DMA_FLASH_RGB);
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
// Per-cell colour table indexed by pattern code.
const table = new Uint32Array(5);

/**
 * Renders grid cells [c0, c1) x [r0, r1) into `out` (width (c1 - c0) * s,
 * row-major). Returns what became visible. Hot loop: one pass over the
 * visible pages, typed-array lookups only, no allocation.
 */
export function renderCells(
  model: PageModel,
  palette: Palette,
  layout: MapLayout,
  grid: VisibleGrid,
  mode: ColourMode,
  s: number,
  out: Uint32Array,
): Presence {
  const pres = emptyPresence();
  const { k, c0, c1, r0, r1 } = grid;
  const width = (c1 - c0) * s;
  const R = layout.pagesPerRow;
  const n = Math.min(layout.pageCount, model.pageCount);
  const { role, content, writer, lastWriteFrame, exec, frame } = model;
  const { classOf, classPixel, rolePixel } = palette;
  const byContent = mode === 'content';
  const pat = pattern(s);
  const ss = s * s;
  let classes = 0;
  let roles = 0;
  let flashCpu = false;
  let flashDma = false;
  let dmaSeen = false;
  let execSeen = false;

  if (k === 1 && s === 1) {
    // One pixel per page: the 1 GiB overview.
    for (let row = r0; row < r1; row++) {
      const rowBase = row * R;
      let o = (row - r0) * width;
      const pEnd = Math.min(rowBase + Math.min(c1, R), n);
      let p = rowBase + c0;
      for (; p < pEnd; p++, o++) {
        const cls = classOf[content[p]];
        const r = role[p];
        classes |= 1 << cls;
        roles |= 1 << (r & 31);
        let px = byContent ? classPixel[cls] : rolePixel[r];
        const w = writer[p];
        if (w !== 0) {
          const age = frame - lastWriteFrame[p];
          if (w >= 2) dmaSeen = true;
          if (age >= 0 && age < FLASH_FRAMES) {
            px = blendPixel(px, w >= 2 ? DMA_FLASH_RGB : CPU_FLASH_RGB, flashStrength(age));
            if (w >= 2) flashDma = true;
            else flashCpu = true;
          }
        }
        if (exec[p] !== 0) execSeen = true;
        out[o] = px;
      }
      for (const oEnd = (row - r0 + 1) * width; o < oEnd; o++) out[o] = BG;
    }
  } else if (k === 1) {
    // Patterned pages: fill, role stripe, marks, gap.
    table[GAP] = BG;
    for (let row = r0; row < r1; row++) {
      for (let col = c0; col < c1; col++) {
        const p = row * R + col;
        let base = (row - r0) * s * width + (col - c0) * s;
        if (p >= n || col >= R) {
          for (let y = 0; y < s; y++, base += width) out.fill(BG, base, base + s);
          continue;
        }
        const cls = classOf[content[p]];
        const r = role[p];
        classes |= 1 << cls;
        roles |= 1 << (r & 31);
        const cp = classPixel[cls];
        const rp = rolePixel[r];
        let fill = byContent ? cp : rp;
        let stripe = byContent ? (r === 0 ? cp : rp) : cp;
        const w = writer[p];
        const dma = w >= 2;
        if (w !== 0) {
          if (dma) dmaSeen = true;
          const age = frame - lastWriteFrame[p];
          if (age >= 0 && age < FLASH_FRAMES) {
            const t = flashStrength(age);
            const toward = dma ? DMA_FLASH_RGB : CPU_FLASH_RGB;
            fill = blendPixel(fill, toward, t);
            stripe = blendPixel(stripe, toward, t);
            if (dma) flashDma = true;
            else flashCpu = true;
          }
        }
        const ex = exec[p] !== 0;
        if (ex) execSeen = true;
        table[FILL] = fill;
        table[STRIPE] = stripe;
        table[EXEC_MARK] = ex ? EXEC_PIXEL : fill;
        table[DMA_MARK] = dma ? DMA_PIXEL : fill;
        for (let i = 0; i < ss; i += s, base += width) {
          for (let x = 0; x < s; x++) out[base + x] = table[pat[i + x]];
        }
      }
    }
  } else {
    // Aggregate k x k blocks, one pixel each: the dominant class (or role); the freshest write glows.
    for (let row = r0; row < r1; row++) {
      let o = (row - r0) * width;
      for (let col = c0; col < c1; col++, o++) {
        let best = -1;
        let bestCount = 0;
        let nTouched = 0;
        let youngest = FLASH_FRAMES;
        let youngestDma = false;
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
              }
            }
            if (exec[p] !== 0) execSeen = true;
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
          }
        }
        out[o] = px;
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

export { DMA_MARK, EXEC_MARK, FILL, GAP, STRIPE, pattern as cellPattern };
