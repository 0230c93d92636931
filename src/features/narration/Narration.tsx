// The narration: what is happening now and why, in plain words, with hazards called out.

import { useState } from 'react';
import { useController } from '../../app/context';
import { useApp } from '../../store/store';
import type { AppState } from '../../store/slices';
import { callouts, phaseNarration, type Callout } from './narration';
import './narration.css';

/**
 * The narration as a string key, recomputed only when one of its inputs changed (the
 * store changes on every frame; these fields rarely do).
 */
export function narrationSelector(): (s: AppState) => string {
  let inputs: unknown[] = [];
  let key = '';
  return (s) => {
    const now = [s.mach_phase, s.mach_status, s.mach_config, s.tl_phases, s.tl_events, s.dev_warnings];
    if (now.length !== inputs.length || now.some((v, i) => v !== inputs[i])) {
      inputs = now;
      key = JSON.stringify({ phase: phaseNarration(s), notes: callouts(s) });
    }
    return key;
  };
}

export function Narration() {
  const c = useController();
  const [select] = useState(narrationSelector);
  const key = useApp(select, c.store);
  const { phase, notes } = JSON.parse(key) as { phase: { title: string; text: string }; notes: Callout[] };
  const { title, text } = phase;
  return (
    <section className="panel narration-panel" aria-labelledby="narration-title">
      <h2 className="panel-title" id="narration-title">
        What is happening
      </h2>
      <div role="status" aria-live="polite">
        <h3 className="narration-phase">{title}</h3>
        <p className="narration-text">{text}</p>
      </div>
      {notes.map((n) => (
        <p
          key={n.id}
          className={`callout ${n.severity}`}
          role={n.severity === 'info' ? undefined : 'alert'}
          data-callout={n.id}
        >
          {n.text}
        </p>
      ))}
    </section>
  );
}
