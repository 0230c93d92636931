// One card per device: named registers, virtio status bits and queues, bytes moved,
// interrupts pending; the moment a virtio device was reset; and a warning when a device
// DMA-writes into a page whose role is no longer a DMA buffer (memory its driver no
// longer owns).

import { memo, useState } from 'react';
import { useController } from '../../app/context';
import { formatNs, hex32, hexAddr } from '../../app/format';
import { useThrottledApp } from '../../app/use-throttled';
import { useRevealed } from '../../app/use-revealed';
import { panelPace } from '../../app/beat';
import type { AppState, DeviceReset } from '../../store/slices';
import type { DeviceStateRecord, DmaWarning } from '../../../workers/protocol/frame';
import { phaseName } from '../../../workers/protocol/api';
import { roleName } from '../../../workers/protocol/pages';
import './devices.css';

const selectList = (s: AppState) => s.dev_list;
const selectWarnings = (s: AppState) => s.dev_warnings;
const selectResets = (s: AppState) => s.dev_resets;
const selectOrphans = (s: AppState) => s.dev_orphans;
const selectStarted = (s: AppState) => s.cpu_frame !== null;

/** Empty virtio-mmio slots (device id 0) are listed on one line, not as cards. */
export function isEmptySlot(d: DeviceStateRecord): boolean {
  return d.virtio !== undefined && d.virtio.deviceId === 0;
}

export function warningText(w: DmaWarning, ramBase = 0x8000_0000): string {
  const more = w.pages > 1 ? ` and ${w.pages - 1} more page${w.pages > 2 ? 's' : ''}` : '';
  const where = `page ${hexAddr(ramBase + w.page * 4096)}${more}`;
  if (w.reason === 'orphaned') {
    return `${w.deviceName} is still DMA-writing after the kexec: ${where} (role now “${roleName(w.role)}”). Its driver is gone and nobody reset it: memory its driver no longer owns (at ${formatNs(w.simNs)}).`;
  }
  return `${w.deviceName} wrote by DMA into ${where}, whose role is now “${roleName(w.role)}”: memory its driver no longer owns (at ${formatNs(w.simNs)}).`;
}

export function resetText(r: DeviceReset): string {
  const when = `at ${formatNs(r.simNs)}${r.phase ? `, during ${phaseName(r.phase)}` : ''}`;
  return r.how === 'shutdown'
    ? `Shut down by its driver (->shutdown) ${when}: reset, status ← 0, its DMA stopped.`
    : `Reset (status ← 0) ${when}: its DMA stopped.`;
}

export function orphanText(d: DeviceStateRecord): string {
  const v = d.virtio;
  const traffic =
    v?.packetsDelivered !== undefined
      ? ` Packets keep coming: ${v.packetsDelivered} in, ${v.packetsDropped ?? 0} dropped.`
      : '';
  return `Still running after the kexec: it was never shut down, its driver is gone, and no firmware will reset it (status ${v ? v.statusBits.join(' | ') : '?'}). Its DMA can land in memory its driver no longer owns.${traffic}`;
}

interface CardProps {
  d: DeviceStateRecord;
  warnings: DmaWarning[];
  resets: DeviceReset[];
  orphaned: boolean;
}

/** Same items in the same order (the store keeps each warning and reset as one object). */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * A card redraws only when its own record, warnings, resets or orphan flag changed: the
 * store keeps an unchanged device's record as the same object (apply-frame.ts), so a
 * ticking timer redraws the timer's card alone.
 */
export function sameCard(a: CardProps, b: CardProps): boolean {
  return (
    a.d === b.d &&
    a.orphaned === b.orphaned &&
    sameItems(a.warnings, b.warnings) &&
    sameItems(a.resets, b.resets)
  );
}

