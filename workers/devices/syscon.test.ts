import { describe, expect, it } from 'vitest';
import { Syscon, type SysconAction } from './syscon';

describe('syscon (sifive_test)', () => {
  it('decodes power off, reset and fail with code', () => {
    const acts: SysconAction[] = [];
    const s = new Syscon((a) => acts.push(a));
    s.write(0, 4, 0x5555);
    s.write(0, 4, 0x7777);
    s.write(0, 4, 0x3333 | (42 << 16));
    s.write(0, 4, 0x1234); // ignored
    s.write(0, 2, 0x5555); // 16-bit store: ignored
    expect(acts).toEqual([{ kind: 'poweroff' }, { kind: 'reset' }, { kind: 'fail', code: 42 }]);
    expect(s.read(0, 4)).toBe(0);
    expect(s.read(8, 4)).toBe(-1);
    expect(s.write(4, 4, 0x5555)).toBe(false);
  });
});
