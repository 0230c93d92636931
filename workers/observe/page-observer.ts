// The per-page facts the UI shows, gathered between frames: last writer (read and
// cleared from the bus's pageWriter), executed pages (pageExec), roles reported through
// the trace port (pageRole), and content identity (hash of each written page, matched
// against the known images). Hashing is budgeted so that a burst of writes (a POST
// memory test, a 1 GiB machine's first look) spreads over several frames.

import { WRITER_CPU, WRITER_DMA_BASE } from '../cpu/bus';
import { CONTENT_UNKNOWN, CONTENT_ZERO } from '../protocol/pages';
import type { DmaWarning, PageDelta } from '../protocol/frame';
import type { ContentTable } from './content-table';
import { hashPageWords, PAGE_WORDS } from './hash';

/** Role code of DMA buffers (workers/devices/trace.ts). */
export const ROLE_DMA_BUFFER = 7;

/**
 * Roles no device has any business writing into: kernel text and rodata, page tables, the
 * kexec pages, purgatory, the device tree, an initrd, stacks. (Firmware and kernel data
 * may hold a driver's own static buffers.)
 */
export const DMA_FORBIDDEN_ROLES: ReadonlySet<number> = new Set([2, 3, 5, 8, 9, 10, 11, 12, 14, 15, 17]);

export interface DmaNote {
  slot: number;
  page: number;
  role: number;
}

/** A DMA note judged to land in memory its driver no longer owns. */
export type FlaggedDma = DmaNote & { reason: DmaWarning['reason'] };

export interface PageSources {
  ram: Uint8Array;
  pageWriter: Uint8Array;
  pageExec: Uint8Array;
  pageRole: Uint8Array;
  /** Called after collect() cleared pageWriter entries (the machine drops the CPU's store TLB). */
  writersCleared?(): void;
}

export interface PageCollection {
  delta: PageDelta;
  exec: Uint32Array;
  /** every page a device wrote by DMA since the previous collect */
  dma: DmaNote[];
}

export class PageObserver {
  readonly pageCount: number;
  /** Current content kind per page. */
  readonly content: Uint16Array;
  /** Current match index (ContentTable.matches) per page, -1 for none. */
  readonly match: Int32Array;
  private readonly sentRole: Uint8Array;
  private readonly words: Uint32Array;
  private readonly pending: Uint8Array;
  private pendingList: number[] = [];
  private readonly touched: Uint8Array;
  private touchedList: number[] = [];
  private readonly writerNow: Uint8Array;
  /** 1 for pages that have been DMA buffers at some point on this machine */
  readonly everDma: Uint8Array;

  constructor(
    private readonly src: PageSources,
    private readonly table: ContentTable,
    /** Cost units of hashing per collect(): a full hash costs 4, a zero page about 1. */
    private readonly hashBudget = 8192,
  ) {
    this.pageCount = src.pageRole.length;
    this.content = new Uint16Array(this.pageCount);
    this.match = new Int32Array(this.pageCount).fill(-1);
    this.sentRole = new Uint8Array(this.pageCount);
    this.pending = new Uint8Array(this.pageCount);
    this.touched = new Uint8Array(this.pageCount);
    this.writerNow = new Uint8Array(this.pageCount);
    this.everDma = new Uint8Array(this.pageCount);
    const r = src.ram;
    this.words =
      r.byteOffset % 4 === 0
        ? new Uint32Array(r.buffer, r.byteOffset, r.byteLength >>> 2)
        : new Uint32Array(r.slice().buffer);
    // What the loader put in RAM before anyone watched: look at every page once.
    for (let i = 0; i < this.pageCount; i++) this.markPending(i);
  }

  /** Pages still waiting to be hashed. */
  get backlog(): number {
    return this.pendingList.length;
  }

  private markPending(i: number): void {
    if (this.pending[i] === 0) {
      this.pending[i] = 1;
      this.pendingList.push(i);
    }
  }

