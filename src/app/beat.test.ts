import { describe, expect, it } from 'vitest';
import { BEAT_MS, msToBeat } from './beat';

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
});
