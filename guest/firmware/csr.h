/*
 * csr.h - M-mode control and status registers: accessors, the bits the
 * firmware sets, and trap causes (RISC-V privileged spec 1.12).
 */
#ifndef FW_CSR_H
#define FW_CSR_H

#include "lib/types.h"

#define csr_read(csr) ({ u32 __v; __asm__ volatile("csrr %0, " #csr : "=r"(__v)); __v; })
#define csr_write(csr, val) __asm__ volatile("csrw " #csr ", %0" : : "rK"(val))
#define csr_set(csr, bits) __asm__ volatile("csrs " #csr ", %0" : : "rK"(bits))
#define csr_clear(csr, bits) __asm__ volatile("csrc " #csr ", %0" : : "rK"(bits))

#define MSTATUS_SIE (1u << 1)	/* S-mode interrupts enabled */
#define MSTATUS_MIE (1u << 3)	/* M-mode interrupts enabled */
#define MSTATUS_SPIE (1u << 5)
#define MSTATUS_MPIE (1u << 7)	/* MIE after mret */
#define MSTATUS_SPP (1u << 8)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP (3u << 11)	/* privilege after mret */
#define MSTATUS_MPP_S (1u << 11)
#define MSTATUS_MPRV (1u << 17)

#define IRQ_S_SOFT 1
#define IRQ_M_SOFT 3
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7
#define IRQ_S_EXT 9
#define IRQ_M_EXT 11
#define MIP_SSIP (1u << IRQ_S_SOFT)	/* supervisor software interrupt */
#define MIP_MSIP (1u << IRQ_M_SOFT)
#define MIP_STIP (1u << IRQ_S_TIMER)	/* supervisor timer: raised by our MTI handler */
#define MIP_MTIP (1u << IRQ_M_TIMER)	/* machine timer: mtime >= mtimecmp */
#define MIP_SEIP (1u << IRQ_S_EXT)	/* supervisor external (PLIC context 1) */
#define MIP_MEIP (1u << IRQ_M_EXT)

#define CAUSE_INTERRUPT (1u << 31)
#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS 1
#define CAUSE_ILLEGAL_INSTRUCTION 2
#define CAUSE_BREAKPOINT 3
#define CAUSE_MISALIGNED_LOAD 4
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS 7
#define CAUSE_USER_ECALL 8
#define CAUSE_SUPERVISOR_ECALL 9
#define CAUSE_MACHINE_ECALL 11
#define CAUSE_FETCH_PAGE_FAULT 12
#define CAUSE_LOAD_PAGE_FAULT 13
#define CAUSE_STORE_PAGE_FAULT 15

#define PMP_R 0x01
#define PMP_W 0x02
#define PMP_X 0x04
#define PMP_A_NAPOT 0x18	/* naturally aligned power-of-two region */

#define MCOUNTEREN_CY (1u << 0)	/* S may read cycle */
#define MCOUNTEREN_TM (1u << 1)	/* S may read time */
#define MCOUNTEREN_IR (1u << 2)	/* S may read instret */

#endif /* FW_CSR_H */
