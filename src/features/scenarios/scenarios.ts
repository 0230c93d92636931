// What the scenarios feature does to the app: open a scenario (boot its machine, play its
// script or replay its input log), read `#s=` at startup, make share links, import and
// export .json files, and switch the presenter and embed views. One instance per
// controller (scenariosFor); components and the startup code go through it.

import { buildCmdline } from '../../../workers/protocol/api';
import type { MachineApi } from '../../../workers/protocol/api';
import { NS_PER_CYCLE } from '../../../workers/machine/memmap';
import {
  PANELS,
  ScenarioError,
  scenarioConfig,
  validateScenario,
  type Scenario,
} from '../../../workers/protocol/scenario';
import {
  MAX_FRAGMENT,
  decodeFragment,
  encodeFragment,
  parseScenarioJson,
  scenarioJson,
} from '../../../workers/protocol/scenario-codec';
import type { ReplayApi } from '../../../workers/protocol/scenario-replay';
import type { AppController } from '../../app/controller';
import { configFromQuery } from '../../app/url-config';
import type { Speed } from '../../../workers/protocol/frame';
import { ScriptRunner } from './runner';
import { firstCaption, scenarioStore, type Origin, type ScenarioStore } from './scenario-store';
import { DEFAULT_SCENARIO, SHIPPED } from './shipped';

const TYPE_DELAY_MS = 30;
/** A human typing in front of an audience. */
const PRESENTER_TYPE_DELAY_MS = 90;
const REPLAY_TIMEOUT_MS = 600_000;

function wait(ok: () => boolean, timeoutMs: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const end = Date.now() + timeoutMs;
    const tick = (): void => {
      if (ok()) resolve();
      else if (Date.now() > end) reject(new Error(`${what} did not happen within ${timeoutMs / 1000} s`));
      else setTimeout(tick, 50);
    };
    tick();
  });
}

export class Scenarios {
  readonly runner: ScriptRunner;
  private opening = 0;
  /** ?speed= in the page's URL wins over the scenario's speed (tests, slow machines) */
  private speedOverride: Speed | null = null;

  constructor(
    readonly c: AppController,
    readonly store: ScenarioStore = scenarioStore,
  ) {
    this.runner = new ScriptRunner(c, store);
    store.subscribe(() => this.applyView());
  }

  private get api(): (MachineApi & ReplayApi) | null {
    // the worker's api object carries ReplayApi beside MachineApi (machine.worker.ts)
    return this.c.client.api as (MachineApi & ReplayApi) | null;
  }

  /** Boot the scenario's machine, then replay its input log or play its script. */
  async open(s: Scenario, origin: Origin, opts: { autoplay: boolean; notice?: string }): Promise<void> {
    const token = ++this.opening;
    this.runner.stop();
    this.store.setState({
      current: s,
      origin,
      caption: firstCaption(s),
      replay: null,
      runner: 'idle',
      runnerDetail: '',
      step: -1,
      galleryOpen: false,
      notice: opts.notice ? { kind: 'error', text: opts.notice } : null,
      embed: this.store.getState().embed || s.view.embed,
    });
    // the address bar names what is on screen: a link's fragment goes when something else opens
    if (origin !== 'link' && !opts.notice && decodeFragment(location.hash).kind !== 'none')
      history.replaceState(null, '', `${location.pathname}${location.search}`);
    const before = this.c.store.getState().mach_generation;
    await this.c.boot(scenarioConfig(s), s.replay ? 'realtime' : this.speedOf(s));
    if (token !== this.opening) return;
    if (s.replay) {
      await this.replay(s, token);
      return;
    }
    if (!opts.autoplay) return;
    // the script reads the new machine's serial output: wait for its first frame
    await wait(() => this.c.store.getState().mach_generation !== before, 60_000, 'the new machine');
    if (token !== this.opening) return;
    const presenter = this.store.getState().presenter;
    void this.runner.play(s, { typeDelayMs: presenter ? PRESENTER_TYPE_DELAY_MS : TYPE_DELAY_MS });
  }

  private speedOf(s: Scenario): Speed {
    return this.speedOverride ?? s.view.speed;
  }

  /** Open shipped scenario n (0-based), script playing. */
  openShipped(n: number): Promise<void> {
    const s = SHIPPED[n];
    return s ? this.open(s, 'gallery', { autoplay: true }) : Promise.resolve();
  }

  /** Start the current scenario again from power-on. */
  restart(): Promise<void> {
    const s = this.store.getState();
    const { replay: _replay, ...rest } = s.current;
    return this.open(rest, s.origin, { autoplay: true });
  }

  private async replay(s: Scenario, token: number): Promise<void> {
    const r = s.replay!;
    const want = r.stopAt.stateHash;
    const set = (state: 'replaying' | 'matched' | 'mismatch' | 'failed', got: string, detail: string) =>
      token === this.opening && this.store.setState({ replay: { state, want, got, detail } });
    set(
      'replaying',
      '',
      `replaying ${r.input.length} typed input${r.input.length === 1 ? '' : 's'} to the shared moment`,
    );
    try {
      const api = this.api;
      if (!api) throw new Error('the machine is not running');
      const enc = new TextEncoder();
      await api.replayTo(
        r.input.map((e) => ({ cycle: e.cycle, instret: e.instret, bytes: [...enc.encode(e.text)] })),
        r.stopAt.cycle,
      );
      const ns = r.stopAt.cycle * NS_PER_CYCLE;
      const app = () => this.c.store.getState();
      await wait(
        () =>
          token !== this.opening ||
          (app().mach_status.state === 'paused' && app().mach_simNs === ns && app().mach_stateHash !== ''),
        REPLAY_TIMEOUT_MS,
        'reaching the shared moment',
      );
      if (token !== this.opening) return;
      const got = await api.stateHash();
      if (got === want) set('matched', got, 'same state as the sender: the state hashes match');
      else set('mismatch', got, `the state differs from the sender's (hash ${got}, sender ${want})`);
      await this.c.setSpeed(this.speedOf(s));
    } catch (e) {
      set('failed', '', `the replay failed: ${(e as Error).message}`);
    }
  }

