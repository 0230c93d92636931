// One wall-clock beat for the UI's throttled updates (UI only, never simulated time):
// panels that redraw at most every `period` ms wait for a beat, so the CPU panel,
// devices, timeline and console land their DOM changes in the same animation frame, and
// the page pays one style, layout and paint pass for all of them instead of one each.

/** The beat: every multiple of this many ms of performance.now(). */
export const BEAT_MS = 100;

/**
 * Milliseconds from `now` until an update throttled to `period` may run, given the
 * last one ran at `last`: at once when that is at least `period` ago (an idle panel
 * answers a step immediately), else on the first beat at least `period` after it.
 */
export function msToBeat(period: number, now: number, last: number): number {
  if (now - last >= period) return 0;
  return Math.ceil((last + period) / BEAT_MS) * BEAT_MS - now;
}
