// Region labels over the big contiguous stretches of RAM (firmware, kernel,
// free memory, DMA buffers, crash kernel reservation ...): runs of pages that
// share a region key, then placed on screen where they are large enough to read.

import type { PageModel } from '../../../workers/protocol/pages';
import type { MapLayout, View } from './layout';
import { ContentClassId, prettyImage, type Palette } from './palette';

const enum_ = {
  Free: 0,
  Firmware: 1,
  Kernel: 2,
  PageTables: 3,
  KernelAlloc: 4,
  Dma: 5,
  KexecSource: 6,
  KexecIndirection: 7,
  KexecControl: 8,
  KexecDestination: 9,
  Purgatory: 10,
  CrashKernel: 11,
  Dtb: 12,
  Initrd: 13,
  Reserved: 14,
  OldImage: 15,
  NewImage: 16,
  OtherImage: 17,
  Stack: 18,
} as const;
export const RegionKey = enum_;

const REGION_NAMES: readonly string[] = [
  'free memory',
  'firmware',
  'kernel',
  'page tables',
  'kernel allocations',
  'DMA buffers',
  'kexec source pages',
  'kexec indirection',
  'kexec control page',
  'kexec destination',
  'purgatory',
  'crash kernel reservation',
  'device tree',
  'initrd',
  'reserved',
  'old kernel image',
  'new kernel image',
  'kernel image',
  'stack',
];

/** Role code -> region key; role 0 (free) is decided by content. */
const ROLE_REGION: readonly number[] = [
  enum_.Free,
  enum_.Firmware,
  enum_.Kernel,
  enum_.Kernel,
  enum_.Kernel,
  enum_.PageTables,
  enum_.KernelAlloc,
  enum_.Dma,
  enum_.KexecSource,
  enum_.KexecIndirection,
  enum_.KexecControl,
  enum_.KexecDestination,
  enum_.Purgatory,
  enum_.CrashKernel,
  enum_.Dtb,
  enum_.Initrd,
  enum_.Reserved,
  enum_.Stack,
];

export interface Region {
  key: number;
  label: string;
  first: number;
  count: number;
}

function contentRegion(cls: number): number {
  if (cls === ContentClassId.Firmware) return enum_.Firmware;
  if (cls === ContentClassId.Purgatory) return enum_.Purgatory;
  if (cls >= ContentClassId.OldText && cls <= ContentClassId.OldData) return enum_.OldImage;
  if (cls >= ContentClassId.NewText && cls <= ContentClassId.NewData) return enum_.NewImage;
  if (cls >= ContentClassId.ThirdText) return enum_.OtherImage;
  return enum_.Free;
}

/** Which kernel family (0 old, 1 new, 2 other, -1 none) a content class belongs to. */
function kernelFamily(cls: number): number {
  if (cls < ContentClassId.OldText) return -1;
  return Math.min(2, Math.floor((cls - ContentClassId.OldText) / 3));
}

/**
 * Maximal runs of pages with the same region key, at least `minPages` long.
 * A page tagged by the guest (role != free) is named by its role; an untagged
 * page by its content, so a map without the trace port (QEMU) still has labels.
 */
export function findRegions(model: PageModel, palette: Palette, minPages: number): Region[] {
  const { role, content } = model;
  const { classOf } = palette;
  const n = model.pageCount;
  const regions: Region[] = [];
  const fam = [0, 0, 0];
  let start = 0;
  let key = -1;
  const close = (end: number): void => {
    if (key < 0 || end - start < minPages) return;
    let label = REGION_NAMES[key] ?? 'memory';
    if (key === enum_.Kernel) {
      const best = fam.indexOf(Math.max(...fam));
      if (fam[best] > 0) {
        const name = best < 2 ? palette.kernels[best] : undefined;
        label += ` · ${name ? prettyImage(name) : 'other kernel'}`;
      }
    } else if (key === enum_.OldImage || key === enum_.NewImage) {
      const name = palette.kernels[key === enum_.OldImage ? 0 : 1];
      if (name) label = `${prettyImage(name)} image`;
    }
    regions.push({ key, label, first: start, count: end - start });
  };
  // RAM is long runs of pages with the same role and content (free memory, a kernel's
  // text): a page like the one before it only counts; the lookups run at each change.
  let lastRole = -1;
  let lastKind = -1;
  let f = -1;
  for (let p = 0; p < n; p++) {
    const kind = content[p];
    const r = role[p];
    if (r !== lastRole || kind !== lastKind) {
      lastRole = r;
      lastKind = kind;
      const cls = classOf[kind];
      const k = r !== 0 ? (ROLE_REGION[r] ?? enum_.Reserved) : contentRegion(cls);
      if (k !== key) {
        close(p);
        key = k;
        start = p;
        fam[0] = fam[1] = fam[2] = 0;
      }
      f = kernelFamily(cls);
    }
    if (f >= 0) fam[f]++;
  }
  close(n);
  return regions;
}

