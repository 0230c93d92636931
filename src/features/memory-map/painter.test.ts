// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MapPainter, sameGeometry } from './painter';
import { chooseLayout, fitView } from './layout';
import { fakeMachine } from './fake-model';

function painter(): MapPainter {
  return new MapPainter(document.createElement('canvas'));
}

describe('MapPainter', () => {
  it('re-fits on resize while it shows all of RAM', () => {
    const fm = fakeMachine(1024);
    const p = painter();
    p.resize(640, 557, 1, fm.model.pageCount);
    p.resize(640, 493, 1, fm.model.pageCount);
    const l = chooseLayout(fm.model.pageCount, 640, 493);
    expect(p.view).toEqual(fitView(l, 640, 493));
    const res = p.paint(fm.model, 'content', -1);
    // Everything is visible, down to the kexec source pages at the top of RAM.
    expect(res.presence.roles & (1 << 8)).not.toBe(0);
  });

  it('keeps the zoom and the centre page across a resize once zoomed in', () => {
    const fm = fakeMachine(64);
    const p = painter();
    p.resize(800, 500, 2, fm.model.pageCount);
    const mid = 8256;
    p.centreOn(mid, 16);
    expect(p.centrePage()).toBe(mid);
    const scale = p.view.scale;
    p.resize(800, 460, 2, fm.model.pageCount);
    expect(p.view.scale).toBe(scale);
    expect(p.centrePage()).toBe(mid);
  });

  it('targets the page it went to, even at the edge of the map, until a pan', () => {
    const fm = fakeMachine(64);
    const p = painter();
    p.resize(800, 500, 1, fm.model.pageCount);
    p.centreOn(fm.model.pcPage, 16); // near the left edge: visible, not centred
    expect(p.centrePage()).not.toBe(fm.model.pcPage);
    expect(p.targetPage()).toBe(fm.model.pcPage);
    p.pan(-40, 0);
    expect(p.targetPage()).toBe(p.centrePage());
  });

  it('reports the PC as visible only when its cell is on screen', () => {
    const fm = fakeMachine(64);
    const p = painter();
    p.resize(800, 500, 1, fm.model.pageCount);
    expect(p.paint(fm.model, 'content', -1).pcVisible).toBe(true);
    p.centreOn(fm.model.pageCount - 1, 40);
    expect(p.paint(fm.model, 'content', -1).pcVisible).toBe(false);
    fm.model.pcPage = -1;
    p.fit();
    expect(p.paint(fm.model, 'content', -1).pcVisible).toBe(false);
  });

  it('leaves the canvas alone when a dirty-cell paint changes nothing it shows', () => {
    let draws = 0;
    const noop = (): void => {};
    const ctx = new Proxy(
      {},
      {
        get: (_t, key) => {
          if (key === 'fillRect' || key === 'strokeRect' || key === 'drawImage') return () => void draws++;
          return noop;
        },
        set: () => true,
      },
    );
    // a canvas whose 2D context records drawing calls (happy-dom has no 2D context)
    const canvas = { width: 0, height: 0, getContext: () => ctx } as unknown as HTMLCanvasElement;
    const fm = fakeMachine(64);
    const m = fm.model;
    const p = new MapPainter(canvas);
    p.resize(800, 500, 1, m.pageCount);
    const none = { all: false, pages: [] as number[] };
    p.paint(m, 'content', -1, { all: true, pages: [] });
    expect(draws).toBeGreaterThan(0);
    draws = 0;
    p.paint(m, 'content', -1, none);
    expect(draws).toBe(0); // nothing changed: no draw, nothing for the compositor
    m.frame++;
    m.writer[70] = 1;
    m.lastWriteFrame[70] = m.frame;
    p.paint(m, 'content', -1, { all: false, pages: [70] });
    expect(draws).toBeGreaterThan(0); // a page lit up
    draws = 0;
    m.lastWriteFrame[70] = ++m.frame;
    p.paint(m, 'content', -1, { all: false, pages: [70] });
    expect(draws).toBe(0); // written again: the same colour
    m.pcPage = 200;
    p.paint(m, 'content', -1, none);
    expect(draws).toBeGreaterThan(0); // the PC's ring moved
    draws = 0;
    p.paint(m, 'content', 300, none);
    expect(draws).toBeGreaterThan(0); // the keyboard's ring appeared
  });

  it('hands its geometry to another painter, which paints the same view without re-fitting', () => {
    const fm = fakeMachine(64);
    const page = new MapPainter(null); // geometry only, as on the page when a worker paints
    page.resize(800, 500, 2, fm.model.pageCount);
    page.centreOn(fm.model.pcPage, 16);
    page.sync(fm.model);
    const other = painter();
    other.setGeometry(page.geometry(), fm.model.pageCount);
    const res = other.paint(fm.model, 'content', -1); // paint() must not re-fit the view
    expect(other.view).toEqual(page.view);
    expect(other.centrePage()).toBe(page.centrePage());
    expect(res.pcVisible).toBe(true);
    expect(sameGeometry(page.geometry(), other.geometry())).toBe(true);
    page.pan(-40, 0);
    expect(sameGeometry(page.geometry(), other.geometry())).toBe(false);
  });
});
