// The scenario strip under the header: the scenario's title and caption, the script's
// progress, and the scenario commands (pick, play, share, import, export, edit,
// presenter). Also the problems with a link or file, and a replay's verdict.

import { useRef } from 'react';
import { useController } from '../../app/context';
import { useApp } from '../../store/store';
import { Editor } from './Editor';
import { Gallery } from './Gallery';
import { Presenter } from './Presenter';
import { scenariosFor } from './scenarios';
import { useScenarios } from './scenario-store';
import './scenarios.css';

const TRAFFIC = [0, 1000, 10000, 100000];

function Remedies() {
  const c = useController();
  const sc = scenariosFor(c);
  const cur = useScenarios((s) => s.current);
  const reopen = (patch: { skipShutdown?: boolean; netPps?: number }) => {
    const { replay: _r, ...rest } = cur;
    void sc.open(
      {
        ...rest,
        faults: { ...cur.faults, skipShutdown: patch.skipShutdown ?? cur.faults.skipShutdown },
        machine: { ...cur.machine, netPps: patch.netPps ?? cur.machine.netPps },
      },
      sc.store.getState().origin,
      { autoplay: true },
    );
  };
  return (
    <div className="scn-remedies" role="group" aria-label="Remedies (run the scenario again)">
      <button
        type="button"
        role="switch"
        aria-checked={cur.faults.skipShutdown}
        onClick={() => reopen({ skipShutdown: !cur.faults.skipShutdown })}
      >
        skip_shutdown {cur.faults.skipShutdown ? 'on' : 'off'}
      </button>
      <label>
        traffic{' '}
        <select
          aria-label="Traffic rate (packets per second)"
          value={cur.machine.netPps}
          onChange={(e) => reopen({ netPps: Number(e.target.value) })}
        >
          {[...new Set([...TRAFFIC, cur.machine.netPps])]
            .sort((a, b) => a - b)
            .map((n) => (
              <option key={n} value={n}>
                {n} pkt/s
              </option>
            ))}
        </select>
      </label>
    </div>
  );
}

export function ScenarioBar() {
  const c = useController();
  const sc = scenariosFor(c);
  const s = useScenarios((x) => x);
  const machState = useApp((x) => x.mach_status.state, c.store);
  const file = useRef<HTMLInputElement>(null);
  const playing = s.runner === 'playing' || s.runner === 'waiting' || s.runner === 'paused';
  const steps = s.current.script.length;

  return (
    <section className="scn-bar" aria-label="Scenario">
      <div className="scn-row">
        <span className="scn-title" data-testid="scenario-title">
          {s.current.title}
        </span>
        <div className="scn-actions" role="toolbar" aria-label="Scenario commands">
          <button
            type="button"
            onClick={() => sc.store.setState({ galleryOpen: true })}
            aria-haspopup="dialog"
          >
            Scenarios…
          </button>
          {playing ? (
            <button type="button" onClick={() => sc.runner.stop()}>
              Stop script
            </button>
          ) : (
            <button type="button" onClick={() => void sc.restart()} disabled={steps === 0}>
              Play script
            </button>
          )}
          {s.runner === 'paused' && machState === 'paused' && (
            <button type="button" className="scn-primary" onClick={() => void sc.runner.continue()}>
              Continue
            </button>
          )}
          <button type="button" onClick={() => void sc.shareLink()}>
            Share
          </button>
          <button type="button" onClick={() => void sc.exportFile()}>
            Export .json
          </button>
          <button type="button" onClick={() => file.current?.click()}>
            Import .json
          </button>
          <input
            ref={file}
            type="file"
            accept="application/json,.json"
            hidden
            aria-label="Scenario file to import"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void f.text().then((t) => sc.importText(t, f.name));
              e.target.value = '';
            }}
          />
          <button
            type="button"
            onClick={() => sc.store.setState({ editorOpen: true })}
            aria-haspopup="dialog"
          >
            Edit…
          </button>
          <button
            type="button"
            aria-pressed={s.presenter}
            onClick={() => sc.setPresenter(!s.presenter)}
            title="Presenter mode: large type, keyboard only"
          >
            Presenter
          </button>
        </div>
        {s.current.view.remedies && <Remedies />}
      </div>
      <p className="scn-caption" role="status" aria-live="polite" data-testid="scenario-caption">
        {s.caption}
        {s.runnerDetail && (
          <span className="scn-runner" data-testid="scenario-runner" data-state={s.runner}>
            {' '}
            — {s.runnerDetail}
          </span>
        )}
      </p>
      {s.notice && (
        <div
          className={`scn-notice scn-notice-${s.notice.kind}`}
          role={s.notice.kind === 'error' ? 'alert' : 'status'}
          data-testid="scenario-notice"
        >
          <span>{s.notice.text}</span>
          <button type="button" aria-label="Dismiss" onClick={() => sc.store.setState({ notice: null })}>
            ×
          </button>
        </div>
      )}
      {s.replay && (
        <p
          className={`scn-replay scn-replay-${s.replay.state}`}
          role="status"
          data-testid="replay-verdict"
          data-state={s.replay.state}
        >
          Replay: {s.replay.detail}
        </p>
      )}
      {s.shareUrl && (
        <label className="scn-share">
          Share link{' '}
          <input
            readOnly
            value={s.shareUrl}
            aria-label="Share link"
            onFocus={(e) => e.currentTarget.select()}
          />
        </label>
      )}
      <Gallery />
      <Editor />
      <Presenter />
    </section>
  );
}
