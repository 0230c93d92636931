// The script runner against a controller wired to a fake worker: frames are simulated by
// writing the app store and pushing serial bytes.

import { afterEach, describe, expect, it } from 'vitest';
import { PHASE } from '../../../workers/protocol/api';
import { validateScenario, type ScenarioInput } from '../../../workers/protocol/scenario';
import { testController } from '../../app/test-controller';
import { ScriptRunner } from './runner';
import { createScenarioStore } from './scenario-store';

const tick = (ms = 15) => new Promise((r) => setTimeout(r, ms));

async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i++) await tick(5);
  expect(ok()).toBe(true);
}

function setup(script: ScenarioInput['script']) {
  const t = testController();
  const store = createScenarioStore();
  const runner = new ScriptRunner(t.controller, store);
  const scenario = validateScenario({ version: 1, title: 't', machine: { ramMiB: 64 }, script });
  // the client needs a loaded worker for calls to reach the fake api
  const ready = t.controller.boot();
  const serial = (s: string) => t.controller.serial.push(new TextEncoder().encode(s));
  const machine = (state: 'running' | 'paused' | 'hung', phase?: number) =>
    t.store.setState({
      mach_status: { state, detail: '', hang: null },
      ...(phase !== undefined ? { mach_phase: phase } : {}),
    });
  return { ...t, store, runner, scenario, ready, serial, machine };
}

let stop: (() => void) | null = null;
afterEach(() => stop?.());

describe('ScriptRunner', () => {
  it('shows captions, types each character (\\n as CR), waits for text after the last match', async () => {
    const s = setup([
      { caption: 'hello' },
      { waitFor: '# ' },
      { type: 'ls\n' },
      { waitFor: '# ' },
      { caption: 'bye' },
    ]);
    await s.ready;
    stop = () => s.runner.stop();
    s.machine('running');
    const done = s.runner.play(s.scenario, { typeDelayMs: 1, pollMs: 2 });
    await until(() => s.store.getState().runner === 'waiting');
    expect(s.store.getState().caption).toBe('hello');
    expect(s.api.typeInput).not.toHaveBeenCalled();
    s.serial('boot...\n# ');
    await until(() => s.api.typeInput.mock.calls.length === 3);
    expect(s.api.typeInput.mock.calls.map((c) => (c as unknown[])[0])).toEqual(['l', 's', '\r']);
    await tick();
    expect(s.store.getState().runner).toBe('waiting'); // the first prompt does not count twice
    s.serial('ls\nbin etc\n# ');
    await done;
    expect(s.store.getState()).toMatchObject({ runner: 'done', caption: 'bye' });
  });

  it('pauseAt: stops the machine before the last key, runs to the phase, waits for Run', async () => {
    const s = setup([{ type: 'go\n' }, { pauseAt: 'RELOCATION' }, { caption: 'after' }]);
    await s.ready;
    stop = () => s.runner.stop();
    s.machine('running', PHASE.SHELL_READY);
    const done = s.runner.play(s.scenario, { typeDelayMs: 1, pollMs: 2 });
    await until(() => s.api.runUntil.mock.calls.length === 1);
    expect(s.api.pause).toHaveBeenCalledTimes(1);
    expect(s.api.pause.mock.invocationCallOrder[0]).toBeLessThan(s.api.typeInput.mock.invocationCallOrder[2]);
    expect(s.api.runUntil).toHaveBeenCalledWith({ phase: PHASE.RELOCATION });
    // a stale paused frame from before the breakpoint is not the phase
    s.machine('paused', PHASE.SHELL_READY);
    await tick();
    expect(s.store.getState().runner).toBe('waiting');
    s.machine('paused', PHASE.RELOCATION);
    await until(() => s.store.getState().runner === 'paused');
    expect(s.store.getState().runnerDetail).toContain('paused at RELOCATION');
    s.machine('running', PHASE.RELOCATION); // the user pressed Run
    await done;
    expect(s.store.getState()).toMatchObject({ runner: 'done', caption: 'after' });
  });

  it('a guest that hangs before the phase ends the pause instead of waiting forever', async () => {
    const s = setup([{ pauseAt: 'PURGATORY' }, { caption: 'lesson' }]);
    await s.ready;
    s.machine('running', PHASE.RELOCATION);
    const done = s.runner.play(s.scenario, { typeDelayMs: 1, pollMs: 2 });
    await until(() => s.api.runUntil.mock.calls.length === 1);
    s.machine('hung', PHASE.RELOCATION);
    await done;
    expect(s.store.getState()).toMatchObject({ runner: 'done', caption: 'lesson' });
  });

  it('a waitFor that times out fails with a message naming the text', async () => {
    const s = setup([{ waitFor: 'never', timeoutMs: 100 }]);
    await s.ready;
    await s.runner.play(s.scenario, { typeDelayMs: 1, pollMs: 5 });
    expect(s.store.getState().runner).toBe('failed');
    expect(s.store.getState().runnerDetail).toBe('waiting for “never”: not seen within 0 s');
  });

  it('stop() cancels a script that is waiting', async () => {
    const s = setup([{ waitFor: 'x' }, { caption: 'never shown' }]);
    await s.ready;
    const done = s.runner.play(s.scenario, { typeDelayMs: 1, pollMs: 2 });
    await until(() => s.store.getState().runner === 'waiting');
    s.runner.stop();
    s.serial('x');
    await done;
    expect(s.store.getState().runner).toBe('idle');
    expect(s.store.getState().caption).not.toBe('never shown');
  });
});
