import { describe, expect, it } from 'vitest';
import { HangDetector } from './hang';

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
  it('flags wfi with nothing to wake it at once', () => {
    const d = new HangDetector(64, 1e9);
    d.sample({ pc: 0x300, simNs: 10, instret: 5, interruptsOn: false });
    expect(d.sample({ pc: 0x300, simNs: 10, instret: 5, interruptsOn: false }, true)?.reason).toMatch(/wfi/);
  });
});
