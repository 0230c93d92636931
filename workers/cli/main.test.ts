import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bare, hello, TOHOST } from '../machine/test-programs';
import { T0, T1 } from '../machine/test-asm';

function runner(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'workers/cli/main.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'kexec-lab-cli-'));
function file(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe('machine runner (process)', () => {
  it('exits 2 with a clear message on bad usage or input', () => {
    let r = runner('--bogus');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option --bogus/);
    r = runner('--tohost');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--tohost needs --elf/);
    r = runner('--elf', join(dir, 'missing.elf'), '--tohost');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/does not exist/);
    r = runner('--elf', file('junk.elf', Uint8Array.of(1, 2, 3)), '--tohost');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/ELF/);
    r = runner('--ram', '8');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--ram 8/);
  });

  it('--tohost: prints FAIL test N and exits 1; --json is the last line', () => {
    const elf = bare(
      (a) =>
        a
          .li(T0, TOHOST)
          .li(T1, (5 << 1) | 1)
          .sw(T1, 0, T0)
          .label('s')
          .j('s'),
      {
        tohost: TOHOST,
      },
    );
    const r = runner('--elf', file('fail.elf', elf), '--tohost', '--json');
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain('FAIL test 5');
    const json = JSON.parse(lines[lines.length - 1]) as Record<string, unknown>;
    expect(json).toMatchObject({ exitReason: 'tohost-fail', exitCode: 1, guestCode: 11 });
    expect(typeof json.stateHash).toBe('string');
  });

  it('copies serial output to stdout and exits 0 at power off', () => {
    const r = runner('--elf', file('hello.elf', hello()), '--ram', '16', '--expect', 'hello');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('hello\n');
  });
});