const DeviceCard = memo(function DeviceCard({ d, warnings, resets, orphaned }: CardProps) {
  const v = d.virtio;
  const titleId = `dev-${d.id}`;
  return (
    <article
      className={`device-card${warnings.length ? ' warn' : ''}`}
      aria-labelledby={titleId}
      data-device={d.id}
    >
      <h3 id={titleId}>
        {d.name}{' '}
        <span className="dev-meta">
          @ {hexAddr(d.base)} · IRQ {d.irq}
        </span>
        {d.irqPending ? <span className="badge irq">IRQ pending</span> : null}
      </h3>
      {orphaned || warnings.length > 0 ? (
        <div role="alert" className="dma-warning">
          {orphaned ? <p>⚠ {orphanText(d)}</p> : null}
          {warnings.slice(-2).map((w, i) => (
            <p key={i}>⚠ {warningText(w)}</p>
          ))}
        </div>
      ) : null}
      {resets.length > 0 ? <p className="dev-reset">{resetText(resets[resets.length - 1])}</p> : null}
      {v ? (
        <>
          <p className="virtio-status">
            status {hex32(v.status)}:{' '}
            {v.status === 0 ? <strong>0 (reset: no DMA)</strong> : v.statusBits.join(' | ') || '—'}
          </p>
          <table className="dev-table" aria-label={`${d.name} queues`}>
            <thead>
              <tr>
                <th scope="col">queue</th>
                <th scope="col">ready</th>
                <th scope="col">size</th>
                <th scope="col">desc</th>
                <th scope="col">driver</th>
                <th scope="col">device</th>
                <th scope="col">in flight</th>
              </tr>
            </thead>
            <tbody>
              {v.queues.map((q) => (
                <tr key={q.index}>
                  <td>{q.index}</td>
                  <td>{q.ready ? 'yes' : 'no'}</td>
                  <td>{q.size}</td>
                  <td>{hex32(q.desc)}</td>
                  <td>{hex32(q.driver)}</td>
                  <td>{hex32(q.device)}</td>
                  <td>{q.inFlight}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="dev-counters">
            read {v.bytesRead} B · written {v.bytesWritten} B · DMA writes {v.dmaWrites}
            {v.packetsDelivered !== undefined ? ` · packets in ${v.packetsDelivered}` : ''}
            {v.packetsDropped !== undefined ? ` · dropped ${v.packetsDropped}` : ''}
            {v.packetsTransmitted !== undefined ? ` · out ${v.packetsTransmitted}` : ''}
          </p>
        </>
      ) : null}
      <Registers d={d} />
    </article>
  );
}, sameCard);

/**
 * A device's named registers, folded away until asked for. The table is built only while
 * the fold is open: the eight cards' closed tables were a third of the page's elements,
 * built in the machine's first frame and updated with every device record.
 */
function Registers({ d }: { d: DeviceStateRecord }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="dev-regs" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Registers</summary>
      {open ? (
        <table className="dev-table" aria-label={`${d.name} registers`}>
          <tbody>
            {d.registers.map((r) => (
              <tr key={r.name}>
                <th scope="row">{r.name}</th>
                <td>{hex32(r.value)}</td>
                <td>{r.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </details>
  );
}

export function DevicesPanel() {
  const c = useController();
  const list = useThrottledApp(c.store, selectList, panelPace);
  const warnings = useThrottledApp(c.store, selectWarnings, panelPace);
  const resets = useThrottledApp(c.store, selectResets, panelPace);
  const orphans = useThrottledApp(c.store, selectOrphans, panelPace);
  const started = useThrottledApp(c.store, selectStarted, 500);
  const cards = list.filter((d) => !isEmptySlot(d));
  // the machine's first frame brings every card at once: they are built in idle time
  const shown = useRevealed(cards.length);
  const empty = list.filter(isEmptySlot);
  return (
    <section className="panel devices-panel" aria-labelledby="devices-title">
      <h2 className="panel-title" id="devices-title">
        Devices
      </h2>
      {!started && list.length === 0 ? <p className="muted">No machine yet.</p> : null}
      <div className="device-cards">
        {cards.slice(0, shown).map((d) => (
          <DeviceCard
            key={d.id}
            d={d}
            warnings={warnings.filter((w) => w.deviceName === d.name)}
            resets={resets.filter((r) => r.base === d.base)}
            orphaned={orphans.includes(d.base)}
          />
        ))}
      </div>
      {empty.length > 0 ? (
        <p className="muted empty-slots">
          Empty virtio-mmio slots: {empty.map((d) => hexAddr(d.base)).join(', ')}
        </p>
      ) : null}
    </section>
  );
}
