// What the worker sends the UI on each animation frame: a Frame of deltas.
//
// Big and per-page data travel in typed arrays (compact, no SharedArrayBuffer needed);
// small records (devices, events) are plain objects. postMessage copies all of it: the
// worker never transfers a buffer out, because detaching any ArrayBuffer in a V8 isolate
// makes every later typed-array access in it check for detachment, the CPU's hot loop
// included (npm run bench shows the cost). A frame is a few KiB, so the copy is cheap.

import type { ContentKind } from './pages';

/** Privilege modes as the hart encodes them. */
export const PRIV_USER = 0;
export const PRIV_SUPERVISOR = 1;
export const PRIV_MACHINE = 3;

export type RunState = 'running' | 'paused' | 'halted' | 'poweredOff' | 'hung' | 'loading';

/** Where a stuck guest is stuck. */
export interface HangInfo {
  pc: number;
  image: string;
  symbol: string;
  /** Simulated ns at which the PC entered the small window it never left. */
  sinceNs: number;
  sinceInstret: number;
  /** Plain-words reason: "tight loop with interrupts off", "wfi with interrupts off". */
  reason: string;
}

export interface MachineStatus {
  state: RunState;
  /** Why the machine stopped, when it did ("poweroff", "breakpoint: phase RELOCATION", ...). */
  detail: string;
  hang: HangInfo | null;
}

export interface CsrValue {
  name: string;
  value: number;
}

export interface CpuFrame {
  pc: number;
  priv: number;
  /** x0..x31 */
  regs: Uint32Array;
  csrs: CsrValue[];
  satpMode: 'bare' | 'sv32';
  /** Whether an enabled interrupt could be taken now (per the privileged spec). */
  interruptsOn: boolean;
  /** The same in words: the current mode's global enable, and M-level preemption. */
  interruptsText: string;
  instret: number;
  cycles: number;
  /** The instruction word at the PC (0 when it cannot be fetched) and its disassembly. */
  insn: number;
  disasm: string;
  /** Where the PC is: image whose bytes the PC's page holds, symbol in that image. */
  image: string;
  symbol: string;
  /** Physical address of the PC, -1 when it cannot be translated. */
  pcPhys: number;
  /** Role code of the PC's page (-1 outside RAM). */
  pcRole: number;
}

export interface TraceEventRecord {
  kind: 'phase' | 'event' | 'role';
  code: number;
  addr: number;
  count: number;
  instret: number;
  simNs: number;
}

export interface DeviceQueue {
  index: number;
  ready: boolean;
  size: number;
  desc: number;
  driver: number;
  device: number;
  inFlight: number;
}

export interface DeviceVirtio {
  deviceId: number;
  status: number;
  statusBits: string[];
  queues: DeviceQueue[];
  bytesRead: number;
  bytesWritten: number;
  dmaWrites: number;
  packetsDelivered?: number;
  packetsDropped?: number;
  packetsTransmitted?: number;
  lastDmaPage?: number;
}

export interface DeviceStateRecord {
  id: string;
  name: string;
  base: number;
  irq: number;
  registers: { name: string; value: number; note?: string }[];
  virtio?: DeviceVirtio;
  irqPending: boolean;
}

/**
 * A device wrote by DMA into memory its driver no longer owns: after a kexec, before
 * anyone reset it ('orphaned': its driver is gone), or into a page that stopped being a
 * DMA buffer or that holds kernel text, page tables, kexec pages ('foreign').
 */
export interface DmaWarning {
  reason: 'orphaned' | 'foreign';
  /** virtio slot of the writer */
  slot: number;
  deviceName: string;
  page: number;
  role: number;
  simNs: number;
  /** Frame-local count of such pages (the first one is named). */
  pages: number;
}

/** Per-page changes since the previous frame, parallel arrays. */
export interface PageDelta {
  /** Page indices; empty when `full` (then the arrays cover every page in order). */
  index: Uint32Array;
  role: Uint8Array;
  content: Uint16Array;
  /** Last writer since the previous frame (0 when only the role/content changed). */
  writer: Uint8Array;
  full: boolean;
}

export interface Frame {
  seq: number;
  /** Bumped each time the worker builds a new Machine (scenario load, reboot). */
  generation: number;
  ramBase: number;
  pageCount: number;
  status: MachineStatus;
  simNs: number;
  cpu: CpuFrame;
  /**
   * The device records in board order when any changed since the last frame that
   * carried them, else null. Within the list, null stands for a record that did not
   * change (the UI keeps its copy); a full frame carries every record.
   */
  devices: (DeviceStateRecord | null)[] | null;
  pages: PageDelta;
  /** Pages the CPU fetched from since the previous frame. */
  exec: Uint32Array;
  /** Sent on a full frame and whenever the table grows. */
  contentKinds: ContentKind[] | null;
  serial: Uint8Array;
  events: TraceEventRecord[];
  dmaWarnings: DmaWarning[];
  /**
   * MMIO bases of virtio devices still live (status != 0) although their driver vanished
   * in a kexec without shutting them down, and nobody has reset them since.
   */
  orphans: number[];
  /** Scenario settings the machine runs with (echoed for the UI). */
  config: MachineConfig;
  speed: Speed;
  /** State hash, computed only when the machine is not running ('' otherwise). */
  stateHash: string;
  /** Approximate bytes this frame carries (buffers + cloned records). */
  bytes: number;
}

export interface Faults {
  /** kexec_debug.relocate_in_place=1: relocation runs from the old kernel's own text. */
  relocateInPlace: boolean;
  /** kexec_debug.skip_shutdown=1: device_shutdown() is skipped. */
  skipShutdown: boolean;
}

export interface MachineConfig {
  ramMiB: number;
  netPps: number;
  cmdline: string;
  faults: Faults;
}

export type Speed = 'realtime' | 'max' | { slowIps: number };

export type RunUntilTarget = { phase: number } | { event: number } | { address: number };
