/*
 * plic-uart.S - external interrupts: the UART's THR-empty interrupt (IRQ 10) routed by
 * the PLIC to M (MEIP, mcause 11) and to S (SEIP delegated, scause 9), priority and
 * threshold masking, claim returning the source and complete re-arming it.
 * Board registers as on QEMU virt: PLIC context 0 = hart 0 M, context 1 = hart 0 S.
 */
#include "isa.h"

#define UART_BASE	0x10000000
#define UART_IER	1
#define UART_IIR	2
#define UART_LCR	3
#define UART_IER_THRI	0x02		/* interrupt when the transmit holding register is empty */
#define UART_IRQ	10

#define PLIC_BASE	0x0c000000
#define PLIC_PRIORITY(irq)	(PLIC_BASE + 4 * (irq))
#define PLIC_ENABLE(ctx)	(PLIC_BASE + 0x2000 + 0x80 * (ctx))
#define PLIC_THRESHOLD(ctx)	(PLIC_BASE + 0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)		(PLIC_BASE + 0x200004 + 0x1000 * (ctx))

#define IRQ_SEI		9
#define IRQ_MEI		11
#define MIP_SEIP	(1 << IRQ_SEI)
#define MIP_MEIP	(1 << IRQ_MEI)

/* Store the constant \val to the 32-bit register at \addr. */
.macro WRITE32 addr, val
	li	t5, \addr
	li	t6, \val
	sw	t6, 0(t5)
.endm

/* Spin until bit \mask of CSR \csr equals \want (0 or \mask); at most 5000000 times. */
.macro WAIT_MIP n, mask, want
	li	gp, \n
	li	t5, 5000000
.Lwait\@:
	csrr	t6, mip
	li	t4, \mask
	and	t6, t6, t4
	li	t4, \want
	beq	t6, t4, .Ldone\@
	addi	t5, t5, -1
	bnez	t5, .Lwait\@
	j	fail
.Ldone\@:
.endm

	.text
	.globl	test_main
test_main:
	/* UART: 8N1, THR-empty interrupt on; PLIC: IRQ 10 priority 1, to M only. */
	li	s0, UART_BASE
	li	a0, 0x03
	sb	a0, UART_LCR(s0)
	WRITE32	PLIC_THRESHOLD(0), 0
	WRITE32	PLIC_THRESHOLD(1), 0
	WRITE32	PLIC_ENABLE(1), 0
	WRITE32	PLIC_PRIORITY(UART_IRQ), 1
	WRITE32	PLIC_ENABLE(0), 1 << UART_IRQ
	li	a0, UART_IER_THRI
	sb	a0, UART_IER(s0)
	WAIT_MIP 1, MIP_MEIP, MIP_MEIP
	csrr	a0, mip
	andi	a0, a0, MIP_SEIP
	CHECK	2, a0, 0			/* not enabled for the S context */

	/* Threshold >= priority masks it. */
	WRITE32	PLIC_THRESHOLD(0), 1
	WAIT_MIP 3, MIP_MEIP, 0
	WRITE32	PLIC_THRESHOLD(0), 0
	WAIT_MIP 4, MIP_MEIP, MIP_MEIP
	/* Priority 0 never interrupts. */
	WRITE32	PLIC_PRIORITY(UART_IRQ), 0
	WAIT_MIP 5, MIP_MEIP, 0
	WRITE32	PLIC_PRIORITY(UART_IRQ), 1
	WAIT_MIP 6, MIP_MEIP, MIP_MEIP

	/* Taken in M: mcause 0x8000000b. */
	TRAP_CLEAR m_trap_record
	li	a0, MIP_MEIP
	csrs	mie, a0
	li	a0, MSTATUS_MIE
	csrs	mstatus, a0
	nop
	csrc	mstatus, a0
	CHECK_TRAP_COUNT 10, m_trap_record, 1
	la	t6, m_trap_record
	lw	a0, TR_CAUSE(t6)
	CHECK	11, a0, CAUSE_IRQ | IRQ_MEI

	/* Claim returns the source and takes it out of pending; the UART is quieted, then
	 * complete. Nothing is pending afterwards. */
	li	t5, PLIC_CLAIM(0)
	lw	a0, 0(t5)
	CHECK	12, a0, UART_IRQ
	sb	zero, UART_IER(s0)
	lbu	a1, UART_IIR(s0)
	li	t5, PLIC_CLAIM(0)
	sw	a0, 0(t5)
	WAIT_MIP 13, MIP_MEIP, 0
	li	t5, PLIC_CLAIM(0)
	lw	a0, 0(t5)
	CHECK	14, a0, 0			/* nothing to claim */

	/* While claimed and not completed, the source does not interrupt again. */
	li	a0, UART_IER_THRI
	sb	a0, UART_IER(s0)
	WAIT_MIP 15, MIP_MEIP, MIP_MEIP
	li	t5, PLIC_CLAIM(0)
	lw	s1, 0(t5)
	CHECK	16, s1, UART_IRQ
	WAIT_MIP 17, MIP_MEIP, 0
	sb	zero, UART_IER(s0)
	lbu	a1, UART_IIR(s0)
	li	t5, PLIC_CLAIM(0)
	sw	s1, 0(t5)

	/* The S context: SEIP, delegated, taken in S with scause 0x80000009. */
	WRITE32	PLIC_ENABLE(0), 0
	WRITE32	PLIC_ENABLE(1), 1 << UART_IRQ
	li	a0, MIP_SEIP
	csrw	mideleg, a0
	li	a0, UART_IER_THRI
	sb	a0, UART_IER(s0)
	WAIT_MIP 20, MIP_SEIP, MIP_SEIP
	csrr	a0, mip
	li	t4, MIP_MEIP
	and	a0, a0, t4
	CHECK	21, a0, 0
	TRAP_CLEAR m_trap_record
	TRAP_CLEAR s_trap_record
	M_ENTER	1
	li	a0, MIP_SEIP
	csrs	sie, a0
	li	a0, MSTATUS_SIE
	csrs	sstatus, a0
	nop
	csrc	sstatus, a0
	li	t5, PLIC_CLAIM(1)
	lw	s1, 0(t5)
	sb	zero, UART_IER(s0)
	lbu	a1, UART_IIR(s0)
	li	t5, PLIC_CLAIM(1)
	sw	s1, 0(t5)
	ecall
	CHECK_TRAP_COUNT 22, s_trap_record, 1
	la	t6, s_trap_record
	lw	a0, TR_CAUSE(t6)
	CHECK	23, a0, CAUSE_IRQ | IRQ_SEI
	CHECK	24, s1, UART_IRQ
	CHECK_TRAP_COUNT 25, m_trap_record, 1	/* only the ecall */
	WAIT_MIP 26, MIP_SEIP, 0

	csrw	mideleg, zero
	WRITE32	PLIC_ENABLE(1), 0
	PASS
