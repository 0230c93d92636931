import { describe, expect, it, vi } from 'vitest';
import { MachineClient, PULL_MS, animationFrameScheduler, nextPaint, type WorkerHandle } from './client';
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

/** A frame scheduler driven by hand: `tick()` is one animation frame. */
function manualFrames() {
  const queue: (() => void)[] = [];
  return {
    schedule: (cb: () => void): void => void queue.push(cb),
    /** the power-on paint: two frames */
    painted: (): Promise<void> => new Promise((done) => queue.push(() => queue.push(done))),
    tick: (): void => {
      for (const cb of queue.splice(0)) cb();
    },
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) await Promise.resolve();
}

/** Animation frames until `p` settles: loading waits for the power-on frame's paint. */
async function drive<T>(p: Promise<T>, tick: () => void): Promise<T> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 20 && !done; i++) {
    await settle();
    if (!done) tick();
  }
  return p;
}

describe('MachineClient', () => {
  it('shows the machine at power-on, runs it once that frame is painted, then pumps deltas one at a time', async () => {
    const w = fakeWorker(async (since) => fakeFrame({ seq: since + 1 }));
    const frames: number[] = [];
    const f = manualFrames();
    const c = new MachineClient(
      () => w.handle,
      { onFrame: (fr) => frames.push(fr.seq), onLoaded: () => {}, onDead: () => {}, onStarting: () => {} },
      f.schedule,
      undefined,
      f.painted,
    );
    const loading = c.load(REQ);
    await settle();
    // the power-on frame is applied before the first instruction...
    expect(frames).toEqual([1]);
    expect(w.api.run).not.toHaveBeenCalled();
    // ...and the machine runs after two animation frames, once the page has painted it
    f.tick();
    await settle();
    expect(w.api.run).not.toHaveBeenCalled();
    f.tick();
    await loading;
    expect(w.api.run).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 3; i++) {
      f.tick();
      await settle();
    }
    expect(frames).toEqual([1, 2, 3, 4]);
    expect(vi.mocked(w.api.getFrame).mock.calls.map((a) => a[0])).toEqual([0, 1, 2, 3]);
  });
  it('loads without running when asked, with no power-on wait', async () => {
    const w = fakeWorker(async (since) => fakeFrame({ seq: since + 1 }));
    const f = manualFrames();
    const c = new MachineClient(
      () => w.handle,
      { onFrame: () => {}, onLoaded: () => {}, onDead: () => {}, onStarting: () => {} },
      f.schedule,
      undefined,
      f.painted,
    );
    await c.load(REQ, false);
    expect(w.api.run).not.toHaveBeenCalled();
  });
  it('says the machine could not be started when the power-on frame does not come', async () => {
    const w = fakeWorker(() => new Promise(() => {}));
    let reason = '';
    const c = new MachineClient(
      () => w.handle,
      { onFrame: () => {}, onLoaded: () => {}, onDead: (r) => (reason = r), onStarting: () => {} },
      manualFrames().schedule,
      20,
      async () => {},
    );
    await c.load(REQ);
    expect(c.isDead).toBe(true);
    expect(reason).toMatch(/could not be started: no answer to a frame request/);
    expect(w.api.run).not.toHaveBeenCalled();
  });
  it('says the worker is dead when a frame does not come, and restarts it with the same scenario', async () => {
    let answered = 0;
    // answers the power-on frame, then never again
    const dead = fakeWorker(() => (answered++ === 0 ? Promise.resolve(fakeFrame()) : new Promise(() => {})));
    const alive = fakeWorker(async () => fakeFrame());
    const spawns = [dead.handle, alive.handle];
    let reason = '';
    const f = manualFrames();
    const c = new MachineClient(
      () => spawns.shift()!,
      { onFrame: () => {}, onLoaded: () => {}, onDead: (r) => (reason = r), onStarting: () => {} },
      f.schedule,
      20,
      f.painted,
    );
    await drive(c.load(REQ), f.tick);
    f.tick();
    await new Promise((r) => setTimeout(r, 50));
    expect(c.isDead).toBe(true);
    expect(reason).toMatch(/stopped answering/);
    await drive(c.restart(), f.tick);
    expect(dead.handle.terminate).toHaveBeenCalled();
    expect(alive.api.loadScenario).toHaveBeenCalledWith(REQ);
    expect(c.isDead).toBe(false);
  });
  it('hears a crash', async () => {
    const w = fakeWorker(async () => fakeFrame());
    let reason = '';
    const f = manualFrames();
    const c = new MachineClient(
      () => w.handle,
      { onFrame: () => {}, onLoaded: () => {}, onDead: (r) => (reason = r), onStarting: () => {} },
      f.schedule,
      undefined,
      f.painted,
    );
    await drive(c.load(REQ), f.tick);
    w.crash('out of memory');
    expect(reason).toBe("The machine's worker crashed (out of memory).");
    expect(c.api).toBeNull();
  });
  it('waits for the paint after two animation frames, or for a timer in a tab that gets none', async () => {
    const pending: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => pending.push(cb));
    try {
      let done = false;
      void nextPaint(10_000).then(() => (done = true));
      for (const cb of pending.splice(0)) cb(0);
      await settle();
      expect(done).toBe(false);
      for (const cb of pending.splice(0)) cb(16);
      await settle();
      expect(done).toBe(true);
      // no animation frames at all: the timer ends the wait
      const t0 = Date.now();
      await nextPaint(30);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
    } finally {
      vi.unstubAllGlobals();
    }
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
