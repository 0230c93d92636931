// The only module that imports comlink: it owns the machine's Web Worker, pulls a Frame
// on animation frames (at most every PULL_MS, one request in flight at a time), and
// notices a worker that crashed (error event) or stopped answering (no frame within
// FRAME_TIMEOUT_MS). A dead worker is replaced, on request, by a fresh one running the
// same scenario.

import * as Comlink from 'comlink';
import type { LoadResult, MachineApi, ScenarioRequest } from '../../workers/protocol/api';
import type { Frame } from '../../workers/protocol/frame';

export const FRAME_TIMEOUT_MS = 3000;
export const LOAD_TIMEOUT_MS = 60_000;

/** A started worker: its API, how to stop it, and a way to hear that it crashed. */
export interface WorkerHandle {
  api: MachineApi;
  terminate(): void;
  onCrash(cb: (message: string) => void): void;
}

export type Spawn = () => WorkerHandle;

/** The real thing: a module worker wrapped by comlink. */
export function spawnMachineWorker(): WorkerHandle {
  const worker = new Worker(new URL('../../workers/machine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'machine',
  });
  const api = Comlink.wrap<MachineApi>(worker);
  return {
    api: api as unknown as MachineApi, // Comlink.Remote<MachineApi> has the same promise-returning methods
    terminate: () => {
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
    onCrash: (cb) => {
      worker.addEventListener('error', (e) => cb(e.message || 'the worker script failed'));
      worker.addEventListener('messageerror', () => cb('a message from the worker could not be read'));
    },
  };
}

export interface ClientEvents {
  /** A new worker was spawned (its machine generations start over). */
  onWorkerStarted?(): void;
  onFrame(f: Frame): void;
  onLoaded(r: LoadResult): void;
  onDead(reason: string): void;
  onStarting(): void;
}

/** Schedules the frame pump; animation frames in the browser, injectable in tests. */
export type FrameScheduler = (cb: () => void) => void;

/**
 * The browser's pump runs on animation frames but pulls at most every PULL_MS (about 30
 * times a second on a 60 Hz display): each frame from the worker costs the page a
 * message, the store's subscribers and a memory map repaint, and half of that work
 * leaves the page's own 60 fps (scrolling, hover, zoom and pan) twice the room. What a
 * frame carries does not shrink: it is the delta since the last one.
 */
export const PULL_MS = 25;

export function animationFrameScheduler(minMs = PULL_MS): FrameScheduler {
  let last = -Infinity;
  return (cb) => {
    const tick = (t: number): void => {
      if (t - last < minMs) {
        requestAnimationFrame(tick);
        return;
      }
      last = t;
      cb();
    };
    requestAnimationFrame(tick);
  };
}

/**
 * Two animation frames: the first runs before the page's next paint, the second after
 * it. Not the pump's scheduler, whose pull limit lets the pump's own callback take every
 * due frame while a reload is under way. A page in a background tab gets no animation
 * frames: a timer ends the wait there.
 */
export function nextPaint(maxWaitMs = 200): Promise<void> {
  return new Promise((painted) => {
    const t = setTimeout(painted, maxWaitMs);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        clearTimeout(t);
        painted();
      }),
    );
  });
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(
      () => reject(new Error(`no answer to ${what} within ${Math.round(ms / 1000)} s`)),
      ms,
    );
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(t);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export class MachineClient {
  private handle: WorkerHandle | null = null;
  private seq = 0;
  private epoch = 0;
  private pumping = false;
  private inFlight = false;
  private dead = false;
  private lastRequest: ScenarioRequest | null = null;

  constructor(
    private readonly spawn: Spawn,
    private readonly events: ClientEvents,
    private readonly schedule: FrameScheduler = animationFrameScheduler(),
    private readonly frameTimeoutMs = FRAME_TIMEOUT_MS,
    /** Resolves once the page has painted a frame just applied. */
    private readonly painted: () => Promise<void> = nextPaint,
  ) {}

  get api(): MachineApi | null {
    return this.dead ? null : (this.handle?.api ?? null);
  }

  get isDead(): boolean {
    return this.dead;
  }

  /** Start a worker (if needed), build the scenario's machine and run it. */
  async load(req: ScenarioRequest, autoRun = true): Promise<void> {
    this.lastRequest = req;
    if (!this.handle || this.dead) this.startWorker();
    const epoch = this.epoch;
    const api = this.handle!.api;
    this.events.onStarting();
    try {
      const r = await withTimeout(api.loadScenario(req), LOAD_TIMEOUT_MS, 'loading the machine');
      if (epoch !== this.epoch) return;
      this.seq = 0;
      this.events.onLoaded(r);
      if (autoRun) {
        await this.showPowerOn(api, epoch);
        if (epoch !== this.epoch) return;
        await api.run();
      }
      this.startPump();
    } catch (e) {
      if (epoch === this.epoch) this.die(`The machine could not be started: ${(e as Error).message}.`);
    }
  }

  /**
   * The machine at power-on, on screen before its first instruction: one frame applied,
   * then two animation frames for the page to lay it out and paint it. The first frame
   * fills every panel at once (the registers, the memory map's first full paint; the
   * device cards follow in idle time), the page's costliest render; done while the worker
   * waits, it has a core to itself instead of sharing one with the emulator and V8
   * compiling it, and the page's later frames only carry what changed. Costs the boot two frames (about 33 ms).
   */
  private async showPowerOn(api: MachineApi, epoch: number): Promise<void> {
    const f = await withTimeout(api.getFrame(this.seq), this.frameTimeoutMs, 'a frame request');
    if (epoch !== this.epoch) return;
    this.seq = f.seq;
    this.events.onFrame(f);
    await this.painted();
  }

  /** Replace the worker with a fresh one and reload the last scenario. */
  async restart(): Promise<void> {
    this.stopWorker();
    if (this.lastRequest) await this.load(this.lastRequest);
  }

  /** Forget the worker (tab teardown, tests). */
  dispose(): void {
    this.stopWorker();
  }

  private startWorker(): void {
    this.stopWorker();
    this.epoch++;
    const epoch = this.epoch;
    this.dead = false;
    this.handle = this.spawn();
    this.events.onWorkerStarted?.();
    this.handle.onCrash((msg) => {
      if (epoch === this.epoch) this.die(`The machine's worker crashed (${msg}).`);
    });
  }

  private stopWorker(): void {
    this.epoch++;
    this.pumping = false;
    this.inFlight = false;
    if (this.handle) this.handle.terminate();
    this.handle = null;
  }

  private die(reason: string): void {
    if (this.dead) return;
    this.dead = true;
    this.pumping = false;
    this.events.onDead(reason);
  }

  private startPump(): void {
    if (this.pumping) return;
    this.pumping = true;
    const epoch = this.epoch;
    const loop = (): void => {
      if (!this.pumping || epoch !== this.epoch) return;
      this.pull(epoch);
      this.schedule(loop);
    };
    this.schedule(loop);
  }

  /** Request one frame unless one is already on its way. */
  private pull(epoch: number): void {
    if (this.inFlight || !this.handle || this.dead) return;
    this.inFlight = true;
    withTimeout(this.handle.api.getFrame(this.seq), this.frameTimeoutMs, 'a frame request')
      .then((f) => {
        if (epoch !== this.epoch) return;
        this.inFlight = false;
        this.seq = f.seq;
        this.events.onFrame(f);
      })
      .catch((e: unknown) => {
        if (epoch !== this.epoch) return;
        this.inFlight = false;
        const msg = (e as Error).message;
        this.die(
          msg.startsWith('no answer')
            ? `The machine stopped answering (${msg}).`
            : `The machine's worker failed (${msg}).`,
        );
      });
  }
}
