// A controller wired to a fake worker, for component tests.

import { vi } from 'vitest';
import { AppController } from './controller';
import { createAppStore } from '../store/store';
import type { MachineApi } from '../../workers/protocol/api';
import type { MachineStatus } from '../../workers/protocol/frame';
import type { WorkerHandle } from '../machine-client/client';
import { fakeFrame } from '../store/fake-frame';

export function testController() {
  const api = {
    loadScenario: vi.fn(async () => ({
      generation: 1,
      ramBase: 0x8000_0000,
      pageCount: 16,
      knownImages: [],
    })),
    run: vi.fn(async () => {}),
    pause: vi.fn(async () => {}),
    stepInstruction: vi.fn(async (): Promise<MachineStatus> => ({ state: 'paused', detail: '', hang: null })),
    stepPhase: vi.fn(async () => {}),
    runUntil: vi.fn(async () => {}),
    setSpeed: vi.fn(async () => {}),
    setNetPps: vi.fn(async () => {}),
    typeInput: vi.fn(async () => {}),
    giveWay: vi.fn(async () => {}),
    readPage: vi.fn(async () => new Uint8Array(4096)),
    getFrame: vi.fn(async () => fakeFrame()),
    reset: vi.fn(async () => {}),
  } satisfies MachineApi;
  const handle: WorkerHandle = { api, terminate: vi.fn(), onCrash: () => {} };
  const store = createAppStore();
  const controller = new AppController(
    store,
    () => handle,
    () => {},
    'http://test/images/',
    async () => {},
  );
  return { controller, api, store };
}
