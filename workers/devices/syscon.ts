// SiFive test finisher ("syscon") at 0x0010_0000, as on QEMU virt. A 32-bit store to
// offset 0 whose low half is a command ends the simulation:
//   0x5555                   power off (pass)
//   0x7777                   cold reset through the reset ROM
//   0x3333 | code << 16      power off with failure exit code `code`
// Anything else is ignored. Reads return 0.

import type { MmioDevice, RegisterView, Width } from './device';

export const FINISHER_FAIL = 0x3333;
export const FINISHER_PASS = 0x5555;
export const FINISHER_RESET = 0x7777;

export type SysconAction = { kind: 'poweroff' } | { kind: 'reset' } | { kind: 'fail'; code: number };

export interface SysconRecord {
  lastCommand: number;
}

export class Syscon implements MmioDevice {
  readonly id = 'syscon';
  readonly name = 'SiFive test finisher (syscon)';
  readonly irqPending = false;
  private lastCommand = 0;

  constructor(private readonly act: (a: SysconAction) => void) {}

  reset(): void {
    // lastCommand survives a reset on purpose: the UI shows why the machine reset.
  }

  read(offset: number, _width: Width): number {
    return offset < 4 ? 0 : -1;
  }

  write(offset: number, width: Width, value: number): boolean {
    if (offset >= 4) return false;
    if (offset !== 0 || width !== 4) return true;
    const status = value & 0xffff;
    const code = (value >>> 16) & 0xffff;
    if (status === FINISHER_PASS) this.act({ kind: 'poweroff' });
    else if (status === FINISHER_RESET) this.act({ kind: 'reset' });
    else if (status === FINISHER_FAIL) this.act({ kind: 'fail', code });
    else return true;
    this.lastCommand = value >>> 0;
    return true;
  }

  snapshot(): SysconRecord {
    return { lastCommand: this.lastCommand };
  }

  restore(r: SysconRecord): void {
    this.lastCommand = r.lastCommand;
  }

  registers(): RegisterView[] {
    const s = this.lastCommand & 0xffff;
    const note =
      s === FINISHER_PASS
        ? 'power off'
        : s === FINISHER_RESET
          ? 'reset'
          : s === FINISHER_FAIL
            ? `fail, code ${this.lastCommand >>> 16}`
            : 'no command yet';
    return [{ name: 'last command', value: this.lastCommand, note }];
  }
}
