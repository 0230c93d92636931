// The firmware's memory test against the hang detector, with the real firmware. At 1 GiB
// the test loops within 68 bytes, interrupts off, for 13 simulated seconds. The session
// sampled the PC between run chunks whose sizes followed the wall clock (pacer.ts), and
// with some chunk sizes every sample for 100 simulated ms fell inside that loop: the lab
// declared the booting machine stuck (about one 1 GiB boot in ten at maximum speed). The
// session now samples on a fixed grid of cycles (session.ts), but the detector has to
// judge the test right however it is sampled: the chunk sizes here are one sequence that
// fooled PC samples, drawn from a fixed seed.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Machine } from '../machine/machine';
import { HangDetector } from './hang';
import { interruptsOn } from './machine-like';

describe('hang detection during the firmware memory test', () => {
  it('takes the 1 GiB memory test for work, where PC samples alone looked like a hang', () => {
    const m = new Machine({
      ramMiB: 1024,
      firmware: new Uint8Array(readFileSync('public/images/firmware.elf')),
      disk: new Uint8Array(readFileSync('public/images/disk.img')),
    });
    let seed = 4;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) >>> 0; // in doubles: any fixed sequence would do
      return seed % n;
    };
    const pcOnly = new HangDetector(64, 100_000_000);
    const detector = new HangDetector(64, 100_000_000);
    let pcOnlyAt = -1;
    while (m.simulatedNs() < 4e9) {
      // a slice of the session (pacer.ts), run in chunks of at most 50,000 (session.ts)
      let left = 800_000 + rnd(800_000);
      while (left > 0) {
        const r = m.run(Math.min(left, 50_000));
        left -= Math.max(r.executed, 1);
        const s = {
          pc: m.hart.pc,
          simNs: m.simulatedNs(),
          instret: m.instret(),
          interruptsOn: interruptsOn(m.hart),
        };
        if (pcOnlyAt < 0 && pcOnly.sample(s)) pcOnlyAt = s.simNs;
        expect(detector.sample({ ...s, storeFills: m.hart.storeFills })).toBeNull();
        if (r.reason === 'idle') break;
      }
    }
    // the PC samples alone said "stuck" in the middle of the test
    expect(pcOnlyAt).toBeGreaterThan(3.8e9);
    expect(m.hart.pc >>> 0).toBeLessThan(0x8001_0000); // still in the firmware, testing
  }, 60_000);
});
