// The guest toolchain as the ISA tests and benchmarks use it: clang-19 for rv32 with the
// project's flags (as guest/tools/build.ts), and QEMU for cross-checks. Missing tools are reported by
// the callers with the apt-get command that installs them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CLANG = 'clang-19';
export const QEMU = 'qemu-system-riscv32';
export const APT_TOOLCHAIN = 'apt-get install -y clang-19 lld-19 llvm-19';

/** Flags for every guest build; no -g so that builds are byte-identical. */
export const CLANG_FLAGS = [
  '--target=riscv32',
  '-march=rv32ima_zicsr_zifencei',
  '-mabi=ilp32',
  '-ffreestanding',
  '-nostdlib',
  '-fno-pic',
  '-mcmodel=medany',
  '-fuse-ld=lld',
  '-Wl,--build-id=none',
  '-O2',
  '-Wall',
  '-Wextra',
];

/** QEMU's virt board with the same CPU as ours: RV32IMA, no C, F, D, H. */
export const QEMU_ARGS = [
  '-M',
  'virt',
  '-bios',
  'none',
  '-nographic',
  '-monitor',
  'none',
  '-serial',
  'null',
  '-cpu',
  'rv32,c=false,f=false,d=false,h=false',
];

export function hasTool(name: string): boolean {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
}

export function isCi(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}

/** Prints a banner that cannot be missed in a long log. */
export function loud(lines: string[]): void {
  const bar = '!'.repeat(78);
  console.error(`\n${bar}\n${lines.map((l) => `!! ${l}`).join('\n')}\n${bar}\n`);
}

/**
 * Compiles and links `sources` into `out` with the project flags plus `extra`
 * (include paths, linker script). Returns the compiler's diagnostics on failure.
 */
export function clangLink(sources: string[], out: string, extra: string[]): { ok: boolean; log: string } {
  const r = spawnSync(CLANG, [...CLANG_FLAGS, ...extra, ...sources, '-o', out], { encoding: 'utf8' });
  return { ok: r.status === 0 && existsSync(out), log: `${r.stdout}${r.stderr}`.trim() };
}
