// CSR numbers, register bits and trap causes of the RISC-V privileged architecture
// (version 1.12), named as the specification names them. Only what this hart implements
// or checks is listed; every other CSR number raises illegal instruction.

// Privilege levels.
export const PRV_U = 0;
export const PRV_S = 1;
export const PRV_M = 3;

// Unprivileged counters (Zicntr), read-only shadows.
export const CSR_CYCLE = 0xc00;
export const CSR_TIME = 0xc01;
export const CSR_INSTRET = 0xc02;
export const CSR_CYCLEH = 0xc80;
export const CSR_TIMEH = 0xc81;
export const CSR_INSTRETH = 0xc82;

// Supervisor CSRs.
export const CSR_SSTATUS = 0x100;
export const CSR_SIE = 0x104;
export const CSR_STVEC = 0x105;
export const CSR_SCOUNTEREN = 0x106;
export const CSR_SSCRATCH = 0x140;
export const CSR_SEPC = 0x141;
export const CSR_SCAUSE = 0x142;
export const CSR_STVAL = 0x143;
export const CSR_SIP = 0x144;
export const CSR_SATP = 0x180;

// Machine information registers (read-only).
export const CSR_MVENDORID = 0xf11;
export const CSR_MARCHID = 0xf12;
export const CSR_MIMPID = 0xf13;
export const CSR_MHARTID = 0xf14;
export const CSR_MCONFIGPTR = 0xf15;

// Machine trap setup and handling.
export const CSR_MSTATUS = 0x300;
export const CSR_MISA = 0x301;
export const CSR_MEDELEG = 0x302;
export const CSR_MIDELEG = 0x303;
export const CSR_MIE = 0x304;
export const CSR_MTVEC = 0x305;
export const CSR_MCOUNTEREN = 0x306;
export const CSR_MSTATUSH = 0x310;
export const CSR_MSCRATCH = 0x340;
export const CSR_MEPC = 0x341;
export const CSR_MCAUSE = 0x342;
export const CSR_MTVAL = 0x343;
export const CSR_MIP = 0x344;

// Machine configuration.
export const CSR_MENVCFG = 0x30a;
export const CSR_MENVCFGH = 0x31a;

// Machine memory protection (stored, not enforced).
export const CSR_PMPCFG0 = 0x3a0; // .. 0x3a3
export const CSR_PMPADDR0 = 0x3b0; // .. 0x3bf
export const PMPCFG_COUNT = 4;
export const PMPADDR_COUNT = 16;

// Machine counters.
export const CSR_MCYCLE = 0xb00;
export const CSR_MINSTRET = 0xb02;
export const CSR_MCYCLEH = 0xb80;
export const CSR_MINSTRETH = 0xb82;
export const CSR_MCOUNTINHIBIT = 0x320;

// mstatus / sstatus fields (RV32).
export const MSTATUS_SIE = 1 << 1; // supervisor interrupt enable
export const MSTATUS_MIE = 1 << 3; // machine interrupt enable
export const MSTATUS_SPIE = 1 << 5; // SIE before the trap into S
export const MSTATUS_UBE = 1 << 6; // user big-endian (hardwired 0)
export const MSTATUS_MPIE = 1 << 7; // MIE before the trap into M
export const MSTATUS_SPP = 1 << 8; // privilege before the trap into S (0 U, 1 S)
export const MSTATUS_VS = 3 << 9; // vector state (no V: 0)
export const MSTATUS_MPP_SHIFT = 11;
export const MSTATUS_MPP = 3 << 11; // privilege before the trap into M
export const MSTATUS_FS = 3 << 13; // float state (no F: 0)
export const MSTATUS_XS = 3 << 15; // extension state (0)
export const MSTATUS_MPRV = 1 << 17; // M-mode loads/stores use MPP's translation
export const MSTATUS_SUM = 1 << 18; // S-mode may access U pages
export const MSTATUS_MXR = 1 << 19; // loads from execute-only pages succeed
export const MSTATUS_TVM = 1 << 20; // trap S-mode satp access and sfence.vma
export const MSTATUS_TW = 1 << 21; // trap WFI below M
export const MSTATUS_TSR = 1 << 22; // trap S-mode sret
export const MSTATUS_SD = 1 << 31; // some dirty state (0: no F/V)

/** The mstatus bits M-mode can write on this hart. */
export const MSTATUS_WRITABLE =
  MSTATUS_SIE |
  MSTATUS_MIE |
  MSTATUS_SPIE |
  MSTATUS_MPIE |
  MSTATUS_SPP |
  MSTATUS_MPP |
  MSTATUS_MPRV |
  MSTATUS_SUM |
  MSTATUS_MXR |
  MSTATUS_TVM |
  MSTATUS_TW |
  MSTATUS_TSR;
/** The mstatus bits visible through sstatus. */
export const SSTATUS_MASK =
  MSTATUS_SIE |
  MSTATUS_SPIE |
  MSTATUS_UBE |
  MSTATUS_SPP |
  MSTATUS_VS |
  MSTATUS_FS |
  MSTATUS_XS |
  MSTATUS_SUM |
  MSTATUS_MXR |
  MSTATUS_SD;
/** The sstatus bits S-mode can write on this hart. */
export const SSTATUS_WRITABLE = MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR;