  private touch(i: number): void {
    if (this.touched[i] === 0) {
      this.touched[i] = 1;
      this.touchedList.push(i);
    }
  }

  /** Identify page i now if it waits for hashing (the PC's page must be current). */
  identifyNow(i: number): void {
    if (this.pending[i]) {
      this.pending[i] = 0; // its entry in pendingList is skipped later
      this.identify(i);
    }
  }

  /** Hash one page now and update its content; returns the cost in budget units. */
  private identify(i: number): number {
    const w0 = i * PAGE_WORDS;
    const words = this.words;
    let nonZero = false;
    for (let k = w0, end = w0 + PAGE_WORDS; k < end; k++) {
      if (words[k] !== 0) {
        nonZero = true;
        break;
      }
    }
    let kind = CONTENT_ZERO;
    let m = -1;
    let cost = 1;
    if (nonZero) {
      cost = 4;
      const prev = this.match[i];
      m = this.table.lookup(hashPageWords(words, w0), prev >= 0 ? this.table.matches[prev].image : undefined);
      kind = m >= 0 ? this.table.matches[m].kind : CONTENT_UNKNOWN;
    }
    this.match[i] = m;
    if (this.content[i] !== kind) {
      this.content[i] = kind;
      this.touch(i);
    }
    return cost;
  }

  /** Gather everything that changed since the previous call. `full`: report every page. */
  collect(full: boolean): PageCollection {
    const { pageExec, pageRole } = this.src;
    const n = this.pageCount;
    const dma: PageCollection['dma'] = [];
    // 1. writers
    this.takeWriters(WRITER_CPU, dma);
    // 2. content of written pages, within the budget
    let budget = this.hashBudget;
    let k = 0;
    const list = this.pendingList;
    while (k < list.length && budget > 0) {
      const i = list[k++];
      if (this.pending[i] === 0) continue;
      this.pending[i] = 0;
      budget -= this.identify(i);
    }
    this.pendingList = k === list.length ? [] : list.slice(k);
    // 3. roles
    const r32 = new Uint32Array(pageRole.buffer, pageRole.byteOffset, n >>> 2);
    const s32 = new Uint32Array(this.sentRole.buffer, 0, n >>> 2);
    for (let q = 0; q < r32.length; q++) {
      if (r32[q] === s32[q]) continue;
      for (let i = q * 4; i < q * 4 + 4; i++)
        if (pageRole[i] !== this.sentRole[i]) this.roleChanged(i, pageRole[i]);
    }
    for (let i = r32.length * 4; i < n; i++)
      if (pageRole[i] !== this.sentRole[i]) this.roleChanged(i, pageRole[i]);
    this.sentRole.set(pageRole);
    // 4. executed pages
    const execList: number[] = [];
    const e32 = new Uint32Array(pageExec.buffer, pageExec.byteOffset, n >>> 2);
    for (let q = 0; q < e32.length; q++) {
      if (e32[q] === 0) continue;
      for (let i = q * 4; i < q * 4 + 4; i++) if (pageExec[i]) execList.push(i);
      e32[q] = 0;
    }
    for (let i = e32.length * 4; i < n; i++) {
      if (pageExec[i]) execList.push(i);
      pageExec[i] = 0;
    }
    const delta = full ? this.fullDelta() : this.touchedDelta();
    return { delta, exec: Uint32Array.from(execList), dma };
  }

  /**
   * Take the pages devices wrote by DMA since the previous collect, now: the session
   * judges those writes when a device's ownership is about to change (a reset ends the
   * time its driver was gone), not when the next frame happens to be built. The pages
   * count as collected, with their DMA writer: the next delta still carries them.
   */
  takeDma(): DmaNote[] {
    const dma: DmaNote[] = [];
    this.takeWriters(WRITER_DMA_BASE, dma);
    return dma;
  }

