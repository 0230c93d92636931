// What a run of an ISA test program means: the outcome reported by kexec-lab's headless
// runner (exit status + "FAIL test N") or by QEMU (the sifive_test exit status), and
// what the manifest (guest/isa-tests/manifest.json) says it should be.

export type Outcome =
  { kind: 'pass' } | { kind: 'fail'; test: number } | { kind: 'timeout' } | { kind: 'error'; detail: string };

export type Expectation = 'pass' | { fail: number };

export interface ManifestEntry {
  name: string;
  source: string;
  covers: string;
  expect: Expectation;
  /** QEMU 7.2's result where it deviates from the spec, with the reason. */
  qemu?: { fail: number; reason: string };
}

/** Validates guest/isa-tests/manifest.json; throws with a readable message. */
export function parseManifest(text: string): ManifestEntry[] {
  const json: unknown = JSON.parse(text);
  const programs = (json as { programs?: unknown }).programs;
  if (!Array.isArray(programs)) throw new Error('manifest: "programs" must be an array');
  return programs.map((p: unknown, i: number) => {
    const e = p as Partial<ManifestEntry>;
    const where = `manifest: programs[${i}]`;
    if (typeof e.name !== 'string' || typeof e.source !== 'string' || typeof e.covers !== 'string')
      throw new Error(`${where}: name, source and covers must be strings`);
    if (e.expect !== 'pass' && !(typeof e.expect === 'object' && Number.isInteger(e.expect?.fail)))
      throw new Error(`${where}: expect must be "pass" or { "fail": N }`);
    if (e.qemu !== undefined && (!Number.isInteger(e.qemu.fail) || typeof e.qemu.reason !== 'string'))
      throw new Error(`${where}: qemu must be { "fail": N, "reason": "..." }`);
    return { name: e.name, source: e.source, covers: e.covers, expect: e.expect, qemu: e.qemu };
  });
}

/**
 * The headless runner (`--elf X --tohost`): exit 0 = tohost 1; exit 1 with
 * "FAIL test N" = tohost (N << 1) | 1; anything else is an error of the runner.
 */
export function runnerOutcome(
  status: number | null,
  signal: string | null,
  output: string,
  timedOut: boolean,
): Outcome {
  if (timedOut) return { kind: 'timeout' };
  if (signal !== null) return { kind: 'error', detail: `killed by ${signal}` };
  const m = /FAIL test (\d+)/.exec(output);
  if (status === 0) return m ? { kind: 'error', detail: 'exit 0 but printed FAIL' } : { kind: 'pass' };
  if (status === 1 && m) return { kind: 'fail', test: Number(m[1]) };
  const tail = output.trim().split('\n').slice(-3).join(' | ');
  return { kind: 'error', detail: `exit ${status}: ${tail.slice(0, 300)}` };
}

/**
 * QEMU with the sifive_test device: 0x5555 exits 0, (n << 16) | 0x3333 exits n & 0xff.
 * `timeout` (coreutils) exits 124 when it had to kill QEMU.
 */
export function qemuOutcome(status: number | null, signal: string | null): Outcome {
  if (status === 124 || signal === 'SIGTERM' || signal === 'SIGKILL') return { kind: 'timeout' };
  if (status === null) return { kind: 'error', detail: `killed by ${signal}` };
  return status === 0 ? { kind: 'pass' } : { kind: 'fail', test: status };
}

/** Whether `o` is what `e` asks for. QEMU's exit status carries only the low 8 bits. */
export function matches(o: Outcome, e: Expectation, low8Only = false): boolean {
  if (e === 'pass') return o.kind === 'pass';
  if (o.kind !== 'fail') return false;
  return low8Only ? o.test === (e.fail & 0xff) : o.test === e.fail;
}

export function describe(o: Outcome): string {
  switch (o.kind) {
    case 'pass':
      return 'pass';
    case 'fail':
      return `FAIL test ${o.test}`;
    case 'timeout':
      return 'TIMEOUT';
    case 'error':
      return `ERROR (${o.detail})`;
  }
}

export function describeExpectation(e: Expectation): string {
  return e === 'pass' ? 'pass' : `FAIL test ${e.fail}`;
}
