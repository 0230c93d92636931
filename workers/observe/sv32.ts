// Translate a virtual address the way the hart would, by walking the Sv32 page table
// in RAM (read only, no A/D updates): the observer needs the PC's physical page.

/** satp.MODE bit for Sv32 */
export const SATP_MODE_SV32 = 0x8000_0000;

const PTE_V = 1;
const PTE_R = 2;
const PTE_X = 8;

/** Physical address of va under satp, or -1 when unmapped / the table is outside RAM. */
export function translateSv32(ram: Uint8Array, ramBase: number, satp: number, va: number): number {
  if ((satp & SATP_MODE_SV32) === 0) return va >>> 0;
  const dv = new DataView(ram.buffer, ram.byteOffset, ram.byteLength);
  const readPte = (pa: number): number => {
    const off = pa - ramBase;
    if (off < 0 || off + 4 > ram.length) return 0;
    return dv.getUint32(off, true);
  };
  // satp.PPN is 22 bits: the root table may sit above 4 GiB in theory; not in this machine.
  const root = (satp & 0x3f_ffff) * 4096;
  const pte1 = readPte(root + (va >>> 22) * 4);
  if ((pte1 & PTE_V) === 0) return -1;
  if (pte1 & (PTE_R | PTE_X)) {
    const ppn1 = pte1 >>> 20;
    return (ppn1 * 0x40_0000 + (va & 0x3f_ffff)) >>> 0;
  }
  const next = (pte1 >>> 10) * 4096;
  const pte0 = readPte(next + ((va >>> 12) & 0x3ff) * 4);
  if ((pte0 & PTE_V) === 0) return -1;
  return ((pte0 >>> 10) * 4096 + (va & 0xfff)) >>> 0;
}
