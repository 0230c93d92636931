import { describe, expect, it } from 'vitest';
import { buildFdt, FdtError, FdtNode, parseFdt } from './fdt';

describe('fdt', () => {
  it('round-trips a tree with reservations through build and parse', () => {
    const root = new FdtNode('').setU32('#size-cells', 1);
    root.add(new FdtNode('a@1')).setString('compatible', 'x', 'y').setEmpty('flag');
    root
      .add(new FdtNode('b'))
      .add(new FdtNode('c'))
      .set('raw', Uint8Array.of(1, 2, 3));
    const blob = buildFdt(root, [[0x8000_0000, 0x20_0000]], 0);
    const fdt = parseFdt(blob);
    expect(fdt.reserved).toEqual([[0x8000_0000, 0x20_0000]]);
    expect(fdt.root.u32('#size-cells')).toBe(1);
    expect(fdt.root.find('/a@1')?.strings('compatible')).toEqual(['x', 'y']);
    expect(fdt.root.find('/a@1')?.has('flag')).toBe(true);
    expect([...(fdt.root.find('/b/c')?.props.get('raw') ?? [])]).toEqual([1, 2, 3]);
    expect(buildFdt(fdt.root, fdt.reserved)).toEqual(blob);
  });

  it('rejects malformed blobs with clear errors', () => {
    const blob = buildFdt(new FdtNode('').setU32('x', 1));
    expect(() => parseFdt(blob.subarray(0, 20))).toThrow(/header/);
    const bad = blob.slice();
    bad[0] = 0;
    expect(() => parseFdt(bad)).toThrow(/magic/);
    const cut = blob.slice(0, blob.length - 8);
    expect(() => parseFdt(cut)).toThrow(FdtError);
    const tok = blob.slice();
    new DataView(tok.buffer).setUint32(new DataView(blob.buffer).getUint32(8), 77); // first token
    expect(() => parseFdt(tok)).toThrow(/unknown token 77/);
  });
});
