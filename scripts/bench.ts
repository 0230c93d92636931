// `npm run bench [-- --json] [--repeat N] [--only NAME] [--no-browser] [--qemu] [--detached]`:
// CPU-bound guest programs (guest/bench: SHA-256 over 1 MiB, page memcpy, a branchy loop;
// S-mode with Sv32 paging on) run to completion on the Machine in Node (a child process on
// a plain-JS bundle) and in a Chromium Web Worker, N runs each in one process/worker (the
// first includes the JIT warm-up), and the MIPS of each are printed. References: --qemu
// adds QEMU's TCG, --detached Node after an ArrayBuffer was detached (see
// bench/node-entry.ts). Targets: 150 MIPS in Node, 100 in the worker. Speed is reported,
// never asserted; a benchmark whose own result check fails, or whose instruction count
// differs between runs, is an error.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { mips, type BenchRun } from './bench/run-machine';
import type { NodeBenchResult } from './bench/node-entry';
import { APT_TOOLCHAIN, CLANG, QEMU, QEMU_ARGS, clangLink, hasTool, isCi, loud } from './bench/toolchain';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'guest/bench');
const OUT = join(ROOT, 'guest/build/bench');
const TARGET_NODE = 150;
const TARGET_BROWSER = 100;

const BENCHES: { name: string; source: string; what: string }[] = [
  { name: 'sha256-1m', source: 'sha256-1m.c', what: 'SHA-256 over 1 MiB (guest/lib/sha256.c)' },
  { name: 'memcpy-pages', source: 'memcpy-pages.c', what: '16 x 256 page copies (guest/lib memcpy)' },
  { name: 'branchy', source: 'branchy.c', what: 'Collatz 1..100000, data-dependent branches' },
];

interface Options {
  json: boolean;
  repeat: number;
  only: string[];
  browser: boolean;
  qemu: boolean;
  detached: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { json: false, repeat: 3, only: [], browser: true, qemu: false, detached: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') o.json = true;
    else if (a === '--no-browser') o.browser = false;
    else if (a === '--qemu') o.qemu = true;
    else if (a === '--detached') o.detached = true;
    else if (a === '--repeat' && i + 1 < argv.length) o.repeat = Math.max(1, Number(argv[++i]) | 0);
    else if (a === '--only' && i + 1 < argv.length) o.only.push(argv[++i]);
    else {
      console.error(
        `bench: unknown argument ${a}\nusage: bench [--json] [--repeat N] [--only NAME] [--no-browser] [--qemu] [--detached]`,
      );
      process.exit(2);
    }
  }
  return o;
}

function buildAll(names: string[]): Map<string, Uint8Array> {
  mkdirSync(OUT, { recursive: true });
  const elves = new Map<string, Uint8Array>();
  for (const b of BENCHES.filter((x) => names.includes(x.name))) {
    const out = join(OUT, `${b.name}.elf`);
    const r = clangLink(
      [
        join(SRC, 'start.S'),
        join(SRC, b.source),
        join(ROOT, 'guest/lib/sha256.c'),
        join(ROOT, 'guest/lib/string.c'),
      ],
      out,
      [`-I${join(ROOT, 'guest')}`, `-I${SRC}`, `-T${join(SRC, 'link.ld')}`],
    );
    if (!r.ok) throw new Error(`build of ${b.name} failed:\n${r.log}`);
    elves.set(b.name, new Uint8Array(readFileSync(out)));
  }
  return elves;
}

interface Row {
  name: string;
  env: 'node' | 'node-detached' | 'chromium-worker' | 'qemu-tcg';
  instret: number;
  /** MIPS of each run, in order (the first includes JIT warm-up). */
  mips: number[];
  best: number;
  median: number;
  /** Node only: MIPS over the process's CPU time, less sensitive to a loaded machine. */
  cpuMips?: number;
  target: number;
}

function summarize(name: string, env: Row['env'], runs: BenchRun[], target: number): Row {
  if (runs.some((r) => r.instret !== runs[0].instret))
    throw new Error(
      `${name} (${env}): instruction counts differ between runs: ${runs.map((r) => r.instret).join(', ')}`,
    );
  for (const r of runs)
    if (r.tohost !== 1)
      throw new Error(
        `${name} (${env}): the benchmark's check failed: tohost = ${r.tohost} (${r.reason}), case ${r.tohost >>> 1}`,
      );
  const m = runs.map(mips);
  const sorted = [...m].sort((a, b) => a - b);
  return {
    name,
    env,
    instret: runs[0].instret,
    mips: m,
    best: sorted[sorted.length - 1],
    median: sorted[Math.floor(sorted.length / 2)],
    target,
  };
}

