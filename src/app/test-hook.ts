// window.__kexecLab: a small, typed, read-only view of the app for e2e tests and outside
// checks (in every build). Only type() acts, and it acts as a user at the console would.

import { PRIV_SHORT } from './format';
import { phaseName } from '../../workers/protocol/api';
import { roleName, writerName } from '../../workers/protocol/pages';
import type { AppController } from './controller';

export interface HookStatus {
  /** run state: running, paused, halted, poweredOff, hung, loading; or 'dead' (worker) */
  state: string;
  phase: string;
  mode: string;
  pc: number;
  symbol: string;
  image: string;
  simNs: number;
  instret: number;
  stateHash: string;
  generation: number;
}

export interface HookPage {
  index: number;
  address: number;
  role: string;
  /** image whose bytes the page holds ('' for zero or unknown data) */
  image: string;
  section: string;
  content: string;
  writer: string;
}

export interface KexecLabHook {
  serialText(): string;
  type(text: string): Promise<void>;
  status(): HookStatus;
  /** Every RAM page, or `count` pages from `first`. */
  pages(first?: number, count?: number): HookPage[];
  /**
   * Frames received and bytes they carried since the page loaded, the main thread's time
   * applying them, and the time the page asked the worker to give way for (benchmarks).
   */
  stats(): { frames: number; bytes: number; frameWorkMs: number; gaveWayMs: number };
}

declare global {
  interface Window {
    __kexecLab?: KexecLabHook;
  }
}

export function makeHook(c: AppController): KexecLabHook {
  return Object.freeze({
    serialText: () => c.serial.text(),
    type: (text: string) => c.typeInput(text),
    status: (): HookStatus => {
      const s = c.store.getState();
      const f = s.cpu_frame;
      return {
        state: s.sess_conn === 'dead' ? 'dead' : s.mach_status.state,
        phase: phaseName(s.mach_phase) || '',
        mode: f ? (PRIV_SHORT[f.priv] ?? String(f.priv)) : '',
        pc: f ? f.pc : 0,
        symbol: f ? f.symbol : '',
        image: f ? f.image : '',
        simNs: s.mach_simNs,
        instret: f ? f.instret : 0,
        stateHash: s.mach_stateHash,
        generation: s.mach_generation,
      };
    },
    pages: (first = 0, count?: number): HookPage[] => {
      const m = c.pages.model;
      const names = c.store
        .getState()
        .dev_list.filter((d) => d.virtio)
        .map((d) => d.name);
      const end = Math.min(m.pageCount, count === undefined ? m.pageCount : first + count);
      const out: HookPage[] = [];
      for (let i = Math.max(0, first); i < end; i++) {
        const k = m.contentKinds[m.content[i]];
        out.push({
          index: i,
          address: m.ramBase + i * 4096,
          role: roleName(m.role[i]),
          image: k?.image ?? '',
          section: k?.section ?? '',
          content: k?.label ?? 'unknown',
          writer: writerName(m.writer[i], names),
        });
      }
      return out;
    },
    stats: () => {
      const s = c.store.getState();
      return {
        frames: s.mach_frames,
        bytes: s.mach_bytes,
        frameWorkMs: c.frameWorkMs,
        gaveWayMs: c.gaveWayMs,
      };
    },
  });
}

export function installHook(c: AppController): void {
  Object.defineProperty(window, '__kexecLab', { value: makeHook(c), writable: false, configurable: true });
}
