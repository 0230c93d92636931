import { describe, expect, it } from 'vitest';
import { assumeMonospaceAscii, coalesceViewportSync, skipIdleSelectionRedraws } from './xterm-tuning';

/** The shape of xterm's selection service that the guard relies on, counting redraws. */
class FakeSelectionService {
  redraws = 0;
  start: number[] | null = null;
  end: number[] | null = null;
  get hasSelection(): boolean {
    return this.start !== null && this.end !== null && this.start.join() !== this.end.join();
  }
  refresh(): void {
    this.redraws++;
  }
}

describe('skipIdleSelectionRedraws', () => {
  it('skips redraws while nothing is selected, and keeps those that draw or erase a selection', () => {
    const svc = new FakeSelectionService();
    expect(skipIdleSelectionRedraws({ _core: { _selectionService: svc } })).toBe(true);
    for (let i = 0; i < 5; i++) svc.refresh(); // scrolls with nothing selected
    expect(svc.redraws).toBe(0);
    svc.start = [0, 1];
    svc.end = [5, 1];
    svc.refresh(); // a selection appears
    svc.refresh(); // a scroll moves it
    expect(svc.redraws).toBe(2);
    svc.start = svc.end = null;
    svc.refresh(); // cleared: the old highlight must be erased
    expect(svc.redraws).toBe(3);
    svc.refresh();
    expect(svc.redraws).toBe(3);
  });

  it('leaves a terminal of another shape alone', () => {
    expect(skipIdleSelectionRedraws({})).toBe(false);
    expect(skipIdleSelectionRedraws({ _core: { _selectionService: { refresh: 1 } } })).toBe(false);
  });
});

/** A width cache like xterm's DOM renderer's, measuring with `width`. */
function fakeCache(width: (c: string) => number) {
  const flat = new Float32Array(256).fill(-9999);
  const measured: string[] = [];
  return {
    measured,
    _flat: flat,
    get(c: string): number {
      const code = c.charCodeAt(0);
      if (flat[code] !== -9999) return flat[code];
      measured.push(c);
      return (flat[code] = width(c));
    },
  };
}

const termWith = (cache: object) => ({
  _core: { _renderService: { _renderer: { value: { _widthCache: cache } } } },
});

describe('assumeMonospaceAscii', () => {
  it('measures four characters, then gives printable ASCII their common width', () => {
    const cache = fakeCache(() => 7.75); // exact in a Float32Array, like a real width cache
    expect(assumeMonospaceAscii(termWith(cache))).toBe(95 - 4);
    expect(cache.measured).toEqual(['W', 'i', 'm', '.']);
    expect(cache.get('q')).toBe(7.75);
    expect(cache.get('~')).toBe(7.75);
    expect(cache.measured).toHaveLength(4); // no more measuring
    expect(cache._flat[0x7f]).toBe(-9999);
    expect(cache._flat[0xe9]).toBe(-9999); // beyond ASCII still measured when shown
  });

  it('fills nothing for a proportional font, an unlaid-out terminal, or another shape', () => {
    const prop = fakeCache((c) => (c === 'i' ? 3 : 8));
    expect(assumeMonospaceAscii(termWith(prop))).toBe(0);
    expect(prop.get('q')).toBe(8);
    expect(prop.measured).toContain('q');
    expect(assumeMonospaceAscii(termWith(fakeCache(() => 0)))).toBe(0);
    expect(assumeMonospaceAscii({})).toBe(0);
    expect(assumeMonospaceAscii(termWith({ get: () => 1 }))).toBe(0);
  });
});

/** xterm's viewport as the coalescing relies on it: syncs, scrolls and the render frame's callbacks. */
function fakeViewport() {
  const callbacks: FrameRequestCallback[] = [];
  const log: string[] = [];
  const vp = {
    _sync(ydisp?: number): void {
      log.push(`sync ${ydisp ?? 'buffer'}`);
    },
    scrollLines(disp: number): void {
      log.push(`lines ${disp}`);
    },
    scrollToLine(line: number): void {
      log.push(`to ${line}`);
    },
    _renderService: {
      addRefreshCallback(cb: FrameRequestCallback): number {
        callbacks.push(cb);
        return callbacks.length;
      },
    },
  };
  const frame = (): void => {
    for (const cb of callbacks.splice(0)) cb(0);
  };
  const element = new EventTarget();
  return { term: { _core: { _viewport: vp }, element }, vp, log, frame, element };
}

describe('coalesceViewportSync', () => {
  it('syncs the scrollbar with the buffer once per render frame however often the buffer scrolls', () => {
    const { term, vp, log, frame } = fakeViewport();
    expect(coalesceViewportSync(term)).toBe(true);
    for (let i = 0; i < 40; i++) vp._sync(); // forty line feeds on the last row
    expect(log).toEqual([]);
    frame();
    expect(log).toEqual(['sync buffer']);
    frame();
    expect(log).toHaveLength(1);
    vp._sync(7); // xterm's own queued sync to a line: as before
    expect(log).toEqual(['sync buffer', 'sync 7']);
  });

  it('brings the scrollbar up to date before a user scroll starts from it', () => {
    const { term, vp, log, frame, element } = fakeViewport();
    coalesceViewportSync(term);
    vp._sync();
    vp.scrollLines(-3); // keys or the API
    expect(log).toEqual(['sync buffer', 'lines -3']);
    vp._sync();
    vp.scrollToLine(0);
    expect(log.slice(2)).toEqual(['sync buffer', 'to 0']);
    vp._sync();
    element.dispatchEvent(new Event('wheel'));
    expect(log.slice(4)).toEqual(['sync buffer']);
    vp._sync();
    element.dispatchEvent(new Event('pointerdown'));
    expect(log.slice(5)).toEqual(['sync buffer']);
    frame(); // nothing left to do
    element.dispatchEvent(new Event('wheel'));
    expect(log).toHaveLength(6);
  });

  it('leaves a terminal of another shape alone', () => {
    expect(coalesceViewportSync({})).toBe(false);
    expect(coalesceViewportSync({ _core: { _viewport: { _sync: () => {} } } })).toBe(false);
  });
});
