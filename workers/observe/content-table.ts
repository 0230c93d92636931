// Content identity: what each known image's pages look like once loaded, so that a RAM
// page can be named by its bytes ("kestrel-2.0 .text") instead of by what anyone claims.

import { BASE_CONTENT_KINDS, type ContentKind } from '../protocol/pages';
import { PF_W, PF_X, parseElf32, type ElfImage } from './elf';
import { hashPageBytes } from './hash';
import type { SymbolTable } from './symbols';

/** One known page: which kind it is and where it sits in its image's address space. */
export interface PageMatch {
  kind: number;
  image: string;
  /** The image's (link) address of the page's first byte; symbol lookups use it. */
  vaddr: number;
}

/** Bytes per code window of the sub-page index. */
export const CHUNK = 32;

export interface ChunkPlace {
  image: string;
  vaddr: number;
}

/** Hash of CHUNK bytes at off (0 for all-zero windows, which name nothing). */
function hashChunk(dv: DataView, off: number): number {
  let h = 0x811c9dc5;
  let any = 0;
  for (let i = 0; i < CHUNK; i += 4) {
    const w = dv.getUint32(off + i, true);
    any |= w;
    h = Math.imul(h ^ w, 0x01000193);
    h ^= h >>> 13;
  }
  return any === 0 ? 0 : h >>> 0 || 1;
}

export interface KnownImage {
  name: string;
  elf: Uint8Array;
  symbols?: SymbolTable;
}

export class ContentTable {
  readonly kinds: ContentKind[] = [...BASE_CONTENT_KINDS];
  readonly matches: PageMatch[] = [];
  private readonly byHash = new Map<number, number[]>();
  /** Code identity below page granularity: hash of a CHUNK-byte window -> where it is. */
  private readonly chunks = new Map<number, ChunkPlace[]>();
  private readonly kindIds = new Map<string, number>();
  readonly images: string[] = [];

  /** The kind id for (image, section), created on first use. */
  kindFor(image: string, section: string): number {
    const key = `${image}\u0000${section}`;
    let id = this.kindIds.get(key);
    if (id === undefined) {
      id = this.kinds.length;
      this.kinds.push({ id, image, section, label: section ? `${image} ${section}` : image });
      this.kindIds.set(key, id);
    }
    return id;
  }

  /** Register one page's bytes (4096, zero-padded) as belonging to image/section at vaddr. */
  addPage(page: Uint8Array, image: string, section: string, vaddr: number): void {
    const h = hashPageBytes(page);
    if (h === 0) return; // zero pages are 'zero', whoever they came from
    const idx = this.matches.length;
    this.matches.push({ kind: this.kindFor(image, section), image, vaddr });
    const list = this.byHash.get(h);
    if (list) list.push(idx);
    else this.byHash.set(h, [idx]);
  }

  /** Register every loadable page of an ELF image, as it will sit in RAM. */
  addElf(name: string, elf: ElfImage): void {
    if (!this.images.includes(name)) this.images.push(name);
    for (const seg of elf.segments) {
      const section = seg.flags & PF_X ? '.text' : seg.flags & PF_W ? '.data' : '.rodata';
      const pageOff = seg.paddr & 0xfff;
      const total = pageOff + seg.memsz;
      if (seg.flags & PF_X) this.addChunks(name, seg.data, seg.vaddr);
      for (let off = 0; off < total; off += 4096) {
        const page = new Uint8Array(4096);
        // bytes of this segment that land in this page; other segments sharing the page
        // are not merged (segments of our images are page aligned).
        const segStart = off - pageOff;
        const from = Math.max(0, segStart);
        const to = Math.min(seg.data.length, segStart + 4096);
        if (to > from) page.set(seg.data.subarray(from, to), from - segStart);
        this.addPage(page, name, section, (seg.vaddr - pageOff + off) >>> 0);
      }
    }
  }

  /** Index the code of an image in CHUNK-byte windows (offsets kept relative to its pages). */
  addChunks(image: string, code: Uint8Array, vaddr: number): void {
    const words = new DataView(code.buffer, code.byteOffset, code.byteLength);
    for (let off = 0; off + CHUNK <= code.length; off += CHUNK) {
      const h = hashChunk(words, off);
      if (h === 0) continue;
      const place = { image, vaddr: (vaddr + off) >>> 0 };
      const list = this.chunks.get(h);
      if (list) list.push(place);
      else this.chunks.set(h, [place]);
    }
  }

