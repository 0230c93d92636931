// A fabricated PageModel for tests and the demo harness (its content kinds also serve the
// map's JIT warm-up): firmware, Kestrel 1.0 at 0x8040_0000, Kestrel 2.0 staged by
// kexec -l high in RAM, DMA buffers, and a `relocate` step that copies the new kernel
// over the old one page by page.

import type { ContentKind, PageModel } from '../../../workers/protocol/pages';

export const FAKE_KINDS: ContentKind[] = [
  { id: 0, image: '', section: '', label: 'zero' },
  { id: 1, image: '', section: '', label: 'unknown data' },
  { id: 2, image: 'firmware', section: '.text', label: 'firmware .text' },
  { id: 3, image: 'firmware', section: '.data', label: 'firmware .data' },
  { id: 4, image: 'kestrel-1.0', section: '.text', label: 'kestrel-1.0 .text' },
  { id: 5, image: 'kestrel-1.0', section: '.rodata', label: 'kestrel-1.0 .rodata' },
  { id: 6, image: 'kestrel-1.0', section: '.data', label: 'kestrel-1.0 .data' },
  { id: 7, image: 'kestrel-2.0', section: '.text', label: 'kestrel-2.0 .text' },
  { id: 8, image: 'kestrel-2.0', section: '.rodata', label: 'kestrel-2.0 .rodata' },
  { id: 9, image: 'kestrel-2.0', section: '.data', label: 'kestrel-2.0 .data' },
  { id: 10, image: 'purgatory', section: '.text', label: 'purgatory .text' },
];

/** Kernel load address (page index) and the sizes of its sections in pages. */
export const KERNEL_PAGE = 0x400;
export const KERNEL_SECTIONS = [
  { pages: 96, old: 4, neu: 7, role: 2 },
  { pages: 32, old: 5, neu: 8, role: 3 },
  { pages: 64, old: 6, neu: 9, role: 4 },
];
export const KERNEL_PAGES = KERNEL_SECTIONS.reduce((n, s) => n + s.pages, 0);

export interface FakeMachine {
  model: PageModel;
  /** Page index where the staged (source) copy of the new kernel starts. */
  sourcePage: number;
  controlPage: number;
  dmaPage: number;
}

function fill(m: PageModel, first: number, count: number, kind: number, role: number): void {
  m.content.fill(kind, first, first + count);
  m.role.fill(role, first, first + count);
  m.writer.fill(1, first, first + count);
}

/** A booted Kestrel 1.0 that has run `kexec -l` for Kestrel 2.0 (nothing relocated yet). */
export function fakeMachine(ramMiB: number): FakeMachine {
  const pageCount = (ramMiB * 1024 * 1024) / 4096;
  const model: PageModel = {
    ramBase: 0x8000_0000,
    pageCount,
    role: new Uint8Array(pageCount),
    content: new Uint16Array(pageCount),
    writer: new Uint8Array(pageCount),
    lastWriteFrame: new Uint32Array(pageCount),
    exec: new Uint8Array(pageCount),
    contentKinds: FAKE_KINDS,
    pcPage: -1,
    frame: 100,
    version: 1,
    tagsVersion: 1,
  };
  fill(model, 0, 48, 2, 1);
  fill(model, 48, 16, 3, 1);
  let p = KERNEL_PAGE;
  for (const s of KERNEL_SECTIONS) {
    fill(model, p, s.pages, s.old, s.role);
    p += s.pages;
  }
  fill(model, p, 64, 1, 5); // page tables
  fill(model, p + 64, 8, 1, 17); // stacks
  const dmaPage = p + 96;
  fill(model, dmaPage, 32, 1, 7);
  for (let i = 0; i < 32; i++) model.writer[dmaPage + i] = 3; // virtio-net RX buffers
  // kexec -l: the new kernel staged as source pages high in RAM, plus control and indirection.
  const sourcePage = pageCount - 1024;
  let q = sourcePage;
  for (const s of KERNEL_SECTIONS) {
    fill(model, q, s.pages, s.neu, 8);
    q += s.pages;
  }
  const controlPage = q + 16;
  fill(model, controlPage, 1, 10, 10);
  fill(model, controlPage + 1, 2, 1, 9);
  fill(model, controlPage + 4, 1, 1, 14);
  model.role.fill(11, KERNEL_PAGE, KERNEL_PAGE + KERNEL_PAGES); // destination pages
  model.pcPage = KERNEL_PAGE + 10;
  model.exec[model.pcPage] = 1;
  return { model, sourcePage, controlPage, dmaPage };
}

/**
 * Advances one frame in which relocation copies `n` more pages (the first
 * `done` are already copied) and virtio-net DMA lands in one RX buffer.
 * Returns the new number of copied pages.
 */
export function relocateStep(fm: FakeMachine, done: number, n: number): number {
  const m = fm.model;
  m.frame++;
  m.exec.fill(0);
  m.pcPage = fm.controlPage;
  m.exec[fm.controlPage] = 1;
  const end = Math.min(KERNEL_PAGES, done + n);
  for (let i = done; i < end; i++) {
    const dst = KERNEL_PAGE + i;
    m.content[dst] = m.content[fm.sourcePage + i];
    m.writer[dst] = 1;
    m.lastWriteFrame[dst] = m.frame;
  }
  const rx = fm.dmaPage + (m.frame % 32);
  m.writer[rx] = 3;
  m.lastWriteFrame[rx] = m.frame;
  m.version++;
  if (end > done) m.tagsVersion++; // copied pages took new content
  return end;
}
