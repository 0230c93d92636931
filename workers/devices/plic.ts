// PLIC (platform-level interrupt controller), QEMU virt layout at 0x0C00_0000:
//   0x000000 + 4*src          priority of source src (1..31; 0..7, 0 = never)
//   0x001000                  pending bits (read-only)
//   0x002000 + 0x80*ctx       enable bits of context ctx
//   0x200000 + 0x1000*ctx     priority threshold; +4 claim (read) / complete (write)
// Contexts: 0 = hart 0 M-mode (drives mip.MEIP), 1 = hart 0 S-mode (drives mip.SEIP).
// Gateways are level-triggered: a source is pending while its line is high and it is not
// claimed; completing a source whose line is still high makes it pending again.
// A claim returns the highest-priority enabled pending source (ties: lowest id) whatever
// the threshold, as QEMU's sifive_plic does; the threshold only gates the MEIP/SEIP output.

import type { MmioDevice, RegisterView, Width } from './device';
import { hex, subword } from './device';
import type { IrqLine } from './irq';

export const PLIC_SOURCES = 32; // sources 1..31; 0 means "none"
export const PLIC_CONTEXTS = 2;
export const PLIC_PRIORITY = 0x000000;
export const PLIC_PENDING = 0x001000;
export const PLIC_ENABLE = 0x002000;
export const PLIC_ENABLE_STRIDE = 0x80;
export const PLIC_CONTEXT = 0x200000;
export const PLIC_CONTEXT_STRIDE = 0x1000;
export const PLIC_THRESHOLD = 0x0;
export const PLIC_CLAIM = 0x4;
const PRIORITY_MASK = 7;

export interface PlicRecord {
  priority: number[];
  levels: number;
  pending: number;
  claimed: number;
  enable: number[];
  threshold: number[];
}

export class Plic implements MmioDevice {
  readonly id = 'plic';
  readonly name = 'PLIC';
  private priority = new Array<number>(PLIC_SOURCES).fill(0);
  private levels = 0;
  private pending = 0;
  private claimed = 0;
  private enable = new Array<number>(PLIC_CONTEXTS).fill(0);
  private threshold = new Array<number>(PLIC_CONTEXTS).fill(0);
  private outputs = new Array<boolean>(PLIC_CONTEXTS).fill(false);
  private readonly lines: IrqLine[] = [];

  /** @param output called when a context's external interrupt output changes level */
  constructor(private readonly output: (ctx: number, level: boolean) => void) {
    for (let s = 0; s < PLIC_SOURCES; s++) {
      const bit = 1 << s;
      this.lines.push({
        set: (level: boolean) => {
          if (s === 0) return;
          const was = (this.levels & bit) !== 0;
          if (was === level) return;
          this.levels = level ? this.levels | bit : this.levels & ~bit;
          this.gateway();
        },
      });
    }
  }

  /** The interrupt line of source `src` (1..31). */
  line(src: number): IrqLine {
    if (src < 1 || src >= PLIC_SOURCES) throw new RangeError(`PLIC source ${src} out of range`);
    return this.lines[src];
  }

  reset(): void {
    this.priority.fill(0);
    this.pending = 0;
    this.claimed = 0;
    this.enable.fill(0);
    this.threshold.fill(0);
    this.gateway();
  }

  /** Level gateways: pending follows the line for sources not in service. */
  private gateway(): void {
    this.pending = this.levels & ~this.claimed & ~1;
    this.update();
  }

  private best(ctx: number, aboveThreshold: boolean): number {
    const cand = this.pending & this.enable[ctx];
    let best = 0;
    let bestPrio = aboveThreshold ? this.threshold[ctx] : 0;
    for (let s = 1; s < PLIC_SOURCES; s++) {
      if (cand & (1 << s) && this.priority[s] > bestPrio) {
        best = s;
        bestPrio = this.priority[s];
      }
    }
    return best;
  }

  private update(): void {
    for (let ctx = 0; ctx < PLIC_CONTEXTS; ctx++) {
      const level = this.best(ctx, true) !== 0;
      if (level !== this.outputs[ctx]) {
        this.outputs[ctx] = level;
        this.output(ctx, level);
      }
    }
  }

  /** Re-send both outputs (after restore, or when the listener is new). */
  resync(): void {
    for (let ctx = 0; ctx < PLIC_CONTEXTS; ctx++) {
      this.outputs[ctx] = this.best(ctx, true) !== 0;
      this.output(ctx, this.outputs[ctx]);
    }
  }

  contextPending(ctx: number): boolean {
    return this.outputs[ctx];
  }

  get irqPending(): boolean {
    return this.outputs.some((o) => o);
  }

  private claim(ctx: number): number {
    const s = this.best(ctx, false);
    if (s !== 0) {
      this.claimed |= 1 << s;
      this.gateway();
    }
    return s;
  }

