// Flattened devicetree (FDT, devicetree specification v0.4 chapter 5): a node tree, a
// serializer producing a version-17 blob, and a parser that reads a blob back into the tree
// (used by tests and by the UI to show what the guest was given).

export const FDT_MAGIC = 0xd00dfeed;
const FDT_BEGIN_NODE = 1;
const FDT_END_NODE = 2;
const FDT_PROP = 3;
const FDT_NOP = 4;
const FDT_END = 9;
const HEADER_SIZE = 40;

export class FdtError extends Error {}

export class FdtNode {
  readonly props = new Map<string, Uint8Array>();
  readonly children: FdtNode[] = [];
  constructor(readonly name: string) {}

  /** Set a property (raw bytes); returns this for chaining. */
  set(name: string, value: Uint8Array): this {
    this.props.set(name, value);
    return this;
  }
  setU32(name: string, ...cells: number[]): this {
    return this.set(name, cellsOf(cells));
  }
  setString(name: string, ...strings: string[]): this {
    return this.set(name, stringsOf(strings));
  }
  setEmpty(name: string): this {
    return this.set(name, new Uint8Array(0));
  }

  add(child: FdtNode): FdtNode {
    this.children.push(child);
    return child;
  }
  child(name: string): FdtNode | undefined {
    return this.children.find((c) => c.name === name);
  }

  /** Find a node by absolute path from this node ("/soc/serial@10000000"). */
  find(path: string): FdtNode | undefined {
    const parts = path.split('/').filter(Boolean);
    return parts.reduce<FdtNode | undefined>((n, part) => n?.child(part), this);
  }

  has(name: string): boolean {
    return this.props.has(name);
  }
  u32s(name: string): number[] {
    const v = this.props.get(name);
    if (!v) return [];
    const d = new DataView(v.buffer, v.byteOffset, v.byteLength);
    const out: number[] = [];
    for (let i = 0; i + 4 <= v.length; i += 4) out.push(d.getUint32(i));
    return out;
  }
  u32(name: string): number | undefined {
    return this.u32s(name)[0];
  }
  strings(name: string): string[] {
    const v = this.props.get(name);
    if (!v || v.length === 0) return [];
    const text = new TextDecoder().decode(v[v.length - 1] === 0 ? v.subarray(0, v.length - 1) : v);
    return text.split('\0');
  }
  string(name: string): string | undefined {
    return this.props.has(name) ? this.strings(name)[0] : undefined;
  }
}

export function cellsOf(cells: number[]): Uint8Array {
  const b = new Uint8Array(cells.length * 4);
  const d = new DataView(b.buffer);
  cells.forEach((c, i) => d.setUint32(i * 4, c >>> 0));
  return b;
}

export function stringsOf(strings: string[]): Uint8Array {
  return new TextEncoder().encode(strings.map((s) => s + '\0').join(''));
}

export interface Fdt {
  root: FdtNode;
  /** /memreserve/ entries: [address, size]. */
  reserved: [number, number][];
  bootCpuid: number;
}

/** Serialize a tree into a version-17 FDT blob. */
export function buildFdt(root: FdtNode, reserved: [number, number][] = [], bootCpuid = 0): Uint8Array {
  const strings: number[] = [];
  const stringOffsets = new Map<string, number>();
  const strOff = (s: string): number => {
    let o = stringOffsets.get(s);
    if (o === undefined) {
      o = strings.length;
      stringOffsets.set(s, o);
      for (const b of new TextEncoder().encode(s)) strings.push(b);
      strings.push(0);
    }
    return o;
  };
  const struct: number[] = [];
  const word = (w: number): void => {
    struct.push((w >>> 24) & 0xff, (w >>> 16) & 0xff, (w >>> 8) & 0xff, w & 0xff);
  };
  const bytes = (b: Uint8Array): void => {
    for (const x of b) struct.push(x);
    while (struct.length % 4) struct.push(0);
  };
  const node = (n: FdtNode): void => {
    word(FDT_BEGIN_NODE);
    bytes(stringsOf([n.name]));
    for (const [name, value] of n.props) {
      word(FDT_PROP);
      word(value.length);
      word(strOff(name));
      bytes(value);
    }
    for (const c of n.children) node(c);
    word(FDT_END_NODE);
  };
  node(root);
  word(FDT_END);

  const rsvOff = HEADER_SIZE; // 8-aligned
  const rsvSize = 16 * (reserved.length + 1);
  const structOff = rsvOff + rsvSize;
  const stringsOff = structOff + struct.length;
  const total = (stringsOff + strings.length + 7) & ~7;
  const blob = new Uint8Array(total);
  const d = new DataView(blob.buffer);
  const header = [
    FDT_MAGIC,
    total,
    structOff,
    stringsOff,
    rsvOff,
    17,
    16,
    bootCpuid,
    strings.length,
    struct.length,
  ];
  header.forEach((v, i) => d.setUint32(i * 4, v));
  reserved.forEach(([addr, size], i) => {
    d.setUint32(rsvOff + 16 * i, Math.floor(addr / 0x1_0000_0000));
    d.setUint32(rsvOff + 16 * i + 4, addr >>> 0);
    d.setUint32(rsvOff + 16 * i + 8, Math.floor(size / 0x1_0000_0000));
    d.setUint32(rsvOff + 16 * i + 12, size >>> 0);
  });
  blob.set(struct, structOff);
  blob.set(strings, stringsOff);
  return blob;
}

