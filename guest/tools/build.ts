// build.ts: `npm run build:guest`. Builds the guest images with clang-19/lld-19 into
// guest/build/ and copies them to public/images/: firmware.elf, purgatory (embedded by
// the kernel), kestrel-1.0.elf and kestrel-2.0.elf, their .sym files, and disk.img.
// Generic over the source tree: every *.c / *.S under an image's directory is compiled,
// so the helpers who own the kernel and purgatory never edit this file.
// Byte-reproducible: no -g, sorted inputs, paths relative to the repository root.

import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
  copyFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CMDLINE, makeDisk } from './mkdisk';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const TOOLS = {
  cc: 'clang-19',
  lld: 'ld.lld-19',
  objcopy: 'llvm-objcopy-19',
  nm: 'llvm-nm-19',
} as const;

export const INSTALL_HINT = 'apt-get install -y clang-19 lld-19 llvm-19';

/** The project's rv32 flags; gnu11 for typeof and statement expressions. */
export const CFLAGS = [
  '--target=riscv32',
  '-march=rv32ima_zicsr_zifencei',
  '-mabi=ilp32',
  '-std=gnu11',
  '-ffreestanding',
  '-nostdlib',
  '-fno-pic',
  '-fno-stack-protector',
  '-fno-asynchronous-unwind-tables',
  '-fno-unwind-tables',
  '-mcmodel=medany',
  '-fuse-ld=lld',
  '-static',
  '-Wl,--build-id=none',
  '-O2',
  '-Wall',
  '-Wextra',
];

export interface BuildOptions {
  /** Repository root holding guest/ (default: this checkout). */
  root?: string;
  /** Object and intermediate files (default guest/build). */
  buildDir: string;
  /** Where the finished images are copied (default public/images). */
  imagesDir: string;
  /** Print each step. */
  verbose: boolean;
}

export class ToolMissingError extends Error {}

/** Throws ToolMissingError naming the first missing tool and the install command. */
export function checkTools(): void {
  for (const tool of Object.values(TOOLS)) {
    const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
    if (r.error || r.status !== 0) {
      throw new ToolMissingError(`${tool} not found. Install the toolchain with:\n    ${INSTALL_HINT}`);
    }
  }
}