  /** The scenario as it runs now, with the input log so far and the moment it stopped. */
  async snapshot(): Promise<Scenario> {
    await this.c.pause();
    const app = () => this.c.store.getState();
    await wait(
      () => app().mach_status.state !== 'running' && app().mach_stateHash !== '' && app().cpu_frame !== null,
      10_000,
      'pausing the machine',
    );
    const st = app();
    const api = this.api;
    if (!api) throw new Error('the machine is not running');
    const log = await api.inputLog();
    // afresh: a key typed while paused changes the state but not the instret frames key on
    const stateHash = await api.stateHash();
    const dec = new TextDecoder();
    const cfg = st.mach_config;
    const cur = this.store.getState().current;
    return validateScenario({
      ...cur,
      machine: { ramMiB: cfg.ramMiB, netPps: cfg.netPps },
      boot: {
        ...cur.boot,
        cmdline: buildCmdline(cfg.cmdline, { relocateInPlace: false, skipShutdown: false }),
      },
      faults: { ...cfg.faults },
      replay: {
        input: log.map((e) => ({
          cycle: e.cycle,
          instret: e.instret,
          text: dec.decode(Uint8Array.from(e.bytes)),
        })),
        stopAt: {
          cycle: Math.round(st.mach_simNs / NS_PER_CYCLE),
          instret: st.cpu_frame!.instret,
          stateHash,
        },
      },
    });
  }

  /** A link that opens `s` (the current state with its input log when omitted). */
  async shareLink(s?: Scenario): Promise<string> {
    try {
      const scenario = s ?? (await this.snapshot());
      const frag = encodeFragment(scenario);
      if (frag.length > MAX_FRAGMENT)
        throw new ScenarioError(
          `the scenario is too long to share as a link (${Math.ceil(frag.length / 1024)} KB, the limit is ${MAX_FRAGMENT >> 10} KB); export it as a file instead`,
        );
      const url = `${location.origin}${location.pathname}${location.search}#${frag}`;
      history.replaceState(null, '', url);
      this.store.setState({
        shareUrl: url,
        notice: { kind: 'info', text: 'Share link ready: it replays to this exact moment.' },
      });
      void navigator.clipboard?.writeText(url).catch(() => {});
      return url;
    } catch (e) {
      this.store.setState({
        notice: { kind: 'error', text: `Could not make a share link: ${(e as Error).message}.` },
      });
      return '';
    }
  }

  /** Download the scenario (with the input log so far) as a .json file. */
  async exportFile(s?: Scenario): Promise<void> {
    const scenario = s ?? (await this.snapshot());
    const blob = new Blob([scenarioJson(scenario, true)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${scenario.id ?? 'scenario'}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  async importText(text: string, name = 'the file'): Promise<void> {
    let s: Scenario;
    try {
      s = parseScenarioJson(text);
    } catch (e) {
      this.store.setState({
        notice: { kind: 'error', text: `Could not open ${name}: ${(e as Error).message}.` },
      });
      return;
    }
    await this.open(s, 'file', { autoplay: !s.replay });
  }

  /** Read the page's URL: `#s=` opens a scenario (or explains why not and opens the default). */
  async startFromUrl(loc: Location): Promise<boolean> {
    const q = new URLSearchParams(loc.search);
    this.store.setState({ presenter: q.get('presenter') === '1', embed: q.get('embed') === '1' });
    this.speedOverride = configFromQuery(loc.search).speed;
    window.addEventListener('hashchange', () => void this.openHash(location.hash, false));
    this.applyView();
    return this.openHash(loc.hash, true);
  }

  private async openHash(hash: string, startup: boolean): Promise<boolean> {
    const r = decodeFragment(hash);
    if (r.kind === 'none') return false;
    if (!startup && this.store.getState().shareUrl.endsWith(hash)) return true; // our own link
    if (r.kind === 'error') {
      await this.open(DEFAULT_SCENARIO, 'default', {
        autoplay: false,
        notice: `${r.message} Showing the default scenario instead.`,
      });
      return true;
    }
    await this.open(r.scenario, 'link', { autoplay: !r.scenario.replay });
    return true;
  }

  setPresenter(on: boolean): void {
    this.store.setState({ presenter: on });
  }

  /** Presenter and embed views show only the scenario's panels (html data attributes + CSS). */
  private applyView(): void {
    const s = this.store.getState();
    const root = document.documentElement;
    const focused = s.presenter || s.embed;
    const hide = focused ? PANELS.filter((p) => !s.current.view.panels.includes(p)) : [];
    const set = (k: string, v: string | null) =>
      v === null ? root.removeAttribute(k) : root.setAttribute(k, v);
    set('data-scn-hide', hide.length ? hide.join(' ') : null);
    set('data-scn-presenter', s.presenter ? '' : null);
    set('data-scn-embed', s.embed ? '' : null);
  }
}

const instances = new WeakMap<AppController, Scenarios>();

/** The scenarios feature of this controller (made on first use). */
export function scenariosFor(c: AppController): Scenarios {
  let s = instances.get(c);
  if (!s) {
    s = new Scenarios(c);
    instances.set(c, s);
  }
  return s;
}

/** Startup entry point for main.tsx: true when the URL chose (and booted) a scenario. */
export function startFromUrl(c: AppController, loc: Location): Promise<boolean> {
  return scenariosFor(c).startFromUrl(loc);
}
