// Measures the memory map's paint cost without a browser:
//   npx tsx src/features/memory-map/perf.ts
// Renders the fake machine at 16 MiB, 64 MiB and 1 GiB while relocation copies
// pages and DMA lands, the same per-frame work the canvas does before its blit.

import { chooseLayout, fitView, visibleGrid, zoomAt } from './layout';
import { buildPalette } from './palette';
import { renderCells, subcellSize } from './render';
import { FAKE_KINDS, fakeMachine, relocateStep } from './fake-model';
import { findRegions } from './regions';
import { mapSummary } from './describe';

const palette = buildPalette(FAKE_KINDS);

function bench(ramMiB: number, w: number, h: number, zoom: number): void {
  const fm = fakeMachine(ramMiB);
  const l = chooseLayout(fm.model.pageCount, w, h);
  const v = zoomAt(l, fitView(l, w, h), zoom, w / 2, h / 2, w, h);
  const grid = visibleGrid(l, v, w, h);
  const s = subcellSize(grid.cellPx, grid.k);
  const out = new Uint32Array((grid.c1 - grid.c0) * s * (grid.r1 - grid.r0) * s);
  let done = 0;
  const times: number[] = [];
  for (let i = 0; i < 200; i++) {
    done = relocateStep(fm, done, 2);
    const t0 = performance.now();
    renderCells(fm.model, palette, l, grid, 'content', s, out);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) findRegions(fm.model, palette, 16);
  const tRegions = (performance.now() - t0) / 20;
  const t1 = performance.now();
  for (let i = 0; i < 20; i++) mapSummary(fm.model, palette);
  const tSummary = (performance.now() - t1) / 20;
  console.log(
    `${String(ramMiB).padStart(4)} MiB ${w}x${h} zoom ${zoom}: k=${grid.k} S=${s} cells=${(grid.c1 - grid.c0) * (grid.r1 - grid.r0)}` +
      ` paint median ${times[100].toFixed(2)} ms p95 ${times[190].toFixed(2)} ms;` +
      ` regions ${tRegions.toFixed(2)} ms, summary ${tSummary.toFixed(2)} ms`,
  );
}

bench(16, 1600, 1000, 1);
bench(64, 1600, 1000, 1);
bench(64, 1600, 1000, 4);
bench(1024, 1600, 1000, 1);
bench(1024, 800, 500, 1);
bench(1024, 1600, 1000, 8);
