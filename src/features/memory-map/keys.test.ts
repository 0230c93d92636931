import { describe, expect, it } from 'vitest';
import { applyMapKey } from './keys';
import { MapPainter } from './painter';

/** A geometry-only painter over 64 MiB (16,384 pages) on a 400 x 200 canvas. */
function painter(): MapPainter {
  const p = new MapPainter(null);
  p.resize(400, 200, 1, 16_384);
  return p;
}

describe('applyMapKey', () => {
  it('zooms in and out, and fits again', () => {
    const p = painter();
    const fit = p.view.scale;
    expect(applyMapKey(p, '+', false, -1)).toEqual({ kind: 'view' });
    expect(p.view.scale).toBeGreaterThan(fit);
    applyMapKey(p, '-', false, -1);
    applyMapKey(p, '+', false, -1);
    applyMapKey(p, 'Home', false, -1);
    expect(p.view.scale).toBe(fit);
  });

  it('pans with the arrows, further with Shift', () => {
    const p = painter();
    for (let i = 0; i < 6; i++) applyMapKey(p, '+', false, -1);
    const ox = p.view.ox;
    applyMapKey(p, 'ArrowRight', false, -1);
    const small = ox - p.view.ox;
    expect(small).toBeGreaterThan(0);
    applyMapKey(p, 'ArrowLeft', false, -1);
    expect(p.view.ox).toBe(ox);
    applyMapKey(p, 'ArrowRight', true, -1);
    expect(ox - p.view.ox).toBeGreaterThan(small);
  });

  it('goes to the PC’s page, and opens the target page once a page fills a cell', () => {
    const p = painter();
    expect(applyMapKey(p, 'p', false, 5000)).toEqual({ kind: 'view' });
    expect(p.blockSide()).toBe(1);
    expect(applyMapKey(p, 'Enter', false, 5000)).toEqual({ kind: 'open', page: 5000 });
  });

  it('leaves other keys alone', () => {
    const p = painter();
    const view = { ...p.view };
    expect(applyMapKey(p, 'x', false, 5000)).toBeNull();
    expect(p.view).toEqual(view);
  });
});