function run(cmd: string, args: string[], verbose: boolean, cwd = REPO_ROOT): string {
  if (verbose) console.log(`  ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(`${cmd} failed (exit ${r.status}):\n${r.stderr}${r.stdout}`);
  }
  if (r.stderr.trim()) process.stderr.write(r.stderr);
  return r.stdout;
}

/** Sorted source files (*.c, *.S) under dir, relative to the repository root. */
export function sources(dir: string, recursive: boolean, root = REPO_ROOT): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (recursive) walk(p);
      } else if (/\.(c|S)$/.test(name)) {
        out.push(relative(root, p));
      }
    }
  };
  walk(abs);
  return out.sort();
}

interface ImageSpec {
  /** Output file name in buildDir. */
  out: string;
  srcDir: string;
  recursive: boolean;
  linkerScript: string;
  defines: string[];
  /** Extra compiler and linker flags for this image only. */
  flags?: string[];
}

/**
 * Purgatory links all of guest/lib but calls a few functions of it: one section per
 * function and per object lets the linker drop the rest (24 KB -> ~3.4 KB of blob that
 * every `kexec -l` copies and hashes). The linker script KEEPs the entry and its info.
 */
export const PURGATORY_FLAGS = ['-ffunction-sections', '-fdata-sections', '-Wl,--gc-sections'];

function linkImage(spec: ImageSpec, opts: BuildOptions): string {
  const root = opts.root ?? REPO_ROOT;
  const out = join(opts.buildDir, spec.out);
  const srcs = [...sources(spec.srcDir, spec.recursive, root), ...sources('guest/lib', false, root)];
  run(
    TOOLS.cc,
    [
      ...CFLAGS,
      '-Iguest',
      `-I${relative(root, opts.buildDir) || '.'}`,
      ...spec.defines,
      ...(spec.flags ?? []),
      `-Wl,-T,${spec.linkerScript}`,
      '-o',
      out,
      ...srcs,
    ],
    opts.verbose,
    root,
  );
  return out;
}

/** `<8 hex> <type> <name>` per defined symbol, sorted by address (llvm-nm -n). */
export function symbolFile(nmOutput: string): string {
  const lines: string[] = [];
  for (const line of nmOutput.split('\n')) {
    const m = /^([0-9a-fA-F]+) (\S) (.+)$/.exec(line.trim());
    if (!m) continue;
    lines.push(`${m[1].toLowerCase().padStart(8, '0').slice(-8)} ${m[2]} ${m[3]}`);
  }
  return lines.join('\n') + '\n';
}

function writeSymbols(elf: string): string {
  const sym = elf.replace(/\.elf$/, '.sym');
  writeFileSync(sym, symbolFile(run(TOOLS.nm, ['-n', elf], false)));
  return sym;
}

export const KERNEL_VERSIONS = [
  { version: '1.0', major: 1, minor: 0 },
  { version: '2.0', major: 2, minor: 0 },
] as const;

/** Builds everything; returns the paths of the files copied into imagesDir. */
export function buildGuest(opts: BuildOptions): string[] {
  checkTools();
  mkdirSync(opts.buildDir, { recursive: true });
  mkdirSync(opts.imagesDir, { recursive: true });
  const copied: string[] = [];
  const step = (msg: string): void => console.log(`[build:guest] ${msg}`);
  // Each image is published as soon as it is built: a kernel that does not compile yet
  // does not hold back a working firmware.
  const publish = (...files: string[]): void => {
    for (const f of files) {
      const dst = join(opts.imagesDir, basename(f));
      copyFileSync(f, dst);
      copied.push(dst);
    }
  };

  step('firmware');
  const fw = linkImage(
    {
      out: 'firmware.elf',
      srcDir: 'guest/firmware',
      recursive: true,
      linkerScript: 'guest/firmware/firmware.ld',
      defines: [],
    },
    opts,
  );
  publish(fw, writeSymbols(fw));

  const root = opts.root ?? REPO_ROOT;
  if (existsSync(join(root, 'guest/purgatory/purgatory.ld'))) {
    step('purgatory');
    const elf = linkImage(
      {
        out: 'purgatory.elf',
        srcDir: 'guest/purgatory',
        recursive: true,
        linkerScript: 'guest/purgatory/purgatory.ld',
        defines: [],
        flags: PURGATORY_FLAGS,
      },
      opts,
    );
    run(TOOLS.objcopy, ['-O', 'binary', elf, join(opts.buildDir, 'purgatory.bin')], opts.verbose);
    writeSymbols(elf);
  }

  const kernels = new Map<string, Uint8Array>();
  if (existsSync(join(root, 'guest/kernel/kernel.ld'))) {
    for (const k of KERNEL_VERSIONS) {
      step(`kestrel ${k.version}`);
      const elf = linkImage(
        {
          out: `kestrel-${k.version}.elf`,
          srcDir: 'guest/kernel',
          recursive: true,
          linkerScript: 'guest/kernel/kernel.ld',
          defines: [
            `-DKESTREL_VERSION_MAJOR=${k.major}`,
            `-DKESTREL_VERSION_MINOR=${k.minor}`,
            `-DKESTREL_VERSION="${k.version}"`,
          ],
        },
        opts,
      );
      publish(elf, writeSymbols(elf));
      kernels.set(k.version, readFileSync(elf));
    }
  } else {
    step('no guest/kernel/kernel.ld yet: disk without kernels');
  }

  step('disk.img');
  const disk = join(opts.buildDir, 'disk.img');
  writeFileSync(
    disk,
    makeDisk({ kernels, defaultVersion: '1.0', cmdline: DEFAULT_CMDLINE, extraFiles: rootfsFiles(root) }),
  );
  publish(disk);

  step(
    `images in ${relative(REPO_ROOT, opts.imagesDir) || opts.imagesDir}: ${copied.map((c) => basename(c)).join(', ')}`,
  );
  return copied;
}

/** Files under guest/rootfs/ (if that directory exists) go onto the disk as they are. */
export function rootfsFiles(repoRoot = REPO_ROOT): Map<string, Uint8Array> {
  const root = join(repoRoot, 'guest/rootfs');
  const files = new Map<string, Uint8Array>();
  if (!existsSync(root)) return files;
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(root, p), readFileSync(p));
    }
  };
  walk(root);
  return files;
}

function parseArgs(argv: string[]): BuildOptions {
  const opts: BuildOptions = {
    buildDir: join(REPO_ROOT, 'guest/build'),
    imagesDir: join(REPO_ROOT, 'public/images'),
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--build-dir') opts.buildDir = resolve(argv[++i]);
    else if (a === '--images') opts.imagesDir = resolve(argv[++i]);
    else if (a === '--root') opts.root = resolve(argv[++i]);
    else if (a === '-v' || a === '--verbose') opts.verbose = true;
    else throw new Error(`unknown argument ${a} (use --build-dir DIR, --images DIR, --root DIR, -v)`);
  }
  return opts;
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  try {
    buildGuest(parseArgs(process.argv.slice(2)));
  } catch (e) {
    if (e instanceof ToolMissingError) {
      console.error(`\n*** build:guest: ${e.message}\n`);
      process.exit(1);
    }
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
