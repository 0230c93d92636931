// `npm test`: every suite, in order, with a summary at the end.
//
// Suites that need an outside tool (clang-19, QEMU, a browser) check for it themselves:
// on a contributor's machine a missing tool is reported loudly with the command that
// installs it; under CI=true a missing tool is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

interface Suite {
  name: string;
  cmd: string[];
  /** When set, the suite needs this tool; the message says how to install it. */
  needs?: { ok: () => boolean; install: string };
}

const browserAvailable = (): boolean => existsSync('/usr/bin/chromium') || existsSync(playwrightBrowserDir());
function playwrightBrowserDir(): string {
  const home = process.env.PLAYWRIGHT_BROWSERS_PATH ?? `${process.env.HOME ?? ''}/.cache/ms-playwright`;
  return home;
}

const suites: Suite[] = [
  { name: 'lint (eslint + prettier)', cmd: ['npm', 'run', '-s', 'lint'] },
  { name: 'typecheck (tsc --strict)', cmd: ['npm', 'run', '-s', 'typecheck'] },
  { name: 'unit + golden (vitest)', cmd: ['npm', 'run', '-s', 'test:unit'] },
  { name: 'ISA programs (tohost)', cmd: ['npm', 'run', '-s', 'test:isa'] },
  { name: 'guest images reproducible', cmd: ['npm', 'run', '-s', 'test:guest'] },
  { name: 'QEMU cross-check', cmd: ['npm', 'run', '-s', 'test:qemu'] },
  {
    name: 'e2e (Playwright, Chromium)',
    cmd: ['npm', 'run', '-s', 'test:e2e'],
    needs: {
      ok: browserAvailable,
      install: 'apt-get install -y chromium   (or: npx playwright install chromium)',
    },
  },
];

const ci = process.env.CI === 'true' || process.env.CI === '1';
const only = process.argv.slice(2);
const results: { name: string; status: 'pass' | 'FAIL' | 'SKIPPED (tool missing)'; ms: number }[] = [];

for (const suite of suites) {
  if (only.length > 0 && !only.some((o) => suite.name.includes(o))) continue;
  const t0 = Date.now();
  if (suite.needs && !suite.needs.ok()) {
    const banner = '!'.repeat(78);
    console.error(
      `\n${banner}\n!! ${suite.name}: required tool missing.\n!! Install: ${suite.needs.install}\n${banner}\n`,
    );
    results.push({ name: suite.name, status: ci ? 'FAIL' : 'SKIPPED (tool missing)', ms: 0 });
    continue;
  }
  console.log(`\n=== ${suite.name}: ${suite.cmd.join(' ')}`);
  const r = spawnSync(suite.cmd[0], suite.cmd.slice(1), { stdio: 'inherit' });
  results.push({ name: suite.name, status: r.status === 0 ? 'pass' : 'FAIL', ms: Date.now() - t0 });
}

console.log('\n=== summary');
for (const r of results) console.log(`  ${r.status.padEnd(22)} ${r.name}  (${(r.ms / 1000).toFixed(1)} s)`);
const failed = results.filter((r) => r.status === 'FAIL');
if (failed.length > 0) {
  console.log(`\n${failed.length} suite(s) failed.`);
  process.exit(1);
}
console.log('\nall suites passed');
