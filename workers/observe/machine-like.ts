// The part of the Machine (workers/machine/machine.ts) and of its hart that the worker session
// uses, as structural types: the session depends on this shape, not on the board's
// classes, so that tests can drive it with a small fake machine.

import type { DeviceStateRecord, TraceEventRecord } from '../protocol/frame';

/** Hart fields the observer reads (names as in workers/cpu/state.ts). */
export interface HartView {
  pc: number;
  priv: number;
  /** x0..x31 as int32 bit patterns */
  readonly x: Int32Array;
  wfi: boolean;
  mstatus: number;
  mie: number;
  mideleg: number;
  medeleg: number;
  mtvec: number;
  stvec: number;
  mepc: number;
  sepc: number;
  mcause: number;
  scause: number;
  mtval: number;
  stval: number;
  mscratch: number;
  sscratch: number;
  satp: number;
  /** Store-TLB fills so far (workers/cpu/state.ts): pages the CPU started writing. */
  readonly storeFills: number;
  mip(): number;
  mcycle(): number;
  minstret(): number;
}

export type StopReasonLike = 'budget' | 'poweroff' | 'reset' | 'tohost' | 'idle';

export interface MachineLike {
  readonly hart: HartView;
  readonly ramBase: number;
  readonly ramSize: number;
  readonly ram: Uint8Array;
  readonly pageWriter: Uint8Array;
  readonly pageExec: Uint8Array;
  readonly pageRole: Uint8Array;
  /** After the observer cleared pageWriter entries (see Bus.pageWriter). */
  writersCleared?(): void;
  poweredOff: boolean;
  run(maxInsns: number): { executed: number; reason: StopReasonLike };
  typeInput(text: string | Uint8Array): void;
  /** How many inputs were queued so far (typing changes the state without running). */
  inputCount(): number;
  drainSerial(): Uint8Array;
  drainTrace(): TraceEventRecord[];
  instret(): number;
  /** Clock: cycles since power-on (instructions, and idle cycles in WFI). */
  cycles(): number;
  simulatedNs(): number;
  deviceStates(): DeviceStateRecord[];
  setNetPps(pps: number): void;
  reset(): void;
  stateHash(): string;
}

export interface MachineFactoryOptions {
  ramMiB: number;
  firmware: Uint8Array;
  disk?: Uint8Array;
  netPps: number;
  cmdline: string;
}

export type MachineFactory = (opts: MachineFactoryOptions) => MachineLike;

/** mstatus bits */
const MSTATUS_SIE = 1 << 1;
const MSTATUS_MIE = 1 << 3;

/**
 * Whether an enabled interrupt could be taken now, per the privileged spec: M-level
 * (not delegated) ones when below M or MIE is set, S-level (delegated) ones when below S
 * or in S with SIE set.
 */
export function interruptsOn(h: HartView): boolean {
  const mLevel = h.mie & ~h.mideleg;
  const sLevel = h.mie & h.mideleg;
  const mEnabled = h.priv < 3 || (h.mstatus & MSTATUS_MIE) !== 0;
  const sEnabled = h.priv < 1 || (h.priv === 1 && (h.mstatus & MSTATUS_SIE) !== 0);
  return (mLevel !== 0 && mEnabled) || (sLevel !== 0 && sEnabled);
}

/** interruptsOn() in words, for the CPU panel ("S: off (sstatus.SIE = 0); M-level: timer may preempt"). */
export function interruptsText(h: HartView): string {
  const mLevel = h.mie & ~h.mideleg;
  const sLevel = h.mie & h.mideleg;
  if (h.priv === 3) {
    const on = (h.mstatus & MSTATUS_MIE) !== 0;
    return `M: ${on ? 'on' : 'off'} (mstatus.MIE = ${on ? 1 : 0})${on && mLevel === 0 ? ', none enabled in mie' : ''}`;
  }
  const sOn = h.priv < 1 || (h.mstatus & MSTATUS_SIE) !== 0;
  const own =
    h.priv === 1
      ? `S: ${sOn ? 'on' : 'off'} (sstatus.SIE = ${sOn ? 1 : 0})`
      : `U: S-level ${sLevel ? 'on' : 'none enabled'}`;
  const enabledS = h.priv === 1 && sOn && sLevel === 0 ? ', none enabled in sie' : '';
  return `${own}${enabledS}${mLevel !== 0 ? '; M-level interrupts can still preempt' : ''}`;
}