  private complete(ctx: number, src: number): void {
    if (src <= 0 || src >= PLIC_SOURCES) return;
    if (!(this.enable[ctx] & (1 << src))) return; // the spec ignores completion of disabled sources
    this.claimed &= ~(1 << src);
    this.gateway();
  }

  private decode(
    offset: number,
  ): { kind: 'prio' | 'pend' | 'en' | 'thr' | 'claim' | 'zero'; index: number } | null {
    if (offset < PLIC_PENDING) {
      const s = offset >> 2;
      return s < PLIC_SOURCES ? { kind: 'prio', index: s } : { kind: 'zero', index: 0 };
    }
    if (offset < PLIC_PENDING + 0x80)
      return offset === PLIC_PENDING ? { kind: 'pend', index: 0 } : { kind: 'zero', index: 0 };
    if (offset >= PLIC_ENABLE && offset < PLIC_ENABLE + PLIC_ENABLE_STRIDE * PLIC_CONTEXTS) {
      const ctx = (offset - PLIC_ENABLE) >> 7;
      const word = ((offset - PLIC_ENABLE) & 0x7f) >> 2;
      return word === 0 ? { kind: 'en', index: ctx } : { kind: 'zero', index: 0 };
    }
    if (offset >= PLIC_CONTEXT && offset < PLIC_CONTEXT + PLIC_CONTEXT_STRIDE * PLIC_CONTEXTS) {
      const ctx = (offset - PLIC_CONTEXT) >> 12;
      const reg = (offset - PLIC_CONTEXT) & 0xfff;
      if (reg === PLIC_THRESHOLD) return { kind: 'thr', index: ctx };
      if (reg === PLIC_CLAIM) return { kind: 'claim', index: ctx };
    }
    return null;
  }

  read(offset: number, width: Width): number {
    const d = this.decode(offset & ~3);
    if (!d) return -1;
    let word = 0;
    switch (d.kind) {
      case 'prio':
        word = this.priority[d.index];
        break;
      case 'pend':
        word = this.pending;
        break;
      case 'en':
        word = this.enable[d.index];
        break;
      case 'thr':
        word = this.threshold[d.index];
        break;
      case 'claim':
        word = width === 4 ? this.claim(d.index) : 0;
        break;
      case 'zero':
        break;
    }
    return subword(word >>> 0, offset, width);
  }

  write(offset: number, width: Width, value: number): boolean {
    const d = this.decode(offset & ~3);
    if (!d) return false;
    if (width !== 4) return true; // registers are 32-bit; narrower stores are ignored
    const v = value >>> 0;
    switch (d.kind) {
      case 'prio':
        if (d.index !== 0) this.priority[d.index] = v & PRIORITY_MASK;
        break;
      case 'en':
        this.enable[d.index] = v & ~1;
        break;
      case 'thr':
        this.threshold[d.index] = v & PRIORITY_MASK;
        break;
      case 'claim':
        this.complete(d.index, v);
        return true;
      case 'pend':
      case 'zero':
        return true;
    }
    this.update();
    return true;
  }

  snapshot(): PlicRecord {
    return {
      priority: [...this.priority],
      levels: this.levels,
      pending: this.pending,
      claimed: this.claimed,
      enable: [...this.enable],
      threshold: [...this.threshold],
    };
  }

  restore(r: PlicRecord): void {
    this.priority = [...r.priority];
    this.levels = r.levels;
    this.pending = r.pending;
    this.claimed = r.claimed;
    this.enable = [...r.enable];
    this.threshold = [...r.threshold];
    this.resync();
  }

  registers(): RegisterView[] {
    const list = (mask: number): string => {
      const ids: number[] = [];
      for (let s = 1; s < PLIC_SOURCES; s++) if (mask & (1 << s)) ids.push(s);
      return ids.length ? ids.join(',') : '-';
    };
    const regs: RegisterView[] = [
      { name: 'pending', value: this.pending >>> 0, note: `sources ${list(this.pending)}` },
      { name: 'in service', value: this.claimed >>> 0, note: `claimed ${list(this.claimed)}` },
    ];
    for (let ctx = 0; ctx < PLIC_CONTEXTS; ctx++) {
      const mode = ctx === 0 ? 'M' : 'S';
      regs.push(
        {
          name: `enable[${ctx}] (${mode})`,
          value: this.enable[ctx] >>> 0,
          note: `sources ${list(this.enable[ctx])}`,
        },
        { name: `threshold[${ctx}] (${mode})`, value: this.threshold[ctx] },
        {
          name: `${mode}EIP`,
          value: this.outputs[ctx] ? 1 : 0,
          note: hex(PLIC_CONTEXT + ctx * PLIC_CONTEXT_STRIDE, 6),
        },
      );
    }
    for (let s = 1; s < PLIC_SOURCES; s++) {
      if (this.priority[s]) regs.push({ name: `priority[${s}]`, value: this.priority[s] });
    }
    return regs;
  }
}
