// UART 16550A, as on QEMU virt at 0x1000_0000 (reg-shift 0, IRQ 10).
//
// Registers (DLAB = LCR bit 7): 0 RBR/THR (DLL), 1 IER (DLM), 2 IIR/FCR, 3 LCR, 4 MCR,
// 5 LSR, 6 MSR, 7 SCR. The transmitter is infinitely fast, as in QEMU: a THR write goes out
// at once and THR is empty again. The receiver takes one byte from the host queue per
// character time (10 bits at clock / (16 * divisor)) while its FIFO has room, so host
// input is never lost (hardware flow control). A character timeout (IIR 0x0C) is raised
// when data sits in the FIFO below the trigger level for 4 character times.

import type { MmioDevice, RegisterView, Width } from './device';
import { hex } from './device';
import type { IrqLine } from './irq';

export const UART_RBR = 0; // receive buffer (read, DLAB = 0)
export const UART_THR = 0; // transmit holding (write, DLAB = 0)
export const UART_IER = 1; // interrupt enable
export const UART_IIR = 2; // interrupt identification (read)
export const UART_FCR = 2; // FIFO control (write)
export const UART_LCR = 3; // line control
export const UART_MCR = 4; // modem control
export const UART_LSR = 5; // line status
export const UART_MSR = 6; // modem status
export const UART_SCR = 7; // scratch

export const IER_ERBFI = 0x01; // received data available interrupt
export const IER_ETBEI = 0x02; // transmitter holding register empty interrupt
export const IER_ELSI = 0x04; // receiver line status interrupt
export const IER_EDSSI = 0x08; // modem status interrupt

export const IIR_NO_INT = 0x01;
export const IIR_MSI = 0x00; // modem status
export const IIR_THRI = 0x02; // THR empty
export const IIR_RDI = 0x04; // received data available
export const IIR_RLSI = 0x06; // receiver line status
export const IIR_CTI = 0x0c; // character timeout
export const IIR_FIFO_ENABLED = 0xc0;

export const FCR_ENABLE = 0x01;
export const FCR_CLEAR_RX = 0x02;
export const FCR_CLEAR_TX = 0x04;

export const LCR_DLAB = 0x80;
export const MCR_LOOP = 0x10;

export const LSR_DR = 0x01; // data ready
export const LSR_OE = 0x02; // overrun error
export const LSR_THRE = 0x20; // THR empty
export const LSR_TEMT = 0x40; // transmitter empty

/** Input clock of the UART (QEMU virt declares 3.6864 MHz). */
export const UART_CLOCK_HZ = 3_686_400;
const FIFO_SIZE = 16;
const TRIGGER_LEVELS = [1, 4, 8, 14];

export interface UartRecord {
  rx: number[];
  ier: number;
  lcr: number;
  mcr: number;
  scr: number;
  dll: number;
  dlm: number;
  fcr: number;
  lsrErrors: number;
  thrIpending: boolean;
  timeoutPending: boolean;
  timeoutAt: number;
  lastThr: number;
  hostQueue: number[];
  nextRxAt: number;
  bytesIn: number;
  bytesOut: number;
}

export class Uart16550 implements MmioDevice {
  readonly id = 'uart0';
  readonly name = 'UART 16550A';
  private rx: number[] = [];
  private ier = 0;
  private lcr = 0;
  private mcr = 0;
  private scr = 0;
  private dll = 0;
  private dlm = 0;
  private fcr = 0;
  private lsrErrors = 0;
  private thrIpending = false;
  private timeoutPending = false;
  private timeoutAt = Infinity;
  private lastThr = 0;
  private hostQueue: number[] = [];
  private nextRxAt = 0;
  private bytesIn = 0;
  private bytesOut = 0;
  /** Bytes transmitted and not yet drained by the machine. */
  private out: number[] = [];

  /**
   * @param line the interrupt line (PLIC source 10)
   * @param now the current simulated cycle count, for character timing
   * @param cpuHz simulated cycles per second
   * @param wake called when nextDeadline() may have moved earlier during a run chunk
   */
  constructor(
    private readonly line: IrqLine,
    private readonly now: () => number,
    private readonly cpuHz: number,
    private readonly wake: () => void = () => {},
  ) {}

  reset(): void {
    this.restore(new Uart16550(this.line, this.now, this.cpuHz).snapshot());
    this.out = [];
  }

  private get fifoEnabled(): boolean {
    return (this.fcr & FCR_ENABLE) !== 0;
  }

  private get capacity(): number {
    return this.fifoEnabled ? FIFO_SIZE : 1;
  }

  private get triggerLevel(): number {
    return this.fifoEnabled ? TRIGGER_LEVELS[(this.fcr >> 6) & 3] : 1;
  }

  /** Simulated cycles to shift one 10-bit character at the programmed divisor. */
  charCycles(): number {
    const divisor = (this.dlm << 8) | this.dll || 1;
    return Math.max(1, Math.floor((10 * 16 * divisor * this.cpuHz) / UART_CLOCK_HZ));
  }

