// Exact replay of a shared session, worker side. The Machine stamps every byte typed at
// the UART with its clock (cycles = instructions + idle cycles); a replay queues the same
// bytes at the same cycles on a fresh machine and stops the clock at the sender's cycle,
// where the state hash must equal the sender's. The UI sees only ReplayApi (types).

import { Machine } from '../machine/machine';

/** One input log entry as the worker hands it out. */
export interface InputRecord {
  cycle: number;
  instret: number;
  bytes: number[];
}

/** Worker methods the scenarios feature adds beside MachineApi. */
export interface ReplayApi {
  /** Everything typed at the UART since power-on, in clock order. */
  inputLog(): Promise<InputRecord[]>;
  /**
   * Queue `input` at its cycles and run at maximum speed to `stopCycle`, then pause
   * (input stamped exactly `stopCycle` is queued then, as the sender typed it while paused).
   * Fails if the machine has already run past the first entry or the stop.
   */
  replayTo(input: InputRecord[], stopCycle: number): Promise<void>;
  /** The machine's state hash now (computed afresh; frames cache theirs per instret). */
  stateHash(): Promise<string>;
}

/**
 * The board with a clock gate: run() never advances past `stopCycle`; reaching it calls
 * the gate's callback once. Without a gate it is the plain Machine.
 */
export class ReplayableMachine extends Machine {
  private gate: { cycle: number; reached: () => void } | null = null;

  stopAt(cycle: number, reached: () => void): void {
    this.gate = { cycle, reached };
  }

  override run(maxInsns: number): ReturnType<Machine['run']> {
    const g = this.gate;
    if (!g) return super.run(maxInsns);
    const left = g.cycle - this.cycles();
    const r =
      left > 0 ? super.run(Math.min(maxInsns, left)) : { executed: 0, reason: 'budget' as const, cycles: 0 };
    if (this.cycles() >= g.cycle) {
      this.gate = null;
      g.reached();
    }
    return r;
  }
}

/** What the replay needs of the worker's session. */
export interface ReplaySession {
  readonly machine: unknown;
  pause(detail?: string): void;
  run(): void;
  setSpeed(speed: 'max'): void;
}

/** The ReplayApi methods, given the current session and the worker's scheduler. */
export function replayMethods(need: () => ReplaySession, schedule: (waitMs: number) => void): ReplayApi {
  const machineOf = (s: ReplaySession): ReplayableMachine => {
    if (!(s.machine instanceof ReplayableMachine)) throw new Error('this machine cannot replay input');
    return s.machine;
  };
  return {
    async inputLog(): Promise<InputRecord[]> {
      return machineOf(need())
        .inputLog()
        .map((e) => ({ cycle: e.cycle, instret: e.instret, bytes: [...e.bytes] }));
    },
    async stateHash(): Promise<string> {
      return machineOf(need()).stateHash();
    },
    async replayTo(input: InputRecord[], stopCycle: number): Promise<void> {
      const s = need();
      const m = machineOf(s);
      const now = m.cycles();
      const first = input.length ? input[0].cycle : stopCycle;
      if (now > first || now > stopCycle)
        throw new Error(`the machine is at cycle ${now}, past the replay's first input (${first})`);
      s.pause('replaying');
      const later = input.filter((e) => e.cycle < stopCycle);
      const atStop = input.filter((e) => e.cycle >= stopCycle);
      for (const e of later) m.scheduleInput(e.cycle, e.bytes);
      m.stopAt(stopCycle, () => {
        for (const e of atStop) m.typeInput(Uint8Array.from(e.bytes));
        s.pause(`replayed to the shared moment (cycle ${stopCycle})`);
      });
      s.setSpeed('max');
      s.run();
      schedule(0);
    },
  };
}
