// Select from the store but re-render at most every `period` milliseconds (wall clock,
// UI only): for panels whose values change every frame but need not be redrawn that
// often. Updates land on the shared beat (beat.ts), in the same frame and the same
// timer task as the other panels', so React renders them together.

import { useEffect, useState } from 'react';
import type { AppState } from '../store/slices';
import type { AppStore } from '../store/store';
import { beats, msToBeat } from './beat';

/** A fixed period, or one that depends on the state (beat.ts textPeriod). */
export type Period = number | ((s: AppState) => number);

export function useThrottledApp<T>(store: AppStore, selector: (s: AppState) => T, period: Period = 100): T {
  const [value, setValue] = useState(() => selector(store.getState()));
  useEffect(() => {
    let cancel: (() => void) | null = null;
    let last = -Infinity;
    const flush = (): void => {
      cancel = null;
      last = performance.now();
      setValue(() => selector(store.getState()));
    };
    const unsub = store.subscribe((s, prev) => {
      if (selector(s) === selector(prev)) return;
      if (cancel) return;
      const ms = typeof period === 'function' ? period(s) : period;
      // even an update due at once waits for a task of its own (shared with the other
      // panels due then): rendered inside the store update, it would lengthen the task
      // that applies the machine's frame
      cancel = beats.after(msToBeat(ms, performance.now(), last), flush);
    });
    flush();
    return () => {
      unsub();
      cancel?.();
    };
    // the selector and a period function are expected to be stable (module-level functions)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);
  return value;
}
