import { describe, expect, it } from 'vitest';
import { formatCount } from './format';

describe('formatCount', () => {
  it('groups thousands with commas, en-US style', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(12345678)).toBe('12,345,678');
    expect(formatCount(4294967296)).toBe('4,294,967,296');
  });
  it('rounds to a whole count', () => {
    expect(formatCount(1234.4)).toBe('1,234');
    expect(formatCount(1234.6)).toBe('1,235');
  });
});