export interface PlacedLabel {
  key: string;
  text: string;
  /** Centre, CSS pixels relative to the canvas. */
  x: number;
  y: number;
  /** The region is too thin to hold its label: the label sits just below (or above) it. */
  callout: boolean;
}

/** Labels with the same text closer than this (CSS pixels) are dropped as repetition. */
const SAME_TEXT_GAP = 160;
const LABEL_H = 18;
/** A region narrower than this on screen gets no callout. */
const CALLOUT_MIN_W = 24;

/** A rectangle in CSS pixels that labels must not cover (e.g. the PC's page). */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Rough width of a label in CSS pixels (12 px sans-serif). */
export function labelWidth(text: string): number {
  return text.length * 7 + 12;
}

/**
 * Places labels (CSS pixels) for regions whose on-screen box is wide enough,
 * named regions before free memory and larger before smaller, never two
 * overlapping nor covering an `avoid` box. A region thinner than a label gets
 * it as a callout beside it.
 * `dpr` converts the view's device pixels.
 */
export function placeLabels(
  regions: Region[],
  layout: MapLayout,
  view: View,
  cssW: number,
  cssH: number,
  dpr: number,
  avoid: readonly Box[] = [],
): PlacedLabel[] {
  const R = layout.pagesPerRow;
  const s = view.scale / dpr;
  const ox = view.ox / dpr;
  const oy = view.oy / dpr;
  const placed: Box[] = [...avoid];
  const out: PlacedLabel[] = [];
  const sorted = [...regions].sort(
    (a, b) => Number(a.key === enum_.Free) - Number(b.key === enum_.Free) || b.count - a.count,
  );
  for (const reg of sorted) {
    const last = reg.first + reg.count - 1;
    const firstRow = Math.floor(reg.first / R);
    const lastRow = Math.floor(last / R);
    const fullFrom = reg.first % R === 0 ? firstRow : firstRow + 1;
    const fullTo = last % R === R - 1 || last === layout.pageCount - 1 ? lastRow : lastRow - 1;
    let bx0: number, bx1: number, by0: number, by1: number;
    if (fullTo >= fullFrom) {
      bx0 = 0;
      bx1 = R;
      by0 = fullFrom;
      by1 = fullTo + 1;
    } else if (firstRow === lastRow) {
      bx0 = reg.first % R;
      bx1 = (last % R) + 1;
      by0 = firstRow;
      by1 = firstRow + 1;
    } else {
      // Two partial rows: label the longer one.
      const head = R - (reg.first % R);
      const tail = (last % R) + 1;
      bx0 = head >= tail ? reg.first % R : 0;
      bx1 = head >= tail ? R : tail;
      by0 = head >= tail ? firstRow : lastRow;
      by1 = by0 + 1;
    }
    const x0 = ox + bx0 * s;
    const x1 = ox + bx1 * s;
    const y0 = oy + by0 * s;
    const y1 = oy + by1 * s;
    const tw = labelWidth(reg.label);
    const th = LABEL_H;
    // Clip to the viewport; the label sits at the centre of what is visible.
    const vx0 = Math.max(0, x0);
    const vx1 = Math.min(cssW, x1);
    const vy0 = Math.max(0, y0);
    const vy1 = Math.min(cssH, y1);
    if (vy1 <= vy0) continue;
    const callout = vy1 - vy0 < th || vx1 - vx0 < tw;
    if (vx1 - vx0 < (callout ? CALLOUT_MIN_W : tw)) continue;
    const cx = Math.min(Math.max((vx0 + vx1) / 2, tw / 2), cssW - tw / 2);
    let cy = (vy0 + vy1) / 2;
    if (callout) cy = vy1 + th / 2 + 2 <= cssH - th / 2 ? vy1 + th / 2 + 2 : vy0 - th / 2 - 2;
    const box = { x0: cx - tw / 2, x1: cx + tw / 2, y0: cy - th / 2, y1: cy + th / 2 };
    if (placed.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) continue;
    if (out.some((l) => l.text === reg.label && Math.hypot(l.x - cx, l.y - cy) < SAME_TEXT_GAP)) continue;
    placed.push(box);
    out.push({ key: `${reg.key}-${reg.first}`, text: reg.label, x: cx, y: cy, callout });
  }
  return out;
}
