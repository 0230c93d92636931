// Golden runs of kexec (KEXEC.md sections 1-3): Kestrel 1.0 loads Kestrel 2.0 with
// `kexec -l` and boots it with `kexec -e`, through device shutdown, the relocation routine
// in the control page and purgatory's SHA-256 check, without firmware. Each run's whole
// serial log must equal its kexec-*.golden.log byte for byte; the trace port's phases and
// events are checked too. Covered: the basic kexec, --initrd with --reuse-cmdline, -i, the
// error paths of `kexec -l` / `-e`, both hazards (relocate_in_place, skip_shutdown) with and
// without network traffic, and a normal kexec under traffic; each hazard run asserts one outcome. UPDATE_GOLDEN=1 rewrites the golden files;
// KESTREL_IMAGES=<dir> runs on images built elsewhere.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Machine, type MachineOptions } from '../../workers/machine/machine';
import { runScript, type ScriptResult, type Step } from '../../workers/cli/script';
import type { TraceEvent } from '../../workers/devices/trace';

const HERE = dirname(fileURLToPath(import.meta.url));
const IMAGES = process.env.KESTREL_IMAGES ?? resolve(HERE, '../../public/images');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** Boot ~1.5e8 cycles, load ~2e7, exec to the new prompt ~2e7: a kexec run fits in 2.6e8. */
const MAX_INSNS = 260_000_000;
const BOOT_CMDLINE = 'console=ttyS0 earlycon';

/* lib/trace.h */
const PHASE_DEVICE_SHUTDOWN = 6;
const PHASE_MACHINE_KEXEC = 7;
const PHASE_RELOCATION = 8;
const PHASE_PURGATORY = 9;
const ROLE_DMA_BUFFER = 7;
const ROLE_KEXEC_SOURCE = 8;
const ROLE_KEXEC_INDIRECTION = 9;
const ROLE_KEXEC_CONTROL = 10;
const EVENT_PAGE_COPIED = 1;
const EVENT_DIGEST_OK = 3;
const EVENT_DIGEST_MISMATCH = 4;
const EVENT_KEXEC_LOADED = 5;
const EVENT_KEXEC_UNLOADED = 6;

interface KexecRun extends ScriptResult {
  trace: TraceEvent[];
  machine: Machine;
}

function image(name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(IMAGES, name)));
}

function run(steps: Step[], opts: Partial<MachineOptions> = {}, maxInsns = MAX_INSNS): KexecRun {
  const machine = new Machine({
    firmware: image('firmware.elf'),
    disk: image('disk.img'),
    cmdline: BOOT_CMDLINE,
    ...opts,
  });
  const trace: TraceEvent[] = [];
  const r = runScript({}, steps, maxInsns, {
    machine,
    onSerial: () => trace.push(...machine.drainTrace()),
  });
  trace.push(...machine.drainTrace());
  return { ...r, trace, machine };
}

/** Compares serial with the golden file (or rewrites it under UPDATE_GOLDEN=1). */
function expectGolden(file: string, serial: string): void {
  const path = join(HERE, file);
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE) throw new Error(`${file} missing: run with UPDATE_GOLDEN=1 to create it`);
    writeFileSync(path, serial);
    return;
  }
  expect(serial).toBe(readFileSync(path, 'utf8'));
}

const expectStep = (text: string): Step => ({ kind: 'expect', text });
const typeStep = (text: string): Step => ({ kind: 'type', text: `${text}\r` });
/** Types a command and waits for the prompt that follows its output. */
const cmd = (text: string): Step[] => [typeStep(text), expectStep('\n# ')];

const phases = (t: TraceEvent[]): number[] => t.filter((e) => e.kind === 'phase').map((e) => e.code);
const events = (t: TraceEvent[], code: number): TraceEvent[] =>
  t.filter((e) => e.kind === 'event' && e.code === code);

const LOAD_2_0 = 'kexec -l /boot/vmlinuz-2.0 --append="console=ttyS0 quiet"';

/** The messages of a successful kexec -e, in order (KEXEC.md section 2). */
function expectExecMessages(serial: string): void {
  const order = [
    'kexec_core: Starting new kernel',
    'Will call new kernel at ',
    'FDT image at ',
    'Bye...',
    "I'm in purgatory",
    'Welcome to Kestrel 2.0',
  ];
  let at = 0;
  for (const m of order) {
    const i = serial.indexOf(m, at);
    expect(i, `"${m}" after offset ${at}`).toBeGreaterThanOrEqual(0);
    at = i + m.length;
  }
}