  /**
   * Name the code at byte `off` of a page whose bytes are `page` (4096) when the page as a
   * whole matches nothing (a patched purgatory page, a half-copied kernel page): the image
   * and link address of the CHUNK-byte window around it. Among equal windows of several
   * images, the neighbouring windows decide. Null when the window is unknown.
   */
  locateChunk(page: Uint8Array, off: number): ChunkPlace | null {
    const dv = new DataView(page.buffer, page.byteOffset, page.byteLength);
    const base = off - (off % CHUNK);
    const list = this.chunks.get(hashChunk(dv, base));
    if (!list) return null;
    const pick = (p: ChunkPlace): ChunkPlace => ({ image: p.image, vaddr: (p.vaddr + (off - base)) >>> 0 });
    if (list.length === 1) return pick(list[0]);
    let best = list[0];
    let bestScore = -1;
    for (const cand of list) {
      let score = 0;
      for (let d = -4; d <= 4; d++) {
        const o = base + d * CHUNK;
        if (d === 0 || o < 0 || o + CHUNK > page.length) continue;
        const near = this.chunks.get(hashChunk(dv, o));
        if (near?.some((p) => p.image === cand.image && p.vaddr === cand.vaddr + d * CHUNK)) score++;
      }
      if (score > bestScore) {
        best = cand;
        bestScore = score;
      }
    }
    return pick(best);
  }

  /** Register a raw blob (e.g. purgatory as embedded in a kernel) page by page. */
  addBlob(name: string, section: string, blob: Uint8Array, vaddr: number): void {
    if (!this.images.includes(name)) this.images.push(name);
    for (let off = 0; off < blob.length; off += 4096) {
      const page = new Uint8Array(4096);
      page.set(blob.subarray(off, Math.min(blob.length, off + 4096)));
      this.addPage(page, name, section, (vaddr + off) >>> 0);
    }
  }

  /**
   * The match for a page hash; among equal pages of several images prefer `preferImage`
   * (a page keeps its identity when both kernels share a page). -1 when unknown.
   */
  lookup(hash: number, preferImage?: string): number {
    const list = this.byHash.get(hash);
    if (!list) return -1;
    if (preferImage !== undefined) {
      for (const i of list) if (this.matches[i].image === preferImage) return i;
    }
    return list[0];
  }
}

/**
 * Find the purgatory blob inside a kernel image by its symbols (`X_start`/`X_end` pairs
 * whose name mentions purgatory, or Linux's `kexec_purgatory` + `kexec_purgatory_size`).
 * Returns the blob's bytes, or null when the kernel embeds none.
 */
export function findPurgatoryBlob(
  elf: ElfImage,
  symbols: SymbolTable,
): { bytes: Uint8Array; vaddr: number } | null {
  const entries = symbols.entries();
  for (const e of entries) {
    if (!/purgatory/i.test(e.name)) continue;
    let end: number | undefined;
    const m = /^(.*)(_start|_begin)$/.exec(e.name);
    if (m) end = symbols.address(`${m[1]}_end`);
    else if (e.name === 'kexec_purgatory') {
      const sizeSym = symbols.address('kexec_purgatory_size');
      if (sizeSym !== undefined) {
        const sz = elf.readVirtual(sizeSym, 4);
        if (sz) end = e.addr + new DataView(sz.buffer).getUint32(0, true);
      }
    }
    if (end === undefined || end <= e.addr || end - e.addr > 1 << 20) continue;
    const bytes = elf.readVirtual(e.addr, end - e.addr);
    if (bytes) return { bytes, vaddr: e.addr };
  }
  return null;
}

/** Add the purgatory found in a kernel: as an ELF executable if it is one, else raw pages. */
export function addPurgatory(table: ContentTable, blob: { bytes: Uint8Array; vaddr: number }): void {
  const b = blob.bytes;
  if (b.length > 52 && b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46) {
    try {
      table.addElf('purgatory', parseElf32(b));
      return;
    } catch {
      // not a loadable ELF32: fall back to the raw bytes
    }
  }
  table.addBlob('purgatory', '', b, 0);
  table.addChunks('purgatory', b, 0);
}