/** Parse an FDT blob; throws FdtError with a clear message when it is malformed. */
export function parseFdt(blob: Uint8Array): Fdt {
  if (blob.length < HEADER_SIZE) throw new FdtError('FDT: shorter than its header');
  const d = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const h = (i: number): number => d.getUint32(i * 4);
  if (h(0) !== FDT_MAGIC) throw new FdtError(`FDT: bad magic 0x${h(0).toString(16)}`);
  const total = h(1);
  const structOff = h(2);
  const stringsOff = h(3);
  const rsvOff = h(4);
  const version = h(5);
  const stringsSize = h(8);
  const structSize = h(9);
  if (total > blob.length)
    throw new FdtError(`FDT: totalsize ${total} exceeds the ${blob.length} bytes given`);
  if (version < 16) throw new FdtError(`FDT: version ${version} is too old`);
  if (structOff + structSize > total || stringsOff + stringsSize > total || rsvOff > total) {
    throw new FdtError('FDT: a block lies outside totalsize');
  }
  const reserved: [number, number][] = [];
  for (let o = rsvOff; ; o += 16) {
    if (o + 16 > total) throw new FdtError('FDT: unterminated memory reservation block');
    const addr = d.getUint32(o) * 0x1_0000_0000 + d.getUint32(o + 4);
    const size = d.getUint32(o + 8) * 0x1_0000_0000 + d.getUint32(o + 12);
    if (addr === 0 && size === 0) break;
    reserved.push([addr, size]);
  }
  const cstring = (start: number, limit: number): [string, number] => {
    let e = start;
    while (e < limit && blob[e] !== 0) e++;
    if (e >= limit) throw new FdtError('FDT: unterminated string');
    return [new TextDecoder().decode(blob.subarray(start, e)), e + 1];
  };
  const end = structOff + structSize;
  let p = structOff;
  const next = (): number => {
    if (p + 4 > end) throw new FdtError('FDT: structure block ends early');
    const w = d.getUint32(p);
    p += 4;
    return w;
  };
  const stack: FdtNode[] = [];
  let root: FdtNode | null = null;
  for (;;) {
    const tok = next();
    if (tok === FDT_BEGIN_NODE) {
      const [name, after] = cstring(p, end);
      p = (after + 3) & ~3;
      const n = new FdtNode(name);
      if (stack.length) stack[stack.length - 1].add(n);
      else if (root) throw new FdtError('FDT: more than one root node');
      else root = n;
      stack.push(n);
    } else if (tok === FDT_END_NODE) {
      if (!stack.pop()) throw new FdtError('FDT: unbalanced END_NODE');
    } else if (tok === FDT_PROP) {
      const len = next();
      const nameOff = next();
      if (!stack.length) throw new FdtError('FDT: property outside a node');
      if (p + len > end) throw new FdtError('FDT: property value runs past the structure block');
      if (nameOff >= stringsSize) throw new FdtError('FDT: property name outside the strings block');
      const [name] = cstring(stringsOff + nameOff, stringsOff + stringsSize);
      stack[stack.length - 1].set(name, blob.slice(p, p + len));
      p = (p + len + 3) & ~3;
    } else if (tok === FDT_NOP) {
      continue;
    } else if (tok === FDT_END) {
      break;
    } else {
      throw new FdtError(`FDT: unknown token ${tok}`);
    }
  }
  if (!root || stack.length) throw new FdtError('FDT: missing or unterminated root node');
  return { root, reserved, bootCpuid: h(7) };
}
