// The UI's PageModel (workers/protocol/pages.ts), updated in place from frame deltas.
// The memory map re-reads its arrays on each animation frame when `version` changed,
// and asks which pages changed since its last paint (takeChanges) to repaint only those.
// When the map paints in its own worker, that worker keeps a replica: it starts from a
// snapshot() and then applies the same page frames, which listen() hands out.

import { createPageModel, type PageModel } from '../../workers/protocol/pages';
import type { Frame } from '../../workers/protocol/frame';

/** The part of a Frame the page model is built from. */
export type PageFrame = Pick<
  Frame,
  'generation' | 'ramBase' | 'pageCount' | 'pages' | 'exec' | 'contentKinds'
> & {
  cpu: { pcPhys: number };
};

/** A PageStore's whole state, copied: a replica restore()d from it then applies the same frames. */
export interface PageSnapshot {
  generation: number;
  model: PageModel;
}

/**
 * Frames a write keeps glowing on the map (FLASH_FRAMES in the map's palette, checked by
 * a test): the model counts as changed while one fades, and not after.
 */
export const FADE_FRAMES = 24;

/** Past this share of RAM changed between two paints, a full repaint is cheaper than a list. */
const CHANGES_MAX_SHARE = 1 / 8;

export class PageStore {
  model: PageModel = createPageModel(0x8000_0000, 0);
  private generation = -1;
  private changedAll = true;
  private changed: number[] = [];
  private changedMark = new Uint8Array(0);
  private readonly listeners = new Set<(f: PageFrame) => void>();
  /** Frame of the newest write, and the previous frame's executed pages. */
  private lastWrite = -Infinity;
  private prevExec = new Uint32Array(0);

  /** Calls `fn` with the page part of every frame applied from now on; returns the unsubscribe. */
  listen(fn: (f: PageFrame) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  snapshot(): PageSnapshot {
    const m = this.model;
    return {
      generation: this.generation,
      model: {
        ...m,
        role: m.role.slice(),
        content: m.content.slice(),
        writer: m.writer.slice(),
        lastWriteFrame: m.lastWriteFrame.slice(),
        exec: m.exec.slice(),
        contentKinds: m.contentKinds.slice(),
      },
    };
  }

  /** Becomes the store a snapshot was taken of (the next paint is a full one). */
  restore(s: PageSnapshot): void {
    this.generation = s.generation;
    this.model = s.model;
    this.changed = [];
    this.changedMark = new Uint8Array(s.model.pageCount);
    this.changedAll = true;
    this.lastWrite = s.model.frame; // whatever glowed may still fade: repaint a while
    const exec: number[] = [];
    for (let i = 0; i < s.model.exec.length; i++) if (s.model.exec[i]) exec.push(i);
    this.prevExec = Uint32Array.from(exec);
  }

  /**
   * Pages whose role, content or last writer changed since the last call, or `all`
   * when that is unknown or most of RAM (a new machine, a full frame).
   */
  takeChanges(): { all: boolean; pages: number[] } {
    const r = { all: this.changedAll, pages: this.changed };
    for (const p of this.changed) this.changedMark[p] = 0;
    this.changed = [];
    this.changedAll = false;
    return r;
  }

  private changeAll(): void {
    for (const p of this.changed) this.changedMark[p] = 0;
    this.changed = [];
    this.changedAll = true;
  }

  /**
   * Apply one frame's page changes; returns true when the model object was replaced.
   * `version` moves only when what the map shows moved: pages, executed pages, the PC's
   * page, a write still fading. A paused or idle machine's frames leave it alone, so
   * nothing repaints or re-analyses the map for them. `tagsVersion` moves only when a
   * page's role or content changed: the map's region scans wait for that.
   */
  apply(f: PageFrame): boolean {
    if (this.listeners.size > 0) {
      const part: PageFrame = {
        generation: f.generation,
        ramBase: f.ramBase,
        pageCount: f.pageCount,
        pages: f.pages,
        exec: f.exec,
        contentKinds: f.contentKinds,
        cpu: { pcPhys: f.cpu.pcPhys },
      };
      for (const fn of this.listeners) fn(part);
    }
    let replaced = false;
    let m = this.model;
    if (f.generation !== this.generation || f.pageCount !== m.pageCount || f.ramBase !== m.ramBase) {
      this.generation = f.generation;
      m = this.model = createPageModel(f.ramBase, f.pageCount);
      replaced = true;
      this.changed = [];
      this.changedMark = new Uint8Array(f.pageCount);
      this.changedAll = true;
      this.prevExec = new Uint32Array(0);
    }
    m.frame++;
    const d = f.pages;
    let moved = replaced || d.full || d.index.length > 0 || f.contentKinds !== null;
    // what the map's region labels and summary read: a write that leaves the tags alone
    // (a stack page written again) moves `version` for its flash, not `tagsVersion`
    let retagged = replaced || d.full || f.contentKinds !== null;
    if (f.contentKinds) m.contentKinds = f.contentKinds;
    if (d.full) {
      this.changeAll();
      m.role.set(d.role);
      m.content.set(d.content);
      for (let i = 0; i < d.writer.length; i++) {
        if (d.writer[i]) {
          m.writer[i] = d.writer[i];
          m.lastWriteFrame[i] = m.frame;
          this.lastWrite = m.frame;
        }
      }
    } else {
      if (this.changed.length + d.index.length > m.pageCount * CHANGES_MAX_SHARE) this.changeAll();
      const note = !this.changedAll;
      for (let j = 0; j < d.index.length; j++) {
        const i = d.index[j];
        if (note && this.changedMark[i] === 0) {
          this.changedMark[i] = 1;
          this.changed.push(i);
        }
        if (m.role[i] !== d.role[j] || m.content[i] !== d.content[j]) {
          m.role[i] = d.role[j];
          m.content[i] = d.content[j];
          retagged = true;
        }
        if (d.writer[j]) {
          m.writer[i] = d.writer[j];
          m.lastWriteFrame[i] = m.frame;
          this.lastWrite = m.frame;
        }
      }
    }
    if (!sameU32(this.prevExec, f.exec)) {
      for (let j = 0; j < this.prevExec.length; j++) m.exec[this.prevExec[j]] = 0;
      for (let j = 0; j < f.exec.length; j++) if (f.exec[j] < m.pageCount) m.exec[f.exec[j]] = 1;
      this.prevExec = f.exec.slice();
      moved = true;
    }
    const pc = f.cpu.pcPhys >= 0 ? Math.floor((f.cpu.pcPhys - f.ramBase) / 4096) : -1;
    const pcPage = pc >= 0 && pc < m.pageCount ? pc : -1;
    if (pcPage !== m.pcPage) moved = true;
    m.pcPage = pcPage;
    if (m.frame - this.lastWrite <= FADE_FRAMES) moved = true;
    if (moved) m.version++;
    if (retagged) m.tagsVersion++;
    return replaced;
  }
}

function sameU32(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