  /** The interrupt the IIR reports now (priority order of the 16550 datasheet). */
  private pendingInterrupt(): number {
    if (this.ier & IER_ELSI && this.lsrErrors & LSR_OE) return IIR_RLSI;
    if (this.ier & IER_ERBFI) {
      if (this.timeoutPending && this.rx.length > 0) return IIR_CTI;
      if (this.rx.length >= this.triggerLevel) return IIR_RDI;
    }
    if (this.ier & IER_ETBEI && this.thrIpending) return IIR_THRI;
    return IIR_NO_INT;
  }

  private update(): void {
    this.line.set(this.pendingInterrupt() !== IIR_NO_INT);
  }

  get irqPending(): boolean {
    return this.pendingInterrupt() !== IIR_NO_INT;
  }

  private armTimeout(): void {
    this.timeoutPending = false;
    this.timeoutAt = this.rx.length > 0 ? this.now() + 4 * this.charCycles() : Infinity;
    if (this.rx.length > 0 || this.hostQueue.length > 0) this.wake();
  }

  /** A byte arrives on the wire (or through loopback). */
  private receive(byte: number): void {
    if (this.rx.length >= this.capacity) {
      this.lsrErrors |= LSR_OE;
    } else {
      this.rx.push(byte & 0xff);
      this.bytesIn++;
    }
    this.armTimeout();
    this.update();
  }

  /** Queue host input (typed keys); it enters the FIFO at the line rate. */
  queueInput(bytes: ArrayLike<number>): void {
    if (this.hostQueue.length === 0) this.nextRxAt = Math.max(this.nextRxAt, this.now());
    for (let i = 0; i < bytes.length; i++) this.hostQueue.push(bytes[i] & 0xff);
  }

  hostQueueLength(): number {
    return this.hostQueue.length;
  }

  /** The next cycle at which tick() has work to do, or Infinity. */
  nextDeadline(): number {
    let t = this.timeoutAt;
    if (this.hostQueue.length > 0 && this.rx.length < this.capacity) t = Math.min(t, this.nextRxAt);
    return t;
  }

  /** Advance to cycle `now`: move one host byte into the FIFO, fire the character timeout. */
  tick(now: number): void {
    if (this.hostQueue.length > 0 && now >= this.nextRxAt && this.rx.length < this.capacity) {
      this.receive(this.hostQueue.shift() as number);
      this.nextRxAt = now + this.charCycles();
    }
    if (now >= this.timeoutAt) {
      this.timeoutAt = Infinity;
      if (this.rx.length > 0 && this.rx.length < this.triggerLevel) this.timeoutPending = true;
      this.update();
    }
  }

  /** Bytes the guest transmitted since the last call. */
  drainOutput(): number[] {
    const o = this.out;
    this.out = [];
    return o;
  }

  read(offset: number, _width: Width): number {
    const dlab = (this.lcr & LCR_DLAB) !== 0;
    switch (offset) {
      case UART_RBR: {
        if (dlab) return this.dll;
        const b = this.rx.length > 0 ? (this.rx.shift() as number) : 0;
        this.armTimeout();
        this.update();
        return b;
      }
      case UART_IER:
        return dlab ? this.dlm : this.ier;
      case UART_IIR: {
        const iir = this.pendingInterrupt();
        if (iir === IIR_THRI) this.thrIpending = false;
        this.update();
        return iir | (this.fifoEnabled ? IIR_FIFO_ENABLED : 0);
      }
      case UART_LCR:
        return this.lcr;
      case UART_MCR:
        return this.mcr;
      case UART_LSR: {
        const lsr = this.lsr();
        this.lsrErrors = 0;
        this.update();
        return lsr;
      }
      case UART_MSR:
        return this.msr();
      case UART_SCR:
        return this.scr;
      default:
        return -1;
    }
  }

  private lsr(): number {
    return (this.rx.length > 0 ? LSR_DR : 0) | this.lsrErrors | LSR_THRE | LSR_TEMT;
  }

  private msr(): number {
    if (this.mcr & MCR_LOOP) {
      // CTS = RTS, DSR = DTR, RI = OUT1, DCD = OUT2
      const m = this.mcr;
      return ((m & 2) << 3) | ((m & 1) << 5) | ((m & 4) << 4) | ((m & 8) << 4);
    }
    return 0xb0; // DCD, DSR, CTS asserted: a terminal is always there
  }

