// Page hashing for content identity: two independent 32-bit hashes over the page's
// words combined into one exact 53-bit number (cheap Map key, negligible collisions
// among the few thousand pages of the known images).

export const PAGE_WORDS = 1024;

/** Hash of 4096 bytes starting at word index `w0` of `words`; returns 0 for an all-zero page. */
export function hashPageWords(words: Uint32Array, w0: number): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  let any = 0;
  const end = w0 + PAGE_WORDS;
  for (let i = w0; i < end; i++) {
    const w = words[i];
    any |= w;
    h1 = Math.imul(h1 ^ w, 0x01000193);
    h2 = Math.imul(h2 ^ (w + i - w0), 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  if (any === 0) return 0;
  // 32 bits of h1 and 21 bits of h2: exact in a float64; never 0 for a non-zero page.
  return (h1 >>> 0) + (h2 & 0x1fffff) * 0x1_0000_0000 || 1;
}

/** Hash of one 4096-byte page given as bytes (any alignment). */
export function hashPageBytes(page: Uint8Array): number {
  const copy = new Uint8Array(4096);
  copy.set(page.subarray(0, 4096));
  return hashPageWords(new Uint32Array(copy.buffer), 0);
}
