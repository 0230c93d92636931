// The kexec's downtime against a cold boot of the same machine, from the phases the
// guest announced (simulated time). Cold boot: power-on to the first shell prompt.
// kexec: from `kexec -e` (the typed command, or DEVICE_SHUTDOWN / MACHINE_KEXEC when it
// was not typed here) to the new kernel's shell prompt.

import { PHASE } from '../../../workers/protocol/api';
import type { PhaseMark } from '../../store/slices';

export interface Downtime {
  /** power-on -> first SHELL_READY, or -1 */
  coldBootNs: number;
  /** power-on -> first KERNEL_BOOT (time spent in firmware), or -1 */
  firmwareNs: number;
  /** start of the latest kexec, or -1 */
  kexecStartNs: number;
  /** the new kernel's SHELL_READY after it, or -1 */
  kexecEndNs: number;
  /** kexecEnd - kexecStart, or -1 while unfinished */
  kexecNs: number;
}

/** A typed `kexec -e` counts as the start if it came at most this long before the shutdown. */
const TYPED_WINDOW_NS = 1_000_000_000;

export function computeDowntime(phases: readonly PhaseMark[], typedNs: number): Downtime {
  const first = (code: number, after = -1): PhaseMark | undefined =>
    phases.find((p) => p.code === code && p.simNs > after);
  const cold = first(PHASE.SHELL_READY);
  const fw = first(PHASE.KERNEL_BOOT);
  let start: PhaseMark | undefined;
  for (let i = phases.length - 1; i >= 0; i--) {
    const p = phases[i];
    if (p.code === PHASE.DEVICE_SHUTDOWN || p.code === PHASE.MACHINE_KEXEC) {
      start = p;
      // take the earliest of this kexec's DEVICE_SHUTDOWN / MACHINE_KEXEC pair
      const prev = phases[i - 1];
      if (prev && prev.code === PHASE.DEVICE_SHUTDOWN && p.code === PHASE.MACHINE_KEXEC) start = prev;
      break;
    }
  }
  let startNs = start ? start.simNs : -1;
  if (start && typedNs >= 0 && typedNs <= start.simNs && start.simNs - typedNs <= TYPED_WINDOW_NS)
    startNs = typedNs;
  const end = start ? first(PHASE.SHELL_READY, start.simNs) : undefined;
  return {
    coldBootNs: cold ? cold.simNs : -1,
    firmwareNs: fw ? fw.simNs : -1,
    kexecStartNs: startNs,
    kexecEndNs: end ? end.simNs : -1,
    kexecNs: end && startNs >= 0 ? end.simNs - startNs : -1,
  };
}
