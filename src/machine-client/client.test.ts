import { describe, expect, it, vi } from 'vitest';
import { MachineClient, PULL_MS, animationFrameScheduler, type WorkerHandle } from './client';
import type { MachineApi } from '../../workers/protocol/api';
import { fakeFrame } from '../store/fake-frame';

function fakeWorker(getFrame: MachineApi['getFrame']) {
  let crash: (m: string) => void = () => {};
  const api = {
    loadScenario: vi.fn(async () => ({
      generation: 1,
      ramBase: 0x8000_0000,
      pageCount: 16,
      knownImages: [],
    })),
    run: vi.fn(async () => {}),
    getFrame: vi.fn(getFrame),
  } as unknown as MachineApi;
  const handle: WorkerHandle = { api, terminate: vi.fn(), onCrash: (cb) => (crash = cb) };
  return { handle, api, crash: (m: string) => crash(m) };
}

const REQ = {
  ramMiB: 64,
  netPps: 0,
  cmdline: '',
  faults: { relocateInPlace: false, skipShutdown: false },
  imagesBase: 'http://x/images/',
};

describe('MachineClient', () => {
  it('loads, runs, and pumps frames one at a time, asking for deltas since the last one', async () => {
    const w = fakeWorker(async (since) => fakeFrame({ seq: since + 1 }));
    const frames: number[] = [];
    let tick: () => void = () => {};
    const c = new MachineClient(
      () => w.handle,
      { onFrame: (f) => frames.push(f.seq), onLoaded: () => {}, onDead: () => {}, onStarting: () => {} },
      (cb) => (tick = cb),
    );
    await c.load(REQ);
    expect(w.api.run).toHaveBeenCalled();
    for (let i = 0; i < 3; i++) {
      tick();
      await Promise.resolve();
      await Promise.resolve();
      await Promise.resolve();
    }
    expect(frames).toEqual([1, 2, 3]);
    expect(vi.mocked(w.api.getFrame).mock.calls.map((a) => a[0])).toEqual([0, 1, 2]);
  });
  it('says the worker is dead when a frame does not come, and restarts it with the same scenario', async () => {
    const dead = fakeWorker(() => new Promise(() => {}));
    const alive = fakeWorker(async () => fakeFrame());
    const spawns = [dead.handle, alive.handle];
    let reason = '';
    let tick: () => void = () => {};
    const c = new MachineClient(
      () => spawns.shift()!,
      { onFrame: () => {}, onLoaded: () => {}, onDead: (r) => (reason = r), onStarting: () => {} },
      (cb) => (tick = cb),
      20,
    );
    await c.load(REQ);
    tick();
    await new Promise((r) => setTimeout(r, 50));
    expect(c.isDead).toBe(true);
    expect(reason).toMatch(/stopped answering/);
    await c.restart();
    expect(dead.handle.terminate).toHaveBeenCalled();
    expect(alive.api.loadScenario).toHaveBeenCalledWith(REQ);
    expect(c.isDead).toBe(false);
  });
  it('hears a crash', async () => {
    const w = fakeWorker(async () => fakeFrame());
    let reason = '';
    const c = new MachineClient(
      () => w.handle,
      { onFrame: () => {}, onLoaded: () => {}, onDead: (r) => (reason = r), onStarting: () => {} },
      () => {},
    );
    await c.load(REQ);
    w.crash('out of memory');
    expect(reason).toBe("The machine's worker crashed (out of memory).");
    expect(c.api).toBeNull();
  });
  it('pulls on animation frames, at most one pull per PULL_MS', () => {
    const pending: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => pending.push(cb));
    try {
      const schedule = animationFrameScheduler();
      const pulls: number[] = [];
      let now = 1000;
      const loop = (): void => {
        pulls.push(now);
        schedule(loop);
      };
      schedule(loop);
      // a 60 Hz display for half a second
      for (let i = 0; i < 30; i++) {
        now += 1000 / 60;
        const due = pending.splice(0);
        for (const cb of due) cb(now);
      }
      expect(pulls.length).toBe(15);
      for (let i = 1; i < pulls.length; i++) expect(pulls[i] - pulls[i - 1]).toBeGreaterThanOrEqual(PULL_MS);
      // a 30 Hz display: every animation frame pulls
      pulls.length = 0;
      for (let i = 0; i < 10; i++) {
        now += 1000 / 30;
        for (const cb of pending.splice(0)) cb(now);
      }
      expect(pulls.length).toBe(10);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
