// The UI's PageModel (workers/protocol/pages.ts), updated in place from frame deltas.
// The memory map re-reads its arrays on each animation frame when `version` changed,
// and asks which pages changed since its last paint (takeChanges) to repaint only those.

import { createPageModel, type PageModel } from '../../workers/protocol/pages';
import type { Frame } from '../../workers/protocol/frame';

/** Past this share of RAM changed between two paints, a full repaint is cheaper than a list. */
const CHANGES_MAX_SHARE = 1 / 8;

export class PageStore {
  model: PageModel = createPageModel(0x8000_0000, 0);
  private generation = -1;
  private changedAll = true;
  private changed: number[] = [];
  private changedMark = new Uint8Array(0);

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

  /** Apply one frame's page changes; returns true when the model object was replaced. */
  apply(f: Frame): boolean {
    let replaced = false;
    let m = this.model;
    if (f.generation !== this.generation || f.pageCount !== m.pageCount || f.ramBase !== m.ramBase) {
      this.generation = f.generation;
      m = this.model = createPageModel(f.ramBase, f.pageCount);
      replaced = true;
      this.changed = [];
      this.changedMark = new Uint8Array(f.pageCount);
      this.changedAll = true;
    }
    m.frame++;
    const d = f.pages;
    if (f.contentKinds) m.contentKinds = f.contentKinds;
    if (d.full) {
      this.changeAll();
      m.role.set(d.role);
      m.content.set(d.content);
      for (let i = 0; i < d.writer.length; i++) {
        if (d.writer[i]) {
          m.writer[i] = d.writer[i];
          m.lastWriteFrame[i] = m.frame;
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
        m.role[i] = d.role[j];
        m.content[i] = d.content[j];
        if (d.writer[j]) {
          m.writer[i] = d.writer[j];
          m.lastWriteFrame[i] = m.frame;
        }
      }
    }
    m.exec.fill(0);
    for (let j = 0; j < f.exec.length; j++) m.exec[f.exec[j]] = 1;
    const pcPage = f.cpu.pcPhys >= 0 ? Math.floor((f.cpu.pcPhys - f.ramBase) / 4096) : -1;
    m.pcPage = pcPage >= 0 && pcPage < m.pageCount ? pcPage : -1;
    m.version++;
    return replaced;
  }
}