/** The trace of a kexec that reached the new kernel: shutdown, relocation, purgatory, pages copied. */
function expectExecTrace(t: TraceEvent[], shutdown: boolean): void {
  const p = phases(t);
  expect(p.includes(PHASE_DEVICE_SHUTDOWN)).toBe(shutdown);
  const mk = p.indexOf(PHASE_MACHINE_KEXEC);
  expect(mk).toBeGreaterThanOrEqual(0);
  expect(p.indexOf(PHASE_RELOCATION)).toBeGreaterThan(mk);
  expect(p.indexOf(PHASE_PURGATORY)).toBeGreaterThan(p.indexOf(PHASE_RELOCATION));
  // The new kernel's 4 MiB-aligned image (plus DTB and purgatory) was copied page by page.
  const copied = events(t, EVENT_PAGE_COPIED);
  expect(copied.length).toBeGreaterThan(40);
  expect(copied.some((e) => e.addr === 0x8040_0000)).toBe(true);
}

describe('kexec: load and exec (golden serial logs)', () => {
  it('basic: kexec -l vmlinuz-2.0 --append, kexec -e, Kestrel 2.0 shows the command line', () => {
    const r = run([
      expectStep('# '),
      ...cmd(LOAD_2_0),
      ...cmd('cat /sys/kernel/kexec_loaded'),
      typeStep('kexec -e'),
      expectStep('Welcome to Kestrel 2.0'),
      expectStep('# '),
      typeStep('cat /proc/cmdline'),
      // The echo of the command cannot match this: only /proc/cmdline's text can.
      expectStep('\nconsole=ttyS0 quiet\n'),
      expectStep('# '),
    ]);
    expect(r.exitCode, r.serial.slice(-2000)).toBe(0);
    const s = r.serial.replace(/\r/g, '');
    expect(s).toContain('Warning: No cmdline provided, using append string as cmdline\n');
    expect(s).toContain('# cat /sys/kernel/kexec_loaded\n1\n');
    expectExecMessages(s);
    expect(s).toMatch(/Will call new kernel at 83f[0-9a-f]{5} from hart id 0\n/);
    expectExecTrace(r.trace, true);
    expect(events(r.trace, EVENT_KEXEC_LOADED)).toHaveLength(1);
    // At load, kexec told the trace port what each staged page is for.
    const roles = (role: number): TraceEvent[] => r.trace.filter((e) => e.kind === 'role' && e.code === role);
    expect(roles(ROLE_KEXEC_SOURCE).length).toBeGreaterThan(40);
    expect(roles(ROLE_KEXEC_INDIRECTION).length).toBeGreaterThanOrEqual(1);
    expect(roles(ROLE_KEXEC_CONTROL)).toHaveLength(1);
    expect(events(r.trace, EVENT_DIGEST_OK)).toHaveLength(1);
    expect(events(r.trace, EVENT_DIGEST_MISMATCH)).toHaveLength(0);
    expect(r.serial).not.toMatch(/Oops|Kernel panic/);
    expectGolden('kexec-basic.golden.log', r.serial);
  });

  it('--initrd and --reuse-cmdline: the new kernel gets the old command line and an initrd', () => {
    const r = run([
      expectStep('# '),
      ...cmd('kexec -d -l /boot/vmlinuz-2.0 --initrd=/boot/boot.cfg --reuse-cmdline'),
      typeStep('kexec -e'),
      expectStep('Welcome to Kestrel 2.0'),
      expectStep('# '),
      typeStep('cat /proc/cmdline'),
      expectStep(`\n${BOOT_CMDLINE}\n`),
      expectStep('# '),
    ]);
    expect(r.exitCode, r.serial.slice(-2000)).toBe(0);
    const s = r.serial.replace(/\r/g, '');
    expect(s).not.toContain('Warning: No cmdline');
    // -d: the segment table; the initrd lies above the kernel, the DTB just below it.
    const initrd = /Base addr for initrd image: 0x([0-9A-F]+)/.exec(s);
    const dtb = /Base addr for dtb: 0x([0-9A-F]+)/.exec(s);
    expect(initrd && dtb).toBeTruthy();
    const initrdBase = parseInt(initrd![1], 16);
    const dtbBase = parseInt(dtb![1], 16);
    expect(initrdBase).toBeGreaterThan(0x8040_0000);
    expect(dtbBase).toBeLessThan(initrdBase);
    expect(initrdBase - dtbBase).toBeLessThanOrEqual(0x3000);
    expect(s).toContain('nr_segments = 4\n');
    // The new kernel found the initrd where /chosen said (boot.cfg is no cpio, so it says so).
    expect(s).toContain('Trying to unpack rootfs image as initramfs...\n');
    expectExecMessages(s);
    expectExecTrace(r.trace, true);
    expectGolden('kexec-initrd-reuse-cmdline.golden.log', r.serial);
  });

  it('-i (--no-checks): purgatory skips the SHA-256 check', () => {
    const r = run([
      expectStep('# '),
      ...cmd('kexec -i -l /boot/vmlinuz-2.0 --command-line="console=ttyS0 fast"'),
      typeStep('kexec -e'),
      expectStep('Welcome to Kestrel 2.0'),
      expectStep('# '),
      typeStep('cat /proc/cmdline'),
      expectStep('\nconsole=ttyS0 fast\n'),
      expectStep('# '),
    ]);
    expect(r.exitCode, r.serial.slice(-2000)).toBe(0);
    expectExecMessages(r.serial);
    expect(events(r.trace, EVENT_DIGEST_OK)).toHaveLength(0);
    expect(events(r.trace, EVENT_DIGEST_MISMATCH)).toHaveLength(0);
    expectGolden('kexec-no-checks.golden.log', r.serial);
  });
});

