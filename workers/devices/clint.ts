// CLINT (core-local interruptor) of hart 0, QEMU virt layout at 0x0200_0000:
//   0x0000 msip          bit 0 drives mip.MSIP
//   0x4000 mtimecmp      lo, 0x4004 hi
//   0xBFF8 mtime         lo, 0xBFFC hi: read-only here, derived from the instruction count
// mip.MTIP is level: mtime >= mtimecmp. The board asks timerDeadline() for the cycle at
// which that becomes true and calls update() between chunks; a write to msip or mtimecmp
// calls onChange so that the board re-evaluates at once.

import type { MmioDevice, RegisterView, Width } from './device';
import { subword } from './device';

export const CLINT_MSIP = 0x0000;
export const CLINT_MTIMECMP = 0x4000;
export const CLINT_MTIME = 0xbff8;

export interface ClintRecord {
  msip: number;
  mtimecmpLo: number;
  mtimecmpHi: number;
}

export interface ClintHost {
  /** Current mtime (exact integer). */
  mtime(): number;
  /** Drive mip.MSIP / mip.MTIP. */
  setSoftware(level: boolean): void;
  setTimer(level: boolean): void;
  /** msip or mtimecmp changed: re-evaluate deadlines now. */
  onChange(): void;
}

const TWO32 = 0x1_0000_0000;

export class Clint implements MmioDevice {
  readonly id = 'clint';
  readonly name = 'CLINT';
  private msip = 0;
  // mtimecmp resets to all ones in practice (no timer interrupt until programmed).
  private mtimecmpLo = 0xffffffff;
  private mtimecmpHi = 0xffffffff;

  constructor(private readonly host: ClintHost) {}

  reset(): void {
    this.msip = 0;
    this.mtimecmpLo = 0xffffffff;
    this.mtimecmpHi = 0xffffffff;
    this.update();
  }

  /** mtimecmp as a float64; values >= 2^53 are effectively "never". */
  mtimecmp(): number {
    return this.mtimecmpHi * TWO32 + this.mtimecmpLo;
  }

  get timerPending(): boolean {
    return this.host.mtime() >= this.mtimecmp();
  }

  get irqPending(): boolean {
    return this.timerPending || this.msip !== 0;
  }

  /** Re-drive MSIP and MTIP from the current state and time. */
  update(): void {
    this.host.setSoftware(this.msip !== 0);
    this.host.setTimer(this.timerPending);
  }

  read(offset: number, width: Width): number {
    const o = offset & ~3;
    let word: number;
    if (o === CLINT_MSIP) word = this.msip;
    else if (o === CLINT_MTIMECMP) word = this.mtimecmpLo;
    else if (o === CLINT_MTIMECMP + 4) word = this.mtimecmpHi;
    else if (o === CLINT_MTIME || o === CLINT_MTIME + 4) {
      const t = this.host.mtime();
      word = o === CLINT_MTIME ? t % TWO32 : Math.floor(t / TWO32);
    } else return -1;
    return subword(word, offset, width);
  }

  write(offset: number, width: Width, value: number): boolean {
    if (width !== 4 || offset & 3) {
      return offset < CLINT_MTIME + 8; // decoded but only 32-bit stores have an effect
    }
    const v = value >>> 0;
    if (offset === CLINT_MSIP) this.msip = v & 1;
    else if (offset === CLINT_MTIMECMP) this.mtimecmpLo = v;
    else if (offset === CLINT_MTIMECMP + 4) this.mtimecmpHi = v;
    else if (offset === CLINT_MTIME || offset === CLINT_MTIME + 4)
      return true; // read-only
    else return false;
    this.update();
    this.host.onChange();
    return true;
  }

  snapshot(): ClintRecord {
    return { msip: this.msip, mtimecmpLo: this.mtimecmpLo, mtimecmpHi: this.mtimecmpHi };
  }

  restore(r: ClintRecord): void {
    this.msip = r.msip;
    this.mtimecmpLo = r.mtimecmpLo;
    this.mtimecmpHi = r.mtimecmpHi;
    this.update();
  }

  registers(): RegisterView[] {
    const t = this.host.mtime();
    const cmp = this.mtimecmp();
    return [
      { name: 'msip', value: this.msip, note: this.msip ? 'software interrupt pending' : undefined },
      { name: 'mtimecmp', value: this.mtimecmpLo, note: `hi 0x${this.mtimecmpHi.toString(16)}` },
      { name: 'mtime', value: t % TWO32, note: `hi 0x${Math.floor(t / TWO32).toString(16)}` },
      {
        name: 'MTIP',
        value: t >= cmp ? 1 : 0,
        note: t >= cmp ? 'timer interrupt pending' : `fires in ${cmp - t} ticks`,
      },
    ];
  }
}
