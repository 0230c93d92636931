// A fast, non-cryptographic 64-bit state hash for determinism tests: two independent
// 32-bit multiply-xorshift lanes fed 32-bit words (RAM, hart state) and strings (device
// records as JSON). Not for security; only "did anything differ".

export class StateHasher {
  private a = 0x811c9dc5;
  private b = 0x9747b28c;
  private n = 0;

  /** Mix a sequence of 32-bit words (Uint32Array views are reinterpreted as Int32Array). */
  words(w: Uint32Array | Int32Array): this {
    return this.mix(w instanceof Int32Array ? w : new Int32Array(w.buffer, w.byteOffset, w.length));
  }

  /** Monomorphic inner loop: always Int32Array, so the values stay small integers. */
  private mix(w: Int32Array): this {
    let a = this.a;
    let b = this.b;
    const n = w.length;
    let i = 0;
    // Two independent lanes over even and odd words: half the dependency chain per word.
    for (; i + 1 < n; i += 2) {
      a = Math.imul(a ^ w[i], 0x01000193);
      a ^= a >>> 15;
      b = Math.imul(b ^ w[i + 1], 0x5bd1e995);
      b ^= b >>> 13;
    }
    if (i < n) a = Math.imul(a ^ w[i], 0x01000193);
    this.a = a;
    this.b = b;
    this.n += n;
    return this;
  }

  /** Mix bytes (length need not be a multiple of 4). */
  bytes(u8: Uint8Array): this {
    const whole = u8.length >>> 2;
    if (u8.byteOffset % 4 === 0) this.words(new Int32Array(u8.buffer, u8.byteOffset, whole));
    else this.words(new Int32Array(u8.slice(0, whole * 4).buffer));
    const tail = new Int32Array(1);
    let t = 0;
    for (let i = whole * 4; i < u8.length; i++) t = (t << 8) | u8[i];
    tail[0] = t ^ u8.length;
    return this.words(tail);
  }

  number(v: number): this {
    return this.words(Int32Array.of((v % 0x1_0000_0000) | 0, Math.floor(v / 0x1_0000_0000) | 0));
  }

  string(s: string): this {
    const w = new Int32Array(s.length + 1);
    for (let i = 0; i < s.length; i++) w[i] = s.charCodeAt(i);
    w[s.length] = s.length;
    return this.words(w);
  }

  hex(): string {
    let a = this.a ^ this.n;
    let b = this.b;
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35) ^ b;
    b = Math.imul(b ^ (b >>> 16), 0x27d4eb2f) ^ a;
    return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
  }
}
