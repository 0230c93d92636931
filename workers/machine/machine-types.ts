// Types of the Machine API (workers/machine/machine.ts): options, run results, snapshots.

import type { HartSnapshot } from '../cpu/hart';
import type { ClintRecord } from '../devices/clint';
import type { PlicRecord } from '../devices/plic';
import type { SysconAction, SysconRecord } from '../devices/syscon';
import type { TraceRecord } from '../devices/trace';
import type { UartRecord } from '../devices/uart16550';
import type { VirtioRecord } from '../devices/virtio-mmio';

export interface MachineOptions {
  ramMiB?: number;
  firmware?: Uint8Array;
  disk?: Uint8Array;
  netPps?: number;
  cmdline?: string;
  bareElf?: Uint8Array;
}

export type StopReason = 'budget' | 'poweroff' | 'reset' | 'tohost' | 'idle';
export interface RunResult {
  /** Instructions (steps) executed. */
  executed: number;
  reason: StopReason;
  /** Cycles the clock advanced (executed + idle cycles skipped). */
  cycles: number;
}

export interface InputLogEntry {
  instret: number;
  /** The cycle at which the bytes were queued (instret + idle cycles). */
  cycle: number;
  bytes: number[];
}

export interface MachineSnapshot {
  version: 1;
  ramSize: number;
  cpu: HartSnapshot;
  ram: Uint8Array;
  pageRole: Uint8Array;
  clock: { idleCycles: number };
  board: {
    poweredOff: boolean;
    exitCode: number | null;
    pendingAction: SysconAction | null;
    scheduled: { cycle: number; bytes: number[] }[];
    inputLog: InputLogEntry[];
  };
  devices: {
    uart0: UartRecord;
    clint: ClintRecord;
    plic: PlicRecord;
    syscon: SysconRecord;
    trace: TraceRecord;
    virtio: VirtioRecord<unknown>[];
  };
}

/** Thrown for options that cannot make a machine (bad RAM size, bad ELF). */
export class MachineConfigError extends Error {}
