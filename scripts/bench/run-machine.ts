// One benchmark run: a bare-mode Machine on an ELF, run until the guest writes tohost
// (or powers off), timed with performance.now(). Shared by the Node side of
// scripts/bench.ts and the Chromium worker (worker-entry.ts), so both measure the same
// loop; nothing here may import a Node module.
import { Machine } from '../../workers/machine/machine';

/** Instructions per Machine.run call: large, so that the host loop costs nothing. */
export const RUN_SLICE = 50_000_000;
/** A benchmark that has not finished after this many instructions is broken. */
export const MAX_INSNS = 4_000_000_000;

export interface BenchRun {
  /** Instructions retired by the guest, start-up included. */
  instret: number;
  wallMs: number;
  /** Simulated time at the end (from the instruction count). */
  simNs: number;
  /** The tohost word: 1 = the benchmark's own check passed. */
  tohost: number;
  reason: string;
}

export function runBench(elf: Uint8Array): BenchRun {
  const machine = new Machine({ bareElf: elf });
  let reason = 'budget';
  const t0 = performance.now();
  while (machine.instret() < MAX_INSNS) {
    reason = machine.run(RUN_SLICE).reason;
    if (reason === 'tohost' || reason === 'poweroff' || reason === 'reset') break;
    if (reason === 'idle' && machine.hart.wfi) break; // waiting forever: nothing will wake it
  }
  const wallMs = performance.now() - t0;
  return {
    instret: machine.instret(),
    wallMs,
    simNs: machine.simulatedNs(),
    tohost: machine.tohost(),
    reason,
  };
}

export function mips(r: BenchRun): number {
  return r.wallMs > 0 ? r.instret / (r.wallMs * 1000) : 0;
}
