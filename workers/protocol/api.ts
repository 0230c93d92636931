// The worker's API as the UI sees it through comlink. The worker's implementation
// `satisfies` MachineApi; src/machine-client is the only place that wraps it.

import type { Frame, MachineConfig, RunUntilTarget, Speed, MachineStatus } from './frame';

export interface ScenarioRequest extends MachineConfig {
  /** Absolute URL of the directory that holds firmware.elf, disk.img, *.elf, *.sym. */
  imagesBase: string;
  /** Speed to start with (default: the previous machine's, else real time). */
  speed?: Speed;
}

export interface LoadResult {
  generation: number;
  ramBase: number;
  pageCount: number;
  /** Images whose pages the observer can recognise (content identity table). */
  knownImages: string[];
}

export interface MachineApi {
  /** Build a fresh machine for the scenario (power-on); starts paused. */
  loadScenario(req: ScenarioRequest): Promise<LoadResult>;
  run(): Promise<void>;
  pause(): Promise<void>;
  /** Execute n instructions (pauses first). */
  stepInstruction(n: number): Promise<MachineStatus>;
  /** Run until the next phase is announced, then pause. */
  stepPhase(): Promise<void>;
  /** Run until the target is reached, then pause. */
  runUntil(target: RunUntilTarget): Promise<void>;
  setSpeed(speed: Speed): Promise<void>;
  setNetPps(pps: number): Promise<void>;
  typeInput(text: string): Promise<void>;
  /**
   * Run no slice for the next `ms` of wall-clock time (at most 100), leaving the host's
   * CPU to the page for a costly step of its own. Pacing only: the machine's behaviour
   * and simulated time do not change.
   */
  giveWay(ms: number): Promise<void>;
  /** A copy of one RAM page (4096 bytes). */
  readPage(index: number): Promise<Uint8Array>;
  /** Changes since the frame numbered sinceSeq; a full frame if sinceSeq is not the last one sent. */
  getFrame(sinceSeq: number): Promise<Frame>;
  /** Cold reset (as syscon 0x7777): RAM kept, devices reset, PC to the reset ROM. */
  reset(): Promise<void>;
}

/** Phase names, index = trace port phase code. */
export const PHASE_NAMES: readonly string[] = [
  '',
  'FIRMWARE_POST',
  'FIRMWARE_BOOTLOADER',
  'KERNEL_BOOT',
  'SHELL_READY',
  'KEXEC_LOAD',
  'DEVICE_SHUTDOWN',
  'MACHINE_KEXEC',
  'RELOCATION',
  'PURGATORY',
  'PANIC',
  'REBOOT',
];

export const PHASE = {
  FIRMWARE_POST: 1,
  FIRMWARE_BOOTLOADER: 2,
  KERNEL_BOOT: 3,
  SHELL_READY: 4,
  KEXEC_LOAD: 5,
  DEVICE_SHUTDOWN: 6,
  MACHINE_KEXEC: 7,
  RELOCATION: 8,
  PURGATORY: 9,
  PANIC: 10,
  REBOOT: 11,
} as const;

export const EVENT_NAMES: readonly string[] = [
  '',
  'PAGE_COPIED',
  'DEVICE_SHUTDOWN',
  'DIGEST_OK',
  'DIGEST_MISMATCH',
  'KEXEC_LOADED',
  'KEXEC_UNLOADED',
  'DEVICE_RESET_AT_PROBE',
];

export const EVENT = {
  PAGE_COPIED: 1,
  DEVICE_SHUTDOWN: 2,
  DIGEST_OK: 3,
  DIGEST_MISMATCH: 4,
  KEXEC_LOADED: 5,
  KEXEC_UNLOADED: 6,
  DEVICE_RESET_AT_PROBE: 7,
} as const;

export function phaseName(code: number): string {
  return PHASE_NAMES[code] || `phase ${code}`;
}

export function eventName(code: number): string {
  return EVENT_NAMES[code] || `event ${code}`;
}

/** The kernel command line for a scenario: the base line plus the fault switches. */
export function buildCmdline(
  base: string,
  faults: { relocateInPlace: boolean; skipShutdown: boolean },
): string {
  const parts = base
    .split(/\s+/)
    .filter(
      (p) =>
        p !== '' &&
        !p.startsWith('kexec_debug.relocate_in_place=') &&
        !p.startsWith('kexec_debug.skip_shutdown='),
    );
  if (faults.relocateInPlace) parts.push('kexec_debug.relocate_in_place=1');
  if (faults.skipShutdown) parts.push('kexec_debug.skip_shutdown=1');
  return parts.join(' ');
}
