// Measures the memory map's paint cost without a browser:
//   npx tsx src/features/memory-map/perf.ts
// Renders the fake machine at 16 MiB, 64 MiB and 1 GiB while relocation copies
// pages and DMA lands: the per-frame work the canvas does before its blit.
// Reports process CPU time per call (robust on a shared, loaded machine) and
// wall time for comparison.

import { chooseLayout, fitView, visibleGrid, zoomAt } from './layout';
import { buildPalette } from './palette';
import { isPatterned, renderCells, type Marks } from './render';
import { FAKE_KINDS, fakeMachine, relocateStep } from './fake-model';
import { findRegions } from './regions';
import { mapSummary } from './describe';

const palette = buildPalette(FAKE_KINDS);

/** Mean CPU and wall milliseconds of `fn` over `runs` calls (after `before` each, untimed). */
function time(runs: number, before: () => void, fn: () => void): { cpu: number; wall: number } {
  let cpu = 0;
  let wall = 0;
  for (let i = 0; i < runs; i++) {
    before();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall += performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpu += (c.user + c.system) / 1000;
  }
  return { cpu: cpu / runs, wall: wall / runs };
}

function bench(ramMiB: number, w: number, h: number, zoom: number): void {
  const fm = fakeMachine(ramMiB);
  const l = chooseLayout(fm.model.pageCount, w, h);
  const v = zoomAt(l, fitView(l, w, h), zoom, w / 2, h / 2, w, h);
  const grid = visibleGrid(l, v, w, h);
  const patterned = isPatterned(grid.cellPx, grid.k);
  const cells = (grid.c1 - grid.c0) * (grid.r1 - grid.r0);
  const fill = new Uint32Array(cells);
  const stripe = patterned ? new Uint32Array(cells) : null;
  const marks: Marks | null = patterned ? { exec: [], dma: [] } : null;
  let done = 0;
  const step = (): void => {
    done = relocateStep(fm, done, 2);
  };
  const paint = (): void => {
    renderCells(fm.model, palette, l, grid, 'content', fill, stripe, marks);
  };
  time(50, step, paint); // warm up the JIT
  const p = time(200, step, paint);
  const r = time(
    20,
    () => {},
    () => findRegions(fm.model, palette, 8),
  );
  const m = time(
    20,
    () => {},
    () => mapSummary(fm.model, palette),
  );
  console.log(
    `${String(ramMiB).padStart(4)} MiB ${w}x${h} zoom ${zoom}: k=${grid.k}${patterned ? ' patterned' : ''} cells=${cells}` +
      ` paint ${p.cpu.toFixed(2)} ms CPU (${p.wall.toFixed(2)} wall);` +
      ` regions ${r.cpu.toFixed(2)} ms, summary ${m.cpu.toFixed(2)} ms CPU`,
  );
}

bench(16, 1600, 1000, 1);
bench(64, 1600, 1000, 1);
bench(64, 1600, 1000, 4);
bench(1024, 1600, 1000, 1);
bench(1024, 800, 500, 1);
bench(1024, 1600, 1000, 8);
