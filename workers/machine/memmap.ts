// The physical memory map of the board: QEMU virt's addresses, 32-bit.
//
//   0x0000_1000  reset ROM       a0 = hartid, a1 = DTB, jump to RAM_BASE
//   0x0010_0000  syscon          sifive_test: 0x5555 power off, 0x7777 reset
//   0x0200_0000  CLINT           msip, mtimecmp, mtime (10 MHz)
//   0x0C00_0000  PLIC            sources 1..31, contexts 0 = M, 1 = S of hart 0
//   0x1000_0000  UART 16550A     IRQ 10
//   0x1000_1000  virtio-mmio     slot n at + n * 0x1000, IRQ 1 + n
//   0x1010_0000  trace port      kexec-lab only, declared in the DTB
//   0x8000_0000  RAM             16 MiB .. 1 GiB, default 64 MiB

export const RESET_ROM_BASE = 0x0000_1000;
export const RESET_ROM_SIZE = 0x0000_1000;
export const SYSCON_BASE = 0x0010_0000;
export const SYSCON_SIZE = 0x1000;
export const CLINT_BASE = 0x0200_0000;
export const CLINT_SIZE = 0x1_0000;
export const PLIC_BASE = 0x0c00_0000;
export const PLIC_SIZE = 0x60_0000;
export const UART0_BASE = 0x1000_0000;
export const UART0_SIZE = 0x100;
export const UART0_IRQ = 10;
export const VIRTIO_BASE = 0x1000_1000;
export const VIRTIO_STRIDE = 0x1000;
export const VIRTIO_SLOTS = 8;
export const VIRTIO_IRQ_BASE = 1;
export const TRACE_BASE = 0x1010_0000;
export const TRACE_SIZE = 0x1000;
export const RAM_BASE = 0x8000_0000;
export const PAGE_SIZE = 4096;

export const RAM_MIB_DEFAULT = 64;
export const RAM_MIB_MIN = 16;
export const RAM_MIB_MAX = 1024;

/** mtime runs at 10 MHz. */
export const TIMEBASE_HZ = 10_000_000;
/** The simulated hart retires this many instructions per mtime tick: a 100 MHz CPU. */
export const INSNS_PER_TICK = 10;

// Board constants derived from the contract above (added by the board owner).
/** Simulated CPU clock: one instruction per cycle, INSNS_PER_TICK cycles per mtime tick. */
export const CPU_HZ = TIMEBASE_HZ * INSNS_PER_TICK;
/** Simulated nanoseconds per cycle. */
export const NS_PER_CYCLE = 1e9 / CPU_HZ;
/** Longest run of the hart between two device services (about 1 ms simulated). */
export const MAX_CHUNK = 100_000;
/** In bare mode with a `tohost` symbol, the word is checked at least this often. */
export const TOHOST_CHUNK = 4096;
