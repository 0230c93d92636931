import { describe, expect, it } from 'vitest';
import { Machine, MachineConfigError } from './machine';
import { Dma } from '../devices/virtqueue';
import { WRITER_CPU, WRITER_DMA_BASE } from '../cpu/bus';
import { parseFdt } from './fdt';
import { A0, A1, CSR, makeElf, S0, T0, T1, T2, ZERO } from './test-asm';
import { RAM_BASE, SYSCON_BASE, TRACE_BASE } from './memmap';
import { bare, echoProgram, hello, powerOff, timerProgram, TOHOST } from './test-programs';

const text = (m: Machine): string => new TextDecoder().decode(m.drainSerial());

describe('machine', () => {
  it('keeps pageWriter exact: CPU stores mark a page again after DMA or the observer changed it', () => {
    const data = RAM_BASE + 0x10_0000;
    const page = (data - RAM_BASE) >>> 12;
    const elf = bare((a) => {
      a.li(T0, data).label('loop').sw(T1, 0, T0).addi(T1, T1, 1).j('loop');
    });
    const m = new Machine({ bareElf: elf, ramMiB: 16 });
    m.run(1000);
    expect(m.pageWriter[page]).toBe(WRITER_CPU);
    m.pageWriter[page] = 0; // what the observer does, then it tells the machine
    m.writersCleared();
    m.run(1000);
    expect(m.pageWriter[page]).toBe(WRITER_CPU);
    // A device's DMA into the page: the machine wires every Dma to drop the store TLB.
    const dma = new Dma(m.ram, RAM_BASE, m.pageWriter, 1, () => m.hart.flushStoreTlb());
    dma.write(page * 4096 + 64, new Uint8Array([1, 2, 3]));
    expect(m.pageWriter[page]).toBe(WRITER_DMA_BASE + 1);
    m.run(1000);
    expect(m.pageWriter[page]).toBe(WRITER_CPU);
  });

  it('runs a bare UART hello world and powers off through syscon', () => {
    const m = new Machine({ bareElf: hello(), ramMiB: 16 });
    const r = m.run(10_000);
    expect(r.reason).toBe('poweroff');
    expect(m.poweredOff).toBe(true);
    expect(m.exitCode).toBe(0);
    expect(text(m)).toBe('hello\n');
    expect(m.run(100).reason).toBe('poweroff');
  });

  it('reports a syscon failure code', () => {
    const m = new Machine({ bareElf: bare((a) => powerOff(a, 0x3333 | (7 << 16))), ramMiB: 16 });
    expect(m.run(1000).reason).toBe('poweroff');
    expect(m.exitCode).toBe(7);
  });

  it('stops when tohost is written; an access fault reaches mtvec with mcause 5', () => {
    const elf = bare(
      (a) => {
        a.la(T0, 'trap').csrw(CSR.mtvec, T0).lw(T1, 0, ZERO); // load from 0: nothing there
        a.label('trap').csrr(T1, CSR.mcause).slli(T1, T1, 1).ori(T1, T1, 1);
        a.li(T0, TOHOST).sw(T1, 0, T0).label('spin').j('spin');
      },
      { tohost: TOHOST },
    );
    const m = new Machine({ bareElf: elf, ramMiB: 16 });
    expect(m.tohostAddr).toBe(TOHOST);
    const r = m.run(1_000_000);
    expect(r.reason).toBe('tohost');
    expect(m.tohost()).toBe((5 << 1) | 1);
    expect(r.executed).toBeLessThan(4096 + 20);
  });

  it('boots firmware through the reset ROM with a0 = hartid and a1 = the DTB', () => {
    const out = RAM_BASE + 0x1000;
    const fw = bare((a) => {
      a.li(T0, out).sw(A0, 0, T0).sw(A1, 4, T0).lw(T1, 0, A1).sw(T1, 8, T0);
      powerOff(a);
    });
    const m = new Machine({ firmware: fw, ramMiB: 32, cmdline: 'console=ttyS0' });
    expect(m.hart.pc).toBe(0x1000);
    expect(m.run(1000).reason).toBe('poweroff');
    const v = new DataView(m.ram.buffer, m.ram.byteOffset + 0x1000, 12);
    expect(v.getUint32(0, true)).toBe(0);
    expect(v.getUint32(4, true)).toBe(m.dtbAddr);
    expect(m.dtbAddr).toBe(RAM_BASE + (32 << 20) - (2 << 20));
    expect(v.getUint32(8, false)).toBe(0xd00dfeed);
    const off = m.dtbAddr - RAM_BASE;
    const fdt = parseFdt(m.ram.subarray(off, off + m.dtb.length));
    expect(fdt.root.find('/chosen')?.string('bootargs')).toBe('console=ttyS0');
  });

  it('WFI skips idle time to the timer: three ticks of 1000 cost few instructions', () => {
    const m = new Machine({ bareElf: timerProgram(), ramMiB: 16 });
    let executed = 0;
    let r;
    do {
      r = m.run(1_000_000);
      executed += r.executed;
    } while (r.reason === 'budget' || (r.reason === 'idle' && r.cycles > 0));
    expect(r.reason).toBe('poweroff');
    expect(text(m)).toBe('***');
    expect(executed).toBeLessThan(200);
    expect(m.simulatedNs()).toBeGreaterThanOrEqual(3000 * 100);
    expect(m.simulatedNs()).toBeLessThan(3000 * 100 + 10_000);
  });

  it('idle budget: run(n) advances at most n cycles while the hart sleeps', () => {
    const m = new Machine({ bareElf: timerProgram(), ramMiB: 16 });
    m.run(100); // set up, now in WFI
    const t = m.simulatedNs();
    const r = m.run(500);
    expect(r.reason).toBe('idle');
    expect(r.executed).toBe(0);
    expect(m.simulatedNs() - t).toBe(5000);
  });

  it('echoes typed input through UART and PLIC interrupts, idle in between', () => {
    const m = new Machine({ bareElf: echoProgram(), ramMiB: 16 });
    let r = m.run(10_000);
    expect(r.reason).toBe('idle');
    const t = m.simulatedNs();
    expect(m.run(10_000)).toMatchObject({ reason: 'idle', executed: 0, cycles: 0 });
    expect(m.simulatedNs()).toBe(t);
    m.typeInput('kexec');
    do r = m.run(100_000);
    while (r.cycles > 0 && r.reason !== 'poweroff');
    expect(text(m)).toBe('kexec');
    m.typeInput('xq');
    r = m.run(1_000_000);
    while (r.reason !== 'poweroff' && r.cycles > 0) r = m.run(1_000_000);
    expect(r.reason).toBe('poweroff');
    expect(text(m)).toBe('x');
    expect(m.inputLog().map((e) => String.fromCharCode(...e.bytes))).toEqual(['kexec', 'xq']);
  });

  it('a syscon reset restarts the program with RAM kept; devices are reset', () => {
    const counter = RAM_BASE + 0x10_0000;
    const elf = bare((a) => {
      a.li(T0, counter).lw(T1, 0, T0).addi(T1, T1, 1).sw(T1, 0, T0);
      a.li(T2, 3).beq(T1, T2, 'halt');
      a.li(T0, SYSCON_BASE).li(T1, 0x7777).sw(T1, 0, T0).label('wait').j('wait');
      powerOff(a);
    });
    const m = new Machine({ bareElf: elf, ramMiB: 16 });
    expect(m.pageWriter[0]).toBe(0);
    expect(m.run(1000).reason).toBe('reset');
    expect(m.pageWriter[0]).toBe(1); // the reloaded image counts as written, for observers
    expect(m.run(1000).reason).toBe('reset');
    expect(m.run(1000).reason).toBe('poweroff');
    expect(new DataView(m.ram.buffer, m.ram.byteOffset).getUint32(0x10_0000, true)).toBe(3);
  });

  it('delivers network packets by simulated time even while the hart sleeps', () => {
    const m = new Machine({ bareElf: bare((a) => a.label('l').wfi().j('l')), ramMiB: 16, netPps: 1000 });
    m.run(10_000_000); // 100 ms of simulated time
    const net = m.deviceStates().find((d) => d.id === 'virtio1');
    expect(net?.virtio?.packetsDropped).toBe(100); // no driver: every packet is dropped
    m.setNetPps(0);
    m.run(10_000_000);
    expect(m.deviceStates().find((d) => d.id === 'virtio1')?.virtio?.packetsDropped).toBe(100);
  });

  it('is deterministic: same program and input give the same hash', () => {
    const go = (): string => {
      const m = new Machine({ bareElf: echoProgram(), ramMiB: 16, disk: new Uint8Array(4096), netPps: 500 });
      m.run(50_000);
      m.typeInput('abc');
      m.run(3_000_000);
      m.typeInput('def');
      m.run(3_000_000);
      return m.stateHash() + text(m);
    };
    const a = go();
    expect(go()).toBe(a);
    const other = new Machine({
      bareElf: echoProgram(),
      ramMiB: 16,
      disk: new Uint8Array(4096),
      netPps: 500,
    });
    other.run(50_000);
    other.typeInput('abd');
    other.run(3_000_000);
    expect(other.stateHash()).not.toBe(a.slice(0, 16));
  });

  it('the state does not depend on how run() budgets are cut', () => {
    const go = (budget: number): string => {
      const m = new Machine({ bareElf: echoProgram(), ramMiB: 16, netPps: 3000 });
      m.scheduleInput(200_000, [...new TextEncoder().encode('abc')]);
      m.scheduleInput(900_000, [...new TextEncoder().encode('dq')]);
      let r;
      do r = m.run(budget);
      while (r.reason !== 'poweroff');
      return `${m.stateHash()} ${m.simulatedNs()} ${text(m)}`;
    };
    const a = go(1_000_000);
    expect(a).toMatch(/ abcd$/);
    expect(go(7_777)).toBe(a);
    expect(go(101)).toBe(a);
  });

  it('snapshot/restore gives the same hash and the same continuation', () => {
    const opts = { bareElf: timerProgram(), ramMiB: 16, netPps: 2000 };
    const a = new Machine(opts);
    a.run(15_000);
    const snap = structuredClone(a.snapshot());
    const hash = a.stateHash();
    const b = new Machine(opts);
    b.restore(snap);
    expect(b.stateHash()).toBe(hash);
    a.drainSerial();
    for (const m of [a, b]) {
      let r;
      do r = m.run(7_000);
      while (r.reason !== 'poweroff');
    }
    expect(text(b)).toBe(text(a));
    expect(b.stateHash()).toBe(a.stateHash());
    expect(b.simulatedNs()).toBe(a.simulatedNs());
  });

  it('rejects bad options with clear messages', () => {
    expect(() => new Machine({ ramMiB: 8 })).toThrow(MachineConfigError);
    expect(() => new Machine({ ramMiB: 16, bareElf: Uint8Array.of(1, 2, 3) })).toThrow(/ELF/);
    const far = makeElf({ entry: 0x9000_0000, segments: [{ paddr: 0x9000_0000, data: new Uint8Array(4) }] });
    expect(() => new Machine({ ramMiB: 16, bareElf: far })).toThrow(/outside RAM/);
  });

  it('records trace-port roles and phases written by the guest, stamped with instret', () => {
    const elf = bare(
      (a) => {
        a.li(S0, TRACE_BASE)
          .li(T1, RAM_BASE + 0x4000)
          .sw(T1, 0, S0)
          .li(T1, 2)
          .sw(T1, 4, S0);
        a.li(T1, 8).sw(T1, 8, S0); // ROLE = KEXEC_SOURCE for 2 pages at 0x80004000
        a.li(T1, 5).sw(T1, 12, S0); // PHASE = KEXEC_LOAD
        a.lw(A0, 0x14, S0).li(T0, TOHOST).sw(A0, 0, T0).label('spin').j('spin');
      },
      { tohost: TOHOST },
    );
    const m = new Machine({ bareElf: elf, ramMiB: 16 });
    expect(m.run(10_000).reason).toBe('tohost');
    expect(m.tohost()).toBe(0x4b584c54); // MAGIC read back by the guest
    expect([...m.pageRole.subarray(3, 7)]).toEqual([0, 8, 8, 0]);
    const ev = m.drainTrace();
    expect(ev.map((e) => [e.kind, e.code, e.addr, e.count])).toEqual([
      ['role', 8, RAM_BASE + 0x4000, 2],
      ['phase', 5, RAM_BASE + 0x4000, 2],
    ]);
    expect(ev[0].instret).toBeGreaterThan(5);
    expect(ev[1].instret).toBeGreaterThan(ev[0].instret);
    expect(ev[1].simNs).toBe(ev[1].instret * 10);
  });

  it('lists every device for the UI', () => {
    const m = new Machine({ ramMiB: 16, disk: new Uint8Array(1024) });
    const ids = m.deviceStates().map((d) => d.id);
    expect(ids).toEqual([
      'rom',
      'syscon',
      'clint',
      'plic',
      'uart0',
      ...[0, 1, 2, 3, 4, 5, 6, 7].map((n) => `virtio${n}`),
      'trace',
    ]);
    const blk = m.deviceStates().find((d) => d.id === 'virtio0');
    expect(blk?.virtio?.deviceId).toBe(2);
    expect(blk?.irq).toBe(1);
    expect(m.deviceStates().find((d) => d.id === 'virtio5')?.virtio?.deviceId).toBe(0);
    expect(
      m
        .deviceStates()
        .find((d) => d.id === 'uart0')
        ?.registers.map((r) => r.name),
    ).toContain('LSR');
  });
});
