import { describe, expect, it } from 'vitest';
import type { MapLayout, VisibleGrid } from './layout';
import { FLASH_FRAMES, buildPalette } from './palette';
import { renderCells, type ColourMode } from './render';
import { renderDirty } from './render-dirty';
import { FAKE_KINDS, KERNEL_PAGE, KERNEL_PAGES, fakeMachine } from './fake-model';

const palette = buildPalette(FAKE_KINDS);

/** A window of the map: grid cells [c0, c1) x [r0, r1) at k pages per cell side. */
function grid(layout: MapLayout, k: number, c0 = 0, r0 = 0, c1?: number, r1?: number): VisibleGrid {
  const cols = Math.ceil(layout.pagesPerRow / k);
  const cellRows = Math.ceil(layout.rows / k);
  return { k, cellPx: 1, cols, cellRows, c0, c1: c1 ?? cols, r0, r1: r1 ?? cellRows };
}

/** Deterministic pseudo-random numbers (xorshift32). */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

describe('renderDirty', () => {
  const layout: MapLayout = { pageCount: 16384, pagesPerRow: 128, rows: 128 };
  const cases: [string, VisibleGrid, ColourMode][] = [
    ['one page a cell', grid(layout, 1), 'content'],
    ['one page a cell, role colours', grid(layout, 1), 'role'],
    ['2 x 2 blocks', grid(layout, 2), 'content'],
    ['4 x 4 blocks, a window of them', grid(layout, 4, 3, 5, 29, 30), 'role'],
    ['a window of single pages', grid(layout, 1, 10, 7, 100, 90), 'content'],
  ];
  for (const [name, g, mode] of cases) {
    it(`draws what a full pass draws, frame after frame (${name})`, () => {
      const fm = fakeMachine(64);
      const m = fm.model;
      const cells = (g.c1 - g.c0) * (g.r1 - g.r0);
      const full = new Uint32Array(cells);
      const inc = new Uint32Array(cells);
      const flashing: number[] = [];
      let base = renderCells(m, palette, layout, g, mode, inc, null, null, flashing);
      const random = rng(cells);
      for (let f = 0; f < 3 * FLASH_FRAMES; f++) {
        // a frame: the CPU copies a few kernel pages, a device DMAs, roles change, and in
        // some frames nothing is written at all (only flashes fade)
        m.frame++;
        const touched: number[] = [];
        const writes = f % 5 === 4 ? 0 : 1 + Math.floor(random() * 12);
        for (let i = 0; i < writes; i++) {
          const p = Math.floor(random() * m.pageCount);
          m.content[p] = Math.floor(random() * FAKE_KINDS.length);
          m.writer[p] = random() < 0.3 ? 3 : 1;
          m.lastWriteFrame[p] = m.frame;
          touched.push(p);
        }
        if (f % 7 === 0) {
          const p = KERNEL_PAGE + (f % KERNEL_PAGES);
          m.role[p] = 12;
          touched.push(p);
        }
        const pres = renderDirty(
          m,
          palette,
          layout,
          g,
          mode,
          inc,
          { all: false, pages: touched },
          flashing,
          base,
        );
        const want = renderCells(m, palette, layout, g, mode, full);
        expect(inc).toEqual(full);
        expect(pres.flashCpu).toBe(want.flashCpu);
        expect(pres.flashDma).toBe(want.flashDma);
        // what is on screen is never missing from the presence (it may keep gone things until the next full pass)
        expect(pres.classes & want.classes).toBe(want.classes);
        expect(pres.roles & want.roles).toBe(want.roles);
        base = pres;
      }
    });
  }

  it('fades flashes out with no page touched, then has nothing left to repaint', () => {
    const fm = fakeMachine(64);
    const m = fm.model;
    const g = grid(layout, 1);
    const out = new Uint32Array(128 * 128);
    const flashing: number[] = [];
    m.frame++;
    m.writer[50] = 1;
    m.lastWriteFrame[50] = m.frame;
    let base = renderCells(m, palette, layout, g, 'content', out, null, null, flashing);
    expect(flashing).toEqual([50]);
    expect(base.flashCpu).toBe(true);
    for (let f = 1; f <= FLASH_FRAMES; f++) {
      m.frame++;
      base = renderDirty(m, palette, layout, g, 'content', out, { all: false, pages: [] }, flashing, base);
    }
    expect(flashing).toEqual([]);
    expect(base.flashCpu).toBe(false);
    expect(out).toEqual(
      (() => {
        const o = new Uint32Array(out.length);
        renderCells(m, palette, layout, g, 'content', o);
        return o;
      })(),
    );
  });

  it('counts the cells that took another colour, and none for a page written again at full flash', () => {
    const fm = fakeMachine(64);
    const m = fm.model;
    const g = grid(layout, 1);
    const out = new Uint32Array(128 * 128);
    const flashing: number[] = [];
    let base = renderCells(m, palette, layout, g, 'content', out, null, null, flashing);
    const report = { changedCells: -1 };
    const write = (): void => {
      m.frame++;
      m.writer[60] = 1;
      m.lastWriteFrame[60] = m.frame;
      base = renderDirty(
        m,
        palette,
        layout,
        g,
        'content',
        out,
        { all: false, pages: [60] },
        flashing,
        base,
        report,
      );
    };
    write();
    expect(report.changedCells).toBe(1); // the page lights up
    write();
    expect(report.changedCells).toBe(0); // written again: the same full flash
    m.frame++;
    base = renderDirty(
      m,
      palette,
      layout,
      g,
      'content',
      out,
      { all: false, pages: [] },
      flashing,
      base,
      report,
    );
    expect(report.changedCells).toBe(1); // left alone: it starts to fade
  });

  it('refuses patterned grids, which carry stripes and marks', () => {
    const fm = fakeMachine(64);
    const g = { ...grid(layout, 1), cellPx: 12 };
    const out = new Uint32Array(128 * 128);
    expect(() =>
      renderDirty(fm.model, palette, layout, g, 'content', out, { all: false, pages: [] }, [], {
        classes: 0,
        roles: 0,
        flashCpu: false,
        flashDma: false,
        dmaWritten: false,
        exec: false,
      }),
    ).toThrow(/patterned/);
  });
});
