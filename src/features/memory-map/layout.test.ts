import { describe, expect, it } from 'vitest';
import {
  MIN_CELL_PX,
  blockPages,
  blockSize,
  cellRect,
  centreOn,
  centrePage,
  chooseLayout,
  clampView,
  fitView,
  hitTest,
  visibleGrid,
  snapScale,
  zoomAt,
} from './layout';

const MIB16 = 4096;
const GIB1 = 262144;

describe('layout', () => {
  it('fits 16 MiB in a wide panel with power-of-two rows', () => {
    const l = chooseLayout(MIB16, 800, 500);
    expect(l).toEqual({ pageCount: MIB16, pagesPerRow: 64, rows: 64 });
    const v = fitView(l, 800, 500);
    // 500 / 64 = 7.8 px a page, snapped down to whole pixels; centred.
    expect(v.scale).toBe(7);
    expect(v.ox).toBe((800 - 64 * 7) / 2);
    expect(v.oy).toBe((500 - 64 * 7) / 2);
    expect(visibleGrid(l, v, 800, 500)).toMatchObject({ k: 1, c0: 0, c1: 64, r0: 0, r1: 64 });
  });

  it('fits 1 GiB: one page per cell on a large canvas, aggregate blocks on a small one', () => {
    const big = chooseLayout(GIB1, 1600, 1000);
    expect(big.pagesPerRow).toBe(512);
    const vb = fitView(big, 1600, 1000);
    expect(visibleGrid(big, vb, 1600, 1000).k).toBe(1);

    const small = chooseLayout(GIB1, 400, 300);
    const vs = fitView(small, 400, 300);
    const g = visibleGrid(small, vs, 400, 300);
    expect(g.k).toBeGreaterThan(1);
    expect(g.cellPx).toBeGreaterThanOrEqual(MIN_CELL_PX);
    // All of RAM is covered by the visible cells.
    expect((g.c1 - g.c0) * g.k * (g.r1 - g.r0) * g.k).toBeGreaterThanOrEqual(GIB1);
  });

  it('aggregates with the smallest power of two that reaches the minimum cell size', () => {
    expect(blockSize(8)).toBe(1);
    expect(blockSize(MIN_CELL_PX)).toBe(1);
    expect(blockSize(MIN_CELL_PX / 2)).toBe(2);
    expect(blockSize(MIN_CELL_PX / 5)).toBe(8);
  });

  it('hit-tests every page back to itself at several zooms', () => {
    const l = chooseLayout(MIB16, 800, 500);
    for (const factor of [1, 3, 17]) {
      let v = fitView(l, 800, 500);
      v = zoomAt(l, v, factor, 400, 250, 800, 500);
      for (const page of [0, 1, 63, 64, 1000, 2047, 4095]) {
        const r = cellRect(l, v, page);
        const hit = hitTest(l, v, r.x + r.w / 2, r.y + r.h / 2);
        expect(hit?.page).toBe(page);
        expect(hit?.k).toBe(1);
      }
    }
  });

  it('hit-tests aggregate cells to the first page of their block', () => {
    const l = chooseLayout(GIB1, 400, 300);
    const v = fitView(l, 400, 300);
    const k = blockSize(v.scale);
    const page = 5 * k * l.pagesPerRow + 7 * k + 1; // inside block (col 7, row 5)
    const r = cellRect(l, v, page);
    const hit = hitTest(l, v, r.x + 0.5, r.y + 0.5);
    expect(hit).toEqual({ page: 5 * k * l.pagesPerRow + 7 * k, k, col: 7, row: 5 });
    const pages = blockPages(l, 7, 5, k);
    expect(pages).toHaveLength(k * k);
    expect(pages).toContain(page);
    expect(pages[1] - pages[0]).toBe(1);
  });

  it('misses outside the map and past the last page', () => {
    const l = chooseLayout(MIB16, 800, 500);
    const v = fitView(l, 800, 500);
    expect(hitTest(l, v, 1, 250)).toBeNull(); // left margin
    expect(hitTest(l, v, 400, 250)).not.toBeNull();
    expect(hitTest(l, v, 400, 499)).toBeNull(); // bottom margin
    const partial = { pageCount: 100, pagesPerRow: 16, rows: 7 };
    const pv = fitView(partial, 160, 70);
    expect(hitTest(partial, pv, pv.ox + 3.5 * pv.scale, pv.oy + 6.5 * pv.scale)?.page).toBe(99);
    expect(hitTest(partial, pv, pv.ox + 4.5 * pv.scale, pv.oy + 6.5 * pv.scale)).toBeNull();
  });

  it('zooms around the pointer and clamps to the map', () => {
    const l = chooseLayout(MIB16, 800, 500);
    const v0 = fitView(l, 800, 500);
    const before = hitTest(l, v0, 300, 200);
    const v1 = zoomAt(l, v0, 4, 300, 200, 800, 500);
    expect(v1.scale).toBe(snapScale(v0.scale * 4));
    expect(hitTest(l, v1, 300, 200)?.page).toBe(before?.page);
    // Cannot zoom out past the whole map, and panning cannot leave it.
    expect(zoomAt(l, v0, 0.1, 0, 0, 800, 500).scale).toBeCloseTo(v0.scale);
    const far = clampView(l, { ...v1, ox: 10_000, oy: -1e9 }, 800, 500);
    expect(far.ox).toBe(0);
    expect(far.oy).toBe(500 - 64 * v1.scale);
  });

  it('snaps page sizes so sub-cell patterns divide evenly', () => {
    expect(snapScale(3.3)).toBe(3.3);
    expect(snapScale(6.4)).toBe(6);
    expect(snapScale(13)).toBe(12);
    expect(snapScale(15)).toBe(16);
    const l = chooseLayout(MIB16, 800, 500);
    const v = zoomAt(l, fitView(l, 800, 500), 2.3, 400, 250, 800, 500);
    expect(v.scale % 4).toBe(0);
  });

  it('centres on a page and reports the centre page', () => {
    const l = chooseLayout(MIB16, 800, 500);
    const v = zoomAt(l, fitView(l, 800, 500), 8, 400, 250, 800, 500);
    expect(centrePage(l, centreOn(l, v, 1234, 800, 500), 800, 500)).toBe(1234);
    // Near the edges the map stays on screen: the page is visible, not centred.
    for (const page of [0, 63, 4095]) {
      const c = centreOn(l, v, page, 800, 500);
      const r = cellRect(l, c, page);
      expect(r.x).toBeGreaterThanOrEqual(0);
      expect(r.y).toBeGreaterThanOrEqual(0);
      expect(r.x + r.w).toBeLessThanOrEqual(800);
      expect(r.y + r.h).toBeLessThanOrEqual(500);
    }
  });
});
