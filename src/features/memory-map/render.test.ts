import { describe, expect, it } from 'vitest';
import type { MapLayout, VisibleGrid } from './layout';
import {
  ContentClassId,
  DMA_FLASH_RGB,
  FLASH_FRAMES,
  buildPalette,
  pixelToRgb,
  toPixel,
  ROLE_RGB,
} from './palette';
import { cellPattern, EXEC_MARK, FILL, GAP, STRIPE, flashStrength, renderCells, subcellSize } from './render';
import { FAKE_KINDS, KERNEL_PAGE, fakeMachine, relocateStep } from './fake-model';

const palette = buildPalette(FAKE_KINDS);

/** A grid of the whole map at k pages per cell side, with 64 pages a row. */
function wholeGrid(layout: MapLayout, k: number): VisibleGrid {
  const cols = Math.ceil(layout.pagesPerRow / k);
  const cellRows = Math.ceil(layout.rows / k);
  return { k, cellPx: 1, cols, cellRows, c0: 0, c1: cols, r0: 0, r1: cellRows };
}

function pixelAt(out: Uint32Array, grid: VisibleGrid, page: number, layout: MapLayout): number {
  const col = Math.floor((page % layout.pagesPerRow) / grid.k);
  const row = Math.floor(Math.floor(page / layout.pagesPerRow) / grid.k);
  return out[(row - grid.r0) * (grid.c1 - grid.c0) + (col - grid.c0)];
}

