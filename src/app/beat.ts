// One wall-clock beat for the UI's throttled updates (UI only, never simulated time):
// panels that redraw at most every `period` ms wait for a beat, so the CPU panel,
// devices, timeline and console land their DOM changes in the same animation frame, and
// the page pays one style, layout and paint pass for all of them instead of one each.
// Updates due on the same beat also run in one timer task (onBeat), so React renders
// the panels it holds once for all of them.

/** The beat: every multiple of this many ms of performance.now(). */
export const BEAT_MS = 100;

/**
 * Running at maximum speed, every register, counter and console line changes between
 * any two redraws, faster than anyone reads them: the text panels then redraw every
 * MAX_SPEED_TEXT_MS, all on the beats that are multiples of it, so that they share one
 * frame (one style, layout and paint pass) three times a second.
 */
export const MAX_SPEED_TEXT_MS = 3 * BEAT_MS;

/**
 * Milliseconds from `now` until an update throttled to `period` may run, given the
 * last one ran at `last`: at once when that is at least `period` ago (an idle panel
 * answers a step immediately), else on the first beat at least `period` after it.
 * A period that is a multiple of MAX_SPEED_TEXT_MS waits for a beat that is one too,
 * so panels on that period redraw together whenever their last redraws were.
 */
export function msToBeat(period: number, now: number, last: number): number {
  if (now - last >= period) return 0;
  const grid = period % MAX_SPEED_TEXT_MS === 0 ? MAX_SPEED_TEXT_MS : BEAT_MS;
  return Math.ceil((last + period) / grid) * grid - now;
}

/**
 * Milliseconds from the beat an update with this period lands on to the middle of the
 * next one: for the console, whose writes (xterm parsing a booting kernel's log, then
 * redrawing the rows it scrolled) take a frame of their own, so that they do not land
 * in the frame that redraws the other text panels.
 */
export function halfBeat(period: number): number {
  return (period % MAX_SPEED_TEXT_MS === 0 ? MAX_SPEED_TEXT_MS : BEAT_MS) / 2;
}

/** The part of the machine's state that decides a text panel's period. */
export interface PaceState {
  /** 'max', 'realtime', or a slow-motion rate */
  mach_speed: unknown;
  mach_status: { state: string };
}

/** A text panel's period: `normal`, or MAX_SPEED_TEXT_MS while running at maximum speed. */
export function textPeriod(s: PaceState, normal: number): number {
  return s.mach_speed === 'max' && s.mach_status.state === 'running' ? MAX_SPEED_TEXT_MS : normal;
}

/**
 * The devices, timeline and downtime chart: at most five redraws a second, three at
 * maximum speed with the other text panels.
 */
export const panelPace = (s: PaceState): number => textPeriod(s, 2 * BEAT_MS);

interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const browserTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Runs callbacks at beats, every callback due at the same moment in one timer task.
 * Each panel used to set its own timer for the same beat: a task each, and React
 * rendered once per task.
 */
export class BeatScheduler {
  private readonly due = new Map<number, { fns: Set<() => void>; handle: unknown }>();

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly timers: Timers = browserTimers,
  ) {}

  /** Calls `fn` in `wait` ms, with whatever else is due then; returns a cancel function. */
  after(wait: number, fn: () => void): () => void {
    const at = Math.round(this.now() + Math.max(0, wait));
    let slot = this.due.get(at);
    if (!slot) {
      const fns = new Set<() => void>();
      const handle = this.timers.set(() => this.fire(at), Math.max(0, at - this.now()));
      slot = { fns, handle };
      this.due.set(at, slot);
    }
    slot.fns.add(fn);
    const s = slot;
    return () => {
      s.fns.delete(fn);
      if (s.fns.size === 0 && this.due.get(at) === s) {
        this.timers.clear(s.handle);
        this.due.delete(at);
      }
    };
  }

  private fire(at: number): void {
    const slot = this.due.get(at);
    this.due.delete(at);
    if (!slot) return;
    let failure: unknown = null;
    for (const fn of slot.fns) {
      try {
        fn();
      } catch (err) {
        failure ??= err; // the others still run; the first error is not swallowed
      }
    }
    if (failure !== null) throw failure;
  }
}

/** The page's scheduler. */
export const beats = new BeatScheduler();
