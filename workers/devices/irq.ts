// Interrupt lines: a device raises and lowers a line, and never sees who listens to it.
//
// The PLIC hands out one IrqLine per source; tests use a recording line.

export interface IrqLine {
  /** Drive the line: true = asserted (level-triggered). */
  set(level: boolean): void;
}

/** A line that just remembers its level, for tests and for unconnected devices. */
export class LevelLine implements IrqLine {
  level = false;
  changes = 0;
  set(level: boolean): void {
    if (level !== this.level) this.changes++;
    this.level = level;
  }
}
