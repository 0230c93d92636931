// How many instructions the next slice of work may run, for each speed: real time
// (simulated time follows the wall clock, with a bounded catch-up), maximum (about
// 10 ms of work per slice), and slow motion (N instructions per second).

import type { Speed } from '../protocol/frame';

/** 100 MHz: one instruction per 10 simulated ns. */
export const NS_PER_INSN = 10;
/** Wall time one slice aims to use. */
export const SLICE_MS = 10;
/** Real time never tries to catch up more than this much simulated time. */
export const MAX_LAG_NS = 100_000_000;

export class Pacer {
  private anchorWallMs = 0;
  private anchorSimNs = 0;
  private lastWallMs = -1;
  private slowCarry = 0;
  /** Measured instructions per wall second (EMA), for sizing max-speed slices. */
  ips = 20_000_000;

  constructor(public speed: Speed = 'realtime') {}

  /** Restart pacing from this moment (after a pause, a speed change, a new machine). */
  anchor(wallMs: number, simNs: number): void {
    this.anchorWallMs = wallMs;
    this.anchorSimNs = simNs;
    this.lastWallMs = wallMs;
    this.slowCarry = 0;
  }

  /** Instruction budget for a slice starting now; 0 means wait (`waitMs` suggests how long). */
  budget(wallMs: number, simNs: number): { insns: number; waitMs: number } {
    const cap = Math.max(1000, Math.floor((this.ips * SLICE_MS) / 1000));
    if (this.speed === 'max') return { insns: cap, waitMs: 0 };
    if (this.speed === 'realtime') {
      let target = this.anchorSimNs + (wallMs - this.anchorWallMs) * 1e6;
      if (target - simNs > MAX_LAG_NS) {
        // too far behind (a slow host, a background tab): drop the debt, keep going
        this.anchor(wallMs - MAX_LAG_NS / 1e6, simNs);
        target = simNs + MAX_LAG_NS;
      }
      if (target <= simNs) return { insns: 0, waitMs: Math.min(16, Math.max(1, (simNs - target) / 1e6)) };
      return { insns: Math.min(cap, Math.ceil((target - simNs) / NS_PER_INSN)), waitMs: 0 };
    }
    const dt = this.lastWallMs < 0 ? 0 : wallMs - this.lastWallMs;
    this.lastWallMs = wallMs;
    this.slowCarry += (this.speed.slowIps * dt) / 1000;
    const n = Math.min(cap, Math.floor(this.slowCarry));
    this.slowCarry -= n;
    if (n <= 0)
      return { insns: 0, waitMs: Math.max(4, Math.min(100, 1000 / Math.max(1, this.speed.slowIps))) };
    return { insns: n, waitMs: 0 };
  }

  /** Fold a slice's measured speed into the estimate. */
  measured(insns: number, wallMs: number): void {
    if (insns < 10_000 || wallMs <= 0.5) return;
    const ips = (insns * 1000) / wallMs;
    this.ips = this.ips * 0.7 + ips * 0.3;
  }
}
