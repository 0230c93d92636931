import { describe, expect, it } from 'vitest';
import { skipIdleSelectionRedraws } from './selection-redraw';

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
