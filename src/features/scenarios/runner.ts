// Plays a scenario's script against the machine: captions, typing at a human pace, waiting
// for serial output, stopping at a phase until the user continues. One script at a time;
// starting another (or stop()) cancels the one that runs.

import { PHASE_NAMES } from '../../../workers/protocol/api';
import { stepKind, type Scenario, type Step } from '../../../workers/protocol/scenario';
import type { AppController } from '../../app/controller';
import type { ScenarioStore } from './scenario-store';

export const DEFAULT_WAIT_MS = 300_000;

export interface RunnerOptions {
  /** ms between typed characters */
  typeDelayMs: number;
  /** poll period while waiting (ms) */
  pollMs?: number;
}

class Cancelled extends Error {}

/** The next step that is not a caption, after index i. */
function nextAction(steps: readonly Step[], i: number): Step | undefined {
  for (let k = i + 1; k < steps.length; k++) if (stepKind(steps[k]) !== 'caption') return steps[k];
  return undefined;
}

export class ScriptRunner {
  private token = 0;

  constructor(
    private readonly c: AppController,
    private readonly store: ScenarioStore,
  ) {}

  stop(): void {
    this.token++;
    const s = this.store.getState();
    if (s.runner !== 'done' && s.runner !== 'failed') this.store.setState({ runner: 'idle', step: -1 });
  }

  /** Resume after a pauseAt step (the same as pressing Run). */
  continue(): Promise<void> {
    return this.c.run();
  }

  async play(scenario: Scenario, opts: RunnerOptions): Promise<void> {
    const token = ++this.token;
    const live = (): void => {
      if (token !== this.token) throw new Cancelled();
    };
    const poll = opts.pollMs ?? 50;
    const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
    const until = async (ok: () => boolean, timeoutMs: number, what: string): Promise<void> => {
      const end = Date.now() + timeoutMs;
      while (!ok()) {
        live();
        if (Date.now() > end) throw new Error(`${what}: not seen within ${Math.round(timeoutMs / 1000)} s`);
        await sleep(poll);
      }
      live();
    };
    const app = () => this.c.store.getState();
    const steps = scenario.script;
    let pos = 0; // serial position after the last matched waitFor
    this.store.setState({ runner: 'playing', runnerDetail: '', step: 0 });
    try {
      for (let i = 0; i < steps.length; i++) {
        live();
        const st = steps[i];
        this.store.setState({ step: i, runner: 'playing', runnerDetail: '' });
        if ('caption' in st) {
          this.store.setState({ caption: st.caption });
        } else if ('type' in st) {
          // a pauseAt right after: stop the machine before the last key, so that the
          // phase cannot pass before the breakpoint is set, whatever the speed
          const stopBefore = nextAction(steps, i);
          const text = st.type.replace(/\n/g, '\r');
          const chars = [...text];
          for (let k = 0; k < chars.length; k++) {
            live();
            if (k === chars.length - 1 && stopBefore && 'pauseAt' in stopBefore) await this.c.pause();
            await this.c.typeInput(chars[k]);
            if (k < chars.length - 1) await sleep(opts.typeDelayMs);
          }
        } else if ('waitFor' in st) {
          this.store.setState({ runner: 'waiting', runnerDetail: `waiting for “${st.waitFor}”` });
          let found = -1;
          await until(
            () => {
              const t = this.c.serial.text();
              if (t.length < pos) pos = 0; // a new machine or trimmed log
              found = t.indexOf(st.waitFor, pos);
              return found >= 0;
            },
            st.timeoutMs ?? DEFAULT_WAIT_MS,
            `waiting for “${st.waitFor}”`,
          );
          pos = found + st.waitFor.length;
        } else {
          const code = PHASE_NAMES.indexOf(st.pauseAt);
          const stopped = () => {
            const s = app();
            return s.mach_status.state !== 'running' && s.mach_status.state !== 'loading';
          };
          if (!(stopped() && app().mach_phase === code)) await this.c.runUntil({ phase: code });
          this.store.setState({ runner: 'waiting', runnerDetail: `running to ${st.pauseAt}` });
          // reached the phase, or stopped for good on the way (hung, powered off)
          await until(
            () => stopped() && (app().mach_phase === code || app().mach_status.state !== 'paused'),
            DEFAULT_WAIT_MS,
            `phase ${st.pauseAt}`,
          );
          if (app().mach_status.state !== 'paused') continue; // hung or off: the lesson goes on
          this.store.setState({
            runner: 'paused',
            runnerDetail: `paused at ${st.pauseAt}: press Run to go on`,
          });
          await until(() => app().mach_status.state !== 'paused', 24 * 3600_000, 'continue');
        }
      }
      this.store.setState({ runner: 'done', runnerDetail: '', step: -1 });
    } catch (e) {
      if (e instanceof Cancelled) return;
      this.store.setState({ runner: 'failed', runnerDetail: (e as Error).message, step: -1 });
    }
  }
}
