import { describe, expect, it } from 'vitest';
import { BEAT_MS, BeatScheduler, MAX_SPEED_TEXT_MS, halfBeat, msToBeat, textPeriod } from './beat';

describe('msToBeat', () => {
  it('runs at once after a quiet period', () => {
    expect(msToBeat(200, 5_030, 4_500)).toBe(0);
    expect(msToBeat(100, 5_030, 4_930)).toBe(0);
  });

  it('otherwise waits for the first beat at least a period after the last update', () => {
    expect(msToBeat(200, 5_030, 5_000)).toBe(170);
    expect(msToBeat(100, 5_030, 5_000)).toBe(70);
    expect(msToBeat(200, 5_050, 4_900)).toBe(50);
    // the last update was off the beat (it answered a step at once)
    expect(msToBeat(200, 5_037, 5_030)).toBe(263);
  });

  it('puts panels with different periods on the same beats', () => {
    const now = 12_345;
    expect(now + msToBeat(BEAT_MS, now, 12_300)).toBe(12_400);
    expect(now + msToBeat(2 * BEAT_MS, now, 12_200)).toBe(12_400);
    expect(now + msToBeat(2 * BEAT_MS, now, 12_330)).toBe(12_600);
    expect(now + msToBeat(500, now, 12_000)).toBe(12_500);
  });

  it('never lets two updates of one panel come closer than its period', () => {
    for (const period of [100, 200]) {
      let last = -Infinity;
      let now = 33;
      while (now < 3_000) {
        // a change arrives every 7 ms; the update runs when its wait is over
        const at = now + msToBeat(period, now, last);
        if (last > -Infinity) {
          expect(at - last).toBeGreaterThanOrEqual(period);
          expect(at % BEAT_MS).toBe(0);
          expect(at - last).toBeLessThan(period + BEAT_MS);
        }
        last = at;
        now = at + 7;
      }
    }
  });

  it('puts maximum-speed text panels on the same multiples of their period, wherever they last were', () => {
    const p = MAX_SPEED_TEXT_MS;
    expect(12_345 + msToBeat(p, 12_345, 12_100)).toBe(12_600);
    expect(12_345 + msToBeat(p, 12_345, 12_290)).toBe(12_600);
    expect(12_345 + msToBeat(p, 12_345, 12_301)).toBe(12_900); // never closer than the period
    let last = 1_037; // an update that answered at once, off the beat
    let now = last + 7;
    for (let i = 0; i < 20; i++) {
      const at = now + msToBeat(p, now, last);
      expect(at % p).toBe(0);
      expect(at - last).toBeGreaterThanOrEqual(p);
      expect(at - last).toBeLessThan(2 * p);
      last = at;
      now = at + 33;
    }
  });
});

describe('halfBeat', () => {
  it('puts the console between two beats of the other text panels', () => {
    // at maximum speed the panels redraw on multiples of MAX_SPEED_TEXT_MS
    const panels = msToBeat(MAX_SPEED_TEXT_MS, 1000, 950) + 1000;
    const consoleAt = msToBeat(MAX_SPEED_TEXT_MS, 1000, 950) + halfBeat(MAX_SPEED_TEXT_MS) + 1000;
    expect(panels % MAX_SPEED_TEXT_MS).toBe(0);
    expect(consoleAt % MAX_SPEED_TEXT_MS).toBe(MAX_SPEED_TEXT_MS / 2);
    // else on the BEAT_MS grid, half a beat off it
    const streaming = 2 * BEAT_MS;
    expect((msToBeat(streaming, 1030, 990) + halfBeat(streaming) + 1030) % BEAT_MS).toBe(BEAT_MS / 2);
  });
});

describe('textPeriod', () => {
  it('slows the text panels only while running at maximum speed', () => {
    const running = { state: 'running' };
    expect(textPeriod({ mach_speed: 'max', mach_status: running }, 200)).toBe(MAX_SPEED_TEXT_MS);
    expect(textPeriod({ mach_speed: 'realtime', mach_status: running }, 200)).toBe(200);
    expect(textPeriod({ mach_speed: 'max', mach_status: { state: 'paused' } }, 100)).toBe(100);
  });
});

describe('BeatScheduler', () => {
  function fakeTimers() {
    let now = 0;
    const pending: { at: number; fn: () => void; id: number }[] = [];
    let id = 0;
    return {
      now: () => now,
      timers: {
        set: (fn: () => void, ms: number) => {
          pending.push({ at: now + ms, fn, id: ++id });
          return id;
        },
        clear: (h: unknown) => {
          const i = pending.findIndex((p) => p.id === h);
          if (i >= 0) pending.splice(i, 1);
        },
      },
      count: () => pending.length,
      advance(ms: number) {
        now += ms;
        for (;;) {
          pending.sort((a, b) => a.at - b.at);
          const next = pending[0];
          if (!next || next.at > now) return;
          pending.shift();
          next.fn();
        }
      },
    };
  }

  it('runs every callback due at the same moment from one timer', () => {
    const t = fakeTimers();
    const b = new BeatScheduler(t.now, t.timers);
    const ran: string[] = [];
    b.after(100, () => ran.push('cpu'));
    b.after(100, () => ran.push('console'));
    b.after(200, () => ran.push('devices'));
    expect(t.count()).toBe(2);
    t.advance(100);
    expect(ran).toEqual(['cpu', 'console']);
    t.advance(100);
    expect(ran).toEqual(['cpu', 'console', 'devices']);
  });

  it('cancels one callback, and the timer with the last one', () => {
    const t = fakeTimers();
    const b = new BeatScheduler(t.now, t.timers);
    const ran: string[] = [];
    const cancelA = b.after(100, () => ran.push('a'));
    const cancelB = b.after(100, () => ran.push('b'));
    cancelA();
    expect(t.count()).toBe(1);
    cancelB();
    expect(t.count()).toBe(0);
    t.advance(200);
    expect(ran).toEqual([]);
  });

  it('runs the others when one throws, then reports the error', () => {
    const t = fakeTimers();
    const b = new BeatScheduler(t.now, t.timers);
    const ran: string[] = [];
    b.after(50, () => {
      throw new Error('bad panel');
    });
    b.after(50, () => ran.push('good'));
    expect(() => t.advance(50)).toThrow('bad panel');
    expect(ran).toEqual(['good']);
  });
});
