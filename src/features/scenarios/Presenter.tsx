// Presenter mode: large type, high contrast, only the scenario's panels, and keyboard
// only. Space runs or pauses (and continues a paused script), → goes on to the next phase
// (or continues), ← starts the scenario again, 1-9 open the shipped scenarios, Esc leaves.
// The keys are taken before the console and the app's shortcuts see them.

import { useEffect } from 'react';
import { useController } from '../../app/context';
import { scenariosFor } from './scenarios';
import { SHIPPED } from './shipped';
import { useScenarios } from './scenario-store';

export function Presenter() {
  const c = useController();
  const sc = scenariosFor(c);
  const on = useScenarios((s) => s.presenter);
  const caption = useScenarios((s) => s.caption);
  const title = useScenarios((s) => s.current.title);
  const detail = useScenarios((s) => s.runnerDetail);

  useEffect(() => {
    if (!on) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const st = sc.store.getState();
      if (st.galleryOpen || st.editorOpen) return;
      const paused = st.runner === 'paused';
      if (e.key === ' ') void (paused ? sc.runner.continue() : c.toggleRun());
      else if (e.key === 'ArrowRight') void (paused ? sc.runner.continue() : c.stepPhase());
      else if (e.key === 'ArrowLeft') void sc.restart();
      else if (/^[1-9]$/.test(e.key)) void sc.openShipped(Number(e.key) - 1);
      else if (e.key === 'Escape') sc.setPresenter(false);
      else return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [on, c, sc]);

  if (!on) return null;
  return (
    <aside className="scn-presenter" aria-label="Presenter caption">
      <p className="scn-presenter-title">{title}</p>
      <p className="scn-presenter-caption" aria-live="polite" data-testid="presenter-caption">
        {caption}
      </p>
      {detail && <p className="scn-presenter-detail">{detail}</p>}
      <p className="scn-presenter-keys" aria-label="Keys">
        <kbd>Space</kbd> run / pause · <kbd>→</kbd> next · <kbd>←</kbd> again · <kbd>1</kbd>-
        <kbd>{SHIPPED.length}</kbd> scenarios · <kbd>Esc</kbd> leave
      </p>
    </aside>
  );
}
