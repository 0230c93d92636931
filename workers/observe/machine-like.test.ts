import { describe, expect, it } from 'vitest';
import { interruptsOn, interruptsText } from './machine-like';
import { fakeHart } from './testing';

describe('interrupt state for the UI and the hang detector', () => {
  it('M-mode: MIE decides', () => {
    const h = fakeHart();
    h.mie = 1 << 7; // MTIE
    expect(interruptsOn(h)).toBe(false);
    h.mstatus = 1 << 3;
    expect(interruptsOn(h)).toBe(true);
    expect(interruptsText(h)).toBe('M: on (mstatus.MIE = 1)');
  });
  it('S-mode: SIE gates delegated interrupts, M-level ones preempt regardless', () => {
    const h = fakeHart();
    h.priv = 1;
    h.mideleg = 1 << 5; // STI delegated
    h.mie = 1 << 5;
    expect(interruptsOn(h)).toBe(false);
    expect(interruptsText(h)).toBe('S: off (sstatus.SIE = 0)');
    h.mstatus = 1 << 1;
    expect(interruptsOn(h)).toBe(true);
    h.mstatus = 0;
    h.mie |= 1 << 7; // MTIE, not delegated
    expect(interruptsOn(h)).toBe(true);
    expect(interruptsText(h)).toBe('S: off (sstatus.SIE = 0); M-level interrupts can still preempt');
  });
});
