import { describe, expect, it } from 'vitest';
import { zlibSync, deflateSync } from 'fflate';
import {
  adler32,
  base64urlDecode,
  base64urlEncode,
  decodeFragment,
  encodeFragment,
  encodeJson,
  MAX_FRAGMENT,
} from './scenario-codec';
import { validateScenario, type Scenario } from './scenario';

const scenario: Scenario = validateScenario({
  version: 1,
  title: 'Round trip ✓',
  machine: { ramMiB: 256, netPps: 2000 },
  faults: { skipShutdown: true },
  script: [{ caption: 'Ünïcode caption' }, { type: 'kexec -e\n' }, { pauseAt: 'PURGATORY' }],
  replay: {
    input: [{ cycle: 103_000_000, instret: 102_000_000, text: 'ls\r' }],
    stopAt: { cycle: 120_000_000, instret: 110_000_000, stateHash: '2e5642f1c160f01e' },
  },
});

function expectError(hash: string, text: string): void {
  const r = decodeFragment(hash);
  expect(r.kind).toBe('error');
  if (r.kind === 'error') expect(r.message).toContain(text);
}

describe('base64url', () => {
  it('round-trips every length and byte value', () => {
    for (let n = 0; n < 40; n++) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n * 11) & 0xff);
      const s = base64urlEncode(b);
      expect(s).toMatch(/^[A-Za-z0-9_-]*$/);
      expect(base64urlDecode(s)).toEqual(b);
    }
    expect(base64urlEncode(new TextEncoder().encode('hello'))).toBe('aGVsbG8');
  });
  it('matches the known Adler-32 of "Wikipedia"', () => {
    expect(adler32(new TextEncoder().encode('Wikipedia'))).toBe(0x11e60398);
  });
});

describe('fragment codec', () => {
  it('round-trips a scenario with its replay log', () => {
    const frag = encodeFragment(scenario);
    expect(frag.startsWith('s=')).toBe(true);
    const r = decodeFragment(`#${frag}`);
    expect(r).toEqual({ kind: 'ok', scenario });
  });

  it('reports no scenario for an empty or unrelated fragment', () => {
    expect(decodeFragment('')).toEqual({ kind: 'none' });
    expect(decodeFragment('#top')).toEqual({ kind: 'none' });
  });

  it('rejects a fragment over 64 KB before decoding it', () => {
    expectError(`#s=${'A'.repeat(MAX_FRAGMENT)}`, 'too long (65 KB; the limit is 64 KB)');
  });

  it('rejects a truncated link', () => {
    const frag = encodeFragment(scenario);
    expectError(`#${frag.slice(0, Math.floor(frag.length / 2))}`, 'truncated');
    expectError(`#${frag.slice(0, frag.length - 3)}`, 'truncated');
    expectError('#s=', 'truncated: it holds no data');
  });

  it('rejects a corrupted link: bad characters, flipped bits', () => {
    const frag = encodeFragment(scenario);
    expectError(`#${frag.slice(0, 20)}*${frag.slice(21)}`, 'corrupted: "*" at position 18 is not base64url');
    const bytes = base64urlDecode(frag.slice(2));
    bytes[Math.floor(bytes.length / 2)] ^= 0x10;
    const r = decodeFragment(`#s=${base64urlEncode(bytes)}`);
    expect(r.kind).toBe('error');
    if (r.kind === 'error') expect(r.message).toMatch(/corrupted/);
  });

  it('rejects data that is not deflate', () => {
    expectError(
      `#s=${base64urlEncode(new TextEncoder().encode('{"version":1,"title":"plain"}'))}`,
      'not deflate',
    );
    // raw deflate without the zlib wrapper is refused too
    expectError(`#s=${base64urlEncode(deflateSync(new TextEncoder().encode('{"a":1}')))}`, 'not deflate');
  });

  it('rejects deflated data that is not JSON', () => {
    expectError(`#s=${encodeJson('version: 1')}`, 'not JSON');
  });

  it('rejects a future version', () => {
    expectError(`#s=${encodeJson(JSON.stringify({ ...scenario, version: 7 }))}`, 'format version 7');
  });

  it('rejects out-of-range values naming the field', () => {
    const bad = { ...scenario, machine: { ramMiB: 2048, netPps: 0 } };
    expectError(
      `#s=${encodeJson(JSON.stringify(bad))}`,
      'machine.ramMiB: must be at most 1024 MiB (got 2048)',
    );
  });

  it('refuses to inflate a decompression bomb', () => {
    const bomb = base64urlEncode(zlibSync(new Uint8Array(4 << 20).fill(32), { level: 9 }));
    expect(bomb.length).toBeLessThan(MAX_FRAGMENT);
    expectError(`#s=${bomb}`, 'too big');
  });
});
