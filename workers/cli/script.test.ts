import { describe, expect, it } from 'vitest';
import { describeTrace, runScript, unescapeExpected, unescapeTyped, type Step } from './script';
import { bare, echoProgram, hello, powerOff, promptProgram, TOHOST } from '../machine/test-programs';
import { T0, T1 } from '../machine/test-asm';

const expectStep = (text: string): Step => ({ kind: 'expect', text });
const typeStep = (text: string): Step => ({ kind: 'type', text });

function tohostProgram(value: number): Uint8Array {
  return bare((a) => a.li(T0, TOHOST).li(T1, value).sw(T1, 0, T0).label('spin').j('spin'), {
    tohost: TOHOST,
  });
}

describe('runScript', () => {
  it('waits, types and waits again, timing each step in instructions and simulated ns', () => {
    const r = runScript(
      { bareElf: promptProgram(), ramMiB: 16 },
      [expectStep('ready> '), typeStep('uname\r'), expectStep('ok\nready> ')],
      50_000_000,
    );
    expect(r.exitReason).toBe('script-done');
    expect(r.exitCode).toBe(0);
    expect(r.serial).toBe('ready> uname\r\nok\r\nready> ');
    const [a, b, c] = r.steps;
    expect(a.done && b.done && c.done).toBe(true);
    expect(b.instret).toBe(a.instret);
    expect(c.instret as number).toBeGreaterThan(b.instret as number);
    expect(c.simNs as number).toBeGreaterThan(b.simNs as number);
  });

  it('types more than a FIFO full into a polling guest without losing a byte', () => {
    const line = 'kexec -l /boot/vmlinuz-2.0 --append="console=ttyS0 quiet"';
    const r = runScript(
      { bareElf: promptProgram(), ramMiB: 16 },
      [expectStep('ready> '), typeStep(line + '\r'), expectStep('ok\nready> ')],
      50_000_000,
    );
    expect(r.exitCode).toBe(0);
    expect(r.serial).toContain(`ready> ${line}\r\nok`);
  });

  it('an expectation only matches output produced after the previous step', () => {
    // The first prompt is already on the console when we type; the second expect must
    // wait for the prompt that follows Enter, not match the first one again.
    const r = runScript(
      { bareElf: promptProgram(), ramMiB: 16 },
      [expectStep('ready> '), typeStep('x'), expectStep('ready> ')],
      2_000_000,
    );
    expect(r.exitCode).toBe(3);
    expect(r.exitReason).toBe('max-insns');
    expect(r.steps.map((s) => s.done)).toEqual([true, true, false]);
    expect(r.steps[2].instret).toBeNull();
  });

  it('stops at once when the hart sleeps with nothing to wake it, expectations pending', () => {
    const r = runScript({ bareElf: echoProgram(), ramMiB: 16 }, [typeStep('hi'), expectStep('never')], 5e9);
    expect(r.exitReason).toBe('idle');
    expect(r.exitCode).toBe(3);
    expect(r.serial).toBe('hi');
    expect(r.instret).toBeLessThan(100_000);
  });

  it('runs to power off without steps', () => {
    const r = runScript({ bareElf: hello(), ramMiB: 16 }, [], 1e9);
    expect(r).toMatchObject({ exitReason: 'poweroff', exitCode: 0, serial: 'hello\n' });
  });

  it('pending expectations at power off exit 3; a syscon fail code exits 1', () => {
    expect(runScript({ bareElf: hello(), ramMiB: 16 }, [expectStep('bye')], 1e9).exitCode).toBe(3);
    const fail = runScript({ bareElf: bare((a) => powerOff(a, 0x3333 | (9 << 16))), ramMiB: 16 }, [], 1e9);
    expect(fail).toMatchObject({ exitReason: 'guest-fail', exitCode: 1, guestCode: 9 });
  });

  it('tohost: 1 passes, (n << 1) | 1 fails test n', () => {
    const pass = runScript({ bareElf: tohostProgram(1), ramMiB: 16 }, [], 1e9, { tohost: true });
    expect(pass).toMatchObject({ exitReason: 'tohost-pass', exitCode: 0 });
    const fail = runScript({ bareElf: tohostProgram((3 << 1) | 1), ramMiB: 16 }, [], 1e9, { tohost: true });
    expect(fail).toMatchObject({ exitReason: 'tohost-fail', exitCode: 1, message: 'FAIL test 3' });
  });

  it('hands serial bytes to onSerial as they are produced, and is deterministic', () => {
    const seen: number[] = [];
    const steps = [expectStep('ready> '), typeStep('kexec -e\r'), expectStep('ok')];
    const a = runScript({ bareElf: promptProgram(), ramMiB: 16 }, steps, 1e8, {
      onSerial: (b) => seen.push(...b),
    });
    const b = runScript({ bareElf: promptProgram(), ramMiB: 16 }, steps, 1e8);
    expect(new TextDecoder().decode(Uint8Array.from(seen))).toBe(a.serial);
    expect(b.stateHash).toBe(a.stateHash);
    expect(b.steps).toEqual(a.steps);
  });

  it('unescapes runner arguments: \\n is Enter when typed, a newline when expected', () => {
    expect(unescapeTyped('ls\\n')).toBe('ls\r');
    expect(unescapeTyped('a\\\\b\\x03')).toBe('a\\b\x03');
    expect(unescapeExpected('ok\\nready')).toBe('ok\nready');
    expect(unescapeExpected('tab\\there')).toBe('tab\there');
  });

  it('formats trace records for --trace', () => {
    const base = { addr: 0x8040_0000, count: 3, instret: 1234, simNs: 12340 };
    expect(describeTrace({ kind: 'phase', code: 5, ...base })).toBe(
      '[trace 0.000012340 s, 1234 insns] phase KEXEC_LOAD addr=0x80400000 count=3',
    );
    expect(describeTrace({ kind: 'event', code: 1, ...base })).toMatch(
      /event PAGE_COPIED addr=0x80400000 count=0x3$/,
    );
    expect(describeTrace({ kind: 'role', code: 99, ...base })).toMatch(/role #99 /);
  });

  it('calls onChunk after every run chunk', () => {
    let chunks = 0;
    runScript({ bareElf: hello(), ramMiB: 16 }, [], 1e6, { onChunk: () => chunks++ });
    expect(chunks).toBeGreaterThan(0);
  });
});
