// Local copy of the page observation contract (team/PAGES_CONTRACT.md) until
// workers/protocol/pages.ts lands; then this file is deleted and the memory map
// imports the type from there. Keep it identical to the contract.

/** Roles: the trace port's role codes (COMMON.md), index = code. */
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
  contentKinds: ContentKind[]; // id -> what it is
  pcPage: number; // page index the PC is on, -1 when outside RAM
  frame: number; // current frame number
  version: number; // bumped whenever anything changed (cheap redraw check)
}