/** Physical end of an ELF's PT_LOADs, page aligned: where a kernel loaded by kexec ends. */
function elfLoadEnd(elf: Uint8Array): number {
  const v = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  const phoff = v.getUint32(0x1c, true);
  const phentsize = v.getUint16(0x2a, true);
  let end = 0;
  for (let i = 0; i < v.getUint16(0x2c, true); i++) {
    const ph = phoff + i * phentsize;
    if (v.getUint32(ph, true) !== 1) continue; // PT_LOAD
    end = Math.max(end, v.getUint32(ph + 0xc, true) + v.getUint32(ph + 0x14, true)); // p_paddr + p_memsz
  }
  return Math.ceil(end / 4096) * 4096;
}

describe('kexec: error paths (golden serial log)', () => {
  it('each message of KEXEC.md section 1, and the machine stays up', () => {
    // Room for Kestrel 2.0 below --mem-max, but not for a 1.0 kernel as its initrd.
    const memMax = (elfLoadEnd(image('kestrel-2.0.elf')) + 0x4000).toString(16);
    const r = run(
      [
        expectStep('# '),
        ...cmd('kexec -e'),
        ...cmd('kexec -l /boot/vmlinuz-3.0'),
        ...cmd('kexec -l /boot/boot.cfg --append=x'),
        // guest/rootfs/boot/overlap.elf: PT_LOADs at 0x80400000 (8 KiB) and 0x80401000 (4 KiB).
        ...cmd('kexec -l /boot/overlap.elf --append=x'),
        ...cmd('kexec --bogus'),
        ...cmd('kexec -p /boot/vmlinuz-2.0'),
        ...cmd('kexec -l /boot/vmlinuz-2.0 --append=x --initrd=/boot/nothing'),
        ...cmd(`kexec -l /boot/vmlinuz-2.0 --append=x --initrd=/boot/vmlinuz-1.0 --mem-max=0x${memMax}`),
        ...cmd('kexec -l /boot/vmlinuz-2.0'),
        ...cmd('cat /sys/kernel/kexec_loaded'),
        ...cmd('kexec -u'),
        ...cmd('cat /sys/kernel/kexec_loaded'),
        ...cmd('echo 1 > /proc/sys/kernel/kexec_load_disabled'),
        ...cmd('kexec -l /boot/vmlinuz-2.0 --append=x'),
        ...cmd('cat /sys/kernel/kexec_loaded'),
      ],
      {},
      MAX_INSNS,
    );
    expect(r.exitCode, r.serial.slice(-2000)).toBe(0);
    const s = r.serial.replace(/\r/g, '');
    expect(s).toContain('# kexec -e\nNothing has been loaded!\n');
    expect(s).toContain("Cannot open `/boot/vmlinuz-3.0': No such file or directory\n");
    expect(s).toContain('Cannot determine the file type of /boot/boot.cfg\n');
    expect(s).toMatch(
      /# kexec -l \/boot\/overlap\.elf --append=x\n(Warning: .*\n)*Overlapping memory segments at 0x80402000\n(.*\n)?Cannot load \/boot\/overlap\.elf\n# /,
    );
    expect(s).toContain("kexec: unrecognized option '--bogus'\n");
    expect(s).toContain('Memory for crashkernel is not reserved\n');
    expect(s).toContain('Could not find the provided initrd image !\n');
    expect(s).toMatch(
      /Could not find a free area of memory of 0x[0-9a-f]+ bytes\.\.\.\nlocate_hole failed\n/,
    );
    expect(s).toContain('Cannot load /boot/vmlinuz-2.0\n');
    expect(s).toContain('Warning: No cmdline or append string provided\n');
    expect(s).toContain('# cat /sys/kernel/kexec_loaded\n1\n# kexec -u\n# cat /sys/kernel/kexec_loaded\n0\n');
    expect(s).toContain('kexec_load failed: Operation not permitted\n');
    expect(s).toMatch(/entry {7}= 0x83f[0-9a-f]{5} flags = 0xf30000\nnr_segments = 3\n/);
    expect(s.endsWith('# cat /sys/kernel/kexec_loaded\n0\n# ')).toBe(true);
    expect(events(r.trace, EVENT_KEXEC_LOADED)).toHaveLength(1);
    expect(events(r.trace, EVENT_KEXEC_UNLOADED)).toHaveLength(1);
    expectGolden('kexec-errors.golden.log', r.serial);
  });
});

