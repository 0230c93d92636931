// The UI's PageModel (workers/protocol/pages.ts), updated in place from frame deltas.
// The memory map re-reads its arrays on each animation frame when `version` changed.

import { createPageModel, type PageModel } from '../../workers/protocol/pages';
import type { Frame } from '../../workers/protocol/frame';

export class PageStore {
  model: PageModel = createPageModel(0x8000_0000, 0);
  private generation = -1;

  /** Apply one frame's page changes; returns true when the model object was replaced. */
  apply(f: Frame): boolean {
    let replaced = false;
    let m = this.model;
    if (f.generation !== this.generation || f.pageCount !== m.pageCount || f.ramBase !== m.ramBase) {
      this.generation = f.generation;
      m = this.model = createPageModel(f.ramBase, f.pageCount);
      replaced = true;
    }
    m.frame++;
    const d = f.pages;
    if (f.contentKinds) m.contentKinds = f.contentKinds;
    if (d.full) {
      m.role.set(d.role);
      m.content.set(d.content);
      for (let i = 0; i < d.writer.length; i++) {
        if (d.writer[i]) {
          m.writer[i] = d.writer[i];
          m.lastWriteFrame[i] = m.frame;
        }
      }
    } else {
      for (let j = 0; j < d.index.length; j++) {
        const i = d.index[j];
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
