import { describe, expect, it } from 'vitest';
import { computeDowntime } from './downtime';
import { PHASE } from '../../../workers/protocol/api';

const p = (code: number, ms: number) => ({ code, simNs: ms * 1e6, instret: ms * 1e5 });

describe('computeDowntime', () => {
  const phases = [
    p(PHASE.FIRMWARE_POST, 0),
    p(PHASE.KERNEL_BOOT, 800),
    p(PHASE.SHELL_READY, 1000),
    p(PHASE.KEXEC_LOAD, 3000),
    p(PHASE.DEVICE_SHUTDOWN, 5000),
    p(PHASE.MACHINE_KEXEC, 5001),
    p(PHASE.RELOCATION, 5002),
    p(PHASE.KERNEL_BOOT, 5050),
    p(PHASE.SHELL_READY, 5200),
  ];
  it('measures the cold boot from power-on and the kexec from the typed command', () => {
    const d = computeDowntime(phases, 4990e6);
    expect(d.coldBootNs).toBe(1000e6);
    expect(d.firmwareNs).toBe(800e6);
    expect(d.kexecStartNs).toBe(4990e6);
    expect(d.kexecNs).toBe(210e6);
  });
  it('starts at DEVICE_SHUTDOWN when the command was not typed here (or long before)', () => {
    expect(computeDowntime(phases, -1).kexecNs).toBe(200e6);
    expect(computeDowntime(phases, 1000e6).kexecNs).toBe(200e6);
  });
  it('is unfinished until the new shell is ready; starts at MACHINE_KEXEC when shutdown was skipped', () => {
    const d = computeDowntime(phases.slice(0, 6), -1);
    expect(d.kexecStartNs).toBe(5000e6);
    expect(d.kexecNs).toBe(-1);
    const skipped = [p(PHASE.SHELL_READY, 1000), p(PHASE.MACHINE_KEXEC, 2000), p(PHASE.SHELL_READY, 2100)];
    expect(computeDowntime(skipped, -1).kexecNs).toBe(100e6);
  });
});
