// The worker entry: builds a Machine for the scenario the UI asks for, runs it in slices
// (about 10 ms of work each, yielding between them so that comlink calls are served) and
// answers getFrame with the deltas the observer gathered. Knows nothing of the UI.

import * as Comlink from 'comlink';
import { disasm } from './cpu/disasm';
import type { LoadResult, MachineApi, ScenarioRequest } from './protocol/api';
import type { Frame } from './protocol/frame';
import { loadImages, urlFetcher, type LoadedImages } from './observe/images';
import type { MachineLike } from './observe/machine-like';
import { Session } from './observe/session';
import { ReplayableMachine, replayMethods, type ReplayApi } from './protocol/scenario-replay';

let session: Session | null = null;
let generation = 0;
let images: { base: string; loaded: Promise<LoadedImages> } | null = null;
let scheduled = false;

// A zero-delay yield that, unlike nested setTimeout(0), is not clamped to 4 ms.
const channel = new MessageChannel();
channel.port1.onmessage = () => tick();

function schedule(waitMs: number): void {
  if (scheduled) return;
  scheduled = true;
  if (waitMs <= 0) channel.port2.postMessage(0);
  else setTimeout(tick, waitMs);
}

function tick(): void {
  scheduled = false;
  if (!session) return;
  const wait = session.slice();
  if (wait >= 0) schedule(wait);
}

function need(): Session {
  if (!session) throw new Error('no machine loaded yet');
  return session;
}

const api = {
  async loadScenario(req: ScenarioRequest): Promise<LoadResult> {
    if (!images || images.base !== req.imagesBase)
      images = { base: req.imagesBase, loaded: loadImages(urlFetcher(req.imagesBase)) };
    let loaded: LoadedImages;
    try {
      loaded = await images.loaded;
    } catch (e) {
      images = null; // try again next time
      throw e;
    }
    const speed = req.speed ?? session?.speed ?? 'realtime';
    session = null;
    generation++;
    session = new Session({
      createMachine: (o) => new ReplayableMachine(o) as MachineLike, // a Machine that can stop at a cycle (replay)
      images: loaded,
      config: { ramMiB: req.ramMiB, netPps: req.netPps, cmdline: req.cmdline, faults: req.faults },
      generation,
      disasm,
    });
    session.setSpeed(speed);
    return {
      generation,
      ramBase: session.machine.ramBase,
      pageCount: session.observer.pageCount,
      knownImages: loaded.table.images,
    };
  },
  async run(): Promise<void> {
    need().run();
    schedule(0);
  },
  async pause(): Promise<void> {
    need().pause();
  },
  async stepInstruction(n: number) {
    const s = need();
    s.step(Math.max(1, Math.min(1_000_000, Math.floor(n))));
    return s.state;
  },
  async stepPhase(): Promise<void> {
    need().runUntil({ anyPhase: true });
    schedule(0);
  },
  async runUntil(target) {
    need().runUntil(target);
    schedule(0);
  },
  async setSpeed(speed) {
    need().setSpeed(speed);
  },
  async setNetPps(pps: number) {
    need().machine.setNetPps(pps);
  },
  async giveWay(ms: number): Promise<void> {
    session?.giveWay(ms); // no machine yet: nothing runs anyway
  },
  async typeInput(text: string): Promise<void> {
    need().machine.typeInput(text);
  },
  async readPage(index: number): Promise<Uint8Array> {
    // Copied, not transferred: see the note on transfers in workers/protocol/frame.ts.
    return need().readPage(index);
  },
  async getFrame(sinceSeq: number): Promise<Frame> {
    return need().frame(sinceSeq);
  },
  async reset(): Promise<void> {
    const s = need();
    s.machine.reset();
    s.run();
    schedule(0);
  },
  // scenarios: the input log for share URLs and exact replay (workers/protocol/scenario-replay.ts)
  ...replayMethods(need, schedule),
} satisfies MachineApi & ReplayApi;

Comlink.expose(api);
