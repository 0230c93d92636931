// What a hart sees of the board it sits on.
//
// RAM is handed to the CPU as a raw byte array so that the hot loop can load and store
// without a call; everything else (ROM, devices) goes through mmioRead/mmioWrite, which
// receive absolute physical addresses and decide which device, if any, answers.
// Faults are values, never exceptions: mmioRead returns -1 and mmioWrite returns false
// when nothing answers at that address, and the CPU turns that into an access fault.

/** Who last wrote a RAM page, as recorded in Bus.pageWriter. */
export const WRITER_NONE = 0;
export const WRITER_CPU = 1;
/** A device doing DMA records WRITER_DMA_BASE + its virtio slot number. */
export const WRITER_DMA_BASE = 2;

/**
 * Bytes in front of RAM in its ArrayBuffer that belong to the hart: registers, software
 * TLBs, the reset ROM's fetch copy (see state.ts). With them in the same buffer, the
 * interpreter's hot loop touches a single typed array.
 */
export const HART_AREA_BYTES = 16384;

/** RAM of `bytes` bytes, placed after the hart area of a new buffer (what a Bus's ram must be). */
export function allocateRam(bytes: number): Uint8Array {
  return new Uint8Array(new ArrayBuffer(HART_AREA_BYTES + bytes), HART_AREA_BYTES, bytes);
}

export interface Bus {
  /**
   * The machine's RAM, from allocateRam(). RAM occupies [ramBase, ramBase + ram.length);
   * the bytes of the buffer before ram.byteOffset are the hart's, not guest memory.
   */
  readonly ram: Uint8Array;
  readonly ramBase: number;
  /**
   * One byte per 4 KiB RAM page: who wrote the page last (WRITER_CPU for the CPU,
   * WRITER_DMA_BASE + n for DMA); the observer reads and clears it. The CPU marks a page
   * when a store misses its store TLB (and so when the entry is made): while a page has a
   * store-TLB entry its byte is WRITER_CPU, and stores that hit do not write it again.
   * Whoever sets a byte to anything else must then call the hart's flushStoreTlb().
   */
  readonly pageWriter: Uint8Array;
  /**
   * One byte per 4 KiB RAM page, set to 1 by the CPU whenever it starts fetching
   * instructions from that page (at least once per change of fetch page).
   */
  readonly pageExec: Uint8Array;
  /** Load from a non-RAM physical address: the zero-extended value, or -1 for an access fault. */
  mmioRead(paddr: number, size: 1 | 2 | 4): number;
  /** Store to a non-RAM physical address: false for an access fault. */
  mmioWrite(paddr: number, size: 1 | 2 | 4, value: number): boolean;
  /** The CLINT's mtime (10 MHz ticks since reset) as an exact integer (< 2^53). */
  mtime(): number;
}
