import { describe, expect, it } from 'vitest';
import { ContentTable } from './content-table';
import { MAX_GIVE_WAY_MS, Session } from './session';
import { FakeMachine, clintRecord, pattern } from './testing';
import { SymbolTable } from './symbols';
import { EVENT, PHASE } from '../protocol/api';

function makeSession(program: FakeMachine['program'], hangThresholdNs = 1e12) {
  let clock = 0;
  const table = new ContentTable();
  const newText = pattern(4096, 42);
  table.addBlob('kestrel-2.0', '.text', newText, 0xc040_0000);
  const symbols = new Map([
    ['kestrel-2.0', SymbolTable.parse('c0400000 T _start\nc0400020 T start_kernel\n')],
  ]);
  let machine: FakeMachine | undefined;
  const s = new Session({
    createMachine: (o) => {
      machine = new FakeMachine(o);
      machine.program = program;
      return machine;
    },
    images: { firmware: new Uint8Array(), disk: new Uint8Array(), table, symbols },
    config: { ramMiB: 8, netPps: 0, cmdline: '', faults: { relocateInPlace: false, skipShutdown: false } },
    generation: 1,
    now: () => clock,
    hangThresholdNs,
  });
  return { s, m: machine!, newText, advance: (ms: number) => (clock += ms) };
}

