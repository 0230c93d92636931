import { describe, expect, it } from 'vitest';
import { applyFrame, isKexecExec, mergeDevices, noteTypedLine } from './apply-frame';
import { createAppStore } from './store';
import { fakeCpu, fakeFrame } from './fake-frame';
import { EVENT, PHASE } from '../../workers/protocol/api';
import type { DeviceStateRecord } from '../../workers/protocol/frame';

function net(status: number): DeviceStateRecord {
  return {
    id: 'virtio-net',
    name: 'virtio-net',
    base: 0x1000_2000,
    irq: 2,
    registers: [],
    irqPending: false,
    virtio: { deviceId: 1, status, statusBits: [], queues: [], bytesRead: 0, bytesWritten: 0, dmaWrites: 0 },
  };
}

describe('applyFrame', () => {
  it('marks the registers that changed since the previous frame', () => {
    const st = createAppStore();
    applyFrame(st, fakeFrame());
    const regs = new Uint32Array(32);
    regs[10] = 5;
    regs[2] = 0x8000;
    applyFrame(st, fakeFrame({ seq: 2, cpu: fakeCpu({ regs }) }));
    expect(st.getState().cpu_changed).toBe((1 << 10) | (1 << 2));
    applyFrame(st, fakeFrame({ seq: 3, cpu: fakeCpu({ regs: regs.slice() }) }));
    expect(st.getState().cpu_changed).toBe(0);
  });
  it('records phases, folds page copies, and follows the current phase', () => {
    const st = createAppStore();
    const ev = (kind: 'phase' | 'event', code: number, simNs: number, addr = 0) => ({
      kind,
      code,
      addr,
      count: 0,
      instret: simNs / 10,
      simNs,
    });
    applyFrame(
      st,
      fakeFrame({
        events: [
          ev('phase', PHASE.RELOCATION, 100),
          ev('event', EVENT.PAGE_COPIED, 110, 0x8040_0000),
          ev('event', EVENT.PAGE_COPIED, 120, 0x8040_1000),
        ],
      }),
    );
    const s = st.getState();
    expect(s.mach_phase).toBe(PHASE.RELOCATION);
    expect(s.tl_phases).toEqual([{ code: PHASE.RELOCATION, simNs: 100, instret: 10 }]);
    expect(s.tl_events).toHaveLength(1);
    expect(s.tl_events[0]).toMatchObject({ times: 2, addr: 0x8040_1000 });
  });
  it('notices a virtio device being reset, with the phase it happened in', () => {
    const st = createAppStore();
    applyFrame(
      st,
      fakeFrame({
        devices: [net(0xf)],
        events: [{ kind: 'phase', code: PHASE.DEVICE_SHUTDOWN, addr: 0, count: 0, instret: 1, simNs: 10 }],
      }),
    );
    applyFrame(st, fakeFrame({ seq: 2, simNs: 20, devices: [net(0)] }));
    expect(st.getState().dev_resets).toEqual([
      { name: 'virtio-net', base: 0x1000_2000, simNs: 20, phase: PHASE.DEVICE_SHUTDOWN, how: 'status' },
    ]);
  });
  it('keeps the records a frame leaves out (null), as the same objects', () => {
    const st = createAppStore();
    const rom = { id: 'rom', name: 'Boot ROM', base: 0x1000, irq: 0, registers: [], irqPending: false };
    applyFrame(st, fakeFrame({ devices: [rom, net(0xf)] }));
    const before = st.getState().dev_list;
    applyFrame(st, fakeFrame({ seq: 2, simNs: 20, devices: [null, net(0)] }));
    const after = st.getState().dev_list;
    expect(after).toHaveLength(2);
    expect(after[0]).toBe(before[0]);
    expect(after[1].virtio?.status).toBe(0);
    expect(st.getState().dev_resets).toHaveLength(1); // still noticed through a partial list
    expect(mergeDevices([], [null, rom])).toEqual([rom]); // never had it: left out, not invented
  });
  it('records the shutdown a driver reports through the trace port, exactly when it happened', () => {
    const st = createAppStore();
    applyFrame(st, fakeFrame({ devices: [net(0xf)] }));
    applyFrame(
      st,
      fakeFrame({
        seq: 2,
        simNs: 50,
        devices: [net(0)],
        events: [
          { kind: 'phase', code: PHASE.DEVICE_SHUTDOWN, addr: 0, count: 0, instret: 1, simNs: 10 },
          { kind: 'event', code: EVENT.DEVICE_SHUTDOWN, addr: 0x1000_2000, count: 0, instret: 2, simNs: 12 },
          { kind: 'phase', code: PHASE.MACHINE_KEXEC, addr: 0, count: 0, instret: 3, simNs: 30 },
        ],
      }),
    );
    expect(st.getState().dev_resets).toEqual([
      { name: 'virtio-net', base: 0x1000_2000, simNs: 12, phase: PHASE.DEVICE_SHUTDOWN, how: 'shutdown' },
    ]);
  });
  it('starts over for a new machine', () => {
    const st = createAppStore();
    applyFrame(
      st,
      fakeFrame({ events: [{ kind: 'phase', code: 4, addr: 0, count: 0, instret: 1, simNs: 10 }] }),
    );
    applyFrame(st, fakeFrame({ generation: 2, seq: 1 }));
    expect(st.getState().tl_phases).toEqual([]);
    expect(st.getState().mach_generation).toBe(2);
  });
});

describe('kexec -e detection', () => {
  it('recognises the exec forms only', () => {
    expect(isKexecExec('kexec -e')).toBe(true);
    expect(isKexecExec('  kexec --exec')).toBe(true);
    expect(isKexecExec('kexec -d -e')).toBe(true);
    expect(isKexecExec('kexec -l /boot/vmlinuz-2.0 --append="console=ttyS0"')).toBe(false);
    expect(isKexecExec('echo kexec -e')).toBe(false);
  });
  it('stamps the simulated time of the command', () => {
    const st = createAppStore();
    st.setState({ mach_simNs: 12345 });
    noteTypedLine(st, 'kexec -e');
    expect(st.getState().tl_kexecTypedNs).toBe(12345);
  });
});
