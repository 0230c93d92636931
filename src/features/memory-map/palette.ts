// Colours of the memory map: what a page holds (content class, the cell's fill)
// and what the guest uses it for (role, the cell's stripe). Old kernel warm,
// new kernel cool, chosen from the Okabe-Ito set so that both stay apart for
// colour-blind viewers and on a washed-out projector.

import {
  roleName as protocolRoleName,
  writerName as protocolWriterName,
  type ContentKind,
} from '../../../workers/protocol/pages';

/** A colour as 0xRRGGBB. */
export type Rgb = number;

/** Fixed content classes; kernel families are numbered oldest first. */
export const ContentClassId = {
  Zero: 0,
  Data: 1,
  Firmware: 2,
  Purgatory: 3,
  Other: 4,
  OldText: 5,
  OldRodata: 6,
  OldData: 7,
  NewText: 8,
  NewRodata: 9,
  NewData: 10,
  ThirdText: 11,
  ThirdRodata: 12,
  ThirdData: 13,
} as const;
export type ContentClassId = (typeof ContentClassId)[keyof typeof ContentClassId];
export const CONTENT_CLASS_COUNT = 14;

const CLASS_RGB: readonly Rgb[] = [
  0x2c323b, // zero: dark slate, reads as "empty"
  0x535c68, // unknown data (e.g. the firmware's memory test pattern): grey, recedes
  0xcc79a7, // firmware: reddish purple
  0x009e73, // purgatory: bluish green
  0xf0e442, // another known image: yellow
  0xe25c00, // old kernel text: vermillion
  0xf0a020, // old kernel rodata: orange
  0xf6d38c, // old kernel data: sand
  0x1f78c8, // new kernel text: blue
  0x56b4e9, // new kernel rodata: sky blue
  0xaadcf6, // new kernel data: pale blue
  0x8a5cc8, // any further kernel: violet
  0xae8ee0,
  0xd6c6f2,
];

/** Role colours (stripe in content mode, fill in role mode); index = trace port role code. */
export const ROLE_RGB: readonly Rgb[] = [
  0x2c323b, // free
  0xcc79a7, // firmware
  0xe6e9ed, // kernel text
  0xb9c0c8, // kernel rodata
  0x8d97a2, // kernel data
  0x9c6b4e, // page table
  0x5f6c7a, // kernel allocation
  0x2ecc71, // DMA buffer
  0xf0e442, // kexec source
  0xff77c8, // kexec indirection
  0xff3b30, // kexec control
  0x00e5ff, // kexec destination
  0x009e73, // purgatory
  0xb388ff, // crash kernel
  0xffffff, // device tree
  0xffb74d, // initrd
  0x4a4f57, // reserved
  0x80cbc4, // stack
];
const UNKNOWN_ROLE_RGB: Rgb = 0x4a4f57;

export const BACKGROUND_RGB: Rgb = 0x14171c;
/** A CPU write flashes toward white, a DMA write toward magenta. */
export const CPU_FLASH_RGB: Rgb = 0xffffff;
export const DMA_FLASH_RGB: Rgb = 0xff2bd6;
export const EXEC_RGB: Rgb = 0xffe14d;
export const PC_OUTLINE_CSS = '#ffffff';

/** Frames a write keeps glowing; the glow fades linearly with the frame count. */
export const FLASH_FRAMES = 24;

export interface ContentClassInfo {
  id: ContentClassId;
  label: string;
  rgb: Rgb;
}

export interface Palette {
  /** Content kind id (0..0xffff) -> content class. */
  classOf: Uint8Array;
  classes: ContentClassInfo[];
  /** Content class -> ImageData pixel. */
  classPixel: Uint32Array;
  /** Role code (0..255) -> ImageData pixel. */
  rolePixel: Uint32Array;
  /** Kernel images, oldest first (drives warm vs cool). */
  kernels: string[];
}

