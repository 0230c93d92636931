// The canvas side of the memory map, free of React: owns the view (zoom/pan),
// the cell-resolution pixel buffer and the 2D contexts, and paints a PageModel.
// Draws on a page's canvas or, in the map's paint worker (paint-worker.ts), on an
// OffscreenCanvas. Without a canvas (the page's side when the worker paints) or without
// a 2D context (tests, happy-dom) it still computes what is visible.

import type { PageModel } from '../../../workers/protocol/pages';
import {
  cellRect,
  centreOn,
  centrePage,
  chooseLayout,
  clampView,
  fitView,
  hitTest,
  panBy,
  visibleGrid,
  snapScale,
  zoomTo,
  MAX_SCALE,
  type Hit,
  type MapLayout,
  type View,
  type VisibleGrid,
} from './layout';
import {
  BACKGROUND_RGB,
  DMA_FLASH_RGB,
  EXEC_RGB,
  PC_OUTLINE_CSS,
  buildPalette,
  rgbToCss,
  type Palette,
} from './palette';

import type { Box } from './regions';
import { cellParts, isPatterned, renderCells, type ColourMode, type Marks, type Presence } from './render';
import { renderDirty, type DirtyReport, type PageChanges } from './render-dirty';

const BG_CSS = rgbToCss(BACKGROUND_RGB);
/**
 * Dirty-cell paints in a row before a full pass (wall clock, ms): the full pass drops
 * from the legend what has gone from the screen, which dirty paints only add to (a
 * full pass of the 1 GiB overview costs about 3 ms).
 */
const FULL_PASS_MS = 1000;
const EXEC_CSS = rgbToCss(EXEC_RGB);
const DMA_CSS = rgbToCss(DMA_FLASH_RGB);

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;

/** What the page's painter tells the paint worker's: canvas size and view, device pixels. */
export interface Geometry {
  width: number;
  height: number;
  dpr: number;
  view: View;
}

export function sameGeometry(a: Geometry | null, b: Geometry): boolean {
  return (
    a !== null &&
    a.width === b.width &&
    a.height === b.height &&
    a.dpr === b.dpr &&
    a.view.scale === b.view.scale &&
    a.view.ox === b.view.ox &&
    a.view.oy === b.view.oy
  );
}

export interface PaintResult {
  presence: Presence;
  pcVisible: boolean;
  /** Milliseconds spent in this paint (cells + blit). */
  ms: number;
}

export class MapPainter {
  private ctx: Ctx2D | null;
  private readonly fillLayer = new Layer();
  private readonly stripeLayer = new Layer();
  private readonly marks: Marks = { exec: [], dma: [] };
  private lastModel: PageModel | null = null;
  /** What the fill layer holds, for dirty-cell paints: drawn from what, when the last full pass ran. */
  private drawn: {
    model: PageModel;
    mode: ColourMode;
    palette: Palette;
    grid: VisibleGrid;
    at: number;
  } | null = null;
  private presence: Presence | null = null;
  /**
   * What the canvas shows besides the fill layer: the view, size, PC and focus rings it
   * was drawn with. A dirty-cell paint that changed no cell's colour, with these the
   * same, leaves the canvas alone: an untouched canvas is not composited again (a page
   * the idle kernel writes on every frame keeps the same full flash colour).
   */
  private shown = '';
  /** A page of every cell last drawn with a write flash. */
  private readonly flashing: number[] = [];
  /** The keyboard's target page, -1 for the centre. */
  private cursor = -1;
  private paletteKinds: unknown = null;
  private paletteLen = -1;
  palette: Palette = buildPalette([]);
  layout: MapLayout | null = null;
  view: View = { scale: 1, ox: 0, oy: 0 };
  /** The view shows all of RAM; a resize re-fits instead of keeping the old scale. */
  private atFit = true;
  /** The zoom asked for (device px per page), before snapping. */
  private level = 1;
  /** Device pixels. */
  width = 1;
  height = 1;
  dpr = 1;

  /** `canvas` null: geometry only (zoom, pan, hit tests); paint() still reports what is visible. */
  constructor(private readonly canvas: AnyCanvas | null) {
    let ctx: Ctx2D | null;
    try {
      ctx = (canvas?.getContext('2d', { alpha: false }) as Ctx2D | null | undefined) ?? null;
    } catch {
      ctx = null; // happy-dom and friends: no 2D context, DOM parts still work
    }
    this.ctx = ctx;
  }

  /** Canvas size and view, for a painter elsewhere to draw the same picture (setGeometry). */
  geometry(): Geometry {
    return { width: this.width, height: this.height, dpr: this.dpr, view: this.view };
  }

