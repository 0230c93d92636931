import { describe, expect, it } from 'vitest';
import { findRegions, labelWidth, placeLabels } from './regions';
import { buildPalette } from './palette';
import { chooseLayout, fitView, zoomAt } from './layout';
import { FAKE_KINDS, KERNEL_PAGE, KERNEL_PAGES, fakeMachine, relocateStep } from './fake-model';

const palette = buildPalette(FAKE_KINDS);

describe('regions', () => {
  it('finds firmware, the kernel and free memory, named by role', () => {
    const fm = fakeMachine(64);
    // Undo the destination tagging so the kernel shows as the running kernel.
    fm.model.role.fill(2, KERNEL_PAGE, KERNEL_PAGE + KERNEL_PAGES);
    const regions = findRegions(fm.model, palette, 16);
    expect(regions[0]).toEqual({ key: 1, label: 'firmware', first: 0, count: 64 });
    const kernel = regions.find((r) => r.first === KERNEL_PAGE);
    expect(kernel?.label).toBe('kernel · Kestrel 1.0');
    expect(kernel?.count).toBe(KERNEL_PAGES); // text + rodata + data; page tables are their own region
    expect(regions.some((r) => r.label === 'free memory' && r.count > 10_000)).toBe(true);
    expect(regions.some((r) => r.label === 'DMA buffers')).toBe(true);
    expect(regions.some((r) => r.label === 'kexec source pages' && r.count === KERNEL_PAGES)).toBe(true);
  });

  it('names the kernel after the image it holds now', () => {
    const fm = fakeMachine(64);
    fm.model.role.fill(2, KERNEL_PAGE, KERNEL_PAGE + KERNEL_PAGES);
    relocateStep(fm, 0, KERNEL_PAGES);
    const kernel = findRegions(fm.model, palette, 16).find((r) => r.first === KERNEL_PAGE);
    expect(kernel?.label).toBe('kernel · Kestrel 2.0');
  });

  it('names a kernel region by the image most of its pages hold, page by page or in runs', () => {
    const fm = fakeMachine(64);
    const m = fm.model;
    m.role.fill(2, KERNEL_PAGE, KERNEL_PAGE + KERNEL_PAGES);
    // interleaved: 2.0 text on two pages of three, 1.0 text on the third
    for (let i = 0; i < KERNEL_PAGES; i++) m.content[KERNEL_PAGE + i] = i % 3 === 2 ? 4 : 7;
    const mixed = findRegions(m, palette, 16).find((r) => r.first === KERNEL_PAGE);
    expect(mixed).toMatchObject({ label: 'kernel · Kestrel 2.0', count: KERNEL_PAGES });
    // in two runs: a shorter 1.0 run then a longer 2.0 run (every page of a run counts)
    const split = Math.floor(KERNEL_PAGES * 0.4);
    m.content.fill(4, KERNEL_PAGE, KERNEL_PAGE + split);
    m.content.fill(7, KERNEL_PAGE + split, KERNEL_PAGE + KERNEL_PAGES);
    const runs = findRegions(m, palette, 16).find((r) => r.first === KERNEL_PAGE);
    expect(runs).toMatchObject({ label: 'kernel · Kestrel 2.0', count: KERNEL_PAGES });
  });

  it('falls back to content when the guest reports no roles (QEMU, early boot)', () => {
    const fm = fakeMachine(64);
    fm.model.role.fill(0);
    const labels = findRegions(fm.model, palette, 16).map((r) => r.label);
    expect(labels).toContain('firmware');
    expect(labels).toContain('Kestrel 1.0 image');
    expect(labels).toContain('Kestrel 2.0 image');
    expect(labels).toContain('free memory');
  });

  it('places labels that fit, never overlapping, and drops them when too small', () => {
    const fm = fakeMachine(64);
    const regions = findRegions(fm.model, palette, 16);
    const l = chooseLayout(fm.model.pageCount, 1000, 700);
    const v = fitView(l, 1000, 700);
    const placed = placeLabels(regions, l, v, 1000, 700, 1);
    expect(placed.map((p) => p.text)).toContain('free memory');
    for (const a of placed)
      for (const b of placed) {
        if (a === b) continue;
        const apart =
          Math.abs(a.x - b.x) >= (labelWidth(a.text) + labelWidth(b.text)) / 2 || Math.abs(a.y - b.y) >= 18;
        expect(apart).toBe(true);
      }
    const tiny = placeLabels(regions, l, v, 1000, 700, 1).filter((p) => p.text === 'kexec control page');
    expect(tiny).toHaveLength(0);
    // Zoomed on the kernel, its label appears on screen.
    const zoomed = zoomAt(
      l,
      v,
      12,
      v.ox + (KERNEL_PAGE % l.pagesPerRow) * v.scale,
      v.oy + (KERNEL_PAGE / l.pagesPerRow) * v.scale,
      1000,
      700,
    );
    const near = placeLabels(regions, l, zoomed, 1000, 700, 1);
    expect(near.some((p) => p.text.startsWith('kexec destination'))).toBe(true);
    for (const p of near) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(1000);
    }
  });
});

describe('region callouts', () => {
  it('labels a region thinner than a label beside it, and never repeats a nearby label', () => {
    const fm = fakeMachine(64);
    fm.model.role.fill(2, KERNEL_PAGE, KERNEL_PAGE + KERNEL_PAGES);
    const regions = findRegions(fm.model, palette, 16);
    const l = chooseLayout(fm.model.pageCount, 900, 500);
    const v = fitView(l, 900, 500);
    // The kernel is 1.5 rows of ~4 px: a callout.
    const placed = placeLabels(regions, l, v, 900, 500, 1);
    const kernel = placed.find((p) => p.text === 'kernel · Kestrel 1.0');
    expect(kernel?.callout).toBe(true);
    const rowPx = v.scale;
    const kernelBottom = v.oy + (Math.floor((KERNEL_PAGE + KERNEL_PAGES - 1) / l.pagesPerRow) + 1) * rowPx;
    expect(kernel!.y).toBeGreaterThan(kernelBottom);
    const free = placed.filter((p) => p.text === 'free memory');
    for (const a of free)
      for (const b of free) if (a !== b) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(150);
  });

  it('keeps labels off the boxes it must avoid', () => {
    const fm = fakeMachine(64);
    const regions = findRegions(fm.model, palette, 16);
    const l = chooseLayout(fm.model.pageCount, 1000, 700);
    const v = fitView(l, 1000, 700);
    const free = placeLabels(regions, l, v, 1000, 700, 1).find((p) => p.text === 'free memory' && !p.callout);
    expect(free).toBeDefined();
    const box = { x0: free!.x - 5, y0: free!.y - 5, x1: free!.x + 5, y1: free!.y + 5 };
    const moved = placeLabels(regions, l, v, 1000, 700, 1, [box]);
    for (const p of moved) {
      const w = labelWidth(p.text) / 2;
      const overlaps = p.x - w < box.x1 && box.x0 < p.x + w && p.y - 9 < box.y1 && box.y0 < p.y + 9;
      expect(overlaps).toBe(false);
    }
  });
});
