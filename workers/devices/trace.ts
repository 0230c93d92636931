// The trace port: a kexec-lab paravirtual device through which a guest reports what its
// pages are for and where it is in boot and kexec. Only declared in the DTB
// (compatible "kexec-lab,trace", reg 0x1010_0000 size 0x1000); QEMU has none, so a guest
// that does not find the node stays silent.
//
// Registers, 32-bit, little endian:
//   0x00 ADDR   (rw) physical address argument (page aligned for roles)
//   0x04 COUNT  (rw) page count / second argument
//   0x08 ROLE   (w)  writing R tags pages [ADDR, ADDR + COUNT * 4096) with role R
//   0x0C PHASE  (w)  writing P announces boot/kexec phase P (ADDR = optional argument)
//   0x10 EVENT  (w)  writing E reports event E with arguments ADDR and COUNT
//   0x14 MAGIC  (r)  0x4b584c54 ("KXLT")
// Every ROLE, PHASE and EVENT write is recorded as a TraceEvent stamped with the instruction
// count and simulated time; ROLE also updates the per-page role array (pages outside RAM
// are ignored). Role numbers are listed below; phase and event numbers in workers/protocol/api.ts.

import type { MmioDevice, RegisterView, Width } from './device';
import { hex, subword } from './device';
import { EVENT_NAMES, PHASE_NAMES } from '../protocol/api';

// Phase and event names live in the protocol, which the UI shares; re-exported for the runner.
export { EVENT_NAMES, PHASE_NAMES };

export const TRACE_ADDR = 0x00;
export const TRACE_COUNT = 0x04;
export const TRACE_ROLE = 0x08;
export const TRACE_PHASE = 0x0c;
export const TRACE_EVENT = 0x10;
export const TRACE_MAGIC = 0x14;
export const TRACE_MAGIC_VALUE = 0x4b584c54;

export const ROLE_NAMES = [
  'FREE',
  'FIRMWARE',
  'KERNEL_TEXT',
  'KERNEL_RODATA',
  'KERNEL_DATA',
  'PAGE_TABLE',
  'KERNEL_ALLOC',
  'DMA_BUFFER',
  'KEXEC_SOURCE',
  'KEXEC_INDIRECTION',
  'KEXEC_CONTROL',
  'KEXEC_DESTINATION',
  'PURGATORY',
  'CRASHKERNEL',
  'DTB',
  'INITRD',
  'RESERVED',
  'STACK',
] as const;

export interface TraceEvent {
  kind: 'phase' | 'event' | 'role';
  code: number;
  addr: number;
  count: number;
  instret: number;
  simNs: number;
}

export interface TraceRecord {
  addr: number;
  count: number;
  phase: number;
  events: number;
}

/** Events kept for drainTrace(); older ones are dropped (and counted) when nobody drains. */
export const TRACE_QUEUE_MAX = 65536;

export class TracePort implements MmioDevice {
  readonly id = 'trace';
  readonly name = 'kexec-lab trace port';
  readonly irqPending = false;
  private addr = 0;
  private count = 0;
  private phase = 0;
  private events = 0;
  private queue: TraceEvent[] = [];
  dropped = 0;

  /**
   * @param pageRole one byte per RAM page, updated by ROLE writes
   * @param ramBase physical address of pageRole[0]
   * @param stamp the current instret and simulated ns
   */
  constructor(
    private readonly pageRole: Uint8Array,
    private readonly ramBase: number,
    private readonly stamp: () => { instret: number; simNs: number },
  ) {}

  reset(): void {
    this.addr = 0;
    this.count = 0;
  }

  read(offset: number, width: Width): number {
    const o = offset & ~3;
    let word: number;
    if (o === TRACE_ADDR) word = this.addr;
    else if (o === TRACE_COUNT) word = this.count;
    else if (o === TRACE_MAGIC) word = TRACE_MAGIC_VALUE;
    else if (o === TRACE_ROLE || o === TRACE_PHASE || o === TRACE_EVENT) word = 0;
    else return -1;
    return subword(word, offset, width);
  }

  write(offset: number, width: Width, value: number): boolean {
    if (offset > TRACE_MAGIC + 3) return false;
    if (width !== 4 || offset & 3) return true;
    const v = value >>> 0;
    switch (offset) {
      case TRACE_ADDR:
        this.addr = v;
        break;
      case TRACE_COUNT:
        this.count = v;
        break;
      case TRACE_ROLE:
        this.tagPages(v);
        this.record('role', v);
        break;
      case TRACE_PHASE:
        this.phase = v;
        this.record('phase', v);
        break;
      case TRACE_EVENT:
        this.record('event', v);
        break;
    }
    return true;
  }

  private tagPages(role: number): void {
    const first = Math.floor((this.addr - this.ramBase) / 4096);
    const start = Math.max(0, first);
    const end = Math.min(this.pageRole.length, first + this.count);
    if (start < end) this.pageRole.fill(role & 0xff, start, end);
  }

  private record(kind: TraceEvent['kind'], code: number): void {
    const { instret, simNs } = this.stamp();
    if (this.queue.length >= TRACE_QUEUE_MAX) {
      this.queue.shift();
      this.dropped++;
    }
    this.queue.push({ kind, code, addr: this.addr, count: this.count, instret, simNs });
    this.events++;
  }

  /** Events recorded since the last call. */
  drain(): TraceEvent[] {
    const q = this.queue;
    this.queue = [];
    return q;
  }

  snapshot(): TraceRecord {
    return { addr: this.addr, count: this.count, phase: this.phase, events: this.events };
  }

  restore(r: TraceRecord): void {
    this.addr = r.addr;
    this.count = r.count;
    this.phase = r.phase;
    this.events = r.events;
    this.queue = [];
  }

  registers(): RegisterView[] {
    return [
      { name: 'ADDR', value: this.addr, note: hex(this.addr) },
      { name: 'COUNT', value: this.count },
      { name: 'PHASE', value: this.phase, note: PHASE_NAMES[this.phase] ?? 'unknown' },
      { name: 'events', value: this.events, note: this.dropped ? `${this.dropped} dropped` : undefined },
      { name: 'MAGIC', value: TRACE_MAGIC_VALUE, note: '"KXLT"' },
    ];
  }
}
