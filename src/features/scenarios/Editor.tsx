// The scenario editor for teachers: machine, command line, faults, script steps and view
// in a form. "Try it" boots the edited scenario and plays its script; "Share link" and
// "Export" carry it without an input log. Validation errors name the field.

import { useEffect, useState } from 'react';
import { useController } from '../../app/context';
import {
  LIMITS,
  PANELS,
  PAUSE_PHASES,
  STEP_KINDS,
  stepKind,
  validateScenario,
  type PanelName,
  type Scenario,
  type Step,
  type StepKind,
} from '../../../workers/protocol/scenario';
import { scenariosFor } from './scenarios';
import { useScenarios } from './scenario-store';

type Draft = Omit<Scenario, 'replay'>;

function withoutReplay(s: Scenario): Draft {
  const { replay: _r, ...rest } = s;
  return structuredClone(rest);
}

function stepText(s: Step): string {
  if ('type' in s) return s.type.replace(/\n/g, '\\n');
  if ('waitFor' in s) return s.waitFor;
  if ('pauseAt' in s) return s.pauseAt;
  return s.caption;
}

function makeStep(kind: StepKind, text: string): Step {
  switch (kind) {
    case 'type':
      return { type: text.replace(/\\n/g, '\n') };
    case 'waitFor':
      return { waitFor: text };
    case 'pauseAt':
      return { pauseAt: PAUSE_PHASES.includes(text) ? text : 'RELOCATION' };
    default:
      return { caption: text };
  }
}

