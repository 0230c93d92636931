// The banner for when things go wrong: a dead or silent worker (with a one-click
// restart), a stuck guest (where, which image and symbol, since when), a powered-off
// machine. Otherwise a one-line status.

import { useController } from './context';
import { useApp } from '../store/store';
import { formatNs, hex32 } from './format';

export function StatusBanner() {
  const c = useController();
  const conn = useApp((s) => s.sess_conn, c.store);
  const error = useApp((s) => s.sess_error, c.store);
  const status = useApp((s) => s.mach_status, c.store);
  if (conn === 'dead') {
    return (
      <div className="banner error" role="alert" data-testid="worker-dead">
        <span>{error || 'The machine stopped answering.'} The page itself is fine.</span>{' '}
        <button type="button" onClick={() => void c.restartWorker()}>
          Restart the machine
        </button>
      </div>
    );
  }
  if (status.state === 'hung' && status.hang) {
    const h = status.hang;
    return (
      <div className="banner error" role="alert" data-testid="guest-hung">
        <strong>The guest is stuck</strong> at {hex32(h.pc)} in <strong>{h.image}</strong>: {h.symbol},{' '}
        {h.reason}, since {formatNs(h.sinceNs)} (simulated).{' '}
        <button type="button" onClick={() => void c.reset()}>
          Reset
        </button>
      </div>
    );
  }
  if (status.state === 'poweredOff') {
    return (
      <div className="banner info" role="status">
        The machine powered itself off.{' '}
        <button type="button" onClick={() => void c.reset()}>
          Power on again
        </button>
      </div>
    );
  }
  const label =
    conn === 'starting'
      ? 'Starting the machine…'
      : status.state === 'running'
        ? 'Running'
        : status.state === 'paused'
          ? 'Paused'
          : status.state;
  return (
    <div className="banner quiet" role="status" data-testid="run-state" data-state={status.state}>
      {label}
      {status.detail && status.detail.toLowerCase() !== label.toLowerCase() ? ` · ${status.detail}` : ''}
    </div>
  );
}
