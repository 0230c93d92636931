// Name where the PC is: the image whose bytes the PC's page holds (content identity, not
// the address), plus the symbol from that image's table ("kestrel-2.0: start_kernel+0x24").

import type { ContentTable } from './content-table';
import type { PageObserver } from './page-observer';
import { formatSymbol, type SymbolTable } from './symbols';
import { RESET_ROM_BASE, RESET_ROM_SIZE } from '../machine/memmap';

/** Role codes the locator names when no image content matches. */
const ROLE_FIRMWARE = 1;
const ROLE_KEXEC_CONTROL = 10;
const ROLE_PURGATORY = 12;

export interface PcLocation {
  image: string;
  symbol: string;
}

export class Locator {
  constructor(
    private readonly table: ContentTable,
    private readonly observer: PageObserver,
    private readonly symbols: ReadonlyMap<string, SymbolTable>,
    private readonly ramBase: number,
    private readonly pageRole: Uint8Array,
    private readonly ram: Uint8Array,
  ) {}

  private symbolize(image: string, addr: number): string {
    const syms = this.symbols.get(image);
    if (!syms) return `offset 0x${(addr >>> 0).toString(16)}`;
    return formatSymbol(syms.lookup(addr), addr);
  }

  /** Where physical address pa (the PC's, after translation) is. */
  locate(pa: number): PcLocation {
    if (pa < 0) return { image: 'unmapped', symbol: '' };
    const hex = (v: number): string => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;
    if (pa >= RESET_ROM_BASE && pa < RESET_ROM_BASE + RESET_ROM_SIZE)
      return { image: 'reset ROM', symbol: hex(pa) };
    const page = Math.floor((pa - this.ramBase) / 4096);
    if (page < 0 || page >= this.observer.pageCount) return { image: 'outside RAM', symbol: hex(pa) };
    this.observer.identifyNow(page);
    const m = this.observer.match[page];
    const pageBase = this.ramBase + page * 4096;
    const off = pa - pageBase;
    if (m >= 0) {
      const match = this.table.matches[m];
      const addr = (match.vaddr + off) >>> 0;
      return { image: match.image, symbol: this.symbolize(match.image, addr) };
    }
    const role = this.pageRole[page];
    const where = `${hex(pageBase)}+0x${off.toString(16)}`;
    // the page as a whole is nobody's: try the code window around the PC
    const chunk = this.table.locateChunk(this.ram.subarray(page * 4096, page * 4096 + 4096), off);
    const chunkSym = chunk ? this.symbolize(chunk.image, chunk.vaddr) : '';
    if (role === ROLE_KEXEC_CONTROL)
      return { image: 'kexec control page', symbol: chunkSym ? `${where} (${chunkSym})` : where };
    if (chunk) return { image: chunk.image, symbol: chunkSym };
    if (role === ROLE_PURGATORY) return { image: 'purgatory', symbol: where };
    if (role === ROLE_FIRMWARE) return { image: 'firmware', symbol: where };
    return { image: 'unknown', symbol: where };
  }
}
