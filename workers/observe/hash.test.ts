import { describe, expect, it } from 'vitest';
import { hashPageBytes, hashPageWords } from './hash';
import { pattern } from './testing';

describe('page hash', () => {
  it('is 0 exactly for an all-zero page', () => {
    expect(hashPageBytes(new Uint8Array(4096))).toBe(0);
    const p = new Uint8Array(4096);
    p[4095] = 1;
    expect(hashPageBytes(p)).not.toBe(0);
  });
  it('tells pages apart and finds equal ones equal, at any word offset', () => {
    const a = pattern(4096, 1);
    const b = a.slice();
    b[100] ^= 1;
    expect(hashPageBytes(a)).toBe(hashPageBytes(a.slice()));
    expect(hashPageBytes(a)).not.toBe(hashPageBytes(b));
    const two = new Uint8Array(8192);
    two.set(a, 4096);
    expect(hashPageWords(new Uint32Array(two.buffer), 1024)).toBe(hashPageBytes(a));
  });
  it('depends on word order, not only on the multiset of words', () => {
    const a = new Uint32Array(1024);
    a[0] = 1;
    a[1] = 2;
    const b = new Uint32Array(1024);
    b[0] = 2;
    b[1] = 1;
    expect(hashPageWords(a, 0)).not.toBe(hashPageWords(b, 0));
  });
});
