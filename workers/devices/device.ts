// The contract between the board's bus and a memory-mapped device.
//
// A device is mapped at some base by workers/machine/bus.ts and only ever sees an offset
// into its own window and an access width. Faults are values: read returns -1 and write
// returns false when the device does not decode that offset.

export type Width = 1 | 2 | 4;

/** One register as shown on the UI's device card, named as in the datasheet or spec. */
export interface RegisterView {
  name: string;
  value: number;
  note?: string;
}

/** Virtio-specific part of a device card. */
export interface VirtioView {
  deviceId: number;
  status: number;
  statusBits: string[];
  queues: {
    index: number;
    ready: boolean;
    size: number;
    desc: number;
    driver: number;
    device: number;
    inFlight: number;
  }[];
  bytesRead: number;
  bytesWritten: number;
  dmaWrites: number;
  packetsDelivered?: number;
  packetsDropped?: number;
  packetsTransmitted?: number;
  lastDmaPage?: number;
}

/** What the UI shows for a device (Machine.deviceStates()). */
export interface DeviceState {
  id: string;
  name: string;
  base: number;
  irq: number;
  registers: RegisterView[];
  virtio?: VirtioView;
  irqPending: boolean;
}

export interface MmioDevice {
  /** Short stable identifier, also the name of its snapshot record ("uart0", "virtio0"). */
  readonly id: string;
  /** Human name for the UI ("UART 16550A"). */
  readonly name: string;
  /** Load: the zero-extended value, or -1 when the offset is not decoded. */
  read(offset: number, width: Width): number;
  /** Store: false when the offset is not decoded. */
  write(offset: number, width: Width, value: number): boolean;
}

/** Extract `width` bytes at `offset` from a little-endian 32-bit register read at offset & ~3. */
export function subword(word: number, offset: number, width: Width): number {
  const shift = (offset & 3) * 8;
  if (width === 4) return word >>> 0;
  const mask = width === 2 ? 0xffff : 0xff;
  return (word >>> shift) & mask;
}

export function hex(n: number, digits = 8): string {
  return '0x' + (n >>> 0).toString(16).padStart(digits, '0');
}
