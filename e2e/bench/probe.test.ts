import { describe, expect, it } from 'vitest';
import { frameFigures } from './probe';

const HZ60 = 1000 / 60;

/** n frame timestamps at 60 Hz from `start`, leaving out the frames at the indices in `skip`. */
function frames(n: number, start: number, skip: number[] = []): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (!skip.includes(i)) out.push(start + i * HZ60);
  return out;
}

describe('frameFigures', () => {
  it('reads the display rate for a page that missed no frame, wherever the window ends', () => {
    for (const [start, stopAfter] of [
      [1, 0.5],
      [16, 16],
      [9, 12],
    ] as const) {
      const t = frames(180, start);
      const f = frameFigures({ rafTimes: t, stopMs: t[t.length - 1]! + stopAfter, runningAtMs: -1 });
      expect(f.fps).toBeCloseTo(60, 6);
      expect(f.missedFrames).toBe(0);
      expect(f.gaps).toEqual([]);
      expect(f.frames).toBe(180);
      expect(f.running).toBeNull();
    }
    // the window's figure moves with its ends: both frames' worth of slack counts against it
    const t = frames(180, 16);
    expect(frameFigures({ rafTimes: t, stopMs: t[179]! + 16, runningAtMs: -1 }).fpsOverWindow).toBeCloseTo(
      (180 * 1000) / (179 * HZ60 + 32),
      6,
    );
  });

  it('counts a missed frame as a gap and in the rate', () => {
    const t = frames(181, 5, [90]); // frame 90 never ran: 180 frames over 180 intervals
    const f = frameFigures({ rafTimes: t, stopMs: t[t.length - 1]! + 3, runningAtMs: -1 });
    expect(f.missedFrames).toBe(1);
    expect(f.gaps).toEqual([[Math.round(5 + 89 * HZ60), 33, 1]]);
    expect(f.fps).toBeCloseTo((60 * 179) / 180, 6);
    expect(f.intervalMs).toBeCloseTo(HZ60, 6);
  });

  it('counts a long wait for the first frame as missed frames and as time', () => {
    const t = frames(120, 100); // the page's start held the first frame for 100 ms
    const f = frameFigures({ rafTimes: t, stopMs: t[119]! + 1, runningAtMs: -1 });
    expect(f.gaps).toEqual([[0, 100, 5]]);
    expect(f.missedFrames).toBe(5);
    expect(f.fps).toBeCloseTo((1000 * 120) / (100 + 119 * HZ60), 6);
    // a short wait is an ordinary first frame
    const g = frameFigures({ rafTimes: frames(120, 20), stopMs: 2100, runningAtMs: -1 });
    expect(g.missedFrames).toBe(0);
    expect(g.fps).toBeCloseTo(60, 6);
  });

  it('gives the figures from the machine’s first frame on', () => {
    const t = frames(300, 10, [20, 21, 22]); // three frames missed before the machine runs
    const at = t[100]!;
    const f = frameFigures({ rafTimes: t, stopMs: t[t.length - 1]! + 8, runningAtMs: at });
    expect(f.missedFrames).toBe(3);
    expect(f.fps).toBeLessThan(59.5);
    expect(f.running).not.toBeNull();
    expect(f.running!.frames).toBe(t.length - 100);
    expect(f.running!.fps).toBeCloseTo(60, 6);
    expect(f.running!.seconds).toBeCloseTo((t[t.length - 1]! + 8 - at) / 1000, 9);
  });

  it('survives a run with no frame or one frame', () => {
    const none = frameFigures({ rafTimes: [], stopMs: 500, runningAtMs: -1 });
    expect(none.fps).toBe(0);
    expect(none.frames).toBe(0);
    expect(none.missedFrames).toBe(0);
    const one = frameFigures({ rafTimes: [4], stopMs: 500, runningAtMs: 4 });
    expect(one.fps).toBe(0);
    expect(one.fpsOverWindow).toBeCloseTo(2, 6);
    expect(one.running).toEqual({ frames: 1, seconds: 0.496, fps: 0 });
  });
});
