// Symbol tables of the guest images, from the `<image>.sym` files that the guest build
// writes with llvm-nm-19: one `%08x <type letter> <name>` line per symbol.

export interface SymbolHit {
  name: string;
  offset: number;
}

export class SymbolTable {
  private readonly addrs: Uint32Array;
  private readonly names: string[];
  private readonly types: string[];

  constructor(entries: { addr: number; type: string; name: string }[]) {
    const sorted = [...entries].sort((a, b) => a.addr - b.addr);
    this.addrs = Uint32Array.from(sorted.map((e) => e.addr));
    this.names = sorted.map((e) => e.name);
    this.types = sorted.map((e) => e.type);
  }

  static parse(text: string): SymbolTable {
    const entries: { addr: number; type: string; name: string }[] = [];
    for (const line of text.split('\n')) {
      const m = /^([0-9a-fA-F]{1,16})\s+(\S)\s+(\S+)/.exec(line.trim());
      if (!m) continue;
      entries.push({ addr: Number.parseInt(m[1], 16) >>> 0, type: m[2], name: m[3] });
    }
    return new SymbolTable(entries);
  }

  get size(): number {
    return this.addrs.length;
  }

  /** Address of a symbol by exact name, or undefined. */
  address(name: string): number | undefined {
    const i = this.names.indexOf(name);
    return i < 0 ? undefined : this.addrs[i];
  }

  /** All names with their addresses (in address order). */
  entries(): { addr: number; type: string; name: string }[] {
    return this.names.map((name, i) => ({ addr: this.addrs[i], type: this.types[i], name }));
  }

  /**
   * The code symbol at or below addr (text symbols: t/T/w/W), within maxOffset bytes, or null.
   */
  lookup(addr: number, maxOffset = 0x10000): SymbolHit | null {
    const a = addr >>> 0;
    let lo = 0;
    let hi = this.addrs.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.addrs[mid] <= a) {
        best = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    for (let i = best; i >= 0; i--) {
      const t = this.types[i];
      if (t === 't' || t === 'T' || t === 'w' || t === 'W') {
        const offset = a - this.addrs[i];
        return offset <= maxOffset ? { name: this.names[i], offset } : null;
      }
    }
    return null;
  }
}

/** `name+0x24`, or `name` at offset 0. */
export function formatSymbol(hit: SymbolHit | null, fallbackAddr: number): string {
  if (!hit) return `0x${(fallbackAddr >>> 0).toString(16).padStart(8, '0')}`;
  return hit.offset === 0 ? hit.name : `${hit.name}+0x${hit.offset.toString(16)}`;
}
