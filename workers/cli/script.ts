// Scripted runs of the machine, shared by the headless runner (main.ts) and golden tests:
// boot, wait for text on the serial console, type, wait again, and time every step in
// instructions and simulated nanoseconds.
//
// An `expect` step waits for its text in the serial output produced after the previous
// step completed (after the end of the previous match, or after the moment of typing);
// '\r' is ignored when matching so that "\n" matches the console's "\r\n". A `type` step
// queues its text at the UART at once. Step times are taken at the end of the run chunk in
// which the text appeared, so they are exact to EXPECT_CHUNK cycles (100 µs simulated).

import { Machine, type MachineOptions, type StopReason } from '../machine/machine';
import { EVENT_NAMES, PHASE_NAMES, ROLE_NAMES, type TraceEvent } from '../devices/trace';

export interface Step {
  kind: 'expect' | 'type';
  text: string;
}

export interface StepTime extends Step {
  done: boolean;
  instret: number | null;
  simNs: number | null;
}

export type ExitReason =
  | 'script-done' // every step completed
  | 'poweroff' // the guest powered off (syscon 0x5555)
  | 'guest-fail' // syscon 0x3333 with a code
  | 'tohost-pass'
  | 'tohost-fail'
  | 'max-insns' // budget spent
  | 'idle'; // the hart sleeps and nothing will ever wake it

export interface ScriptResult {
  serial: string;
  steps: StepTime[];
  stateHash: string;
  instret: number;
  simNs: number;
  exitReason: ExitReason;
  /** 0 ok, 1 guest failure, 3 expectations still pending. */
  exitCode: 0 | 1 | 3;
  /** tohost value (bare --tohost runs) or syscon fail code. */
  guestCode?: number;
  /** Human summary for failures, e.g. "FAIL test 3". */
  message?: string;
}

export interface ScriptHooks {
  /** Serial bytes as they are produced. */
  onSerial?: (bytes: Uint8Array) => void;
  /** Stop when the bare ELF's tohost word becomes non-zero. */
  tohost?: boolean;
  /** Use this machine instead of building one from opts. */
  machine?: Machine;
  /** Called after every run() chunk (e.g. to drain trace events). */
  onChunk?: (m: Machine) => void;
}

/** Cycles per run() while an expectation is pending (time resolution of step times). */
export const EXPECT_CHUNK = 10_000;
/** Cycles per run() otherwise. */
export const FREE_CHUNK = 1_000_000;

/** Text as the runner's arguments write it: \n is Enter (CR), \t, \r, \\ and \xHH escapes. */
export function unescapeTyped(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_m, c: string) => {
    if (c === 'n') return '\r';
    if (c === 'r') return '\r';
    if (c === 't') return '\t';
    if (c[0] === 'x' && c.length === 3) return String.fromCharCode(parseInt(c.slice(1), 16));
    return c;
  });
}

/** Expected text: \n is a newline (matched against output with CR removed). */
export function unescapeExpected(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|.)/g, (_m, c: string) => {
    if (c === 'n') return '\n';
    if (c === 't') return '\t';
    if (c[0] === 'x' && c.length === 3) return String.fromCharCode(parseInt(c.slice(1), 16));
    return c;
  });
}

/** Bytes to a string of one char per byte (so matching never fails on bad UTF-8). */
function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

export function runScript(
  opts: MachineOptions,
  steps: Step[],
  maxInsns: number,
  hooks: ScriptHooks = {},
): ScriptResult {
  const m = hooks.machine ?? new Machine(opts);
  const times: StepTime[] = steps.map((s) => ({ ...s, done: false, instret: null, simNs: null }));
  const chunks: Uint8Array[] = [];
  let matchText = ''; // serial output, latin1, without CR
  let from = 0;
  let next = 0;
  const start = m.cycles();

  const advance = (): void => {
    while (next < times.length) {
      const st = times[next];
      if (st.kind === 'type') {
        m.typeInput(new TextEncoder().encode(st.text));
        from = matchText.length;
      } else {
        const want = latin1(new TextEncoder().encode(st.text));
        const at = matchText.indexOf(want, from);
        if (at < 0) return;
        from = at + want.length;
      }
      st.done = true;
      st.instret = m.instret();
      st.simNs = m.simulatedNs();
      next++;
    }
  };

  const finish = (exitReason: ExitReason, extra: Partial<ScriptResult> = {}): ScriptResult => {
    const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let o = 0;
    for (const c of chunks) {
      all.set(c, o);
      o += c.length;
    }
    const pending = times.some((t) => !t.done);
    let exitCode: 0 | 1 | 3 = exitReason === 'guest-fail' || exitReason === 'tohost-fail' ? 1 : 0;
    if (exitCode === 0 && pending) exitCode = 3;
    return {
      serial: new TextDecoder().decode(all),
      steps: times,
      stateHash: m.stateHash(),
      instret: m.instret(),
      simNs: m.simulatedNs(),
      exitReason,
      exitCode,
      ...extra,
    };
  };

  advance();
  for (;;) {
    if (next >= times.length && times.length > 0) return finish('script-done');
    const spent = m.cycles() - start; // instructions + idle cycles: a sleeping guest cannot hang us
    if (spent >= maxInsns) return finish('max-insns');
    const chunk = Math.min(next < times.length ? EXPECT_CHUNK : FREE_CHUNK, maxInsns - spent);
    const r = m.run(chunk);
    hooks.onChunk?.(m);
    const out = m.drainSerial();
    if (out.length) {
      chunks.push(out);
      hooks.onSerial?.(out);
      matchText += latin1(out).replace(/\r/g, '');
    }
    advance();
    if (next >= times.length && times.length > 0) return finish('script-done');
    const reason: StopReason = r.reason;
    if ((hooks.tohost || reason === 'tohost') && m.tohostAddr >= 0 && m.tohost() !== 0) {
      const v = m.tohost();
      return v === 1
        ? finish('tohost-pass', { guestCode: v })
        : finish('tohost-fail', { guestCode: v, message: `FAIL test ${v >>> 1}` });
    }
    if (reason === 'poweroff') {
      const code = m.exitCode ?? 0;
      return code === 0
        ? finish('poweroff', { guestCode: 0 })
        : finish('guest-fail', { guestCode: code, message: `guest failed with exit code ${code}` });
    }
    if (reason === 'idle' && r.cycles === 0) return finish('idle');
  }
}

/** One trace-port record as a line: "[trace 1.234567890 s, 12345 insns] phase KEXEC_LOAD addr=0x..." */
export function describeTrace(e: TraceEvent): string {
  const names = e.kind === 'phase' ? PHASE_NAMES : e.kind === 'event' ? EVENT_NAMES : ROLE_NAMES;
  const name = (names as readonly string[])[e.code] || `#${e.code}`;
  const hex = (n: number): string => '0x' + (n >>> 0).toString(16);
  const when = `[trace ${(e.simNs / 1e9).toFixed(9)} s, ${e.instret} insns]`;
  return `${when} ${e.kind} ${name} addr=${hex(e.addr)} count=${e.kind === 'event' ? hex(e.count) : e.count}`;
}
