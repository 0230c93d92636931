import { describe, expect, it } from 'vitest';
import { SymbolTable, formatSymbol } from './symbols';

const SYM = `c0400000 T _start
c0400100 t early_init
c0400200 T start_kernel
c0401000 r banner
c0402000 D jiffies
`;

describe('SymbolTable', () => {
  const t = SymbolTable.parse(SYM);
  it('parses every line', () => {
    expect(t.size).toBe(5);
    expect(t.address('start_kernel')).toBe(0xc0400200);
  });
  it('names an address by the code symbol at or below it', () => {
    expect(formatSymbol(t.lookup(0xc0400224), 0)).toBe('start_kernel+0x24');
    expect(formatSymbol(t.lookup(0xc0400100), 0)).toBe('early_init');
    // data symbols do not name code: the nearest text symbol below does
    expect(t.lookup(0xc0401004)?.name).toBe('start_kernel');
  });
  it('gives up below the first symbol and too far from any', () => {
    expect(t.lookup(0xc03fffff)).toBeNull();
    expect(t.lookup(0xc0400200 + 0x20000)).toBeNull();
    expect(formatSymbol(null, 0x1234)).toBe('0x00001234');
  });
});