  /**
   * Takes another painter's size and view as they are (no re-fit, no re-centring): the
   * paint worker follows the page's painter, which owns zoom and pan.
   */
  setGeometry(g: Geometry, pageCount: number): void {
    this.dpr = g.dpr;
    this.width = g.width;
    this.height = g.height;
    this.sizeCanvas();
    this.layout = chooseLayout(pageCount, g.width, g.height);
    this.view = g.view;
  }

  /** Brings palette and layout up to date with `model` without painting (a geometry-only painter). */
  sync(model: PageModel): void {
    this.lastModel = model;
    this.ensure(model);
  }

  /** Sets the canvas size in CSS pixels; keeps the centre and scale when the layout stays the same. */
  resize(cssW: number, cssH: number, dpr: number, pageCount: number): void {
    this.dpr = dpr > 0 ? dpr : 1;
    const w = Math.max(1, Math.round(cssW * this.dpr));
    const h = Math.max(1, Math.round(cssH * this.dpr));
    // Keep the page at the centre where it was.
    this.view = {
      ...this.view,
      ox: this.view.ox + (w - this.width) / 2,
      oy: this.view.oy + (h - this.height) / 2,
    };
    this.width = w;
    this.height = h;
    this.sizeCanvas();
    this.relayout(pageCount, true);
  }

  /** The canvas's bitmap to width x height (setting it clears it, so only on a change). */
  private sizeCanvas(): void {
    if (this.canvas && this.canvas.width !== this.width) this.canvas.width = this.width;
    if (this.canvas && this.canvas.height !== this.height) this.canvas.height = this.height;
  }

  private relayout(pageCount: number, keepView: boolean): void {
    const next = chooseLayout(pageCount, this.width, this.height);
    const same =
      this.layout !== null &&
      this.layout.pageCount === next.pageCount &&
      this.layout.pagesPerRow === next.pagesPerRow;
    this.layout = next;
    if (same && keepView && !this.atFit) this.view = clampView(next, this.view, this.width, this.height);
    else this.fit();
  }

  private ensure(model: PageModel): MapLayout {
    if (model.contentKinds !== this.paletteKinds || model.contentKinds.length !== this.paletteLen) {
      this.palette = buildPalette(model.contentKinds);
      this.paletteKinds = model.contentKinds;
      this.paletteLen = model.contentKinds.length;
    }
    if (!this.layout || this.layout.pageCount !== model.pageCount) this.relayout(model.pageCount, false);
    return this.layout as MapLayout;
  }

  /**
   * Zooms by `factor` around (x, y). The wanted zoom is kept unsnapped in
   * `level`, so small wheel steps add up even though the drawn scale snaps.
   */
  zoom(factor: number, x = this.width / 2, y = this.height / 2): void {
    if (!this.layout) return;
    const fit = fitView(this.layout, this.width, this.height).scale;
    this.level = Math.min(Math.max(this.level * factor, fit), Math.max(MAX_SCALE, fit));
    this.view = zoomTo(this.layout, this.view, this.level, x, y, this.width, this.height);
    this.atFit = this.view.scale <= fit;
  }

  pan(dx: number, dy: number): void {
    this.cursor = -1;
    if (!this.layout || this.atFit) return;
    this.view = panBy(this.layout, this.view, dx, dy, this.width, this.height);
  }

  fit(): void {
    if (!this.layout) return;
    this.view = fitView(this.layout, this.width, this.height);
    this.level = this.view.scale;
    this.atFit = true;
  }

  /**
   * Centres `page` (as far as the map allows), zooming in first so that a page
   * is at least `minCssPx` CSS pixels wide, and makes it the keyboard's target.
   */
  /** The page the keyboard acts on: the cursor when it is on screen, else the centre page. */
  targetPage(): number {
    if (this.cursor >= 0 && this.layout && this.cursor < this.layout.pageCount) {
      const r = cellRect(this.layout, this.view, this.cursor);
      if (r.x >= 0 && r.y >= 0 && r.x + r.w <= this.width && r.y + r.h <= this.height) return this.cursor;
    }
    return this.centrePage();
  }

  /** Makes `page` the keyboard's target (cleared by panning). */
  setCursor(page: number): void {
    this.cursor = page;
  }

  centreOn(page: number, minCssPx = 0): void {
    if (!this.layout) return;
    const scale = snapScale(Math.max(this.view.scale, minCssPx * this.dpr));
    const zoomed = clampView(this.layout, { ...this.view, scale }, this.width, this.height);
    this.view = centreOn(this.layout, zoomed, page, this.width, this.height);
    this.cursor = page;
    this.level = this.view.scale;
    this.atFit = this.view.scale <= fitView(this.layout, this.width, this.height).scale;
  }