/** Physical [start, end) of a symbol pair in an image's .sym file (linear map: virtual - 0x4000_0000). */
function symRange(sym: string, from: string, to: string): [number, number] {
  const text = readFileSync(join(IMAGES, sym), 'utf8');
  const addr = (name: string): number => {
    const m = new RegExp(`^([0-9a-f]{8}) \\w ${name}$`, 'm').exec(text);
    if (!m) throw new Error(`${name} not in ${sym}`);
    return parseInt(m[1], 16) - 0x4000_0000;
  };
  return [addr(from), addr(to)];
}

const PHASE_KERNEL_BOOT = 3;
const EVENT_DEVICE_SHUTDOWN = 2;
const EVENT_DEVICE_RESET_AT_PROBE = 7;
const VIRTIO_NET_MMIO = 0x1000_2000; // the board's virtio-net (its DTB node virtio_mmio@10002000)

/** Trace entries after the n-th KERNEL_BOOT phase (1 = the cold-booted kernel, 2 = the kexec'd one). */
function afterBoot(t: TraceEvent[], n: number): TraceEvent[] {
  let seen = 0;
  const i = t.findIndex((e) => e.kind === 'phase' && e.code === PHASE_KERNEL_BOOT && ++seen === n);
  return i < 0 ? [] : t.slice(i + 1);
}

