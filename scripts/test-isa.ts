// `npm run test:isa [-- --qemu] [--no-qemu] [--only NAME]`: builds every ISA test program
// of guest/isa-tests (listed in its manifest.json) into guest/build/isa/ and runs each
// through kexec-lab's headless runner (`tsx workers/cli/main.ts --elf X --tohost`), and on
// QEMU when qemu-system-riscv32 is installed (or --qemu is given). One line per program.
// A result other than the manifest's expectation, on either machine, fails the suite; the
// must-fail program must fail with its case number, so a runner that always passes is
// caught. Disagreements between the two machines are listed at the end.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  describe,
  describeExpectation,
  matches,
  parseManifest,
  qemuOutcome,
  runnerOutcome,
  type ManifestEntry,
  type Outcome,
} from './bench/outcome';
import { APT_TOOLCHAIN, CLANG, QEMU, QEMU_ARGS, clangLink, hasTool, isCi, loud } from './bench/toolchain';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'guest/isa-tests');
const OUT = join(ROOT, 'guest/build/isa');
const CLI = join(ROOT, 'workers/cli/main.ts');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const RUNNER_TIMEOUT_MS = 120_000;
const QEMU_TIMEOUT_S = 20;

interface Options {
  qemu: 'auto' | 'on' | 'off';
  only: string[];
}

function parseArgs(argv: string[]): Options {
  const o: Options = { qemu: 'auto', only: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--qemu') o.qemu = 'on';
    else if (a === '--no-qemu') o.qemu = 'off';
    else if (a === '--only' && i + 1 < argv.length) o.only.push(argv[++i]);
    else {
      console.error(`test-isa: unknown argument ${a}\nusage: test-isa [--qemu | --no-qemu] [--only NAME]...`);
      process.exit(2);
    }
  }
  return o;
}

/** Every .S file under guest/isa-tests that is a program (not the shared crt). */
function programSources(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory() && e.name !== 'common' && e.name !== 'include') walk(p);
      else if (e.isFile() && e.name.endsWith('.S')) found.push(relative(SRC, p));
    }
  };
  walk(SRC);
  return found.sort();
}

function build(p: ManifestEntry): string | null {
  const elf = join(OUT, `${p.name}.elf`);
  const r = clangLink([join(SRC, 'common/crt.S'), join(SRC, p.source)], elf, [
    `-I${join(SRC, 'include')}`,
    `-T${join(SRC, 'link.ld')}`,
  ]);
  if (r.ok) return elf;
  console.error(`build of ${p.name} failed:\n${r.log}`);
  return null;
}

function runOurs(elf: string): Outcome {
  const r = spawnSync(TSX, [CLI, '--elf', elf, '--tohost'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: RUNNER_TIMEOUT_MS,
    maxBuffer: 16 << 20,
  });
  const timedOut = r.error !== undefined && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT';
  return runnerOutcome(r.status, timedOut ? null : r.signal, `${r.stdout ?? ''}${r.stderr ?? ''}`, timedOut);
}

function runQemu(elf: string): Outcome {
  const r = spawnSync('timeout', [`${QEMU_TIMEOUT_S}`, QEMU, ...QEMU_ARGS, '-kernel', elf], {
    encoding: 'utf8',
  });
  return qemuOutcome(r.status, r.signal);
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  if (!hasTool(CLANG)) {
    loud([`test:isa: ${CLANG} not found, ISA programs cannot be built.`, `Install: ${APT_TOOLCHAIN}`]);
    process.exit(isCi() ? 1 : 0);
  }
  const useQemu = opts.qemu === 'on' || (opts.qemu === 'auto' && hasTool(QEMU));
  if (opts.qemu === 'on' && !hasTool(QEMU)) {
    loud([`test:isa --qemu: ${QEMU} not found.`, 'Install: apt-get install -y qemu-system-misc']);
    process.exit(1);
  }
  const haveRunner = existsSync(CLI);
  if (!haveRunner) loud([`test:isa: the headless runner ${relative(ROOT, CLI)} does not exist yet.`]);

  const manifest = parseManifest(readFileSync(join(SRC, 'manifest.json'), 'utf8'));
  const listed = new Set(manifest.map((p) => p.source));
  const unlisted = programSources().filter((s) => !listed.has(s));
  if (unlisted.length > 0) {
    console.error(`test:isa: programs missing from guest/isa-tests/manifest.json: ${unlisted.join(', ')}`);
    process.exit(1);
  }
  const selected = opts.only.length > 0 ? manifest.filter((p) => opts.only.includes(p.name)) : manifest;
  if (selected.length === 0) {
    console.error(`test:isa: no program named ${opts.only.join(', ')}`);
    process.exit(2);
  }
  mkdirSync(OUT, { recursive: true });

  let failures = haveRunner ? 0 : 1;
  const disagreements: string[] = [];
  const width = Math.max(...selected.map((p) => p.name.length));
  console.log(`${'program'.padEnd(width)}  ${'kexec-lab'.padEnd(16)}${useQemu ? '  qemu' : ''}`);
  for (const p of selected) {
    const elf = build(p);
    if (!elf) {
      failures++;
      console.log(`${p.name.padEnd(width)}  BUILD FAILED`);
      continue;
    }
    const cells: string[] = [];
    let ours: Outcome | null = null;
    if (haveRunner) {
      ours = runOurs(elf);
      const ok = matches(ours, p.expect);
      if (!ok) failures++;
      cells.push(`${describe(ours)}${ok ? '' : ` (expected ${describeExpectation(p.expect)})`}`.padEnd(16));
    } else cells.push('NO RUNNER'.padEnd(16));
    if (useQemu) {
      const q = runQemu(elf);
      const want = p.qemu ? { fail: p.qemu.fail } : p.expect;
      const ok = matches(q, want, true);
      if (!ok) failures++;
      cells.push(
        `${describe(q)}${ok ? '' : ` (expected ${describeExpectation(want)})`}${p.qemu && ok ? ' [known QEMU 7.2 deviation]' : ''}`,
      );
      if (ours && describe(ours) !== describe(q) && !(p.qemu && ok && matches(ours, p.expect)))
        disagreements.push(`${p.name}: kexec-lab ${describe(ours)}, QEMU ${describe(q)}`);
    }
    console.log(`${p.name.padEnd(width)}  ${cells.join('  ')}`);
  }
  if (disagreements.length > 0) {
    console.log('\nkexec-lab and QEMU disagree:');
    for (const d of disagreements) console.log(`  ${d}`);
  }
  for (const p of selected.filter((q) => q.qemu && useQemu))
    console.log(`note: ${p.name} on QEMU: ${p.qemu?.reason}`);
  console.log(
    failures === 0 ? '\ntest:isa: all programs gave their expected result' : `\ntest:isa: ${failures} FAILED`,
  );
  process.exit(failures === 0 ? 0 : 1);
}

main();
