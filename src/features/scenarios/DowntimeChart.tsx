// Downtime of a cold reboot against a kexec on the same machine, as two bars in simulated
// time, both measured between phases the guest announces: reboot from REBOOT, kexec from
// its DEVICE_SHUTDOWN (or MACHINE_KEXEC), each to the next SHELL_READY. (Not from the
// moment the command was typed: at maximum speed an idle machine's clock runs ahead of
// the keyboard, which would charge idle time to the restart.)

import { PHASE } from '../../../workers/protocol/api';
import { useController } from '../../app/context';
import { formatDuration } from '../../app/format';
import { useThrottledApp } from '../../app/use-throttled';
import { panelPace } from '../../app/beat';
import type { AppState, PhaseMark } from '../../store/slices';
import { computeDowntime } from '../timeline/downtime';
import { useScenarios } from './scenario-store';

/** REBOOT -> the next SHELL_READY, or -1. */
export function rebootDowntimeNs(phases: readonly PhaseMark[]): number {
  const r = phases.find((p) => p.code === PHASE.REBOOT);
  if (!r) return -1;
  const up = phases.find((p) => p.code === PHASE.SHELL_READY && p.simNs > r.simNs);
  return up ? up.simNs - r.simNs : -1;
}

const selectPhases = (s: AppState) => s.tl_phases;

export function DowntimeChart() {
  const c = useController();
  const shown = useScenarios((s) => s.current.view.panels.includes('chart'));
  const phases = useThrottledApp(c.store, selectPhases, panelPace);
  if (!shown) return null;
  const reboot = rebootDowntimeNs(phases);
  const kexec = computeDowntime(phases, -1).kexecNs;
  const scale = Math.max(reboot, kexec, 1);
  const row = (id: string, label: string, ns: number, pending: string) => (
    <div className="scn-bar-row" data-testid={`chart-${id}`}>
      <span className="scn-bar-label">{label}</span>
      <span className="scn-bar-track" aria-hidden="true">
        <span className={`scn-bar scn-bar-${id}`} style={{ width: `${ns > 0 ? (100 * ns) / scale : 0}%` }} />
      </span>
      <span className="scn-bar-value">{ns >= 0 ? formatDuration(ns) : pending}</span>
    </div>
  );
  const ratio =
    reboot > 0 && kexec > 0 ? `kexec takes ${((100 * kexec) / reboot).toFixed(1)}% of a cold reboot` : '';
  return (
    <section className="panel scn-chart" aria-labelledby="scn-chart-title">
      <h2 id="scn-chart-title">Downtime: cold reboot against kexec</h2>
      {row('reboot', 'cold reboot', reboot, 'not measured yet (type reboot)')}
      {row('kexec', 'kexec', kexec, 'not measured yet (kexec -e)')}
      <p className="scn-chart-note" data-testid="chart-ratio">
        {ratio ||
          'Simulated time on the same machine, from the kernel starting the restart to the next shell prompt.'}
      </p>
    </section>
  );
}
