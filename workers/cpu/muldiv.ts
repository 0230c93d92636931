// The high halves of 32 x 32 -> 64-bit products (MULH, MULHSU, MULHU) computed exactly
// with 16-bit limbs in float64 arithmetic (no BigInt on the hot path).

/** High 32 bits of the unsigned product of a and b (int32 bit patterns in and out). */
export function mulhu(a: number, b: number): number {
  const al = a & 0xffff;
  const ah = a >>> 16;
  const bl = b & 0xffff;
  const bh = b >>> 16;
  const ll = al * bl;
  const lh = al * bh;
  const hl = ah * bl;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (ah * bh + (lh >>> 16) + (hl >>> 16) + Math.floor(mid / 0x10000)) | 0;
}

/** High 32 bits of the signed product. */
export function mulh(a: number, b: number): number {
  let r = mulhu(a, b);
  if (a < 0) r -= b;
  if (b < 0) r -= a;
  return r | 0;
}

/** High 32 bits of signed a times unsigned b. */
export function mulhsu(a: number, b: number): number {
  return a < 0 ? (mulhu(a, b) - b) | 0 : mulhu(a, b);
}
