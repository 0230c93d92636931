// Select from the store but re-render at most every `ms` milliseconds (wall clock, UI
// only): for panels whose values change every frame but need not be redrawn that often.

import { useEffect, useState } from 'react';
import type { AppState } from '../store/slices';
import type { AppStore } from '../store/store';

export function useThrottledApp<T>(store: AppStore, selector: (s: AppState) => T, ms = 100): T {
  const [value, setValue] = useState(() => selector(store.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const flush = (): void => {
      timer = null;
      last = performance.now();
      setValue(() => selector(store.getState()));
    };
    const unsub = store.subscribe((s, prev) => {
      if (selector(s) === selector(prev)) return;
      if (timer) return;
      const wait = Math.max(0, last + ms - performance.now());
      timer = setTimeout(flush, wait);
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
