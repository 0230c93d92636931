// `npm run test:guest`: the committed guest images must be exactly what the sources
// build. Rebuilds everything into a temporary directory and compares each file of
// public/images byte for byte, naming every file that differs or is missing.
// Without clang-19 it says how to install it and passes, unless CI=true.

import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ToolMissingError, buildGuest, checkTools } from '../guest/tools/build';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const IMAGES = join(ROOT, 'public/images');

/** Names of the files that differ between two directories, with the reason. */
export function compareImages(committedDir: string, builtDir: string): string[] {
  const problems: string[] = [];
  const committed = existsSync(committedDir) ? readdirSync(committedDir).sort() : [];
  const built = readdirSync(builtDir).sort();
  for (const name of built) {
    if (!committed.includes(name)) {
      problems.push(`${name}: built but not in public/images`);
      continue;
    }
    const a = readFileSync(join(committedDir, name));
    const b = readFileSync(join(builtDir, name));
    if (a.length !== b.length) {
      problems.push(`${name}: ${a.length} bytes committed, ${b.length} bytes built`);
    } else if (!a.equals(b)) {
      let at = 0;
      while (a[at] === b[at]) at++;
      problems.push(`${name}: differs from byte 0x${at.toString(16)} on`);
    }
  }
  for (const name of committed) {
    if (!built.includes(name) && !name.startsWith('.'))
      problems.push(`${name}: in public/images but not built`);
  }
  return problems;
}

function main(): number {
  const ci = process.env.CI === 'true' || process.env.CI === '1';
  try {
    checkTools();
  } catch (e) {
    if (!(e instanceof ToolMissingError)) throw e;
    const bar = '!'.repeat(78);
    console.error(
      `\n${bar}\n!! test:guest: ${e.message.replace(/\n/g, '\n!! ')}\n!! The reproducibility check did not run.\n${bar}\n`,
    );
    return ci ? 1 : 0;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'kexec-lab-guest-'));
  try {
    buildGuest({ buildDir: join(tmp, 'build'), imagesDir: join(tmp, 'images'), verbose: false });
    const problems = compareImages(IMAGES, join(tmp, 'images'));
    if (problems.length) {
      console.error('test:guest: public/images does not match a fresh build of guest/:');
      for (const p of problems) console.error(`  ${p}`);
      console.error('Rebuild with `npm run build:guest` and commit public/images.');
      return 1;
    }
    console.log(`test:guest: ${readdirSync(join(tmp, 'images')).length} images identical to a fresh build`);
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) process.exit(main());
