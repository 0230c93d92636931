// Number formatting shared by the panels.

export function hex32(v: number): string {
  return `0x${(v >>> 0).toString(16).padStart(8, '0')}`;
}

/** 0x8040_0000 style, for addresses people read. */
export function hexAddr(v: number): string {
  const h = (v >>> 0).toString(16).padStart(8, '0');
  return `0x${h.slice(0, 4)}_${h.slice(4)}`;
}

/** Simulated time: "1.234567 s", "12.345 ms", "850 µs". */
export function formatNs(ns: number): string {
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(6)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(3)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(1)} µs`;
  return `${Math.round(ns)} ns`;
}

/** A duration for comparisons: "412.3 ms", "2.61 s". */
export function formatDuration(ns: number): string {
  if (ns >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(1)} ms`;
  return `${(ns / 1e3).toFixed(1)} µs`;
}

// One formatter for all calls: Number.prototype.toLocaleString builds a new one each time,
// and the CPU panel formats two counters per frame (the top self-time function in a profile).
const COUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 12345678 -> "12,345,678" */
export function formatCount(n: number): string {
  return COUNT_FORMAT.format(Math.round(n));
}

export const PRIV_NAMES: Record<number, string> = { 0: 'U (user)', 1: 'S (supervisor)', 3: 'M (machine)' };
export const PRIV_SHORT: Record<number, string> = { 0: 'U', 1: 'S', 3: 'M' };

export { ABI_NAMES } from '../../workers/protocol/registers';
