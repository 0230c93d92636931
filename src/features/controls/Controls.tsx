// The control bar: the registered actions as buttons, speed, network traffic, RAM size
// and the two hazard switches (which put kexec_debug.* on the command line and reboot).

import type { Speed } from '../../../workers/protocol/frame';
import { useController } from '../../app/context';
import { useApp } from '../../store/store';
import { ACTIONS, type Action } from './actions';
import './controls.css';

export const SPEEDS: { value: string; label: string; speed: Speed }[] = [
  { value: 'realtime', label: 'Real time', speed: 'realtime' },
  { value: 'max', label: 'Maximum', speed: 'max' },
  { value: 'slow-100000', label: 'Slow (100k instr/s)', speed: { slowIps: 100_000 } },
  { value: 'slow-1000', label: 'Slow (1000 instr/s)', speed: { slowIps: 1000 } },
  { value: 'slow-10', label: 'Very slow (10 instr/s)', speed: { slowIps: 10 } },
];

export function speedValue(s: Speed): string {
  if (typeof s === 'string') return s;
  return `slow-${s.slowIps}`;
}

export const NET_RATES = [0, 100, 1000, 10000];
export const RAM_SIZES = [16, 64, 256, 1024];

function ActionButton({ action }: { action: Action }) {
  const c = useController();
  const label = useApp((s) => action.label(s), c.store);
  const enabled = useApp((s) => (action.enabled ? action.enabled(s) : true), c.store);
  return (
    <button
      type="button"
      data-action={action.id}
      disabled={!enabled}
      aria-keyshortcuts={action.key === ' ' ? 'Space' : action.key}
      onClick={() => void action.perform(c)}
    >
      {label}
      {action.keyHint ? <kbd aria-hidden="true">{action.keyHint}</kbd> : null}
    </button>
  );
}

function Switch({
  id,
  label,
  checked,
  onChange,
  describe,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange(v: boolean): void;
  describe: string;
}) {
  return (
    <span className="switch-wrap">
      <button
        type="button"
        role="switch"
        id={id}
        aria-checked={checked}
        aria-describedby={`${id}-desc`}
        className={checked ? 'switch on' : 'switch'}
        onClick={() => onChange(!checked)}
      >
        <span className="knob" aria-hidden="true" />
        {label}
      </button>
      <span id={`${id}-desc`} className="sr-only">
        {describe}
      </span>
    </span>
  );
}

export function Controls() {
  const c = useController();
  const speed = useApp((s) => s.mach_speed, c.store);
  const config = useApp((s) => s.mach_config, c.store);
  return (
    <div className="controls" role="toolbar" aria-label="Machine controls">
      <div className="group">
        {ACTIONS.map((a) => (
          <ActionButton key={a.id} action={a} />
        ))}
      </div>
      <div className="group">
        <label>
          Speed{' '}
          <select
            value={speedValue(speed)}
            onChange={(e) => {
              const s = SPEEDS.find((x) => x.value === e.target.value);
              if (s) void c.setSpeed(s.speed);
            }}
          >
            {SPEEDS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Network traffic{' '}
          <select value={config.netPps} onChange={(e) => void c.setNetPps(Number(e.target.value))}>
            {NET_RATES.map((r) => (
              <option key={r} value={r}>
                {r === 0 ? 'off' : `${r} packets/s`}
              </option>
            ))}
          </select>
        </label>
        <label>
          RAM{' '}
          <select value={config.ramMiB} onChange={(e) => void c.reboot({ ramMiB: Number(e.target.value) })}>
            {RAM_SIZES.map((r) => (
              <option key={r} value={r}>
                {r >= 1024 ? `${r / 1024} GiB` : `${r} MiB`}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="group" role="group" aria-label="Hazards (reboot the machine)">
        <Switch
          id="fault-relocate"
          label="Relocate in place"
          checked={config.faults.relocateInPlace}
          describe="Hazard 1: the copy loop runs from the old kernel's own text (kexec_debug.relocate_in_place=1). Reboots the machine."
          onChange={(v) => void c.reboot({ faults: { ...config.faults, relocateInPlace: v } })}
        />
        <Switch
          id="fault-skip-shutdown"
          label="Skip device shutdown"
          checked={config.faults.skipShutdown}
          describe="Hazard 2: device_shutdown() is skipped, devices keep DMA running (kexec_debug.skip_shutdown=1). Reboots the machine."
          onChange={(v) => void c.reboot({ faults: { ...config.faults, skipShutdown: v } })}
        />
      </div>
    </div>
  );
}
