// @vitest-environment happy-dom
// Share snapshots and startup from the URL, against a controller wired to a fake worker
// that also answers the replay methods.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeFragment } from '../../../workers/protocol/scenario-codec';
import { validateScenario } from '../../../workers/protocol/scenario';
import type { InputRecord } from '../../../workers/protocol/scenario-replay';
import { testController } from '../../app/test-controller';
import { fakeCpu } from '../../store/fake-frame';
import { createScenarioStore } from './scenario-store';
import { Scenarios } from './scenarios';

function setup() {
  const t = testController();
  const replay = {
    inputLog: vi.fn(async (): Promise<InputRecord[]> => [
      { cycle: 1000, instret: 990, bytes: [...new TextEncoder().encode('ls\r')] },
    ]),
    replayTo: vi.fn(async (_input: InputRecord[], _stop: number) => {}),
    stateHash: vi.fn(async () => 'ff'),
  };
  Object.assign(t.api, replay);
  const store = createScenarioStore();
  const sc = new Scenarios(t.controller, store);
  return { ...t, replay, sc, scStore: store };
}

afterEach(() => history.replaceState(null, '', '/'));

describe('Scenarios', () => {
  it('snapshot: the running settings, the input log and where the machine stopped', async () => {
    const t = setup();
    await t.controller.boot();
    t.store.setState({
      mach_status: { state: 'paused', detail: '', hang: null },
      mach_stateHash: 'abc123',
      mach_simNs: 25_000,
      cpu_frame: fakeCpu({ instret: 2400 }),
      mach_config: {
        ramMiB: 128,
        netPps: 500,
        cmdline: 'console=ttyS0 kexec_debug.skip_shutdown=1',
        faults: { relocateInPlace: false, skipShutdown: true },
      },
    });
    t.replay.stateHash.mockResolvedValue('fe42'); // the frame's cached hash may be stale
    const s = await t.sc.snapshot();
    expect(t.api.pause).toHaveBeenCalled();
    expect(s.machine).toEqual({ ramMiB: 128, netPps: 500 });
    expect(s.boot.cmdline).toBe('console=ttyS0'); // the switches travel as faults, once
    expect(s.faults).toEqual({ relocateInPlace: false, skipShutdown: true });
    expect(s.replay).toEqual({
      input: [{ cycle: 1000, instret: 990, text: 'ls\r' }],
      stopAt: { cycle: 2500, instret: 2400, stateHash: 'fe42' },
    });
  });

  it('a bad link opens the default scenario with the problem named', async () => {
    const t = setup();
    history.replaceState(null, '', '/#s=@@@');
    expect(await t.sc.startFromUrl(location)).toBe(true);
    const st = t.scStore.getState();
    expect(st.notice?.kind).toBe('error');
    expect(st.notice?.text).toContain('corrupted: "@" at position 0 is not base64url');
    expect(st.notice?.text).toContain('Showing the default scenario instead');
    expect(st.current.id).toBe('basic-kexec');
    expect(t.api.loadScenario).toHaveBeenCalledWith(expect.objectContaining({ ramMiB: 64 }));
  });

  it('a link with a replay log boots the machine and replays to the stop cycle', async () => {
    const t = setup();
    const s = validateScenario({
      version: 1,
      title: 'Shared',
      machine: { ramMiB: 32, netPps: 0 },
      replay: {
        input: [{ cycle: 10, instret: 9, text: 'é\r' }],
        stopAt: { cycle: 50, instret: 40, stateHash: 'ff' },
      },
    });
    history.replaceState(null, '', `/?speed=max#${encodeFragment(s)}`);
    const started = t.sc.startFromUrl(location);
    await vi.waitFor(() => expect(t.replay.replayTo).toHaveBeenCalled());
    expect(t.api.loadScenario).toHaveBeenCalledWith(
      expect.objectContaining({ ramMiB: 32, speed: 'realtime' }),
    );
    expect(t.replay.replayTo).toHaveBeenCalledWith([{ cycle: 10, instret: 9, bytes: [0xc3, 0xa9, 13] }], 50);
    expect(t.scStore.getState().replay?.state).toBe('replaying');
    // the machine reaches the stop with the sender's hash
    t.store.setState({
      mach_status: { state: 'paused', detail: '', hang: null },
      mach_simNs: 500,
      mach_stateHash: 'ff',
    });
    await started;
    await vi.waitFor(() => expect(t.scStore.getState().replay?.state).toBe('matched'));
    expect(t.api.setSpeed).toHaveBeenCalledWith('max'); // ?speed= wins after the replay
  });
});
