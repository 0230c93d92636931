// Fold one Frame from the worker into the store: status, CPU (with the registers that
// changed), devices (noticing virtio resets), DMA warnings, phases and events.

import type { DeviceStateRecord, Frame } from '../../workers/protocol/frame';
import { EVENT, PHASE } from '../../workers/protocol/api';
import type { AppStore } from './store';
import { initialCpu, initialDevices, initialTimeline, type AppState, type EventMark } from './slices';

const MAX_EVENTS = 400;
const MAX_WARNINGS = 20;

export function applyFrame(store: AppStore, f: Frame): void {
  const s = store.getState();
  const patch: Partial<AppState> = {};
  const newMachine = f.generation !== s.mach_generation;
  if (newMachine) {
    Object.assign(patch, initialCpu(), initialDevices(), initialTimeline(), { mach_phase: 0 });
    patch.mach_generation = f.generation;
  }
  const prevCpu = newMachine ? null : s.cpu_frame;
  let changed = 0;
  if (prevCpu) for (let i = 1; i < 32; i++) if (prevCpu.regs[i] !== f.cpu.regs[i]) changed |= 1 << i;
  patch.cpu_frame = f.cpu;
  patch.cpu_changed = changed;
  if (s.mach_status !== f.status && JSON.stringify(s.mach_status) !== JSON.stringify(f.status))
    patch.mach_status = f.status;
  if (s.mach_speed !== f.speed && JSON.stringify(s.mach_speed) !== JSON.stringify(f.speed))
    patch.mach_speed = f.speed;
  if (s.mach_config !== f.config && JSON.stringify(s.mach_config) !== JSON.stringify(f.config))
    patch.mach_config = f.config;
  patch.mach_simNs = f.simNs;
  patch.mach_stateHash = f.stateHash;
  patch.mach_frames = s.mach_frames + 1;
  patch.mach_bytes = s.mach_bytes + f.bytes;

  const phases = newMachine ? [] : s.tl_phases;
  const events = newMachine ? [] : s.tl_events;
  let phase = newMachine ? 0 : s.mach_phase;
  if (f.events.length) {
    const ph = [...phases];
    let ev = [...events];
    for (const e of f.events) {
      if (e.kind === 'phase') {
        ph.push({ code: e.code, simNs: e.simNs, instret: e.instret });
        phase = e.code;
      } else if (e.kind === 'event') {
        const last = ev[ev.length - 1];
        if (last && last.code === e.code && e.code === EVENT.PAGE_COPIED) {
          ev[ev.length - 1] = {
            ...last,
            times: last.times + 1,
            addr: e.addr,
            count: e.count,
            simNs: e.simNs,
          };
        } else {
          const mark: EventMark = { code: e.code, addr: e.addr, count: e.count, simNs: e.simNs, times: 1 };
          ev.push(mark);
        }
      }
    }
    if (ev.length > MAX_EVENTS) ev = ev.slice(-MAX_EVENTS);
    patch.tl_phases = ph;
    patch.tl_events = ev;
    patch.mach_phase = phase;
  }

  const prevResets = newMachine ? [] : s.dev_resets;
  const resets = [...prevResets];
  const prevList = newMachine ? [] : s.dev_list;
  // a record the frame left out (null) did not change: keep ours, the same object, so
  // its card is not redrawn
  const list = f.devices ? mergeDevices(prevList, f.devices) : prevList;
  let evPhase = newMachine ? 0 : s.mach_phase;
  for (const e of f.events) {
    if (e.kind === 'phase') evPhase = e.code;
    if (e.kind === 'event' && e.code === EVENT.DEVICE_SHUTDOWN) {
      const d = list.find((x) => x.base === e.addr) ?? prevList.find((x) => x.base === e.addr);
      resets.push({
        name: d?.name ?? `device @ 0x${e.addr.toString(16)}`,
        base: e.addr,
        simNs: e.simNs,
        phase: evPhase,
        how: 'shutdown',
      });
    }
  }
  if (f.devices) {
    for (const d of list) {
      const before = prevList.find((p) => p.base === d.base);
      if (before === d) continue;
      // a driver's reported shutdown already explains the status going to 0
      const last = [...resets].reverse().find((r) => r.base === d.base);
      const reported = last !== undefined && last.how === 'shutdown';
      if (d.virtio && before?.virtio && before.virtio.status !== 0 && d.virtio.status === 0 && !reported) {
        resets.push({ name: d.name, base: d.base, simNs: f.simNs, phase, how: 'status' });
      }
    }
    patch.dev_list = list;
  }
  if (resets.length !== prevResets.length || newMachine) patch.dev_resets = resets;
  if (f.orphans.join() !== s.dev_orphans.join()) patch.dev_orphans = f.orphans;
  if (f.dmaWarnings.length) {
    patch.dev_warnings = [...(newMachine ? [] : s.dev_warnings), ...f.dmaWarnings].slice(-MAX_WARNINGS);
  }
  store.setState(patch);
}

/**
 * The device list after a frame's records: a null entry keeps the previous record at
 * that place. A null where the UI has no record (which the worker's full first frame
 * rules out) is left out rather than invented.
 */
export function mergeDevices(
  prev: readonly DeviceStateRecord[],
  sent: readonly (DeviceStateRecord | null)[],
): DeviceStateRecord[] {
  const out: DeviceStateRecord[] = [];
  for (let i = 0; i < sent.length; i++) {
    const d = sent[i] ?? prev[i];
    if (d) out.push(d);
  }
  return out;
}

/** True for a command line that executes a loaded kexec image (`kexec -e`, `kexec --exec`). */
export function isKexecExec(line: string): boolean {
  return /^\s*kexec\s+(?:.*\s)?(?:-e|--exec)(?:\s|$)/.test(line);
}

/** Note the moment `kexec -e` was typed (the start of the kexec downtime). */
export function noteTypedLine(store: AppStore, line: string): void {
  if (isKexecExec(line)) store.setState({ tl_kexecTypedNs: store.getState().mach_simNs });
}

/** Phase codes the timeline treats as the start and the end of a kexec's downtime. */
export const DOWNTIME_START = PHASE.DEVICE_SHUTDOWN;
export const DOWNTIME_END = PHASE.SHELL_READY;
