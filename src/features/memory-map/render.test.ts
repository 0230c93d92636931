import { describe, expect, it } from 'vitest';
import type { MapLayout, VisibleGrid } from './layout';
import { ContentClassId, DMA_FLASH_RGB, FLASH_FRAMES, buildPalette, pixelToRgb, ROLE_RGB } from './palette';
import { cellParts, flashStrength, isPatterned, renderCells } from './render';
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
    const pres = renderCells(fm.model, palette, layout, grid, 'content', out);
    const text = palette.classPixel[ContentClassId.OldText];
    expect(pixelAt(out, grid, KERNEL_PAGE + 5, layout)).toBe(text);
    expect(pixelAt(out, grid, 10, layout)).toBe(palette.classPixel[ContentClassId.Firmware]);
    expect(pres.classes & (1 << ContentClassId.OldText)).not.toBe(0);
    expect(pres.classes & (1 << ContentClassId.NewText)).not.toBe(0); // staged source pages
    expect(pres.roles & (1 << 11)).not.toBe(0);
    expect(pres.dmaWritten).toBe(true);
    renderCells(fm.model, palette, layout, grid, 'role', out);
    expect(pixelToRgb(pixelAt(out, grid, KERNEL_PAGE + 5, layout))).toBe(ROLE_RGB[11]);
  });

  it('flashes written pages and fades them by frame count to the new content', () => {
    const m = fakeMachine(16);
    const grid = wholeGrid(layout, 1);
    const out = new Uint32Array(64 * 64);
    let done = relocateStep(m, 0, 8);
    expect(done).toBe(8);
    let pres = renderCells(m.model, palette, layout, grid, 'content', out);
    const newText = palette.classPixel[ContentClassId.NewText];
    const fresh = pixelAt(out, grid, KERNEL_PAGE, layout);
    expect(fresh).not.toBe(newText);
    // Brighter than the base colour: blended toward white.
    expect(fresh & 0xff).toBeGreaterThan(newText & 0xff);
    expect(pres.flashCpu).toBe(true);
    // Not yet copied: still the old kernel.
    expect(pixelAt(out, grid, KERNEL_PAGE + 8, layout)).toBe(palette.classPixel[ContentClassId.OldText]);
    for (let i = 0; i < FLASH_FRAMES; i++) done = relocateStep(m, done, 0);
    pres = renderCells(m.model, palette, layout, grid, 'content', out);
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
    renderCells(m.model, palette, layout, grid, 'content', out);
    // Block holding pages 0x400.. (rows 16-19, cols 0-3): all old kernel text.
    expect(pixelAt(out, grid, KERNEL_PAGE, layout)).toBe(palette.classPixel[ContentClassId.OldText]);
    // A mixed block: 4 of its 16 pages hold kernel text, 12 are zero -> zero wins.
    m.model.content.fill(4, 64 * 60, 64 * 60 + 4);
    renderCells(m.model, palette, layout, grid, 'content', out);
    expect(pixelAt(out, grid, 64 * 60, layout)).toBe(palette.classPixel[ContentClassId.Zero]);
    m.model.writer[64 * 61 + 1] = 1;
    m.model.lastWriteFrame[64 * 61 + 1] = m.model.frame;
    const pres = renderCells(m.model, palette, layout, grid, 'content', out);
    expect(pixelAt(out, grid, 64 * 60, layout)).not.toBe(palette.classPixel[ContentClassId.Zero]);
    expect(pres.flashCpu).toBe(true);
  });

  it('gives big pages a stripe colour and lists the pages to mark', () => {
    expect(isPatterned(4, 1)).toBe(false);
    expect(isPatterned(6, 1)).toBe(true);
    expect(isPatterned(6, 2)).toBe(false);
    expect(cellParts(5)).toEqual({ gap: 1, stripe: 1, mark: 1 });
    const big = cellParts(40);
    expect(big.gap + big.stripe + big.mark).toBeLessThan(40);

    const m = fakeMachine(16);
    const grid = wholeGrid(layout, 1);
    const fill = new Uint32Array(64 * 64);
    const stripe = new Uint32Array(64 * 64);
    const marks = { exec: [7], dma: [] as number[] };
    const pres = renderCells(m.model, palette, layout, grid, 'content', fill, stripe, marks);
    const k = KERNEL_PAGE + 3;
    expect(pixelAt(fill, grid, k, layout)).toBe(palette.classPixel[ContentClassId.OldText]);
    expect(pixelToRgb(pixelAt(stripe, grid, k, layout))).toBe(ROLE_RGB[11]); // destination
    // A free page has no stripe of its own: the stripe is its fill.
    expect(pixelAt(stripe, grid, 4000, layout)).toBe(pixelAt(fill, grid, 4000, layout));
    expect(marks.exec).toEqual([m.model.pcPage]);
    expect(marks.dma).toHaveLength(32);
    expect(marks.dma[0]).toBe(m.dmaPage);
    expect(pres.exec).toBe(true);
    // Role mode swaps them: role fill, content stripe.
    renderCells(m.model, palette, layout, grid, 'role', fill, stripe, marks);
    expect(pixelToRgb(pixelAt(fill, grid, k, layout))).toBe(ROLE_RGB[11]);
    expect(pixelAt(stripe, grid, k, layout)).toBe(palette.classPixel[ContentClassId.OldText]);
  });

  it('does not read execution in the flat overview, where no mark is drawn', () => {
    const m = fakeMachine(16);
    const pres = renderCells(
      m.model,
      palette,
      layout,
      wholeGrid(layout, 1),
      'content',
      new Uint32Array(4096),
    );
    expect(pres.exec).toBe(false);
  });
});
