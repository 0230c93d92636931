import { describe, expect, it } from 'vitest';
import { LevelLine } from './irq';
import {
  IER_ERBFI,
  IER_ETBEI,
  IIR_CTI,
  IIR_NO_INT,
  IIR_RDI,
  IIR_THRI,
  LSR_DR,
  LSR_OE,
  LSR_THRE,
  MCR_LOOP,
  Uart16550,
  UART_FCR,
  UART_IER,
  UART_IIR,
  UART_LCR,
  UART_LSR,
  UART_MCR,
  UART_RBR,
  UART_SCR,
  UART_THR,
} from './uart16550';

function setup(): { uart: Uart16550; line: LevelLine; clock: { t: number } } {
  const clock = { t: 0 };
  const line = new LevelLine();
  const uart = new Uart16550(line, () => clock.t, 100_000_000);
  return { uart, line, clock };
}

/** Feed host bytes into the FIFO by advancing the clock one character time per byte. */
function feed(u: Uart16550, clock: { t: number }, text: string): void {
  u.queueInput([...text].map((c) => c.charCodeAt(0)));
  while (u.hostQueueLength() > 0 && u.nextDeadline() !== Infinity) {
    clock.t = Math.max(clock.t, u.nextDeadline());
    u.tick(clock.t);
  }
}

describe('uart16550', () => {
  it('transmits THR writes and reports THRE/TEMT', () => {
    const { uart } = setup();
    for (const c of 'hi') uart.write(UART_THR, 1, c.charCodeAt(0));
    expect(String.fromCharCode(...uart.drainOutput())).toBe('hi');
    expect(uart.read(UART_LSR, 1) & LSR_THRE).toBe(LSR_THRE);
    expect(uart.drainOutput()).toEqual([]);
  });

  it('divisor latch is reached through DLAB', () => {
    const { uart } = setup();
    uart.write(UART_LCR, 1, 0x80);
    uart.write(UART_THR, 1, 0x03);
    uart.write(UART_IER, 1, 0x00);
    expect(uart.read(UART_RBR, 1)).toBe(3);
    uart.write(UART_LCR, 1, 0x03);
    expect(uart.read(UART_IER, 1)).toBe(0);
    expect(uart.drainOutput()).toEqual([]);
    expect(uart.charCycles()).toBe(Math.floor((10 * 16 * 3 * 100_000_000) / 3_686_400));
  });

  it('has a 16-byte RX FIFO and holds further host input until there is room', () => {
    const { uart, clock } = setup();
    uart.write(UART_FCR, 1, 0x07);
    feed(uart, clock, 'abcdefghijklmnopqrst'); // 20 bytes
    expect(uart.hostQueueLength()).toBe(4);
    let got = '';
    while (uart.read(UART_LSR, 1) & LSR_DR) got += String.fromCharCode(uart.read(UART_RBR, 1));
    expect(got).toBe('abcdefghijklmnop');
    feed(uart, clock, '');
    got = '';
    while (uart.read(UART_LSR, 1) & LSR_DR) got += String.fromCharCode(uart.read(UART_RBR, 1));
    expect(got).toBe('qrst');
  });

  it('asks the board to re-plan when a read makes FIFO room for queued host bytes', () => {
    const clock = { t: 0 };
    let wakes = 0;
    const uart = new Uart16550(
      new LevelLine(),
      () => clock.t,
      100_000_000,
      () => wakes++,
    );
    uart.write(UART_FCR, 1, 0x01);
    feed(uart, clock, 'x'.repeat(20));
    expect(uart.nextDeadline()).toBeGreaterThan(clock.t); // only the character timeout is left
    const before = wakes;
    uart.read(UART_RBR, 1);
    expect(wakes).toBeGreaterThan(before);
    expect(uart.nextDeadline()).toBeLessThanOrEqual(clock.t); // the next byte is due at once
  });

  it('loopback overrun sets LSR.OE, cleared by reading LSR', () => {
    const { uart } = setup();
    uart.write(UART_MCR, 1, MCR_LOOP);
    uart.write(UART_THR, 1, 1);
    uart.write(UART_THR, 1, 2); // FIFO off: holding register of one byte
    expect(uart.drainOutput()).toEqual([]);
    expect(uart.read(UART_LSR, 1) & LSR_OE).toBe(LSR_OE);
    expect(uart.read(UART_LSR, 1) & LSR_OE).toBe(0);
    expect(uart.read(UART_RBR, 1)).toBe(1);
  });

  it('raises RX data available when enabled and lowers it when the FIFO drains', () => {
    const { uart, line, clock } = setup();
    uart.write(UART_FCR, 1, 0x01);
    feed(uart, clock, 'x');
    expect(line.level).toBe(false); // ERBFI off
    uart.write(UART_IER, 1, IER_ERBFI);
    expect(line.level).toBe(true);
    expect(uart.read(UART_IIR, 1)).toBe(0xc0 | IIR_RDI);
    expect(uart.read(UART_RBR, 1)).toBe('x'.charCodeAt(0));
    expect(line.level).toBe(false);
    expect(uart.read(UART_IIR, 1) & 0x0f).toBe(IIR_NO_INT);
  });

  it('trigger level 4: RDA only at 4 bytes, character timeout below it', () => {
    const { uart, line, clock } = setup();
    uart.write(UART_FCR, 1, 0x41); // FIFO on, trigger 4
    uart.write(UART_IER, 1, IER_ERBFI);
    feed(uart, clock, 'ab');
    expect(line.level).toBe(false);
    clock.t = uart.nextDeadline();
    uart.tick(clock.t);
    expect(line.level).toBe(true);
    expect(uart.read(UART_IIR, 1) & 0x0f).toBe(IIR_CTI);
    uart.read(UART_RBR, 1);
    expect(line.level).toBe(false);
    feed(uart, clock, 'cde');
    expect(uart.read(UART_IIR, 1) & 0x0f).toBe(IIR_RDI);
  });

  it('THRE interrupt: raised on enabling ETBEI, cleared by reading IIR, re-raised after a write', () => {
    const { uart, line } = setup();
    uart.write(UART_IER, 1, IER_ETBEI);
    expect(line.level).toBe(true);
    expect(uart.read(UART_IIR, 1)).toBe(IIR_THRI);
    expect(line.level).toBe(false);
    expect(uart.read(UART_IIR, 1)).toBe(IIR_NO_INT);
    uart.write(UART_THR, 1, 0x41);
    expect(line.level).toBe(true);
    uart.write(UART_IER, 1, 0);
    expect(line.level).toBe(false);
  });

  it('IIR priority: received data before THR empty', () => {
    const { uart, clock } = setup();
    uart.write(UART_IER, 1, IER_ETBEI | IER_ERBFI);
    feed(uart, clock, 'z');
    expect(uart.read(UART_IIR, 1)).toBe(IIR_RDI);
    uart.read(UART_RBR, 1);
    expect(uart.read(UART_IIR, 1)).toBe(IIR_THRI);
  });

  it('snapshot/restore round-trips, scratch register, unmapped offsets fault', () => {
    const { uart, clock } = setup();
    uart.write(UART_SCR, 1, 0x5a);
    feed(uart, clock, 'q');
    const snap = uart.snapshot();
    const other = setup().uart;
    other.restore(structuredClone(snap));
    expect(other.read(UART_SCR, 1)).toBe(0x5a);
    expect(other.read(UART_RBR, 1)).toBe('q'.charCodeAt(0));
    expect(uart.read(8, 1)).toBe(-1);
    expect(uart.write(9, 1, 0)).toBe(false);
  });
});
