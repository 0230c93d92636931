import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Machine } from '../machine/machine';
import { ReplayableMachine, replayMethods, type ReplaySession } from './scenario-replay';

const firmware = new Uint8Array(readFileSync('public/images/firmware.elf'));
const disk = new Uint8Array(readFileSync('public/images/disk.img'));
const opts = { ramMiB: 16, firmware, disk, netPps: 3000, cmdline: 'console=ttyS0' };

/** Run to exactly `cycle` in chunks of `chunk` (run(n) never passes n cycles). */
function runTo(m: Machine, cycle: number, chunk: number): void {
  while (m.cycles() < cycle) m.run(Math.min(chunk, cycle - m.cycles()));
}

describe('exact replay from the input log', () => {
  it('reaches the same state hash at the same cycle, whatever the chunking', () => {
    const sender = new Machine(opts);
    runTo(sender, 700_001, 99_991);
    sender.typeInput('help\r');
    runTo(sender, 1_300_007, 33_331);
    sender.typeInput('ls');
    runTo(sender, 1_500_000, 250_000);
    sender.typeInput('\r'); // typed while paused at the stop point
    const want = sender.stateHash();

    const log = sender.inputLog();
    expect(log.map((e) => e.cycle)).toEqual([700_001, 1_300_007, 1_500_000]);

    const replica = new ReplayableMachine(opts);
    let paused = 0;
    let running = false;
    const session: ReplaySession = {
      machine: replica,
      pause: () => {
        if (running) paused++;
        running = false;
      },
      run: () => {
        running = true;
      },
      setSpeed: () => {},
    };
    const api = replayMethods(
      () => session,
      () => {},
    );
    void api.replayTo(log, 1_500_000);
    while (running) replica.run(400_000);
    expect(paused).toBe(1);
    expect(replica.cycles()).toBe(1_500_000);
    expect(replica.stateHash()).toBe(want);
    // and a plain machine that did not get the input differs
    const other = new Machine(opts);
    runTo(other, 1_500_000, 400_000);
    expect(other.stateHash()).not.toBe(want);
  });

  it('refuses a log whose first input the machine has already passed', async () => {
    const m = new ReplayableMachine(opts);
    m.run(1000);
    const api = replayMethods(
      () => ({ machine: m, pause: () => {}, run: () => {}, setSpeed: () => {} }),
      () => {},
    );
    await expect(api.replayTo([{ cycle: 10, instret: 10, bytes: [65] }], 5000)).rejects.toThrow(
      /past the replay/,
    );
  });
});
