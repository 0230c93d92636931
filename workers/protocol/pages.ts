// Page observation contract between the worker's observer and the memory map.
//
// The worker tags every 4 KiB RAM page with its role (what the guest says it uses it
// for), its content identity (which known image's bytes it holds) and hardware facts
// (last writer, executed or not). The UI keeps one PageModel and updates it in place.

/** Roles: the trace port's role codes (workers/devices/trace.ts), index = code. */
export const PAGE_ROLE_NAMES = [
  'free',
  'firmware',
  'kernel text',
  'kernel rodata',
  'kernel data',
  'page table',
  'kernel allocation',
  'DMA buffer',
  'kexec source',
  'kexec indirection',
  'kexec control',
  'kexec destination',
  'purgatory',
  'crash kernel',
  'device tree',
  'initrd',
  'reserved',
  'stack',
] as const;

/** Last writer: 0 none, 1 CPU, 2 + n = DMA by virtio slot n. */
export interface ContentKind {
  id: number;
  image: string;
  section: string;
  label: string;
} // id 0 = 'zero', 1 = 'unknown data'

/** The UI-side model of physical RAM, updated in place from frame deltas. */
export interface PageModel {
  ramBase: number; // 0x8000_0000
  pageCount: number; // RAM size / 4096
  role: Uint8Array; // per page
  content: Uint16Array; // per page: ContentKind.id
  writer: Uint8Array; // per page: last writer
  lastWriteFrame: Uint32Array; // per page: frame number of the last write (for flashes)
  exec: Uint8Array; // per page: 1 if the CPU fetched from it since the last frame
  contentKinds: ContentKind[]; // id -> what it is ('kestrel-1.0 .text', 'kestrel-2.0 .text', 'firmware', 'purgatory', 'zero', 'data')
  pcPage: number; // page index the PC is on, -1 when outside RAM
  frame: number; // current frame number
  version: number; // bumped whenever anything changed (cheap redraw check)
  tagsVersion: number; // bumped when a page's role or content (or the content table) changed
}

/** ContentKind ids that every table has. */
export const CONTENT_ZERO = 0;
export const CONTENT_UNKNOWN = 1;

/** The two fixed kinds every content table starts with. */
export const BASE_CONTENT_KINDS: readonly ContentKind[] = [
  { id: CONTENT_ZERO, image: '', section: '', label: 'zero' },
  { id: CONTENT_UNKNOWN, image: '', section: '', label: 'data' },
];

/** Name of a role code, or `role N` for a code outside the table. */
export function roleName(role: number): string {
  return PAGE_ROLE_NAMES[role] ?? `role ${role}`;
}

/** Human name of a writer code. */
export function writerName(writer: number, slotNames: readonly string[] = []): string {
  if (writer === 0) return 'none';
  if (writer === 1) return 'CPU';
  const slot = writer - 2;
  return `DMA (${slotNames[slot] ?? `virtio slot ${slot}`})`;
}

/** An empty model for a RAM of pageCount pages. */
export function createPageModel(ramBase: number, pageCount: number): PageModel {
  return {
    ramBase,
    pageCount,
    role: new Uint8Array(pageCount),
    content: new Uint16Array(pageCount),
    writer: new Uint8Array(pageCount),
    lastWriteFrame: new Uint32Array(pageCount),
    exec: new Uint8Array(pageCount),
    contentKinds: [...BASE_CONTENT_KINDS],
    pcPage: -1,
    frame: 0,
    version: 0,
    tagsVersion: 0,
  };
}
