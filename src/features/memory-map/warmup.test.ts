import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PAGE_ROLE_NAMES } from '../../../workers/protocol/pages';

// Count what the warm-up reaches, calling through to the real functions.
const calls = vi.hoisted(() => ({
  cells: [] as { k: number; patterned: boolean; mode: string }[],
  dirty: [] as { mode: string; pages: number }[],
  regions: 0,
}));
vi.mock('./render', async (importOriginal) => {
  const real = await importOriginal<typeof import('./render')>();
  return {
    ...real,
    renderCells: (...a: Parameters<typeof real.renderCells>) => {
      const grid = a[3];
      calls.cells.push({ k: grid.k, patterned: real.isPatterned(grid.cellPx, grid.k), mode: a[4] });
      return real.renderCells(...a);
    },
  };
});
vi.mock('./render-dirty', async (importOriginal) => {
  const real = await importOriginal<typeof import('./render-dirty')>();
  return {
    ...real,
    renderDirty: (...a: Parameters<typeof real.renderDirty>) => {
      calls.dirty.push({ mode: a[4], pages: a[6].pages.length });
      return real.renderDirty(...a);
    },
  };
});
vi.mock('./regions', async (importOriginal) => {
  const real = await importOriginal<typeof import('./regions')>();
  return {
    ...real,
    findRegions: (...a: Parameters<typeof real.findRegions>) => {
      calls.regions++;
      return real.findRegions(...a);
    },
  };
});

const { WARM_UP_FRAMES, warmUpFrame, warmUpMap, warmUpMapOnce } = await import('./warmup');

beforeEach(() => {
  calls.cells.length = 0;
  calls.dirty.length = 0;
  calls.regions = 0;
});

describe('the memory map warm-up', () => {
  it('sends every page role, every content kind, CPU and DMA writers, and executed pages', () => {
    const roles = new Set<number>();
    const contents = new Set<number>();
    const writers = new Set<number>();
    let exec = 0;
    const first = warmUpFrame(0);
    expect(first.pages.full).toBe(true);
    for (let n = 0; n < WARM_UP_FRAMES; n++) {
      const f = warmUpFrame(n);
      f.pages.role.forEach((r) => roles.add(r));
      f.pages.content.forEach((c) => contents.add(c));
      f.pages.writer.forEach((w) => writers.add(w));
      exec += f.exec.length;
      if (n > 0) expect(f.pages.index.length).toBe(f.pages.role.length);
    }
    expect(roles.size).toBe(PAGE_ROLE_NAMES.length);
    expect(contents.size).toBe(first.contentKinds?.length);
    expect([...writers].sort()).toEqual([0, 1, 2, 3]);
    expect(exec).toBeGreaterThan(0);
  });

  it('paints dirty cells, aggregate cells and patterned pages, in both colourings', () => {
    warmUpMap({ paint: true, analysis: false });
    for (const mode of ['content', 'role']) {
      expect(calls.dirty.some((d) => d.mode === mode && d.pages > 0)).toBe(true);
      expect(calls.cells.some((c) => c.mode === mode && c.k > 1)).toBe(true);
      expect(calls.cells.some((c) => c.mode === mode && c.patterned)).toBe(true);
    }
    expect(calls.regions).toBe(0);
  });

  it('runs the page scans without painting when the paint worker paints', () => {
    warmUpMap({ paint: false, analysis: true });
    expect(calls.cells).toHaveLength(0);
    expect(calls.dirty).toHaveLength(0);
    expect(calls.regions).toBeGreaterThan(0);
  });

  it('warms each part once per realm', () => {
    warmUpMapOnce({ paint: false, analysis: true });
    const scans = calls.regions;
    expect(scans).toBeGreaterThan(0);
    warmUpMapOnce({ paint: false, analysis: true });
    expect(calls.regions).toBe(scans);
    warmUpMapOnce({ paint: true, analysis: true }); // the painter still cold, the scans not
    expect(calls.cells.length).toBeGreaterThan(0);
    expect(calls.regions).toBe(scans);
  });
});

describe('a failing warm-up', () => {
  it('costs the warm-up only', async () => {
    vi.resetModules();
    vi.doMock('./describe', async (importOriginal) => ({
      ...(await importOriginal<typeof import('./describe')>()),
      mapSummary: () => {
        throw new Error('boom');
      },
    }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const fresh = await import('./warmup');
    expect(() => fresh.warmUpMapOnce({ paint: false, analysis: true })).not.toThrow();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('warm-up failed'), expect.any(Error));
    warn.mockRestore();
    vi.doUnmock('./describe');
  });
});
