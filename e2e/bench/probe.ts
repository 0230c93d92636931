// In-page probes for the UI benchmark, installed before the app loads: every animation
// frame's main-thread cost (from the rAF callback to the end of that frame's rendering
// task, measured by a message posted from inside rAF), and long tasks. It also notes when
// the machine's first frame reached the page (the machine is running from then on) as a
// performance mark the Chrome trace carries, so the bench can report that window apart
// from the page's own start-up.

/** What the page measured (installProbe's stop()); frameFigures derives the rest. */
export interface ProbeRaw {
  /** every animation frame's timestamp, ms since the probe started */
  rafTimes: number[];
  /** ms from the start to stop() */
  stopMs: number;
  /** mean and 95th percentile of rAF -> end of rendering task, ms */
  renderMean: number;
  renderP95: number;
  longestTaskMs: number;
  longTasks: number;
  /** ms from start to the machine's first frame (-1: never) */
  runningAtMs: number;
}

/** Frame figures from the frames' timestamps (frameFigures). */
export interface FrameFigures {
  /** animation frames the page ran */
  frames: number;
  /** the display's frame interval: the median of the intervals, ms */
  intervalMs: number;
  /**
   * Frames per second from the first frame to the last, the wait for the first frame
   * included when it was long (the page still busy with its own start). A page that
   * misses no frame reads the display's rate, wherever the window began and ended.
   */
  fps: number;
  /**
   * Frames per second over the whole window, start to stop(): the first round's figure.
   * Its ends fall anywhere within a frame, which moves it by up to one frame per window
   * (a third of a frame per second in a three-second run).
   */
  fpsOverWindow: number;
  /**
   * Frames the page missed: every gap between two animation frames, or between the start
   * and the first frame, longer than one and a half frame intervals, as [ms since start,
   * gap ms, frames missed], and their sum.
   */
  gaps: [number, number, number][];
  missedFrames: number;
  /** The same figures from the machine's first frame on (null: it never ran). */
  running: { frames: number; seconds: number; fps: number } | null;
}

export const RUNNING_MARK = 'kexec-lab:machine-running';

declare global {
  interface Window {
    __probe?: { start(): void; stop(): ProbeRaw };
  }
}

/** Runs in the page (serialised by Playwright's addInitScript). */
export function installProbe(): void {
  const durations: number[] = [];
  let running = false;
  let t0 = 0;
  let longest = 0;
  let longCount = 0;
  let runningAt = -1;
  const ch = new MessageChannel();
  let frameStart = 0;
  const rafTimes: number[] = [];
  ch.port1.onmessage = () => {
    if (!running) return;
    durations.push(performance.now() - frameStart);
  };
  const loop = (t: number): void => {
    if (!running) return;
    frameStart = performance.now();
    rafTimes.push(t - t0);
    if (runningAt < 0 && (window.__kexecLab?.stats().frames ?? 0) > 0) {
      runningAt = t;
      performance.mark('kexec-lab:machine-running'); // RUNNING_MARK (this function is serialised alone)
    }
    ch.port2.postMessage(0);
    requestAnimationFrame(loop);
  };
  try {
    new PerformanceObserver((list) => {
      if (!running) return;
      for (const e of list.getEntries()) {
        longCount++;
        longest = Math.max(longest, e.duration);
      }
    }).observe({ type: 'longtask', buffered: false });
  } catch {
    // no long task timing in this browser
  }
  window.__probe = {
    start() {
      running = true;
      t0 = performance.now();
      durations.length = 0;
      rafTimes.length = 0;
      runningAt = -1;
      requestAnimationFrame(loop);
    },
    stop() {
      running = false;
      const sorted = [...durations].sort((a, b) => a - b);
      const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
      return {
        rafTimes: [...rafTimes],
        stopMs: performance.now() - t0,
        renderMean: mean,
        renderP95: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
        longestTaskMs: Math.max(longest, sorted[sorted.length - 1] ?? 0),
        longTasks: longCount,
        runningAtMs: runningAt >= 0 ? runningAt - t0 : -1,
      };
    },
  };
}

/**
 * Frames per second over frames [from, to) of `times` (ms), with `extraMs` of wait before
 * the first counted as time: (to - from - 1) intervals, or with a wait, one more.
 */
function rate(times: number[], from: number, to: number, extraMs: number): number {
  const intervals = to - from - 1 + (extraMs > 0 ? 1 : 0);
  const ms = times[to - 1]! - times[from]! + extraMs;
  return intervals > 0 && ms > 0 ? (1000 * intervals) / ms : 0;
}

/** The frame figures of a probe's run (the page's timestamps; see FrameFigures). */
export function frameFigures(raw: Pick<ProbeRaw, 'rafTimes' | 'stopMs' | 'runningAtMs'>): FrameFigures {
  const t = raw.rafTimes;
  const intervals = t.slice(1).map((x, i) => x - t[i]!);
  const interval = [...intervals].sort((a, b) => a - b)[intervals.length >> 1] ?? 1000 / 60;
  const gaps: [number, number, number][] = [];
  // the wait for the first frame (the page still busy with its own start) counts too
  const first = t.length > 0 ? t[0]! : 0;
  const firstIsGap = first > 1.5 * interval;
  if (firstIsGap) gaps.push([0, Math.round(first), Math.round(first / interval) - 1]);
  intervals.forEach((d, i) => {
    if (d > 1.5 * interval) gaps.push([Math.round(t[i]!), Math.round(d), Math.round(d / interval) - 1]);
  });
  const from = raw.runningAtMs >= 0 ? t.findIndex((x) => x >= raw.runningAtMs) : -1;
  return {
    frames: t.length,
    intervalMs: interval,
    fps: rate(t, 0, t.length, firstIsGap ? first : 0),
    fpsOverWindow: raw.stopMs > 0 ? (1000 * t.length) / raw.stopMs : 0,
    gaps,
    missedFrames: gaps.reduce((n, g) => n + g[2], 0),
    running:
      from >= 0
        ? {
            frames: t.length - from,
            seconds: (raw.stopMs - t[from]!) / 1000,
            fps: rate(t, from, t.length, 0),
          }
        : null,
  };
}