/** Packs 0xRRGGBB into an opaque ImageData pixel (little-endian RGBA bytes). */
export function toPixel(rgb: Rgb): number {
  const r = (rgb >> 16) & 0xff;
  const g = (rgb >> 8) & 0xff;
  const b = rgb & 0xff;
  return ((0xff << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

export function pixelToRgb(pixel: number): Rgb {
  return ((pixel & 0xff) << 16) | (pixel & 0xff00) | ((pixel >> 16) & 0xff);
}

/** Blends an ImageData pixel toward `rgb` by t in [0, 1]. */
export function blendPixel(pixel: number, rgb: Rgb, t: number): number {
  const r = pixel & 0xff;
  const g = (pixel >> 8) & 0xff;
  const b = (pixel >> 16) & 0xff;
  const r2 = (rgb >> 16) & 0xff;
  const g2 = (rgb >> 8) & 0xff;
  const b2 = rgb & 0xff;
  const nr = (r + (r2 - r) * t) | 0;
  const ng = (g + (g2 - g) * t) | 0;
  const nb = (b + (b2 - b) * t) | 0;
  return ((0xff << 24) | (nb << 16) | (ng << 8) | nr) >>> 0;
}

export function rgbToCss(rgb: Rgb): string {
  return '#' + rgb.toString(16).padStart(6, '0');
}

export function roleName(role: number): string {
  return protocolRoleName(role);
}

export function roleRgb(role: number): Rgb {
  return ROLE_RGB[role] ?? UNKNOWN_ROLE_RGB;
}

/** "kestrel-2.0" -> "Kestrel 2.0". */
export function prettyImage(image: string): string {
  const spaced = image.replace(/[-_]+/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

type SectionKind = 'text' | 'rodata' | 'data' | 'other';

export function sectionKind(section: string): SectionKind {
  const s = section.toLowerCase();
  if (s.startsWith('.text') || s === 'text' || s.startsWith('.init.text')) return 'text';
  if (s.startsWith('.rodata') || s.startsWith('.srodata') || s === 'rodata') return 'rodata';
  if (/^\.(s?data|s?bss|init\.data|got)/.test(s) || s === 'data' || s === 'bss') return 'data';
  return 'other';
}

function imageFamily(image: string): 'none' | 'firmware' | 'purgatory' | 'kernel' {
  const s = image.toLowerCase();
  if (s === '' || s === 'zero' || s === 'data') return 'none';
  if (s.includes('firmware')) return 'firmware';
  if (s.includes('purgatory')) return 'purgatory';
  return 'kernel';
}

const SECTION_OFFSET: Record<Exclude<SectionKind, 'other'>, number> = { text: 0, rodata: 1, data: 2 };
const SECTION_WORD: Record<Exclude<SectionKind, 'other'>, string> = {
  text: 'text',
  rodata: 'rodata',
  data: 'data',
};

/**
 * Builds the palette for a set of content kinds. Kernel images are ordered by
 * name with numeric collation (kestrel-1.0 < kestrel-2.0): the first is drawn
 * warm, the second cool, any further one violet.
 */
export function buildPalette(kinds: readonly ContentKind[]): Palette {
  const kernels = [
    ...new Set(kinds.filter((k) => k.id > 1 && imageFamily(k.image) === 'kernel').map((k) => k.image)),
  ].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  // Indexed by any Uint16 content id, so the hot loops need no bounds check.
  const classOf = new Uint8Array(0x10000).fill(ContentClassId.Data);
  classOf[0] = ContentClassId.Zero;
  for (const k of kinds) {
    if (k.id <= 1 || k.id > 0xffff) continue;
    const family = imageFamily(k.image);
    const section = sectionKind(k.section);
    let cls: number = ContentClassId.Other;
    if (family === 'none') cls = ContentClassId.Data;
    else if (family === 'firmware') cls = ContentClassId.Firmware;
    else if (family === 'purgatory') cls = ContentClassId.Purgatory;
    else if (section !== 'other') {
      const fam = Math.min(kernels.indexOf(k.image), 2);
      cls = ContentClassId.OldText + fam * 3 + SECTION_OFFSET[section];
    }
    classOf[k.id] = cls;
  }
  const kernelName = (fam: number): string =>
    fam < 2 && kernels[fam] ? prettyImage(kernels[fam]) : kernels.length > 2 ? 'Other kernel' : 'Kernel';
  const classes: ContentClassInfo[] = [];
  const fixed = ['zero (empty)', 'other data', 'firmware', 'purgatory', 'other image'];
  for (let id = 0; id < CONTENT_CLASS_COUNT; id++) {
    let label: string;
    if (id < ContentClassId.OldText) label = fixed[id];
    else {
      const fam = Math.floor((id - ContentClassId.OldText) / 3);
      const sec = (['text', 'rodata', 'data'] as const)[(id - ContentClassId.OldText) % 3];
      label = `${kernelName(fam)} ${SECTION_WORD[sec]}`;
    }
    classes.push({ id: id as ContentClassId, label, rgb: CLASS_RGB[id] });
  }
  const classPixel = new Uint32Array(CONTENT_CLASS_COUNT);
  for (let i = 0; i < CONTENT_CLASS_COUNT; i++) classPixel[i] = toPixel(CLASS_RGB[i]);
  const rolePixel = new Uint32Array(256);
  for (let r = 0; r < 256; r++) rolePixel[r] = toPixel(roleRgb(r));
  return { classOf, classes, classPixel, rolePixel, kernels };
}

/** Content class of a kind id, tolerating ids the palette has not seen yet. */
export function classOfKind(palette: Palette, kindId: number): ContentClassId {
  return (palette.classOf[kindId & 0xffff] ?? ContentClassId.Data) as ContentClassId;
}

/** Devices by virtio-mmio slot (issue #2: slot 0 virtio-blk, slot 1 virtio-net). */
export const VIRTIO_SLOT_NAMES: readonly string[] = ['virtio-blk', 'virtio-net'];

/** Name of a page's last writer: 'none', 'CPU', 'DMA (virtio-net)'. */
export function writerName(writer: number): string {
  return protocolWriterName(writer, VIRTIO_SLOT_NAMES);
}