  write(offset: number, _width: Width, value: number): boolean {
    const v = value & 0xff;
    const dlab = (this.lcr & LCR_DLAB) !== 0;
    switch (offset) {
      case UART_THR:
        if (dlab) {
          this.dll = v;
          return true;
        }
        this.lastThr = v;
        this.thrIpending = false;
        if (this.mcr & MCR_LOOP) this.receive(v);
        else {
          this.out.push(v);
          this.bytesOut++;
        }
        // Transmitted at once: THR is empty again.
        this.thrIpending = true;
        this.update();
        return true;
      case UART_IER: {
        if (dlab) {
          this.dlm = v;
          return true;
        }
        const old = this.ier;
        this.ier = v & 0x0f;
        // Enabling ETBEI while THR is empty raises THRE at once.
        if (this.ier & IER_ETBEI && !(old & IER_ETBEI)) this.thrIpending = true;
        this.update();
        return true;
      }
      case UART_FCR: {
        if ((v ^ this.fcr) & FCR_ENABLE || v & FCR_CLEAR_RX) {
          this.rx = [];
          this.armTimeout();
        }
        this.fcr = v & 0xc1;
        this.update();
        return true;
      }
      case UART_LCR:
        this.lcr = v;
        return true;
      case UART_MCR:
        this.mcr = v & 0x1f;
        return true;
      case UART_LSR:
      case UART_MSR:
        return true; // read-only, writes ignored as on the real part
      case UART_SCR:
        this.scr = v;
        return true;
      default:
        return false;
    }
  }

  snapshot(): UartRecord {
    return {
      rx: [...this.rx],
      ier: this.ier,
      lcr: this.lcr,
      mcr: this.mcr,
      scr: this.scr,
      dll: this.dll,
      dlm: this.dlm,
      fcr: this.fcr,
      lsrErrors: this.lsrErrors,
      thrIpending: this.thrIpending,
      timeoutPending: this.timeoutPending,
      timeoutAt: this.timeoutAt,
      lastThr: this.lastThr,
      hostQueue: [...this.hostQueue],
      nextRxAt: this.nextRxAt,
      bytesIn: this.bytesIn,
      bytesOut: this.bytesOut,
    };
  }

  restore(r: UartRecord): void {
    this.rx = [...r.rx];
    this.ier = r.ier;
    this.lcr = r.lcr;
    this.mcr = r.mcr;
    this.scr = r.scr;
    this.dll = r.dll;
    this.dlm = r.dlm;
    this.fcr = r.fcr;
    this.lsrErrors = r.lsrErrors;
    this.thrIpending = r.thrIpending;
    this.timeoutPending = r.timeoutPending;
    this.timeoutAt = r.timeoutAt;
    this.lastThr = r.lastThr;
    this.hostQueue = [...r.hostQueue];
    this.nextRxAt = r.nextRxAt;
    this.bytesIn = r.bytesIn;
    this.bytesOut = r.bytesOut;
    this.update();
  }

  registers(): RegisterView[] {
    const iir = this.pendingInterrupt() | (this.fifoEnabled ? IIR_FIFO_ENABLED : 0);
    const bits = (v: number, names: string[]): string =>
      names.filter((n, i) => n && v & (1 << i)).join(' ') || '-';
    return [
      { name: 'RBR', value: this.rx[0] ?? 0, note: `${this.rx.length} byte(s) in RX FIFO` },
      { name: 'THR', value: this.lastThr, note: 'last byte sent' },
      { name: 'IER', value: this.ier, note: bits(this.ier, ['ERBFI', 'ETBEI', 'ELSI', 'EDSSI']) },
      { name: 'IIR', value: iir, note: iirName(iir & 0x0f) },
      {
        name: 'FCR',
        value: this.fcr,
        note: this.fifoEnabled ? `FIFO on, trigger ${this.triggerLevel}` : 'FIFO off',
      },
      {
        name: 'LCR',
        value: this.lcr,
        note: this.lcr & LCR_DLAB ? 'DLAB' : `${(this.lcr & 3) + 5} data bits`,
      },
      { name: 'MCR', value: this.mcr, note: bits(this.mcr, ['DTR', 'RTS', 'OUT1', 'OUT2', 'LOOP']) },
      {
        name: 'LSR',
        value: this.lsr(),
        note: bits(this.lsr(), ['DR', 'OE', 'PE', 'FE', 'BI', 'THRE', 'TEMT']),
      },
      { name: 'MSR', value: this.msr(), note: bits(this.msr(), ['', '', '', '', 'CTS', 'DSR', 'RI', 'DCD']) },
      { name: 'SCR', value: this.scr },
      { name: 'DLL', value: this.dll },
      { name: 'DLM', value: this.dlm, note: `divisor ${hex((this.dlm << 8) | this.dll, 4)}` },
      { name: 'bytes in', value: this.bytesIn },
      { name: 'bytes out', value: this.bytesOut },
      { name: 'host queue', value: this.hostQueue.length, note: 'typed bytes waiting for the line' },
    ];
  }
}

function iirName(code: number): string {
  switch (code) {
    case IIR_RLSI:
      return 'receiver line status';
    case IIR_RDI:
      return 'received data available';
    case IIR_CTI:
      return 'character timeout';
    case IIR_THRI:
      return 'THR empty';
    case IIR_MSI:
      return 'modem status';
    default:
      return 'no interrupt pending';
  }
}
