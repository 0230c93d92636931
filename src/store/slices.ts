// The app's state, one slice per concern; each slice prefixes its fields (sess_, mach_,
// cpu_, dev_, tl_). Actions live outside components (see apply-frame.ts and
// features/controls/actions.ts); fast values (PC, registers, time) are read through
// store.subscribe into refs, not through re-rendering selectors.

import type {
  CpuFrame,
  DeviceStateRecord,
  DmaWarning,
  MachineConfig,
  MachineStatus,
  Speed,
} from '../../workers/protocol/frame';

export type Connection = 'starting' | 'ready' | 'dead';

export interface SessionSlice {
  sess_conn: Connection;
  /** Plain-words reason when the worker died or stopped answering. */
  sess_error: string;
  sess_restarts: number;
}

export interface MachineSlice {
  mach_status: MachineStatus;
  mach_config: MachineConfig;
  mach_speed: Speed;
  mach_generation: number;
  mach_phase: number;
  mach_simNs: number;
  mach_stateHash: string;
  mach_frames: number;
  mach_bytes: number;
}

export interface CpuSlice {
  cpu_frame: CpuFrame | null;
  /** Bit i set: register xi changed in the latest frame. */
  cpu_changed: number;
}

export interface DeviceReset {
  name: string;
  base: number;
  simNs: number;
  phase: number;
  /** 'shutdown': its driver's ->shutdown reported it (trace event); 'status': seen as status 0 */
  how: 'shutdown' | 'status';
}

export interface DevicesSlice {
  dev_list: DeviceStateRecord[];
  dev_warnings: DmaWarning[];
  /** MMIO bases of virtio devices left running by a kexec that did not shut them down */
  dev_orphans: number[];
  /** Virtio devices shut down by their driver or seen going from a live status to 0, newest last. */
  dev_resets: DeviceReset[];
}

export interface PhaseMark {
  code: number;
  simNs: number;
  instret: number;
}

export interface EventMark {
  code: number;
  addr: number;
  count: number;
  simNs: number;
  /** consecutive identical events folded into one mark (PAGE_COPIED) */
  times: number;
}

export interface TimelineSlice {
  tl_phases: PhaseMark[];
  tl_events: EventMark[];
  /** Simulated time at which `kexec -e` was typed (or -1). */
  tl_kexecTypedNs: number;
}

export type AppState = SessionSlice & MachineSlice & CpuSlice & DevicesSlice & TimelineSlice;

export const DEFAULT_CONFIG: MachineConfig = {
  ramMiB: 64,
  netPps: 0,
  cmdline: '',
  faults: { relocateInPlace: false, skipShutdown: false },
};

export function initialSession(): SessionSlice {
  return { sess_conn: 'starting', sess_error: '', sess_restarts: 0 };
}

export function initialMachine(config: MachineConfig = DEFAULT_CONFIG): MachineSlice {
  return {
    mach_status: { state: 'loading', detail: 'loading the machine', hang: null },
    mach_config: config,
    mach_speed: 'realtime',
    mach_generation: 0,
    mach_phase: 0,
    mach_simNs: 0,
    mach_stateHash: '',
    mach_frames: 0,
    mach_bytes: 0,
  };
}

export function initialCpu(): CpuSlice {
  return { cpu_frame: null, cpu_changed: 0 };
}

export function initialDevices(): DevicesSlice {
  return { dev_list: [], dev_orphans: [], dev_warnings: [], dev_resets: [] };
}

export function initialTimeline(): TimelineSlice {
  return { tl_phases: [], tl_events: [], tl_kexecTypedNs: -1 };
}
