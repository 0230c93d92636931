import { describe, expect, it } from 'vitest';
import { HangDetector, PROGRESS_PAGES } from './hang';

describe('HangDetector', () => {
  it('flags a tight loop with interrupts off once it lasts the threshold', () => {
    const d = new HangDetector(64, 1000);
    expect(d.sample({ pc: 0x100, simNs: 0, instret: 0, interruptsOn: false })).toBeNull();
    expect(d.sample({ pc: 0x108, simNs: 500, instret: 50, interruptsOn: false })).toBeNull();
    const h = d.sample({ pc: 0x104, simNs: 1200, instret: 120, interruptsOn: false });
    expect(h).not.toBeNull();
    expect(h?.sinceNs).toBe(0);
    expect(h?.reason).toMatch(/looping within 12 bytes/);
  });
  it('never flags a guest that can still take interrupts (an idle shell in wfi)', () => {
    const d = new HangDetector(64, 1000);
    for (let t = 0; t < 10_000; t += 100)
      expect(d.sample({ pc: 0x200, simNs: t, instret: t, interruptsOn: true })).toBeNull();
  });
  it('restarts the window when the PC moves away', () => {
    const d = new HangDetector(64, 1000);
    d.sample({ pc: 0x100, simNs: 0, instret: 0, interruptsOn: false });
    d.sample({ pc: 0x900, simNs: 900, instret: 90, interruptsOn: false });
    expect(d.sample({ pc: 0x904, simNs: 1500, instret: 150, interruptsOn: false })).toBeNull();
    expect(d.sample({ pc: 0x904, simNs: 1900, instret: 190, interruptsOn: false })?.sinceNs).toBe(900);
  });
  it("takes a small loop writing its way through memory for work, not a hang (the firmware's memory test)", () => {
    const d = new HangDetector(64, 1000);
    // samples that all land in the test's two inner loops, within 64 bytes, interrupts off
    let fills = 0;
    for (let t = 0; t <= 20_000; t += 100) {
      fills += 10; // pages written since the last sample
      const pc = t % 200 === 0 ? 0x1a60 : 0x1a9c;
      expect(d.sample({ pc, simNs: t, instret: t, interruptsOn: false, storeFills: fills })).toBeNull();
    }
  });
  it('still flags a loop that writes the same few pages over and over', () => {
    const d = new HangDetector(64, 1000);
    let h = null;
    for (let t = 0; t <= 1200 && !h; t += 100)
      h = d.sample({
        pc: 0x100,
        simNs: t,
        instret: t,
        interruptsOn: false,
        storeFills: 5 + (t > 600 ? 2 : 0),
      });
    expect(h?.sinceNs).toBe(0);
    // and a loop that wrote many pages once, then stopped: judged again from where it stopped
    const e = new HangDetector(64, 1000);
    e.sample({ pc: 0x100, simNs: 0, instret: 0, interruptsOn: false, storeFills: 0 });
    expect(
      e.sample({ pc: 0x100, simNs: 1000, instret: 100, interruptsOn: false, storeFills: PROGRESS_PAGES }),
    ).toBeNull();
    expect(
      e.sample({ pc: 0x100, simNs: 1500, instret: 150, interruptsOn: false, storeFills: PROGRESS_PAGES }),
    ).toBeNull();
    expect(
      e.sample({ pc: 0x100, simNs: 2000, instret: 200, interruptsOn: false, storeFills: PROGRESS_PAGES })
        ?.sinceNs,
    ).toBe(1000);
  });
  it('flags wfi with nothing to wake it at once', () => {
    const d = new HangDetector(64, 1e9);
    d.sample({ pc: 0x300, simNs: 10, instret: 5, interruptsOn: false });
    expect(d.sample({ pc: 0x300, simNs: 10, instret: 5, interruptsOn: false }, true)?.reason).toMatch(/wfi/);
  });
});
