// In-page probes for the UI benchmark, installed before the app loads: every animation
// frame's main-thread cost (from the rAF callback to the end of that frame's rendering
// task, measured by a message posted from inside rAF), and long tasks. It also notes when
// the machine's first frame reached the page (the machine is running from then on) as a
// performance mark the Chrome trace carries, so the bench can report that window apart
// from the page's own start-up.

export interface ProbeResult {
  frames: number;
  seconds: number;
  /** mean and 95th percentile of rAF -> end of rendering task, ms */
  renderMean: number;
  renderP95: number;
  longestTaskMs: number;
  longTasks: number;
  /** The same, from the machine's first frame on (performance mark RUNNING_MARK). */
  running: { frames: number; seconds: number } | null;
  /**
   * Frames the page missed: every gap between two animation frames, or between the start
   * and the first frame, longer than one and a half frame intervals, as [ms since start,
   * gap ms, frames missed], and their sum.
   */
  gaps: [number, number, number][];
  missedFrames: number;
  /** ms from start to the machine's first frame (-1: never) */
  runningAtMs: number;
}

export const RUNNING_MARK = 'kexec-lab:machine-running';

declare global {
  interface Window {
    __probe?: { start(): void; stop(): ProbeResult };
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
  let runningFrames = 0;
  const ch = new MessageChannel();
  let frameStart = 0;
  const rafTimes: number[] = [];
  ch.port1.onmessage = () => {
    if (!running) return;
    durations.push(performance.now() - frameStart);
    if (runningAt >= 0 && frameStart >= runningAt) runningFrames++;
  };
  const loop = (t: number): void => {
    if (!running) return;
    frameStart = performance.now();
    rafTimes.push(t);
    if (runningAt < 0 && (window.__kexecLab?.stats().frames ?? 0) > 0) {
      runningAt = frameStart;
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
      runningFrames = 0;
      requestAnimationFrame(loop);
    },
    stop() {
      running = false;
      const seconds = (performance.now() - t0) / 1000;
      const sorted = [...durations].sort((a, b) => a - b);
      const mean = sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length);
      const intervals = rafTimes.slice(1).map((t, i) => t - rafTimes[i]!);
      const interval = [...intervals].sort((a, b) => a - b)[intervals.length >> 1] ?? 1000 / 60;
      const gaps: [number, number, number][] = [];
      // the wait for the first frame (the page still busy with its own start) counts too
      const first = rafTimes.length > 0 ? rafTimes[0]! - t0 : 0;
      if (first > 1.5 * interval) gaps.push([0, Math.round(first), Math.round(first / interval) - 1]);
      intervals.forEach((d, i) => {
        if (d > 1.5 * interval)
          gaps.push([Math.round(rafTimes[i]! - t0), Math.round(d), Math.round(d / interval) - 1]);
      });
      return {
        frames: durations.length,
        seconds,
        renderMean: mean,
        renderP95: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
        longestTaskMs: Math.max(longest, sorted[sorted.length - 1] ?? 0),
        longTasks: longCount,
        running:
          runningAt >= 0 ? { frames: runningFrames, seconds: (performance.now() - runningAt) / 1000 } : null,
        gaps,
        missedFrames: gaps.reduce((n, g) => n + g[2], 0),
        runningAtMs: runningAt >= 0 ? Math.round(runningAt - t0) : -1,
      };
    },
  };
}
