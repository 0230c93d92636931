// Scenario <-> URL fragment: `#s=<base64url(zlib(deflate(json)))>`. The zlib wrapper
// (RFC 1950) carries an Adler-32 of the JSON, so a corrupted link is caught rather than
// read as something else. Every failure says what was wrong with the link.

import { Inflate, zlibSync } from 'fflate';
import { ScenarioError, validateScenario, type Scenario } from './scenario';

/** Longest fragment accepted (characters after '#'). */
export const MAX_FRAGMENT = 64 * 1024;
/** Longest JSON a fragment may inflate to (a guard against decompression bombs). */
export const MAX_JSON = 1024 * 1024;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function base64urlEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

export function base64urlDecode(s: string): Uint8Array {
  if (s.length % 4 === 1) throw new ScenarioError('the link is truncated: its data ends mid-character');
  const out = new Uint8Array(Math.floor((s.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    const v = B64.indexOf(s[i]);
    if (v < 0)
      throw new ScenarioError(
        `the link is corrupted: ${JSON.stringify(s[i])} at position ${i} is not base64url`,
      );
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

export function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; i += 4096) {
    const end = Math.min(data.length, i + 4096);
    for (let j = i; j < end; j++) {
      a += data[j];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** JSON text -> fragment payload (without '#s='). */
export function encodeJson(json: string): string {
  return base64urlEncode(zlibSync(new TextEncoder().encode(json), { level: 9 }));
}

/** Fragment payload -> JSON text; throws ScenarioError saying what is wrong. */
export function decodeJson(payload: string): string {
  const bytes = base64urlDecode(payload);
  if (bytes.length < 6) throw new ScenarioError('the link is truncated: it holds almost no data');
  const cmf = bytes[0];
  if ((cmf & 0x0f) !== 8 || ((cmf << 8) | bytes[1]) % 31 !== 0 || bytes[1] & 0x20)
    throw new ScenarioError('the link is corrupted: its data is not deflate-compressed (bad zlib header)');
  const parts: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  const inf = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > MAX_JSON)
      throw new ScenarioError(`the link's scenario is too big (over ${MAX_JSON >> 10} KB of JSON)`);
    parts.push(chunk);
    if (final) ended = true;
  });
  const body = bytes.subarray(2, bytes.length - 4);
  try {
    inf.push(body, true);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    const msg = (e as Error).message;
    if (/unexpected EOF/i.test(msg))
      throw new ScenarioError('the link is truncated: its compressed data ends early');
    throw new ScenarioError(`the link is corrupted: its data does not decompress (${msg})`);
  }
  if (!ended) throw new ScenarioError('the link is truncated: its compressed data ends early');
  const json = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    json.set(p, o);
    o += p.length;
  }
  const t = bytes.length - 4;
  const want = ((bytes[t] << 24) | (bytes[t + 1] << 16) | (bytes[t + 2] << 8) | bytes[t + 3]) >>> 0;
  if (adler32(json) !== want)
    throw new ScenarioError('the link is corrupted or truncated: its checksum does not match');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(json);
  } catch {
    throw new ScenarioError('the link is corrupted: its data is not UTF-8 text');
  }
}

/** Parse JSON text as a scenario (the file import shares this path). */
export function parseScenarioJson(json: string): Scenario {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    throw new ScenarioError(`the scenario is not JSON (${(e as Error).message})`);
  }
  return validateScenario(value);
}

/** A scenario as pretty JSON (for export) with the fields in a stable order. */
export function scenarioJson(s: Scenario, pretty = false): string {
  return JSON.stringify(s, null, pretty ? 2 : undefined);
}

/** The fragment for a scenario: `s=...` (put '#' in front). */
export function encodeFragment(s: Scenario): string {
  return `s=${encodeJson(scenarioJson(s))}`;
}

export type FragmentResult =
  { kind: 'none' } | { kind: 'ok'; scenario: Scenario } | { kind: 'error'; message: string };

/** Read `#s=...` from a location hash ('' or '#...'); never throws. */
export function decodeFragment(hash: string): FragmentResult {
  const frag = hash.startsWith('#') ? hash.slice(1) : hash;
  if (frag.length > MAX_FRAGMENT)
    return {
      kind: 'error',
      message: `The shared link is too long (${Math.ceil(frag.length / 1024)} KB; the limit is ${MAX_FRAGMENT >> 10} KB).`,
    };
  const param = new URLSearchParams(frag).get('s');
  if (param === null) return { kind: 'none' };
  try {
    if (param === '') throw new ScenarioError('the link is truncated: it holds no data');
    return { kind: 'ok', scenario: parseScenarioJson(decodeJson(param.trim())) };
  } catch (e) {
    const msg = e instanceof ScenarioError ? e.message : `unexpected error: ${(e as Error).message}`;
    return { kind: 'error', message: `The shared link could not be opened: ${msg}.` };
  }
}
