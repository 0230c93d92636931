// Hang detection: the guest is stuck when its PC stays inside a small window (a tight
// loop, or wfi) while no interrupt can reach it, for longer than a threshold of
// simulated time, writing to no more than a few new pages; or when it idles in wfi with
// nothing left that could wake it. A small loop that writes its way through memory (the
// firmware's memory test: 68 bytes, interrupts off, 13 simulated seconds at 1 GiB) is
// working, not stuck.

export interface HangSample {
  pc: number;
  simNs: number;
  instret: number;
  interruptsOn: boolean;
  /** Store-TLB fills so far (HartState.storeFills): a page the CPU started writing. */
  storeFills?: number;
}

/** A loop that started writing at least this many pages within the threshold is working. */
export const PROGRESS_PAGES = 64;

export interface HangWindow {
  pc: number;
  sinceNs: number;
  sinceInstret: number;
  reason: string;
}

export class HangDetector {
  private lo = -1;
  private hi = -1;
  private sinceNs = 0;
  private sinceInstret = 0;
  private sinceFills = 0;
  private lastInstret = -1;

  constructor(
    /** How far apart two PCs may be and still count as the same loop. */
    readonly windowBytes = 64,
    /** Simulated time in the window, interrupts off, before the guest counts as hung. */
    readonly thresholdNs = 100_000_000,
  ) {}

  private restart(pc: number, s: HangSample): void {
    this.lo = this.hi = pc;
    this.sinceNs = s.simNs;
    this.sinceInstret = s.instret;
    this.sinceFills = s.storeFills ?? 0;
  }

  reset(): void {
    this.lo = this.hi = -1;
    this.lastInstret = -1;
  }

  /**
   * Feed one sample (taken between run chunks). `idleForever`: the machine reported an
   * idle wfi and neither time nor instructions moved. Returns the hang, or null.
   */
  sample(s: HangSample, idleForever = false): HangWindow | null {
    const pc = s.pc >>> 0;
    if (this.lo < 0 || Math.max(this.hi, pc) - Math.min(this.lo, pc) > this.windowBytes || s.interruptsOn) {
      this.restart(pc, s);
    } else {
      this.lo = Math.min(this.lo, pc);
      this.hi = Math.max(this.hi, pc);
    }
    const progressed = s.instret !== this.lastInstret;
    this.lastInstret = s.instret;
    if (s.interruptsOn) return null;
    if (idleForever && !progressed) {
      return {
        pc,
        sinceNs: this.sinceNs,
        sinceInstret: this.sinceInstret,
        reason: 'wfi with interrupts off: nothing can wake it',
      };
    }
    if (s.simNs - this.sinceNs >= this.thresholdNs) {
      if ((s.storeFills ?? 0) - this.sinceFills >= PROGRESS_PAGES) {
        this.restart(pc, s); // writing its way through memory: judge it afresh from here
        return null;
      }
      const spanning = this.hi - this.lo;
      return {
        pc,
        sinceNs: this.sinceNs,
        sinceInstret: this.sinceInstret,
        reason:
          spanning === 0
            ? 'stopped at one instruction with interrupts off'
            : `looping within ${spanning + 4} bytes with interrupts off`,
      };
    }
    return null;
  }
}