/** A plain-JavaScript bundle of bench/node-entry.ts (see that file for why not this tsx process). */
async function bundleNodeEntry(): Promise<string> {
  const bundle = join(OUT, 'node-bench.mjs');
  await build({
    entryPoints: [join(ROOT, 'scripts/bench/node-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    logLevel: 'warning',
  });
  return bundle;
}

/** Each benchmark in its own `node` process on the bundle (one JIT warm-up each, like the Chromium worker). */
function runNode(bundle: string, names: string[], repeat: number, detached = false): Row[] {
  const rows: Row[] = [];
  for (const name of names) {
    const args = [bundle, join(OUT, `${name}.elf`), String(repeat), ...(detached ? ['detached'] : [])];
    const r = spawnSync(process.execPath, args, {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    if (r.status !== 0) throw new Error(`${name} in Node failed (exit ${r.status}):\n${r.stderr}`);
    const res = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as NodeBenchResult;
    const env = detached ? 'node-detached' : 'node';
    rows.push({ ...summarize(name, env, res.runs, detached ? 0 : TARGET_NODE), cpuMips: res.cpuMips });
  }
  return rows;
}

/**
 * For reference only: the same ELF on QEMU (TCG), timed from the outside, start-up
 * included; the instruction count is taken from our run (same program, no timing
 * dependence). The exit status also cross-checks the benchmark's own result.
 */
function runQemu(elves: Map<string, Uint8Array>, nodeRows: Row[], repeat: number): Row[] {
  const rows: Row[] = [];
  for (const name of elves.keys()) {
    const instret = nodeRows.find((r) => r.name === name)?.instret ?? 0;
    const runs: BenchRun[] = [];
    for (let i = 0; i < repeat; i++) {
      const t0 = performance.now();
      const r = spawnSync('timeout', ['120', QEMU, ...QEMU_ARGS, '-kernel', join(OUT, `${name}.elf`)]);
      const wallMs = performance.now() - t0;
      const tohost = r.status === 0 ? 1 : ((r.status ?? 0) << 1) | 1;
      runs.push({ instret, wallMs, simNs: 0, tohost, reason: `exit ${r.status}` });
    }
    rows.push(summarize(name, 'qemu-tcg', runs, 0));
  }
  return rows;
}

function printTable(rows: Row[], browserNote: string): void {
  const f = (x: number): string => x.toFixed(1).padStart(7);
  console.log(
    `\n${'benchmark'.padEnd(14)}${'where'.padEnd(17)}${'Minsns'.padStart(8)}${'best'.padStart(8)}${'median'.padStart(8)}${'cpu'.padStart(8)}  target`,
  );
  for (const r of rows) {
    const cpu = r.cpuMips !== undefined ? f(r.cpuMips) : '      -';
    const verdict = r.target === 0 ? '(reference)' : `${r.target} ${r.best >= r.target ? 'met' : 'BELOW'}`;
    console.log(
      `${r.name.padEnd(14)}${r.env.padEnd(17)}${(r.instret / 1e6).toFixed(1).padStart(8)} ${f(r.best)} ${f(r.median)} ${cpu}  ${verdict}`,
    );
  }
  console.log(
    '\nMIPS = retired guest instructions / wall-clock microseconds; "cpu" = per CPU-time (Node only);\n' +
      'the median includes the first run (JIT warm-up).',
  );
  if (browserNote) console.log(browserNote);
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (!hasTool(CLANG)) {
    loud([`bench: ${CLANG} not found, the guest benchmarks cannot be built.`, `Install: ${APT_TOOLCHAIN}`]);
    process.exit(isCi() ? 1 : 0);
  }
  const names = opts.only.length > 0 ? opts.only : BENCHES.map((b) => b.name);
  const unknown = names.filter((n) => !BENCHES.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(`bench: no benchmark named ${unknown.join(', ')}`);
    process.exit(2);
  }
  const elves = buildAll(names);
  if (!opts.json) {
    for (const b of BENCHES.filter((x) => names.includes(x.name)))
      console.log(`${b.name.padEnd(14)}${b.what}`);
    console.log(
      `host: ${cpus()[0]?.model ?? '?'} x${cpus().length}, load average ${loadavg()[0].toFixed(2)}`,
    );
  }
  const bundle = await bundleNodeEntry();
  const rows = runNode(bundle, [...elves.keys()], opts.repeat);
  if (opts.detached) rows.push(...runNode(bundle, [...elves.keys()], opts.repeat, true));
  let browserNote = '';
  let browserName: string | null = null;
  if (opts.browser) {
    try {
      const { runInChromium } = await import('./bench/chromium');
      const res = await runInChromium(elves, opts.repeat);
      browserName = res.browser;
      for (const [name, runs] of res.runs)
        rows.push(summarize(name, 'chromium-worker', runs, TARGET_BROWSER));
      browserNote = `browser: ${res.browser}`;
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (/tohost|deterministic|differ/.test(msg)) throw err;
      loud([
        'bench: the Chromium worker run failed:',
        msg.split('\n')[0],
        'Install: apt-get install -y chromium',
      ]);
      browserNote = 'browser: not run';
    }
  }
  if (opts.qemu) {
    if (hasTool(QEMU)) rows.push(...runQemu(elves, rows, opts.repeat));
    else loud([`bench --qemu: ${QEMU} not found.`, 'Install: apt-get install -y qemu-system-misc']);
  }
  // Same ELF, same machine: the instruction count must not depend on where it ran.
  for (const r of rows.filter((x) => x.env === 'chromium-worker')) {
    const n = rows.find((x) => x.env === 'node' && x.name === r.name);
    if (n && n.instret !== r.instret)
      throw new Error(
        `${r.name}: not deterministic: ${n.instret} instructions in Node, ${r.instret} in Chromium`,
      );
  }
  if (opts.json) {
    console.log(
      JSON.stringify(
        { repeat: opts.repeat, loadavg: loadavg()[0], browser: browserName, results: rows },
        null,
        0,
      ),
    );
  } else printTable(rows, browserNote);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