  /** Note and clear every page whose writer is `minWriter` or above (skipping four clean pages at a time). */
  private takeWriters(minWriter: number, dma: DmaNote[]): void {
    const { pageWriter, pageRole } = this.src;
    const n = this.pageCount;
    const w32 = new Uint32Array(pageWriter.buffer, pageWriter.byteOffset, n >>> 2);
    let cleared = false;
    for (let q = 0; q < w32.length; q++) {
      if (w32[q] === 0) continue;
      for (let i = q * 4; i < q * 4 + 4; i++)
        if (pageWriter[i] >= minWriter) cleared = this.noteWriter(i, pageWriter, pageRole, dma) || cleared;
    }
    for (let i = w32.length * 4; i < n; i++)
      if (pageWriter[i] >= minWriter) cleared = this.noteWriter(i, pageWriter, pageRole, dma) || cleared;
    if (cleared) this.src.writersCleared?.();
  }

  private roleChanged(i: number, role: number): void {
    if (role === ROLE_DMA_BUFFER) this.everDma[i] = 1;
    this.touch(i);
  }

  /** A role report seen in the trace (exact, even if the role changed again within a frame). */
  noteRole(physAddr: number, count: number, role: number, ramBase: number): void {
    if (role !== ROLE_DMA_BUFFER) return;
    const first = Math.floor((physAddr - ramBase) / 4096);
    for (let i = Math.max(0, first); i < Math.min(this.pageCount, first + count); i++) this.everDma[i] = 1;
  }

  /** Whether a DMA write into page i, now of role `role`, lands in memory no driver gave out. */
  foreignDma(i: number, role: number): boolean {
    return role !== ROLE_DMA_BUFFER && (this.everDma[i] === 1 || DMA_FORBIDDEN_ROLES.has(role));
  }

  private noteWriter(
    i: number,
    pageWriter: Uint8Array,
    pageRole: Uint8Array,
    dma: PageCollection['dma'],
  ): boolean {
    const w = pageWriter[i];
    if (w === 0) return false;
    pageWriter[i] = 0;
    this.writerNow[i] = w;
    this.touch(i);
    this.markPending(i);
    if (w >= WRITER_DMA_BASE) dma.push({ slot: w - WRITER_DMA_BASE, page: i, role: pageRole[i] });
    return true;
  }

  private touchedDelta(): PageDelta {
    const list = this.touchedList;
    const m = list.length;
    const index = new Uint32Array(m);
    const role = new Uint8Array(m);
    const content = new Uint16Array(m);
    const writer = new Uint8Array(m);
    for (let j = 0; j < m; j++) {
      const i = list[j];
      index[j] = i;
      role[j] = this.sentRole[i];
      content[j] = this.content[i];
      writer[j] = this.writerNow[i];
      this.writerNow[i] = 0;
      this.touched[i] = 0;
    }
    this.touchedList = [];
    return { index, role, content, writer, full: false };
  }

  private fullDelta(): PageDelta {
    const writer = this.writerNow.slice();
    for (const i of this.touchedList) this.touched[i] = 0;
    this.touchedList = [];
    this.writerNow.fill(0);
    return {
      index: new Uint32Array(0),
      role: this.sentRole.slice(),
      content: this.content.slice(),
      writer,
      full: true,
    };
  }
}

/** Group flagged DMA notes into one warning per device and reason (the first page named). */
export function dmaWarnings(notes: FlaggedDma[], slotNames: readonly string[], simNs: number): DmaWarning[] {
  const byKey = new Map<string, DmaWarning>();
  for (const d of notes) {
    const key = `${d.slot}/${d.reason}`;
    const w = byKey.get(key);
    if (w) w.pages++;
    else
      byKey.set(key, {
        reason: d.reason,
        slot: d.slot,
        deviceName: slotNames[d.slot] ?? `virtio slot ${d.slot}`,
        page: d.page,
        role: d.role,
        simNs,
        pages: 1,
      });
  }
  return [...byKey.values()];
}