// Interrupt numbers (bit positions in mip/mie, mcause without the interrupt bit).
export const IRQ_S_SOFT = 1;
export const IRQ_M_SOFT = 3;
export const IRQ_S_TIMER = 5;
export const IRQ_M_TIMER = 7;
export const IRQ_S_EXT = 9;
export const IRQ_M_EXT = 11;

// mip / mie bits.
export const MIP_SSIP = 1 << IRQ_S_SOFT; // supervisor software interrupt pending
export const MIP_MSIP = 1 << IRQ_M_SOFT; // machine software interrupt pending (CLINT msip)
export const MIP_STIP = 1 << IRQ_S_TIMER; // supervisor timer pending (written by M-mode)
export const MIP_MTIP = 1 << IRQ_M_TIMER; // machine timer pending (CLINT mtimecmp)
export const MIP_SEIP = 1 << IRQ_S_EXT; // supervisor external pending (PLIC context 1)
export const MIP_MEIP = 1 << IRQ_M_EXT; // machine external pending (PLIC context 0)
export const MIE_SSIE = MIP_SSIP;
export const MIE_MSIE = MIP_MSIP;
export const MIE_STIE = MIP_STIP;
export const MIE_MTIE = MIP_MTIP;
export const MIE_SEIE = MIP_SEIP;
export const MIE_MEIE = MIP_MEIP;
/** Interrupts that exist on this hart. */
export const MIP_ALL = MIP_SSIP | MIP_MSIP | MIP_STIP | MIP_MTIP | MIP_SEIP | MIP_MEIP;
/** Interrupts that can be delegated to S-mode. */
export const MIDELEG_WRITABLE = MIP_SSIP | MIP_STIP | MIP_SEIP;
/** mip bits M-mode software can write (SEIP: the software-written half). */
export const MIP_SW_WRITABLE = MIP_SSIP | MIP_STIP | MIP_SEIP;
/** Lines driven by the board through Hart.setPending. */
export const MIP_HW_LINES = MIP_MSIP | MIP_MTIP | MIP_MEIP | MIP_SEIP;
/** Interrupt priority, highest first (privileged spec 3.1.9). */
export const IRQ_PRIORITY: readonly number[] = [
  IRQ_M_EXT,
  IRQ_M_SOFT,
  IRQ_M_TIMER,
  IRQ_S_EXT,
  IRQ_S_SOFT,
  IRQ_S_TIMER,
];

// Exception causes (mcause/scause with the interrupt bit clear).
export const CAUSE_MISALIGNED_FETCH = 0;
export const CAUSE_FETCH_ACCESS = 1;
export const CAUSE_ILLEGAL_INSTRUCTION = 2;
export const CAUSE_BREAKPOINT = 3;
export const CAUSE_MISALIGNED_LOAD = 4;
export const CAUSE_LOAD_ACCESS = 5;
export const CAUSE_MISALIGNED_STORE = 6;
export const CAUSE_STORE_ACCESS = 7;
export const CAUSE_USER_ECALL = 8;
export const CAUSE_SUPERVISOR_ECALL = 9;
export const CAUSE_MACHINE_ECALL = 11;
export const CAUSE_FETCH_PAGE_FAULT = 12;
export const CAUSE_LOAD_PAGE_FAULT = 13;
export const CAUSE_STORE_PAGE_FAULT = 15;
/** mcause's interrupt bit. */
export const CAUSE_INTERRUPT = 0x8000_0000;
/** Exceptions that can be delegated to S-mode (all but ecall from M). */
export const MEDELEG_WRITABLE = 0xb3ff;

// misa: MXL = 1 (32-bit), extensions A, I, M, S, U.
const ext = (c: string): number => 1 << (c.charCodeAt(0) - 65);
export const MISA_VALUE = ((1 << 30) | ext('A') | ext('I') | ext('M') | ext('S') | ext('U')) >>> 0;

// satp (Sv32).
export const SATP_MODE_SV32 = 1 << 31; // MODE: 0 Bare, 1 Sv32
export const SATP_ASID = 0x1ff << 22; // ASID (not implemented: reads 0)
export const SATP_PPN = 0x3f_ffff; // root page table physical page number

// Sv32 page table entry bits.
export const PTE_V = 1 << 0; // valid
export const PTE_R = 1 << 1; // readable
export const PTE_W = 1 << 2; // writable
export const PTE_X = 1 << 3; // executable
export const PTE_U = 1 << 4; // user accessible
export const PTE_G = 1 << 5; // global
export const PTE_A = 1 << 6; // accessed
export const PTE_D = 1 << 7; // dirty
export const PTE_PPN_SHIFT = 10;

// Counter enable / inhibit bits (mcounteren, scounteren, mcountinhibit).
export const COUNTEREN_CY = 1 << 0;
export const COUNTEREN_TM = 1 << 1;
export const COUNTEREN_IR = 1 << 2;
export const COUNTEREN_MASK = COUNTEREN_CY | COUNTEREN_TM | COUNTEREN_IR;
export const MCOUNTINHIBIT_MASK = COUNTEREN_CY | COUNTEREN_IR;

// menvcfg: only FIOM exists without further extensions.
export const MENVCFG_FIOM = 1 << 0;
