import { describe as suite, expect, it } from 'vitest';
import { matches, parseManifest, qemuOutcome, runnerOutcome } from './outcome';

suite('runnerOutcome', () => {
  it('reads exit 0 as pass and exit 1 with FAIL test N as a failed case', () => {
    expect(runnerOutcome(0, null, '', false)).toEqual({ kind: 'pass' });
    expect(runnerOutcome(1, null, 'serial\nFAIL test 17\n', false)).toEqual({ kind: 'fail', test: 17 });
  });
  it('treats anything else as an error of the runner, not a result', () => {
    expect(runnerOutcome(1, null, 'TypeError: boom', false).kind).toBe('error');
    expect(runnerOutcome(0, null, 'FAIL test 3', false).kind).toBe('error');
    expect(runnerOutcome(3, null, '', false).kind).toBe('error');
    expect(runnerOutcome(null, 'SIGSEGV', '', false).kind).toBe('error');
    expect(runnerOutcome(null, 'SIGTERM', '', true)).toEqual({ kind: 'timeout' });
  });
});

suite('qemuOutcome', () => {
  it('maps the sifive_test exit status', () => {
    expect(qemuOutcome(0, null)).toEqual({ kind: 'pass' });
    expect(qemuOutcome(3, null)).toEqual({ kind: 'fail', test: 3 });
    expect(qemuOutcome(124, null)).toEqual({ kind: 'timeout' });
  });
});

suite('matches', () => {
  it('requires the exact failing case', () => {
    expect(matches({ kind: 'fail', test: 3 }, { fail: 3 })).toBe(true);
    expect(matches({ kind: 'fail', test: 4 }, { fail: 3 })).toBe(false);
    expect(matches({ kind: 'pass' }, { fail: 3 })).toBe(false);
    expect(matches({ kind: 'fail', test: 3 }, 'pass')).toBe(false);
    expect(matches({ kind: 'timeout' }, 'pass')).toBe(false);
  });
  it('compares only the low 8 bits for QEMU exit statuses', () => {
    expect(matches({ kind: 'fail', test: 44 }, { fail: 300 }, true)).toBe(true);
    expect(matches({ kind: 'fail', test: 44 }, { fail: 300 })).toBe(false);
  });
});

suite('parseManifest', () => {
  it('accepts pass, fail and a QEMU override', () => {
    const m = parseManifest(
      JSON.stringify({
        programs: [
          { name: 'a', source: 'a.S', covers: 'x', expect: 'pass' },
          { name: 'b', source: 'b.S', covers: 'y', expect: { fail: 3 }, qemu: { fail: 2, reason: 'r' } },
        ],
      }),
    );
    expect(m.map((p) => p.expect)).toEqual(['pass', { fail: 3 }]);
    expect(m[1].qemu).toEqual({ fail: 2, reason: 'r' });
  });
  it('rejects malformed entries', () => {
    expect(() => parseManifest('{}')).toThrow(/programs/);
    expect(() =>
      parseManifest(JSON.stringify({ programs: [{ name: 'a', source: 'a.S', covers: 'x', expect: 'ok' }] })),
    ).toThrow(/expect/);
    expect(() =>
      parseManifest(
        JSON.stringify({
          programs: [{ name: 'a', source: 'a.S', covers: 'x', expect: 'pass', qemu: { fail: 1 } }],
        }),
      ),
    ).toThrow(/qemu/);
  });
});