describe('kexec: the two hazards and device state (golden serial logs)', () => {
  /** Load 2.0 and exec, with a fault switch set at run time (or none) and the traffic generator at netPps. */
  function exec(
    knob: 'relocate_in_place' | 'skip_shutdown' | null,
    netPps: number,
    until: Step[],
    budget: number,
  ): KexecRun {
    return run(
      [
        expectStep('# '),
        ...(knob ? cmd(`echo 1 > /sys/kernel/debug/kexec/${knob}`) : []),
        ...cmd(LOAD_2_0),
        typeStep('kexec -e'),
        ...until,
      ],
      { netPps },
      budget,
    );
  }

  for (const netPps of [0, 2000]) {
    const tag = netPps ? `-net${netPps}` : '';

    it(`relocate_in_place${netPps ? ` with ${netPps} packets/s` : ''}: the copy loop overwrites itself and the hart is lost in the old kernel's text`, () => {
      // A lost hart never finishes: give it just enough to get lost (boot + load ~1.25e8).
      const r = exec('relocate_in_place', netPps, [expectStep('Welcome to Kestrel 2.0')], 190_000_000);
      expect(r.exitReason).toBe('max-insns');
      expect(r.serial).toContain('kexec_debug: relocating from kernel text at 8040');
      expect(r.serial).toContain('Bye...');
      expect(r.serial).not.toContain("I'm in purgatory");
      const p = phases(r.trace);
      expect(p).toContain(PHASE_RELOCATION);
      expect(p).not.toContain(PHASE_PURGATORY);
      // It broke inside the kernel image it was copying over (physical, MMU off).
      const copied = events(r.trace, EVENT_PAGE_COPIED);
      expect(copied.length).toBeGreaterThan(0);
      expect(copied.length).toBeLessThan(40);
      // Where the hart is lost: in Kestrel 1.0's text range, in the very page that held the
      // copy loop, which now holds Kestrel 2.0's bytes (half-copied code, MMU off).
      const [text, etext] = symRange('kestrel-1.0.sym', '_text', '_etext');
      const pc = r.machine.hart.pc >>> 0;
      expect(pc, pc.toString(16)).toBeGreaterThanOrEqual(text);
      expect(pc, pc.toString(16)).toBeLessThan(etext);
      const from = /relocating from kernel text at ([0-9a-f]{8})/.exec(r.serial);
      expect(from).toBeTruthy();
      expect(pc >>> 12).toBe(parseInt(from![1], 16) >>> 12);
      expect(r.machine.hart.satp).toBe(0);
      expectGolden(`kexec-hazard-relocate-in-place${tag}.golden.log`, r.serial);
    });
  }

  it('skip_shutdown without traffic: nothing writes into the new image, Kestrel 2.0 boots and resets the card at probe', () => {
    const r = exec('skip_shutdown', 0, [expectStep('Welcome to Kestrel 2.0'), expectStep('# ')], MAX_INSNS);
    expect(r.exitCode, r.serial.slice(-2000)).toBe(0);
    expect(r.serial).toContain('kexec_debug: skipping device_shutdown(), devices keep running');
    expectExecMessages(r.serial);
    expectExecTrace(r.trace, false);
    expect(events(r.trace, EVENT_DEVICE_SHUTDOWN)).toHaveLength(0);
    expect(events(r.trace, EVENT_DIGEST_OK)).toHaveLength(1);
    expect(events(r.trace, EVENT_DIGEST_MISMATCH)).toHaveLength(0);
    expect(r.serial).not.toContain('sha256 digests do not match');
    const resets = events(afterBoot(r.trace, 2), EVENT_DEVICE_RESET_AT_PROBE).map((e) => e.addr);
    expect(resets).toContain(VIRTIO_NET_MMIO);
    expectGolden('kexec-hazard-skip-shutdown.golden.log', r.serial);
  });

  it('skip_shutdown with 2000 packets/s: DMA lands in the new image before the check, purgatory catches it and hangs', () => {
    // Boot + load ~1.25e8, relocation and the digest ~2.1e7: then 1.5e7 more of hanging.
    const r = exec('skip_shutdown', 2000, [expectStep('Welcome to Kestrel 2.0')], 160_000_000);
    expect(r.exitReason).toBe('max-insns');
    const s = r.serial.replace(/\r/g, '');
    expect(s).toContain('kexec_debug: skipping device_shutdown(), devices keep running');
    expect(s).toMatch(
      /I'm in purgatory\nsha256 digests do not match :\(\n {7}digest: ([0-9a-f]{1,2} ){32}\nsha256_digest: ([0-9a-f]{1,2} ){32}\n$/,
    );
    expect(s).not.toContain('Welcome to Kestrel 2.0');
    expect(events(r.trace, EVENT_DIGEST_MISMATCH)).toHaveLength(1);
    expect(events(r.trace, EVENT_DIGEST_OK)).toHaveLength(0);
    expect(afterBoot(r.trace, 2)).toHaveLength(0);
    // 1.0's RX ring page (tagged DMA_BUFFER just before its buffers) was neither copied over
    // nor a source: the device kept finding its ring, so it kept writing.
    const [bufs] = symRange('kestrel-1.0.sym', 'virtnet_rx_bufs', 'virtnet_rx_bufs');
    const dma = r.trace.filter((e) => e.kind === 'role' && e.code === ROLE_DMA_BUFFER);
    const ring = dma[dma.findIndex((e) => e.addr === bufs) - 1];
    expect(ring?.count).toBe(1);
    const copied = events(r.trace, EVENT_PAGE_COPIED);
    expect(copied.some((e) => e.addr === ring.addr || e.count === ring.addr)).toBe(false);
    // Hung in purgatory (entered at the address machine_kexec printed), not in a kernel.
    const entry = parseInt(/Will call new kernel at ([0-9a-f]{8})/.exec(s)![1], 16);
    const pc = r.machine.hart.pc >>> 0;
    expect(pc, pc.toString(16)).toBeGreaterThanOrEqual(entry);
    expect(pc, pc.toString(16)).toBeLessThan(entry + 0x1_0000);
    expectGolden('kexec-hazard-skip-shutdown-net2000.golden.log', r.serial);
  });

  it('skip_shutdown with 5 packets/s, timed: a packet lands after the check, in the booting Kestrel 2.0, until its probe reset', () => {
    // Timing chosen so exactly one packet falls between purgatory's check and 2.0's probe
    // reset: 62 MiB (a shorter POST), the switch on the boot command line (no echo, no
    // earlycon): `kexec -e` at ~1.2008 s, DIGEST_OK ~1.3949 s, 2.0 entered ~1.3979 s (its
    // head.S clears .bss), the packet at 1.4 s, 2.0's virtio-net probe reset ~1.4052 s.
    // Packets come every 0.2 s, so none lands between relocation and the check.
    const r = run(
      [
        expectStep('# '),
        ...cmd(LOAD_2_0),
        typeStep('kexec -e'),
        expectStep('Welcome to Kestrel 2.0'),
        expectStep('# '),
        ...cmd('dmesg'),
        ...cmd('ifconfig'),
      ],
      { netPps: 5, ramMiB: 62, cmdline: 'console=ttyS0 kexec_debug.skip_shutdown=1' },
      MAX_INSNS,
    );
    expect(r.exitCode, r.serial.slice(-2000)).toBe(0);
    const s = r.serial.replace(/\r/g, '');
    expect(s).toContain('kexec_debug: skipping device_shutdown(), devices keep running');
    expect(events(r.trace, EVENT_DIGEST_OK)).toHaveLength(1);
    expect(events(r.trace, EVENT_DIGEST_MISMATCH)).toHaveLength(0);
    expect(events(afterBoot(r.trace, 2), EVENT_DEVICE_RESET_AT_PROBE).map((e) => e.addr)).toContain(
      VIRTIO_NET_MMIO,
    );
    // The corruption: one generator frame ("kexec-lab seq ...") sits in 1.0's old RX buffers,
    // which are now Kestrel 2.0's log buffer: written after the copy, so after the check.
    const [bufs] = symRange('kestrel-1.0.sym', 'virtnet_rx_bufs', 'virtnet_rx_bufs');
    const [logBuf, logEnd] = symRange('kestrel-2.0.sym', 'log_buf', 'early_level');
    const old = r.machine.ram.subarray(bufs - 0x8000_0000, bufs - 0x8000_0000 + 16 * 2048);
    const frames: number[] = [];
    const needle = new TextEncoder().encode('kexec-lab seq ');
    for (let i = 0; i + needle.length <= old.length; i++)
      if (needle.every((b, k) => old[i + k] === b)) frames.push(bufs + i);
    expect(frames).toHaveLength(1);
    expect(frames[0]).toBeGreaterThanOrEqual(logBuf);
    expect(frames[0]).toBeLessThan(logEnd);
    // What 2.0 shows: a normal boot; the frame lies past the end of its log so far, so
    // `dmesg` reads only its own messages, and its reset card counts from zero.
    expect(s.slice(s.lastIndexOf('# dmesg'))).not.toContain('kexec-lab seq');
    expect(s.slice(s.lastIndexOf('# ifconfig'))).toContain('RX packets:0 errors:0');
    expectGolden('kexec-hazard-skip-shutdown-net5-after-check.golden.log', r.serial);
  });

  it('normal kexec with 2000 packets/s: device_shutdown stops the DMA, Kestrel 2.0 boots and its reset card receives', () => {
    const r = exec(
      null,
      2000,
      [expectStep('Welcome to Kestrel 2.0'), expectStep('# '), ...cmd('ifconfig')],
      MAX_INSNS,
    );
    expect(r.exitCode, r.serial.slice(-2000)).toBe(0);
    const s = r.serial.replace(/\r/g, '');
    expectExecMessages(s);
    expectExecTrace(r.trace, true);
    expect(events(r.trace, EVENT_DEVICE_SHUTDOWN).map((e) => e.addr)).toContain(VIRTIO_NET_MMIO);
    expect(events(r.trace, EVENT_DIGEST_OK)).toHaveLength(1);
    expect(events(r.trace, EVENT_DIGEST_MISMATCH)).toHaveLength(0);
    expect(events(afterBoot(r.trace, 2), EVENT_DEVICE_RESET_AT_PROBE).map((e) => e.addr)).toContain(
      VIRTIO_NET_MMIO,
    );
    // Kestrel 2.0's own ring is served: packets counted since its probe, none in error.
    const rx = /RX packets:(\d+) errors:(\d+) dropped:(\d+)/.exec(s.slice(s.lastIndexOf('# ifconfig')));
    expect(rx).toBeTruthy();
    expect(Number(rx![1])).toBeGreaterThan(0);
    expect(Number(rx![2])).toBe(0);
    expectGolden('kexec-traffic-net2000.golden.log', r.serial);
  });
});
