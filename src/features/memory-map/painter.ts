// The canvas side of the memory map, free of React: owns the view (zoom/pan),
// the cell-resolution pixel buffer and the 2D contexts, and paints a PageModel.
// Works without a 2D context (tests, happy-dom): it still computes what is visible.

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
} from './layout';
import { BACKGROUND_RGB, PC_OUTLINE_CSS, buildPalette, rgbToCss, type Palette } from './palette';
import { renderCells, subcellSize, type ColourMode, type Presence } from './render';

type Ctx2D = CanvasRenderingContext2D;

export interface PaintResult {
  presence: Presence;
  pcVisible: boolean;
  /** Milliseconds spent in this paint (cells + blit). */
  ms: number;
}

export class MapPainter {
  private ctx: Ctx2D | null;
  private buffer: HTMLCanvasElement | null = null;
  private bufferCtx: Ctx2D | null = null;
  private image: ImageData | null = null;
  private pixels = new Uint32Array(0);
  private pixelsW = 0;
  private pixelsH = 0;
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

  constructor(private readonly canvas: HTMLCanvasElement) {
    let ctx: Ctx2D | null;
    try {
      ctx = canvas.getContext('2d', { alpha: false });
    } catch {
      ctx = null; // happy-dom and friends: no 2D context, DOM parts still work
    }
    this.ctx = ctx;
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
    if (this.canvas.width !== this.width) this.canvas.width = this.width;
    if (this.canvas.height !== this.height) this.canvas.height = this.height;
    this.relayout(pageCount, true);
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
    if (!this.layout || this.atFit) return;
    this.view = panBy(this.layout, this.view, dx, dy, this.width, this.height);
  }

  fit(): void {
    if (!this.layout) return;
    this.view = fitView(this.layout, this.width, this.height);
    this.level = this.view.scale;
    this.atFit = true;
  }

  /** Centres `page`, zooming in first so that a page is at least `minCssPx` CSS pixels wide. */
  centreOn(page: number, minCssPx = 0): void {
    if (!this.layout) return;
    const scale = snapScale(Math.max(this.view.scale, minCssPx * this.dpr));
    const zoomed = clampView(this.layout, { ...this.view, scale }, this.width, this.height);
    this.view = centreOn(this.layout, zoomed, page, this.width, this.height);
    this.level = this.view.scale;
    this.atFit = this.view.scale <= fitView(this.layout, this.width, this.height).scale;
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

  paint(model: PageModel, mode: ColourMode, focusPage: number): PaintResult {
    const t0 = performance.now();
    const layout = this.ensure(model);
    const grid = visibleGrid(layout, this.view, this.width, this.height);
    const s = subcellSize(grid.cellPx, grid.k);
    const bw = Math.max(1, (grid.c1 - grid.c0) * s);
    const bh = Math.max(1, (grid.r1 - grid.r0) * s);
    if (bw !== this.pixelsW || bh !== this.pixelsH) this.allocate(bw, bh);
    const presence = renderCells(model, this.palette, layout, grid, mode, s, this.pixels);
    const pc = model.pcPage;
    let pcVisible = false;
    if (pc >= 0 && pc < model.pageCount) {
      const r = cellRect(layout, this.view, pc);
      pcVisible = r.x + r.w > 0 && r.y + r.h > 0 && r.x < this.width && r.y < this.height;
    }
    const ctx = this.ctx;
    if (ctx && this.image && this.bufferCtx && this.buffer) {
      ctx.fillStyle = rgbToCss(BACKGROUND_RGB);
      ctx.fillRect(0, 0, this.width, this.height);
      this.bufferCtx.putImageData(this.image, 0, 0);
      ctx.imageSmoothingEnabled = false;
      const cx = this.view.ox + grid.c0 * grid.cellPx;
      const cy = this.view.oy + grid.r0 * grid.cellPx;
      ctx.drawImage(
        this.buffer,
        0,
        0,
        bw,
        bh,
        cx,
        cy,
        (grid.c1 - grid.c0) * grid.cellPx,
        (grid.r1 - grid.r0) * grid.cellPx,
      );
      if (pcVisible) this.outline(ctx, layout, pc, PC_OUTLINE_CSS, []);
      if (focusPage >= 0) this.outline(ctx, layout, focusPage, '#ffe14d', [4 * this.dpr, 3 * this.dpr]);
    }
    return { presence, pcVisible, ms: performance.now() - t0 };
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

  private allocate(bw: number, bh: number): void {
    this.pixelsW = bw;
    this.pixelsH = bh;
    if (!this.ctx) {
      this.pixels = new Uint32Array(bw * bh);
      return;
    }
    if (!this.buffer) {
      this.buffer = document.createElement('canvas');
      this.bufferCtx = this.buffer.getContext('2d');
    }
    this.buffer.width = bw;
    this.buffer.height = bh;
    const bytes = new Uint8ClampedArray(bw * bh * 4);
    this.image = new ImageData(bytes, bw, bh);
    this.pixels = new Uint32Array(bytes.buffer);
  }
}