  /** The PC's page as a CSS-pixel box (with its outline's margin), for labels to avoid. */
  pcBox(): Box[] {
    const m = this.lastModel;
    if (!this.layout || !m || m.pcPage < 0 || m.pcPage >= m.pageCount) return [];
    const r = cellRect(this.layout, this.view, m.pcPage);
    const pad = 8 * this.dpr;
    const d = this.dpr;
    return [
      { x0: (r.x - pad) / d, y0: (r.y - pad) / d, x1: (r.x + r.w + pad) / d, y1: (r.y + r.h + pad) / d },
    ];
  }

  /** Centre of a page's cell in CSS pixels. */
  pageCentreCss(page: number): { x: number; y: number } | null {
    if (!this.layout) return null;
    const r = cellRect(this.layout, this.view, page);
    return { x: (r.x + r.w / 2) / this.dpr, y: (r.y + r.h / 2) / this.dpr };
  }

  /** Hit test at CSS pixel coordinates relative to the canvas. */
  hit(cssX: number, cssY: number): Hit | null {
    if (!this.layout) return null;
    return hitTest(this.layout, this.view, cssX * this.dpr, cssY * this.dpr);
  }

  centrePage(): number {
    return this.layout ? centrePage(this.layout, this.view, this.width, this.height) : 0;
  }

  /** Pages per aggregate cell side at the current zoom (1 = one page per cell). */
  blockSide(): number {
    return this.layout ? visibleGrid(this.layout, this.view, this.width, this.height).k : 1;
  }

  /**
   * Paints `model`. With `changes` (the pages touched since the last paint) an
   * unpatterned view of the same model, mode, palette and grid repaints only the cells
   * those pages and the fading flashes are in; anything else is a full pass.
   */
  paint(
    model: PageModel,
    mode: ColourMode,
    focusPage: number,
    changes: PageChanges | null = null,
  ): PaintResult {
    const t0 = performance.now();
    this.lastModel = model;
    const layout = this.ensure(model);
    const grid = visibleGrid(layout, this.view, this.width, this.height);
    const patterned = isPatterned(grid.cellPx, grid.k);
    const bw = Math.max(1, grid.c1 - grid.c0);
    const bh = Math.max(1, grid.r1 - grid.r0);
    this.fillLayer.ensure(bw, bh, this.ctx !== null);
    if (patterned) this.stripeLayer.ensure(bw, bh, this.ctx !== null);
    const d = this.drawn;
    let presence: Presence;
    let cellsChanged = true;
    if (
      changes &&
      !changes.all &&
      !patterned &&
      d !== null &&
      this.presence !== null &&
      d.model === model &&
      d.mode === mode &&
      d.palette === this.palette &&
      sameGrid(d.grid, grid) &&
      t0 - d.at < FULL_PASS_MS
    ) {
      presence = renderDirty(
        model,
        this.palette,
        layout,
        grid,
        mode,
        this.fillLayer.pixels,
        changes,
        this.flashing,
        this.presence,
        dirtyReport,
      );
      cellsChanged = dirtyReport.changedCells > 0;
    } else {
      presence = renderCells(
        model,
        this.palette,
        layout,
        grid,
        mode,
        this.fillLayer.pixels,
        patterned ? this.stripeLayer.pixels : null,
        patterned ? this.marks : null,
        this.flashing,
      );
      this.drawn = { model, mode, palette: this.palette, grid, at: t0 };
    }
    this.presence = presence;
    const pc = model.pcPage;
    let pcVisible = false;
    if (pc >= 0 && pc < model.pageCount) {
      const r = cellRect(layout, this.view, pc);
      pcVisible = r.x + r.w > 0 && r.y + r.h > 0 && r.x < this.width && r.y < this.height;
    }
    const ctx = this.ctx;
    const v = this.view;
    const shown = `${this.width}x${this.height} ${v.scale} ${v.ox} ${v.oy} ${pcVisible ? pc : -1} ${focusPage}`;
    if (ctx && (cellsChanged || shown !== this.shown)) {
      this.shown = shown;
      const c = grid.cellPx;
      const dx = this.view.ox + grid.c0 * c;
      const dy = this.view.oy + grid.r0 * c;
      const dw = bw * c;
      const dh = bh * c;
      ctx.fillStyle = BG_CSS;
      ctx.fillRect(0, 0, this.width, this.height);
      ctx.imageSmoothingEnabled = false;
      this.fillLayer.blit(ctx, dx, dy, dw, dh);
      if (patterned) this.drawPattern(ctx, layout, grid, dx, dy, dw, dh);
      if (pcVisible) this.outline(ctx, layout, pc, PC_OUTLINE_CSS, []);
      if (focusPage >= 0) this.outline(ctx, layout, focusPage, '#ffe14d', [4 * this.dpr, 3 * this.dpr]);
    }
    return { presence, pcVisible, ms: performance.now() - t0 };
  }