describe('Session', () => {
  it('names the PC by the content of its page: new kernel text at the old address', () => {
    const { s, m, newText } = makeSession(() => {});
    m.write(0x8040_0000, newText);
    m.hart.pc = 0x8040_0024;
    const f = s.frame(0);
    expect(f.cpu.image).toBe('kestrel-2.0');
    expect(f.cpu.symbol).toBe('start_kernel+0x4');
    expect(f.pages.full).toBe(true);
    expect(f.contentKinds?.map((k) => k.label)).toContain('kestrel-2.0 .text');
  });
  it('stops at the next phase when stepping by phase, and frames carry the events', () => {
    let calls = 0;
    const { s, advance } = makeSession((m) => {
      if (++calls === 3) m.emit('phase', PHASE.KERNEL_BOOT, 0x8040_0000);
    });
    s.setSpeed('max');
    s.runUntil({ anyPhase: true });
    for (let i = 0; i < 10 && s.state.state === 'running'; i++) {
      s.slice();
      advance(5);
    }
    expect(s.state.state).toBe('paused');
    expect(s.state.detail).toBe('at phase KERNEL_BOOT');
    const f = s.frame(0);
    expect(f.events.map((e) => e.code)).toEqual([PHASE.KERNEL_BOOT]);
    expect(f.stateHash).not.toBe('');
    expect(s.frame(f.seq).events).toEqual([]);
    // Keys typed while paused change the state without running: the hash follows.
    s.machine.typeInput('x');
    expect(s.frame(f.seq).stateHash).not.toBe(f.stateHash);
  });
  it('real time: simulated time follows the wall clock', () => {
    const { s, m, advance } = makeSession(() => {});
    s.run();
    advance(20);
    for (let i = 0; i < 50 && s.slice() === 0; i++); // slices are capped to ~10 ms of work each
    expect(m.simulatedNs()).toBe(20_000_000);
    expect(s.slice()).toBeGreaterThan(0); // ahead of the wall clock: wait
  });
  it('shows a stuck guest: where, in which image and symbol, since when', () => {
    const { s, m, newText, advance } = makeSession((mm) => {
      mm.hart.pc = 0x8040_0020;
    }, 1_000_000);
    m.write(0x8040_0000, newText);
    s.setSpeed('max');
    s.run();
    for (let i = 0; i < 50 && s.state.state === 'running'; i++) {
      s.slice();
      advance(20);
    }
    expect(s.state.state).toBe('hung');
    expect(s.state.hang).toMatchObject({ image: 'kestrel-2.0', symbol: 'start_kernel' });
    expect(s.state.hang!.sinceNs).toBeLessThan(m.simulatedNs());
  });
  it('declares a hang at the same cycle whatever sizes the wall clock gives the slices', () => {
    const found: { sinceNs: number; at: number; pc: number }[] = [];
    for (const msPerSlice of [0.37, 0.61]) {
      const { s, m, advance } = makeSession((mm) => {
        mm.hart.pc = 0x8040_0020 + (mm.insns % 3) * 4; // a three-instruction loop
      }, 1_000_000);
      s.run(); // real time: each slice runs what the wall clock allows since the last
      for (let i = 0; i < 1000 && s.state.state === 'running'; i++) {
        advance(msPerSlice); // slices of 37,000 and 61,000 cycles
        s.slice();
      }
      expect(s.state.state).toBe('hung');
      found.push({ sinceNs: s.state.hang!.sinceNs, at: m.simulatedNs(), pc: s.state.hang!.pc });
    }
    expect(found[1]).toEqual(found[0]);
    expect(found[0].sinceNs % 500_000).toBe(0); // on the sampling grid (50,000 cycles of 10 ns)
  });

  it('gives way to the page: runs nothing for the time asked (at most MAX_GIVE_WAY_MS), then goes on', () => {
    const { s, m, advance } = makeSession(() => {});
    s.setSpeed('max');
    s.run();
    expect(s.slice()).toBe(0);
    const ran = m.instret();
    expect(ran).toBeGreaterThan(0);
    s.giveWay(30);
    expect(s.slice()).toBe(30); // wait that long, having run nothing
    advance(29.5);
    expect(s.slice()).toBe(1);
    expect(m.instret()).toBe(ran);
    advance(0.5);
    expect(s.slice()).toBe(0);
    expect(m.instret()).toBeGreaterThan(ran);
    // a shorter request does not cut a longer one short; the longest is 100 ms; nonsense is none
    s.giveWay(1e9);
    s.giveWay(5);
    expect(s.slice()).toBe(MAX_GIVE_WAY_MS);
    advance(MAX_GIVE_WAY_MS);
    s.giveWay(Number.NaN);
    s.giveWay(-5);
    expect(s.slice()).toBe(0);
  });
  it('giving way changes when the machine runs, not what it does', () => {
    const after = (giveWay: boolean) => {
      const { s, m, advance } = makeSession((mm) => {
        mm.hart.pc = 0x8040_0000 + (mm.insns % 64) * 4;
      });
      s.setSpeed('max');
      s.run();
      for (let i = 0; m.instret() < 5_000_000; i++) {
        if (giveWay && i % 3 === 0) s.giveWay(7);
        advance(Math.max(1, s.slice()));
      }
      return { simNs: m.simulatedNs(), pc: m.hart.pc, cycles: m.cycles() };
    };
    const a = after(false);
    const b = after(true);
    expect(b.cycles).toBe(a.cycles);
    expect(b).toEqual(a);
  });
  it('flags DMA by a device whose driver vanished in a kexec, until it is reset at probe', () => {
    let step = 0;
    const { s, m, advance } = makeSession((mm) => {
      step++;
      if (step === 2) mm.emit('phase', PHASE.MACHINE_KEXEC);
      if (step >= 3 && step <= 4) mm.write(0x8010_0000, pattern(16, step), 3); // virtio slot 1
      if (step === 5) mm.emit('event', EVENT.DEVICE_RESET_AT_PROBE, 0x1000_2000);
      if (step >= 6) mm.write(0x8010_0000, pattern(16, step), 3);
    });
    m.pageRole[0x100] = 7; // an RX buffer: not foreign by itself
    s.setSpeed('max');
    s.run();
    const warnings: string[] = [];
    let seq = 0;
    for (let i = 0; i < 8; i++) {
      s.step(1);
      advance(1);
      const f = s.frame(seq);
      seq = f.seq;
      warnings.push(f.dmaWarnings.map((w) => w.reason).join());
    }
    expect(warnings).toEqual(['', '', 'orphaned', 'orphaned', '', '', '', '']);
  });
  it('flags DMA made while the driver was gone even when the kexec and the reset fall between two frames', () => {
    // At maximum speed a frame can cover the whole window, from machine_kexec to the new
    // kernel's probe reset: by the frame the device has a driver again, and the new
    // kernel has copied over or zeroed the pages it wrote.
    const run = (dma: 'kept' | 'overwritten' | 'none') => {
      let step = 0;
      let writes = 40; // the device's own count of DMA writes
      let last = 0x8000_0000;
      const { s, m } = makeSession((mm) => {
        step++;
        if (step === 2) mm.emit('phase', PHASE.MACHINE_KEXEC);
        if (step === 3 && dma !== 'none') {
          mm.write(0x8010_0000, pattern(16, step), 3); // virtio slot 1
          writes++;
          last = 0x8010_0000;
        }
        if (step === 4 && dma === 'overwritten') mm.write(0x8010_0000, new Uint8Array(4096)); // the CPU
        if (step === 5) mm.emit('event', EVENT.DEVICE_RESET_AT_PROBE, 0x1000_2000);
      });
      m.deviceStates = () => [
        {
          id: 'virtio1',
          name: 'virtio-net',
          base: 0x1000_2000,
          irq: 2,
          registers: [],
          irqPending: false,
          virtio: {
            deviceId: 1,
            status: step >= 5 ? 0 : 0xf,
            statusBits: [],
            queues: [],
            bytesRead: 0,
            bytesWritten: writes * 16,
            dmaWrites: writes,
            lastDmaPage: last,
          },
        },
      ];
      m.pageRole[0x100] = 7; // an RX buffer, before and after
      const first = s.frame(0);
      s.step(6);
      const f = s.frame(first.seq);
      return { warnings: f.dmaWarnings, writer: f.pages.writer[[...f.pages.index].indexOf(0x100)] };
    };
    const want = [{ reason: 'orphaned', slot: 1, deviceName: 'virtio-net', page: 0x100, role: 7, pages: 1 }];
    const kept = run('kept');
    expect(kept.warnings).toMatchObject(want);
    expect(kept.writer).toBe(3); // the page still reaches the map as written by the device
    const overwritten = run('overwritten');
    expect(overwritten.warnings).toMatchObject(want); // named by the device's last DMA page
    expect(overwritten.writer).toBe(1);
    expect(run('none').warnings).toEqual([]);
  });
  it('lists live devices left without a driver by a kexec, until they are reset', () => {
    let step = 0;
    const { s, m } = makeSession((mm) => {
      step++;
      if (step === 1) mm.emit('event', EVENT.DEVICE_SHUTDOWN, 0x1000_1000); // blk shut down properly
      if (step === 2) mm.emit('phase', PHASE.MACHINE_KEXEC);
      if (step === 4) mm.emit('event', EVENT.DEVICE_RESET_AT_PROBE, 0x1000_2000);
    });
    const live = (base: number) => ({
      id: `v${base}`,
      name: `v${base}`,
      base,
      irq: 1,
      registers: [],
      irqPending: false,
      virtio: {
        deviceId: 1,
        status: 0xf,
        statusBits: [],
        queues: [],
        bytesRead: 0,
        bytesWritten: 0,
        dmaWrites: 0,
      },
    });
    m.deviceStates = () => [live(0x1000_1000), live(0x1000_2000)];
    const orphans: number[][] = [];
    let seq = 0;
    for (let i = 0; i < 4; i++) {
      s.step(1);
      const f = s.frame(seq);
      seq = f.seq;
      orphans.push(f.orphans);
    }
    expect(orphans).toEqual([[], [0x1000_2000], [0x1000_2000], []]);
  });
  it('while running, sends device records every DEVICE_FRAMES frames at most; paused, every change', () => {
    const { s, m } = makeSession(() => {});
    let tick = 0;
    m.deviceStates = () => [clintRecord(tick)];
    const carried: boolean[] = [];
    let seq = 0;
    s.run();
    for (let i = 0; i < 8; i++) {
      tick++; // a counter that moves every frame
      const f = s.frame(seq);
      seq = f.seq;
      carried.push(f.devices !== null);
      if (f.devices) expect(f.devices[0]?.registers[0].value).toBe(tick); // fresh when sent
    }
    expect(carried).toEqual([true, false, false, true, false, false, true, false]);
    s.pause();
    const paused: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      tick++;
      const f = s.frame(seq);
      seq = f.seq;
      paused.push(f.devices !== null);
    }
    expect(paused).toEqual([true, true, true]);
    expect(s.frame(seq).devices).toBeNull(); // nothing changed
    expect(s.frame(0).devices).not.toBeNull(); // a full frame always carries them
  });
  it('sends only the device records that changed, and all of them in a full frame', () => {
    const { s, m } = makeSession(() => {});
    let tick = 0;
    const rom = { id: 'rom', name: 'Boot ROM', base: 0x1000, irq: 0, registers: [], irqPending: false };
    m.deviceStates = () => [rom, clintRecord(tick)];
    const first = s.frame(0);
    expect(first.devices?.map((d) => d?.id)).toEqual(['rom', 'clint']);
    tick++;
    const next = s.frame(first.seq); // paused: records go out in every frame that changed them
    expect(next.devices?.[0]).toBeNull(); // the ROM did not change
    expect(next.devices?.[1]?.registers[0].value).toBe(1);
    expect(s.frame(next.seq).devices).toBeNull();
    expect(s.frame(0).devices?.every((d) => d !== null)).toBe(true);
  });
  it('steps single instructions and reports a powered-off machine', () => {
    const { s, m } = makeSession((mm) => {
      if (mm.insns >= 3) mm.poweredOff = true;
    });
    s.step(2);
    expect(m.instret()).toBe(2);
    expect(s.state.state).toBe('paused');
    s.step(5);
    expect(s.state.state).toBe('poweredOff');
  });
});
