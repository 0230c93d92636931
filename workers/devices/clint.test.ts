import { describe, expect, it } from 'vitest';
import { Clint, CLINT_MSIP, CLINT_MTIME, CLINT_MTIMECMP, type ClintHost } from './clint';

function setup(): {
  clint: Clint;
  host: ClintHost & { t: number; msip: boolean; mtip: boolean; changes: number };
} {
  const host = {
    t: 0,
    msip: false,
    mtip: false,
    changes: 0,
    mtime() {
      return this.t;
    },
    setSoftware(l: boolean) {
      this.msip = l;
    },
    setTimer(l: boolean) {
      this.mtip = l;
    },
    onChange() {
      this.changes++;
    },
  };
  return { clint: new Clint(host), host };
}

describe('clint', () => {
  it('reads mtime lo/hi from the clock, and ignores writes to it', () => {
    const { clint, host } = setup();
    host.t = 0x1_2345_6789;
    expect(clint.read(CLINT_MTIME, 4)).toBe(0x2345_6789);
    expect(clint.read(CLINT_MTIME + 4, 4)).toBe(1);
    expect(clint.read(CLINT_MTIME + 1, 1)).toBe(0x67);
    expect(clint.write(CLINT_MTIME, 4, 0)).toBe(true);
    expect(clint.read(CLINT_MTIME, 4)).toBe(0x2345_6789);
  });

  it('MTIP follows mtime >= mtimecmp, 64-bit compare', () => {
    const { clint, host } = setup();
    clint.reset();
    expect(host.mtip).toBe(false);
    clint.write(CLINT_MTIMECMP + 4, 4, 0);
    clint.write(CLINT_MTIMECMP, 4, 100);
    expect(host.changes).toBe(2);
    expect(clint.mtimecmp()).toBe(100);
    host.t = 99;
    clint.update();
    expect(host.mtip).toBe(false);
    host.t = 100;
    clint.update();
    expect(host.mtip).toBe(true);
    // Writing a later compare value lowers MTIP at once.
    clint.write(CLINT_MTIMECMP + 4, 4, 1);
    expect(host.mtip).toBe(false);
    expect(clint.mtimecmp()).toBe(0x1_0000_0064);
    expect(clint.read(CLINT_MTIMECMP + 4, 4)).toBe(1);
  });

  it('msip drives MSIP; only bit 0 is kept', () => {
    const { clint, host } = setup();
    clint.write(CLINT_MSIP, 4, 0xffffffff);
    expect(host.msip).toBe(true);
    expect(clint.read(CLINT_MSIP, 4)).toBe(1);
    clint.write(CLINT_MSIP, 4, 0);
    expect(host.msip).toBe(false);
  });

  it('faults outside its registers and round-trips a snapshot', () => {
    const { clint } = setup();
    expect(clint.read(0x8000, 4)).toBe(-1);
    expect(clint.write(0xc000, 4, 1)).toBe(false);
    clint.write(CLINT_MTIMECMP, 4, 7);
    const { clint: other } = setup();
    other.restore(structuredClone(clint.snapshot()));
    expect(other.read(CLINT_MTIMECMP, 4)).toBe(7);
  });
});
