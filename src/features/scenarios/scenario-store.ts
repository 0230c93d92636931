// The scenarios feature's own state: which scenario is on screen, where it came from,
// the script's progress and caption, a replay's verdict, and the view modes (presenter,
// embed). Kept apart from the app store, which describes the machine.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { Scenario } from '../../../workers/protocol/scenario';
import { DEFAULT_SCENARIO } from './shipped';

export type Origin = 'default' | 'gallery' | 'link' | 'file' | 'editor';

export type RunnerState = 'idle' | 'playing' | 'waiting' | 'paused' | 'done' | 'failed';

export interface ReplayVerdict {
  state: 'replaying' | 'matched' | 'mismatch' | 'failed';
  /** the sender's state hash and the one reached here */
  want: string;
  got: string;
  detail: string;
}

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface ScenarioState {
  current: Scenario;
  origin: Origin;
  notice: Notice | null;
  caption: string;
  /** index of the step being executed, -1 when the script is not running */
  step: number;
  runner: RunnerState;
  runnerDetail: string;
  replay: ReplayVerdict | null;
  /** the last share link made in this tab */
  shareUrl: string;
  presenter: boolean;
  embed: boolean;
  galleryOpen: boolean;
  editorOpen: boolean;
}

export type ScenarioStore = StoreApi<ScenarioState>;

export function createScenarioStore(): ScenarioStore {
  return createStore<ScenarioState>()(() => ({
    current: DEFAULT_SCENARIO,
    origin: 'default',
    notice: null,
    caption: firstCaption(DEFAULT_SCENARIO),
    step: -1,
    runner: 'idle',
    runnerDetail: '',
    replay: null,
    shareUrl: '',
    presenter: false,
    embed: false,
    galleryOpen: false,
    editorOpen: false,
  }));
}

export function firstCaption(s: Scenario): string {
  for (const st of s.script) if ('caption' in st) return st.caption;
  return s.description ?? '';
}

export const scenarioStore: ScenarioStore = createScenarioStore();

export function useScenarios<T>(selector: (s: ScenarioState) => T, store: ScenarioStore = scenarioStore): T {
  return useStore(store, selector);
}
