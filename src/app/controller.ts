// The app's runtime: one MachineClient, the store, the page model and the serial log,
// and the operations the controls perform on them. Components reach it through
// AppContext; nothing here renders.

import { MachineClient, spawnMachineWorker, type FrameScheduler, type Spawn } from '../machine-client/client';
import type { MachineConfig, MachineStatus, RunUntilTarget, Speed } from '../../workers/protocol/frame';
import { buildCmdline } from '../../workers/protocol/api';
import { applyFrame, noteTypedLine } from '../store/apply-frame';
import { PageStore } from '../store/page-store';
import { appStore, type AppStore } from '../store/store';
import { SerialLog } from '../features/console/serial-log';

export class AppController {
  readonly pages = new PageStore();
  readonly serial = new SerialLog();
  readonly client: MachineClient;
  private line = '';
  private generationBase = 0;
  /** Main-thread ms spent applying frames (store, page model, terminal), for benchmarks. */
  frameWorkMs = 0;
  /** Wall-clock ms the page has asked the worker to give way for (giveWay), for benchmarks. */
  gaveWayMs = 0;
  private generation = -1;
  private readonly imagesBase: string;

  constructor(
    readonly store: AppStore = appStore,
    spawn: Spawn = spawnMachineWorker,
    schedule?: FrameScheduler,
    imagesBase?: string,
    /** How the client waits for the power-on frame's paint (tests: not at all). */
    painted?: () => Promise<void>,
  ) {
    this.imagesBase = imagesBase ?? new URL('images/', document.baseURI).href;
    this.client = new MachineClient(
      spawn,
      {
        // generations count per worker: keep them unique across worker restarts
        onWorkerStarted: () => (this.generationBase += 1_000_000),
        onStarting: () => store.setState({ sess_conn: 'starting', sess_error: '' }),
        onLoaded: () => store.setState({ sess_conn: 'ready' }),
        onDead: (reason) => store.setState({ sess_conn: 'dead', sess_error: reason }),
        onFrame: (raw) => {
          const t0 = performance.now();
          const f = { ...raw, generation: this.generationBase + raw.generation };
          if (f.generation !== this.generation) {
            this.generation = f.generation;
            this.serial.clear();
            this.line = '';
          }
          this.pages.apply(f);
          applyFrame(store, f);
          this.serial.push(f.serial);
          this.frameWorkMs += performance.now() - t0;
        },
      },
      schedule,
      undefined,
      painted,
    );
  }

  /** Power on a machine with this configuration (the fault switches go on its command line). */
  async boot(config: MachineConfig = this.store.getState().mach_config, speed?: Speed): Promise<void> {
    const cmdline = buildCmdline(config.cmdline, config.faults);
    this.store.setState(speed ? { mach_config: config, mach_speed: speed } : { mach_config: config });
    await this.client.load({
      ...config,
      cmdline,
      imagesBase: this.imagesBase,
      speed: speed ?? this.store.getState().mach_speed,
    });
  }

  /** Change the configuration and power-cycle the machine. */
  reboot(patch: Partial<MachineConfig>): Promise<void> {
    const c = this.store.getState().mach_config;
    return this.boot({ ...c, ...patch, faults: { ...c.faults, ...patch.faults } });
  }

  /** Reset always works: a fresh worker if the old one is dead, else a fresh machine. */
  reset(): Promise<void> {
    if (this.client.isDead) return this.client.restart();
    return this.boot();
  }

  restartWorker(): Promise<void> {
    return this.client.restart();
  }

  run(): Promise<void> {
    return this.call((a) => a.run());
  }

  pause(): Promise<void> {
    return this.call((a) => a.pause());
  }

  toggleRun(): Promise<void> {
    const st = this.store.getState().mach_status.state;
    return st === 'running' ? this.pause() : this.run();
  }

  async stepInstruction(n = 1): Promise<MachineStatus | undefined> {
    return this.call((a) => a.stepInstruction(n));
  }

  stepPhase(): Promise<void> {
    return this.call((a) => a.stepPhase());
  }

  runUntil(t: RunUntilTarget): Promise<void> {
    return this.call((a) => a.runUntil(t));
  }

  setSpeed(s: Speed): Promise<void> {
    this.store.setState({ mach_speed: s });
    return this.call((a) => a.setSpeed(s));
  }

  setNetPps(pps: number): Promise<void> {
    const c = this.store.getState().mach_config;
    this.store.setState({ mach_config: { ...c, netPps: pps } });
    return this.call((a) => a.setNetPps(pps));
  }

  /**
   * Ask the machine's worker to run nothing for the next `ms` (wall clock), leaving the
   * host's CPU to a costly step of the page's (Console: a kernel's boot log at maximum
   * speed). Pacing only; without a machine, nothing to ask.
   */
  giveWay(ms: number): Promise<void> {
    if (!this.client.api) return Promise.resolve();
    this.gaveWayMs += ms;
    return this.call((a) => a.giveWay(ms)).then(() => undefined);
  }

  /** Type into the UART; whole lines are also checked for `kexec -e` (downtime start). */
  typeInput(text: string): Promise<void> {
    for (const ch of text) {
      if (ch === '\n' || ch === '\r') {
        noteTypedLine(this.store, this.line);
        this.line = '';
      } else if (ch === '\x7f' || ch === '\b') {
        this.line = this.line.slice(0, -1);
      } else if (ch >= ' ') {
        this.line += ch;
      }
    }
    return this.call((a) => a.typeInput(text));
  }

  readPage(index: number): Promise<Uint8Array> {
    const api = this.client.api;
    if (!api) return Promise.reject(new Error('the machine is not running'));
    return api.readPage(index);
  }

  private async call<T>(f: (api: NonNullable<MachineClient['api']>) => Promise<T>): Promise<T | undefined> {
    const api = this.client.api;
    if (!api) return undefined;
    try {
      return await f(api);
    } catch {
      // a machine that is being replaced refuses calls; the next frame tells the truth
      return undefined;
    }
  }
}
