// A list that arrives all at once (the device cards, in the machine's first frame) is
// built in the page's idle time, one item per idle period: built with that frame, with
// every other panel's first values and the emulator starting beside it, it made the page
// miss frames on a slow machine; deferred, it lands where the page has time to spare.

import { useEffect, useState } from 'react';

/** At the latest, an item is added this long after the previous one (a page never idle). */
export const REVEAL_TIMEOUT_MS = 1000;

export type Idle = (cb: () => void, timeoutMs: number) => () => void;

/** requestIdleCallback where the browser has it, else a short timer. */
export const whenIdle: Idle = (cb, timeoutMs) => {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(cb, { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(cb, 16);
  return () => clearTimeout(id);
};

/** How many of `count` items to show now: one more per idle period of the page. */
export function useRevealed(count: number, idle: Idle = whenIdle): number {
  const [shown, setShown] = useState(0);
  useEffect(() => {
    if (shown > count) {
      setShown(count); // the list shrank: grow again from its new length
      return;
    }
    if (shown === count) return;
    return idle(() => setShown((s) => Math.min(count, s + 1)), REVEAL_TIMEOUT_MS);
  }, [count, shown, idle]);
  return Math.min(shown, count);
}