  /**
   * The pattern of big pages, drawn by the canvas rather than per pixel: the
   * stripe layer through one clip of horizontal bands, the gaps as one path of
   * lines, the execution and DMA marks as one path each.
   */
  private drawPattern(
    ctx: Ctx2D,
    layout: MapLayout,
    grid: VisibleGrid,
    dx: number,
    dy: number,
    dw: number,
    dh: number,
  ): void {
    const c = grid.cellPx;
    const { gap, stripe, mark } = cellParts(c);
    ctx.save();
    ctx.beginPath();
    for (let r = grid.r0; r < grid.r1; r++) {
      const y = this.view.oy + r * c;
      ctx.rect(dx, y + c - gap - stripe, dw, stripe);
    }
    ctx.clip();
    this.stripeLayer.blit(ctx, dx, dy, dw, dh);
    ctx.restore();

    ctx.fillStyle = BG_CSS;
    ctx.beginPath();
    for (let r = grid.r0; r < grid.r1; r++) ctx.rect(dx, this.view.oy + (r + 1) * c - gap, dw, gap);
    for (let col = grid.c0; col < grid.c1; col++) ctx.rect(this.view.ox + (col + 1) * c - gap, dy, gap, dh);
    ctx.fill();

    const R = layout.pagesPerRow;
    const markPath = (pages: number[], css: string, right: boolean): void => {
      if (pages.length === 0) return;
      ctx.fillStyle = css;
      ctx.beginPath();
      for (const p of pages) {
        const x = this.view.ox + (p % R) * c + (right ? c - gap - mark : 0);
        const y = this.view.oy + Math.floor(p / R) * c;
        ctx.rect(x, y, mark, mark);
      }
      ctx.fill();
    };
    markPath(this.marks.exec, EXEC_CSS, false);
    markPath(this.marks.dma, DMA_CSS, true);
  }

  /** A ring around a page's cell, at least 10 CSS px across so a 1-pixel page is still findable. */
  private outline(ctx: Ctx2D, layout: MapLayout, page: number, css: string, dash: number[]): void {
    const r = cellRect(layout, this.view, page);
    const min = 10 * this.dpr;
    const w = Math.max(r.w, min);
    const h = Math.max(r.h, min);
    const x = r.x + r.w / 2 - w / 2;
    const y = r.y + r.h / 2 - h / 2;
    const lw = Math.max(1, Math.round(this.dpr * 1.5));
    ctx.setLineDash(dash);
    ctx.lineWidth = lw * 3;
    ctx.strokeStyle = '#000000';
    ctx.strokeRect(x - lw, y - lw, w + 2 * lw, h + 2 * lw);
    ctx.lineWidth = lw;
    ctx.strokeStyle = css;
    ctx.strokeRect(x - lw, y - lw, w + 2 * lw, h + 2 * lw);
    ctx.setLineDash([]);
  }
}

/** A pixel buffer at cell resolution and the offscreen canvas it is blitted through. */
class Layer {
  pixels = new Uint32Array(1);
  private w = 0;
  private h = 0;
  private image: ImageData | null = null;
  private canvas: AnyCanvas | null = null;
  private ctx: Ctx2D | null = null;

  ensure(w: number, h: number, drawable: boolean): void {
    if (w === this.w && h === this.h && (this.image !== null) === drawable) return;
    this.w = w;
    this.h = h;
    if (!drawable) {
      this.pixels = new Uint32Array(w * h);
      this.image = null;
      return;
    }
    if (!this.canvas) {
      // a worker has no document; the page gets the same from either
      this.canvas =
        typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(w, h) : document.createElement('canvas');
      this.ctx = this.canvas.getContext('2d') as Ctx2D | null;
    }
    this.canvas.width = w;
    this.canvas.height = h;
    const bytes = new Uint8ClampedArray(w * h * 4);
    this.image = new ImageData(bytes, w, h);
    this.pixels = new Uint32Array(bytes.buffer);
  }

  /** Scales the layer onto `ctx` (nearest neighbour) at the destination rectangle. */
  blit(ctx: Ctx2D, dx: number, dy: number, dw: number, dh: number): void {
    if (!this.image || !this.ctx || !this.canvas) return;
    this.ctx.putImageData(this.image, 0, 0);
    ctx.drawImage(this.canvas, 0, 0, this.w, this.h, dx, dy, dw, dh);
  }
}

const dirtyReport: DirtyReport = { changedCells: 0 };

function sameGrid(a: VisibleGrid, b: VisibleGrid): boolean {
  return (
    a.k === b.k && a.cellPx === b.cellPx && a.c0 === b.c0 && a.c1 === b.c1 && a.r0 === b.r0 && a.r1 === b.r1
  );
}