export function Editor() {
  const c = useController();
  const sc = scenariosFor(c);
  const open = useScenarios((s) => s.editorOpen);
  const current = useScenarios((s) => s.current);
  const [d, setD] = useState<Draft>(() => withoutReplay(current));
  const [error, setError] = useState('');

  useEffect(() => {
    if (open) {
      setD(withoutReplay(current));
      setError('');
    }
  }, [open, current]);

  if (!open) return null;
  const close = () => sc.store.setState({ editorOpen: false });
  const check = (): Scenario | null => {
    try {
      const s = validateScenario({ ...d, id: undefined });
      setError('');
      return s;
    } catch (e) {
      setError((e as Error).message);
      return null;
    }
  };
  const patchStep = (i: number, st: Step) =>
    setD({ ...d, script: d.script.map((x, k) => (k === i ? st : x)) });
  const move = (i: number, by: number) => {
    const s = [...d.script];
    const j = i + by;
    if (j < 0 || j >= s.length) return;
    [s[i], s[j]] = [s[j], s[i]];
    setD({ ...d, script: s });
  };
  const num = (v: string) => (v.trim() === '' ? NaN : Number(v));

  return (
    <div className="scn-backdrop">
      <div
        className="scn-dialog scn-editor"
        role="dialog"
        aria-modal="true"
        aria-labelledby="scn-editor-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
          e.stopPropagation();
        }}
      >
        <h2 id="scn-editor-title">Edit scenario</h2>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const s = check();
            if (s) {
              close();
              void sc.open(s, 'editor', { autoplay: true });
            }
          }}
        >
          <fieldset>
            <legend>Scenario</legend>
            <label>
              Title <input value={d.title} onChange={(e) => setD({ ...d, title: e.target.value })} />
            </label>
            <label>
              Description{' '}
              <textarea
                rows={2}
                value={d.description ?? ''}
                onChange={(e) => setD({ ...d, description: e.target.value })}
              />
            </label>
          </fieldset>
          <fieldset>
            <legend>Machine</legend>
            <label>
              RAM (MiB){' '}
              <input
                type="number"
                min={LIMITS.ramMiB[0]}
                max={LIMITS.ramMiB[1]}
                value={Number.isNaN(d.machine.ramMiB) ? '' : d.machine.ramMiB}
                onChange={(e) => setD({ ...d, machine: { ...d.machine, ramMiB: num(e.target.value) } })}
              />
            </label>
            <label>
              Network traffic (packets/s){' '}
              <input
                type="number"
                min={LIMITS.netPps[0]}
                max={LIMITS.netPps[1]}
                value={Number.isNaN(d.machine.netPps) ? '' : d.machine.netPps}
                onChange={(e) => setD({ ...d, machine: { ...d.machine, netPps: num(e.target.value) } })}
              />
            </label>
            <label>
              Kernel command line{' '}
              <input
                value={d.boot.cmdline}
                placeholder="console=ttyS0"
                onChange={(e) => setD({ ...d, boot: { ...d.boot, cmdline: e.target.value } })}
              />
            </label>
          </fieldset>
          <fieldset>
            <legend>Faults</legend>
            <label>
              <input
                type="checkbox"
                checked={d.faults.relocateInPlace}
                onChange={(e) => setD({ ...d, faults: { ...d.faults, relocateInPlace: e.target.checked } })}
              />{' '}
              Relocate in place (kexec_debug.relocate_in_place=1)
            </label>
            <label>
              <input
                type="checkbox"
                checked={d.faults.skipShutdown}
                onChange={(e) => setD({ ...d, faults: { ...d.faults, skipShutdown: e.target.checked } })}
              />{' '}
              Skip device shutdown (kexec_debug.skip_shutdown=1)
            </label>
          </fieldset>
          <fieldset>
            <legend>Script</legend>
            <ol className="scn-steps" aria-label="Script steps">
              {d.script.map((st, i) => {
                const kind = stepKind(st);
                return (
                  <li key={i}>
                    <select
                      aria-label={`Step ${i + 1} kind`}
                      value={kind}
                      onChange={(e) => patchStep(i, makeStep(e.target.value as StepKind, stepText(st)))}
                    >
                      {STEP_KINDS.map((k) => (
                        <option key={k} value={k}>
                          {k}
                        </option>
                      ))}
                    </select>
                    {kind === 'pauseAt' ? (
                      <select
                        aria-label={`Step ${i + 1} phase`}
                        value={stepText(st)}
                        onChange={(e) => patchStep(i, makeStep(kind, e.target.value))}
                      >
                        {PAUSE_PHASES.map((p) => (
                          <option key={p}>{p}</option>
                        ))}
                      </select>
                    ) : (
                      <input
                        aria-label={`Step ${i + 1} text`}
                        value={stepText(st)}
                        onChange={(e) => patchStep(i, makeStep(kind, e.target.value))}
                      />
                    )}
                    <button type="button" aria-label={`Move step ${i + 1} up`} onClick={() => move(i, -1)}>
                      ↑
                    </button>
                    <button type="button" aria-label={`Move step ${i + 1} down`} onClick={() => move(i, 1)}>
                      ↓
                    </button>
                    <button
                      type="button"
                      aria-label={`Remove step ${i + 1}`}
                      onClick={() => setD({ ...d, script: d.script.filter((_, k) => k !== i) })}
                    >
                      ×
                    </button>
                  </li>
                );
              })}
            </ol>
            <button
              type="button"
              onClick={() => setD({ ...d, script: [...d.script, { caption: 'New caption' }] })}
            >
              Add step
            </button>
            <p className="scn-hint">In typed text, \n is Enter.</p>
          </fieldset>
          <fieldset>
            <legend>View</legend>
            {PANELS.map((p: PanelName) => (
              <label key={p} className="scn-inline">
                <input
                  type="checkbox"
                  checked={d.view.panels.includes(p)}
                  onChange={(e) =>
                    setD({
                      ...d,
                      view: {
                        ...d.view,
                        panels: e.target.checked
                          ? [...d.view.panels, p]
                          : d.view.panels.filter((x) => x !== p),
                      },
                    })
                  }
                />{' '}
                {p}
              </label>
            ))}
            <label>
              Speed{' '}
              <select
                value={typeof d.view.speed === 'string' ? d.view.speed : 'realtime'}
                onChange={(e) =>
                  setD({ ...d, view: { ...d.view, speed: e.target.value as 'realtime' | 'max' } })
                }
              >
                <option value="realtime">real time</option>
                <option value="max">maximum</option>
              </select>
            </label>
          </fieldset>
          {error && (
            <p className="scn-notice scn-notice-error" role="alert" data-testid="editor-error">
              {error}
            </p>
          )}
          <div className="scn-editor-actions">
            <button type="submit" className="scn-primary">
              Try it
            </button>
            <button
              type="button"
              onClick={() => {
                const s = check();
                if (s) void sc.shareLink(s);
              }}
            >
              Share link
            </button>
            <button
              type="button"
              onClick={() => {
                const s = check();
                if (s) void sc.exportFile(s);
              }}
            >
              Export .json
            </button>
            <button type="button" onClick={close}>
              Close
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
