// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { REVEAL_TIMEOUT_MS, useRevealed } from './use-revealed';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** Idle periods run by hand; each records the timeout it was asked with. */
function idleQueue() {
  const due = new Map<number, () => void>();
  const timeouts: number[] = [];
  let next = 1;
  const idle = (cb: () => void, timeoutMs: number): (() => void) => {
    const id = next++;
    due.set(id, cb);
    timeouts.push(timeoutMs);
    return () => due.delete(id);
  };
  const runIdle = (): void => {
    const cbs = [...due.values()];
    due.clear();
    act(() => cbs.forEach((cb) => cb()));
  };
  return { idle, runIdle, due, timeouts };
}

type IdleFn = ReturnType<typeof idleQueue>['idle'];

function Shown({ count, idle }: { count: number; idle: IdleFn }) {
  return <p data-testid="shown">{useRevealed(count, idle)}</p>;
}
const shown = (): number => Number(screen.getByTestId('shown').textContent);

describe('useRevealed', () => {
  it('shows a list that arrives all at once one item per idle period', () => {
    const q = idleQueue();
    const { rerender } = render(<Shown count={0} idle={q.idle} />);
    expect(q.due.size).toBe(0); // nothing to show: nothing waits for the page
    rerender(<Shown count={3} idle={q.idle} />);
    const seen = [shown()];
    for (let k = 0; k < 4; k++) {
      q.runIdle();
      seen.push(shown());
    }
    expect(seen).toEqual([0, 1, 2, 3, 3]);
    expect(q.due.size).toBe(0);
    // a page that is never idle still gets its items, at the latest after the timeout
    expect(new Set(q.timeouts)).toEqual(new Set([REVEAL_TIMEOUT_MS]));
  });

  it('shows a shorter list at once, and grows again from it', () => {
    const q = idleQueue();
    const { rerender } = render(<Shown count={2} idle={q.idle} />);
    q.runIdle();
    q.runIdle();
    expect(shown()).toBe(2);
    rerender(<Shown count={1} idle={q.idle} />);
    expect(shown()).toBe(1);
    rerender(<Shown count={0} idle={q.idle} />); // a new machine: its cards come in afresh
    rerender(<Shown count={2} idle={q.idle} />);
    expect(shown()).toBe(0);
    q.runIdle();
    expect(shown()).toBe(1);
  });

  it('waits for no idle period after unmounting', () => {
    const q = idleQueue();
    const { rerender, unmount } = render(<Shown count={0} idle={q.idle} />);
    rerender(<Shown count={5} idle={q.idle} />);
    expect(q.due.size).toBe(1);
    unmount();
    expect(q.due.size).toBe(0);
  });

  it("waits for the browser's idle callback, or a short timer where there is none", async () => {
    const asked: number[] = [];
    vi.stubGlobal('requestIdleCallback', (cb: () => void, o: { timeout: number }) => {
      asked.push(o.timeout);
      return setTimeout(cb, 0);
    });
    vi.stubGlobal('cancelIdleCallback', (id: number) => clearTimeout(id));
    const Default = ({ count }: { count: number }) => <p data-testid="shown">{useRevealed(count)}</p>;
    const { rerender } = render(<Default count={0} />);
    rerender(<Default count={2} />);
    await screen.findByText('2');
    expect(asked).toEqual([REVEAL_TIMEOUT_MS, REVEAL_TIMEOUT_MS]);
    cleanup();
    vi.stubGlobal('requestIdleCallback', undefined);
    const again = render(<Default count={0} />);
    again.rerender(<Default count={2} />);
    await screen.findByText('2');
    expect(asked).toHaveLength(2);
  });
});
