// The one zustand store, made of the slices in slices.ts.

import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import {
  initialCpu,
  initialDevices,
  initialMachine,
  initialSession,
  initialTimeline,
  type AppState,
} from './slices';
import type { MachineConfig } from '../../workers/protocol/frame';

export type AppStore = StoreApi<AppState>;

export function createAppStore(config?: MachineConfig): AppStore {
  return createStore<AppState>()(() => ({
    ...initialSession(),
    ...initialMachine(config),
    ...initialCpu(),
    ...initialDevices(),
    ...initialTimeline(),
  }));
}

/** The app's store (tests make their own with createAppStore). */
export const appStore: AppStore = createAppStore();

/** React binding: select a slice of the app store (or of a given store). */
export function useApp<T>(selector: (s: AppState) => T, store: AppStore = appStore): T {
  return useStore(store, selector);
}
