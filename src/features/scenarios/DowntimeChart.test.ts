import { describe, expect, it } from 'vitest';
import { PHASE } from '../../../workers/protocol/api';
import { computeDowntime } from '../timeline/downtime';
import { rebootDowntimeNs } from './DowntimeChart';

const mark = (code: number, simNs: number) => ({ code, simNs, instret: 0 });

describe('rebootDowntimeNs', () => {
  it('measures REBOOT to the next shell prompt, not the first boot', () => {
    const phases = [
      mark(PHASE.FIRMWARE_POST, 0),
      mark(PHASE.SHELL_READY, 1_000),
      mark(PHASE.REBOOT, 5_000),
      mark(PHASE.FIRMWARE_POST, 5_010),
      mark(PHASE.SHELL_READY, 6_030),
      mark(PHASE.DEVICE_SHUTDOWN, 9_000),
      mark(PHASE.MACHINE_KEXEC, 9_002),
      mark(PHASE.SHELL_READY, 9_020),
    ];
    expect(rebootDowntimeNs(phases)).toBe(1_030);
    // the chart's kexec bar starts at the guest's own DEVICE_SHUTDOWN, not at a typed time
    expect(computeDowntime(phases, -1).kexecNs).toBe(20);
  });
  it('is -1 until the rebooted machine reaches its prompt', () => {
    expect(rebootDowntimeNs([mark(PHASE.SHELL_READY, 1), mark(PHASE.REBOOT, 5)])).toBe(-1);
    expect(rebootDowntimeNs([mark(PHASE.SHELL_READY, 1)])).toBe(-1);
  });
});