describe('renderCells', () => {
  const fm = fakeMachine(16);
  const layout: MapLayout = { pageCount: 4096, pagesPerRow: 64, rows: 64 };

  it('fills each page with its content colour, or its role colour in role mode', () => {
    const grid = wholeGrid(layout, 1);
    const out = new Uint32Array(64 * 64);
    const pres = renderCells(fm.model, palette, layout, grid, 'content', 1, out);
    const text = palette.classPixel[ContentClassId.OldText];
    expect(pixelAt(out, grid, KERNEL_PAGE + 5, layout)).toBe(text);
    expect(pixelAt(out, grid, 10, layout)).toBe(palette.classPixel[ContentClassId.Firmware]);
    expect(pres.classes & (1 << ContentClassId.OldText)).not.toBe(0);
    expect(pres.classes & (1 << ContentClassId.NewText)).not.toBe(0); // staged source pages
    expect(pres.roles & (1 << 11)).not.toBe(0);
    expect(pres.dmaWritten).toBe(true);
    renderCells(fm.model, palette, layout, grid, 'role', 1, out);
    expect(pixelToRgb(pixelAt(out, grid, KERNEL_PAGE + 5, layout))).toBe(ROLE_RGB[11]);
  });

  it('flashes written pages and fades them by frame count to the new content', () => {
    const m = fakeMachine(16);
    const grid = wholeGrid(layout, 1);
    const out = new Uint32Array(64 * 64);
    let done = relocateStep(m, 0, 8);
    expect(done).toBe(8);
    let pres = renderCells(m.model, palette, layout, grid, 'content', 1, out);
    const newText = palette.classPixel[ContentClassId.NewText];
    const fresh = pixelAt(out, grid, KERNEL_PAGE, layout);
    expect(fresh).not.toBe(newText);
    // Brighter than the base colour: blended toward white.
    expect(fresh & 0xff).toBeGreaterThan(newText & 0xff);
    expect(pres.flashCpu).toBe(true);
    // Not yet copied: still the old kernel.
    expect(pixelAt(out, grid, KERNEL_PAGE + 8, layout)).toBe(palette.classPixel[ContentClassId.OldText]);
    for (let i = 0; i < FLASH_FRAMES; i++) done = relocateStep(m, done, 0);
    pres = renderCells(m.model, palette, layout, grid, 'content', 1, out);
    expect(pixelAt(out, grid, KERNEL_PAGE, layout)).toBe(newText);
    expect(pres.flashCpu).toBe(false);
    // DMA keeps writing: its glow is magenta, not white.
    expect(pres.flashDma).toBe(true);
    const rx = m.dmaPage + (m.model.frame % 32);
    const dma = pixelToRgb(pixelAt(out, grid, rx, layout));
    expect(dma & 0xff).toBeGreaterThan((dma >> 8) & 0xff); // blue over green, like DMA_FLASH_RGB
    expect(DMA_FLASH_RGB & 0xff).toBeGreaterThan((DMA_FLASH_RGB >> 8) & 0xff);
  });

  it('fades linearly over FLASH_FRAMES frames', () => {
    expect(flashStrength(0)).toBeGreaterThan(flashStrength(1));
    expect(flashStrength(FLASH_FRAMES)).toBe(0);
    expect(flashStrength(-1)).toBe(0);
  });

  it('aggregates blocks by the dominant content and lets a fresh write glow', () => {
    const m = fakeMachine(16);
    const grid = wholeGrid(layout, 4);
    const out = new Uint32Array(16 * 16);
    renderCells(m.model, palette, layout, grid, 'content', 1, out);
    // Block holding pages 0x400.. (rows 16-19, cols 0-3): all old kernel text.
    expect(pixelAt(out, grid, KERNEL_PAGE, layout)).toBe(palette.classPixel[ContentClassId.OldText]);
    // A mixed block: 4 of its 16 pages hold kernel text, 12 are zero -> zero wins.
    m.model.content.fill(4, 64 * 60, 64 * 60 + 4);
    renderCells(m.model, palette, layout, grid, 'content', 1, out);
    expect(pixelAt(out, grid, 64 * 60, layout)).toBe(palette.classPixel[ContentClassId.Zero]);
    m.model.writer[64 * 61 + 1] = 1;
    m.model.lastWriteFrame[64 * 61 + 1] = m.model.frame;
    const pres = renderCells(m.model, palette, layout, grid, 'content', 1, out);
    expect(pixelAt(out, grid, 64 * 60, layout)).not.toBe(palette.classPixel[ContentClassId.Zero]);
    expect(pres.flashCpu).toBe(true);
  });

  it('draws big pages with a role stripe, a gap and an execution mark', () => {
    expect(subcellSize(3, 1)).toBe(1);
    expect(subcellSize(6, 1)).toBe(6);
    expect(subcellSize(16, 1)).toBe(8);
    expect(subcellSize(20, 1)).toBe(4);
    expect(subcellSize(20, 2)).toBe(1);
    expect(cellPattern(6)[4 * 6 + 2]).toBe(STRIPE);
    expect(cellPattern(6)[5 * 6 + 2]).toBe(GAP);
    const pat = cellPattern(8);
    expect(pat[7 * 8 + 3]).toBe(GAP);
    expect(pat[5 * 8 + 3]).toBe(STRIPE);
    expect(pat[2 * 8 + 3]).toBe(FILL);
    expect(pat[0]).toBe(EXEC_MARK);

    const m = fakeMachine(16);
    const pc = m.model.pcPage;
    const col = pc % 64;
    const row = Math.floor(pc / 64);
    const grid: VisibleGrid = {
      k: 1,
      cellPx: 20,
      cols: 64,
      cellRows: 64,
      c0: col,
      c1: col + 1,
      r0: row,
      r1: row + 1,
    };
    const out = new Uint32Array(64);
    renderCells(m.model, palette, layout, grid, 'content', 8, out);
    expect(out[3 * 8 + 3]).toBe(palette.classPixel[ContentClassId.OldText]);
    expect(pixelToRgb(out[5 * 8 + 3])).toBe(ROLE_RGB[11]); // destination stripe
    expect(out[0]).toBe(toPixel(0xffe14d)); // executing
    expect(out[7 * 8]).not.toBe(out[3 * 8 + 3]);
  });
});
