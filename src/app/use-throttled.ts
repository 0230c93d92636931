// Select from the store but re-render at most every `ms` milliseconds (wall clock, UI
// only): for panels whose values change every frame but need not be redrawn that often.
// Updates land on the shared beat (beat.ts), in the same frame as the other panels'.

import { useEffect, useState } from 'react';
import type { AppState } from '../store/slices';
import type { AppStore } from '../store/store';
import { msToBeat } from './beat';

export function useThrottledApp<T>(store: AppStore, selector: (s: AppState) => T, ms = 100): T {
  const [value, setValue] = useState(() => selector(store.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = -Infinity;
    const flush = (): void => {
      timer = null;
      last = performance.now();
      setValue(() => selector(store.getState()));
    };
    const unsub = store.subscribe((s, prev) => {
      if (selector(s) === selector(prev)) return;
      if (timer) return;
      timer = setTimeout(flush, msToBeat(ms, performance.now(), last));
    });
    flush();
    return () => {
      unsub();
      if (timer) clearTimeout(timer);
    };
    // the selector is expected to be stable (module-level function)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, ms]);
  return value;
}
