// The timeline: phases with simulated timestamps, the events under each, and the kexec's
// downtime next to a cold boot of the same machine.

import { useController } from '../../app/context';
import { formatDuration, formatNs, hexAddr } from '../../app/format';
import { useThrottledApp } from '../../app/use-throttled';
import { panelPace } from '../../app/beat';
import type { AppState, EventMark, PhaseMark } from '../../store/slices';
import { EVENT, eventName, phaseName } from '../../../workers/protocol/api';
import { computeDowntime } from './downtime';
import './timeline.css';

const selectPhases = (s: AppState) => s.tl_phases;
const selectEvents = (s: AppState) => s.tl_events;
const selectTyped = (s: AppState) => s.tl_kexecTypedNs;

export function eventText(e: EventMark): string {
  const times = e.times > 1 ? ` ×${e.times}` : '';
  switch (e.code) {
    case EVENT.PAGE_COPIED:
      return `PAGE_COPIED${times} (last: ${hexAddr(e.count)} → ${hexAddr(e.addr)})`;
    case EVENT.DEVICE_SHUTDOWN:
      return `DEVICE_SHUTDOWN device @ ${hexAddr(e.addr)}`;
    case EVENT.DEVICE_RESET_AT_PROBE:
      return `DEVICE_RESET_AT_PROBE device @ ${hexAddr(e.addr)}`;
    case EVENT.KEXEC_LOADED:
      return `KEXEC_LOADED entry ${hexAddr(e.addr)}`;
    default:
      return `${eventName(e.code)}${times}`;
  }
}

/** Events that fall between a phase and the next one. */
export function eventsOf(phases: readonly PhaseMark[], i: number, events: readonly EventMark[]): EventMark[] {
  const from = phases[i].simNs;
  const to = i + 1 < phases.length ? phases[i + 1].simNs : Infinity;
  return events.filter((e) => e.simNs >= from && e.simNs < to);
}

export function Timeline() {
  const c = useController();
  const phases = useThrottledApp(c.store, selectPhases, panelPace);
  const events = useThrottledApp(c.store, selectEvents, panelPace);
  const typed = useThrottledApp(c.store, selectTyped, panelPace);
  const d = computeDowntime(phases, typed);
  const before = events.filter((e) => phases.length === 0 || e.simNs < phases[0].simNs);
  return (
    <section className="panel timeline-panel" aria-labelledby="timeline-title">
      <h2 className="panel-title" id="timeline-title">
        Timeline
      </h2>
      <div className="downtime" data-testid="downtime">
        <div>
          <span className="muted">Cold boot (power-on → shell):</span>{' '}
          <strong>{d.coldBootNs >= 0 ? formatDuration(d.coldBootNs) : '…'}</strong>
          {d.firmwareNs >= 0 ? (
            <span className="muted"> · firmware {formatDuration(d.firmwareNs)}</span>
          ) : null}
        </div>
        <div>
          <span className="muted">kexec downtime (kexec -e → new shell):</span>{' '}
          <strong>
            {d.kexecNs >= 0 ? formatDuration(d.kexecNs) : d.kexecStartNs >= 0 ? 'in progress…' : 'not yet'}
          </strong>
          {d.kexecNs >= 0 && d.coldBootNs > 0 ? (
            <span className="muted"> · {((100 * d.kexecNs) / d.coldBootNs).toFixed(0)}% of a cold boot</span>
          ) : null}
        </div>
      </div>
      <ol className="phases" aria-label="Phases">
        {before.length > 0 ? (
          <li>
            <ul className="events">
              {before.map((e, j) => (
                <li key={j}>{eventText(e)}</li>
              ))}
            </ul>
          </li>
        ) : null}
        {phases.map((p, i) => (
          <li key={i} aria-current={i === phases.length - 1 ? 'step' : undefined}>
            <span className="ph-time">{formatNs(p.simNs)}</span>{' '}
            <span className="ph-name">{phaseName(p.code)}</span>
            <ul className="events">
              {eventsOf(phases, i, events).map((e, j) => (
                <li key={j}>
                  <span className="ph-time">{formatNs(e.simNs)}</span> {eventText(e)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
