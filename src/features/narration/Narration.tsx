// The narration: what is happening now and why, in plain words, with hazards called out.

import { useController } from '../../app/context';
import { useApp } from '../../store/store';
import { callouts, phaseNarration, type Callout } from './narration';
import './narration.css';

export function Narration() {
  const c = useController();
  const title = useApp((s) => phaseNarration(s).title, c.store);
  const text = useApp((s) => phaseNarration(s).text, c.store);
  // a string key keeps the selector's result stable between frames
  const notesKey = useApp((s) => JSON.stringify(callouts(s)), c.store);
  const notes = JSON.parse(notesKey) as Callout[];
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
