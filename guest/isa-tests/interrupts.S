/*
 * interrupts.S - CLINT machine software (msip) and timer (mtimecmp) interrupts,
 * mip/mie gating and mstatus.MIE, WFI waking on a pending-but-disabled interrupt,
 * M interrupts taken in S even with MIE = 0, priorities, vectored mtvec, and supervisor
 * interrupts: STIP set from M and SSIP set from S, delegated through mideleg, taken in S.
 */
#include "isa.h"

/* Spin until bit \mask of CSR \csr is set (at most 5000000 times: QEMU's timers run
 * on host time); else fail case \n. */
.macro WAIT_CSR_BIT n, csr, mask
	li	gp, \n
	li	t5, 5000000
.Lwait\@:
	csrr	t6, \csr
	andi	t6, t6, \mask
	bnez	t6, .Ldone\@
	addi	t5, t5, -1
	bnez	t5, .Lwait\@
	j	fail
.Ldone\@:
.endm

/* Spin until the trap count of \rec is non-zero (at most 5000000 times); else fail case \n. */
.macro WAIT_TRAP n, rec
	li	gp, \n
	li	t5, 5000000
.Lwait\@:
	la	t6, \rec
	lw	t6, TR_COUNT(t6)
	bnez	t6, .Ldone\@
	addi	t5, t5, -1
	bnez	t5, .Lwait\@
	j	fail
.Ldone\@:
.endm

/* mtimecmp = mtime + \ticks (high word first through all ones, so no early match). */
.macro TIMER_IN ticks
	li	t5, CLINT_MTIME
	lw	t6, 0(t5)
	li	t5, \ticks
	add	t6, t6, t5
	li	t5, CLINT_MTIMECMP
	li	t4, -1
	sw	t4, 4(t5)
	sw	t6, 0(t5)
	li	t6, CLINT_MTIME
	lw	t6, 4(t6)
	sw	t6, 4(t5)
.endm

	.text
	.globl	test_main
test_main:
	/* Machine software interrupt: pending in mip, not taken while mie.MSIE = 0. */
	TRAP_CLEAR m_trap_record
	li	a0, MSTATUS_MIE
	csrs	mstatus, a0
	li	a1, CLINT_MSIP
	li	a0, 1
	sw	a0, 0(a1)
	WAIT_CSR_BIT 1, mip, MIP_MSIP
	CHECK_TRAP_COUNT 2, m_trap_record, 0
	/* Enabling it in mie takes it at once; the handler clears msip. */
	li	a0, MIP_MSIP
	csrs	mie, a0
	WAIT_TRAP 3, m_trap_record
	la	t6, m_trap_record
	lw	a0, TR_CAUSE(t6)
	CHECK	4, a0, CAUSE_IRQ | IRQ_MSI
	CHECK_PREV 5, m_trap_record, 3
	csrr	a0, mip
	andi	a0, a0, MIP_MSIP
	CHECK	6, a0, 0
	li	a1, CLINT_MSIP
	lw	a0, 0(a1)
	CHECK	7, a0, 0

	/* MSIE set but mstatus.MIE = 0 in M: not taken. */
	li	a0, MSTATUS_MIE
	csrc	mstatus, a0
	li	a0, MIP_MSIP
	csrs	mie, a0
	TRAP_CLEAR m_trap_record
	li	a1, CLINT_MSIP
	li	a0, 1
	sw	a0, 0(a1)
	WAIT_CSR_BIT 8, mip, MIP_MSIP
	CHECK_TRAP_COUNT 9, m_trap_record, 0
	/* Setting MIE takes it. */
	li	a0, MSTATUS_MIE
	csrs	mstatus, a0
	WAIT_TRAP 10, m_trap_record
	li	a0, MSTATUS_MIE
	csrc	mstatus, a0

	/* MTIP and MSIP are read-only in mip: CSR writes do not change them. */
	li	a0, MIP_MTIP | MIP_MSIP
	csrs	mip, a0
	csrr	a1, mip
	and	a1, a1, a0
	CHECK	11, a1, 0

	/* Priority: with MSI and MTI both pending and enabled, MSI is taken first. */
	TRAP_CLEAR m_trap_record
	li	a1, CLINT_MSIP
	li	a0, 1
	sw	a0, 0(a1)
	TIMER_IN 1
	WAIT_CSR_BIT 12, mip, MIP_MTIP
	WAIT_CSR_BIT 13, mip, MIP_MSIP
	li	a0, MIP_MSIP | MIP_MTIP
	csrs	mie, a0
	li	a0, MSTATUS_MIE
	csrs	mstatus, a0
	nop
	csrc	mstatus, a0
	CHECK_TRAP_COUNT 14, m_trap_record, 2	/* both, one after the other */
	la	t6, m_trap_record
	lw	a0, TR_CAUSE(t6)
	CHECK	15, a0, CAUSE_IRQ | IRQ_MSI

	/* Vectored mtvec: interrupts go to base + 4 * cause, exceptions to base. */
	la	a0, vector_table
	ori	a0, a0, 1
	csrw	mtvec, a0
	csrr	a1, mtvec
	CHECK_EQ 16, a0, a1
	la	s1, vector_hits
	sw	zero, 0(s1)
	sw	zero, 4(s1)
	TRAP_CLEAR m_trap_record
	ecall				/* exception: entry 0 */
	li	a1, CLINT_MSIP
	li	a0, 1
	sw	a0, 0(a1)
	li	a0, MIP_MSIP
	csrs	mie, a0
	li	a0, MSTATUS_MIE
	csrs	mstatus, a0
	nop
	csrc	mstatus, a0
	la	a0, m_trap_vector
	csrw	mtvec, a0
	CHECK_TRAP_COUNT 17, m_trap_record, 2
	lw	a0, 0(s1)
	CHECK	18, a0, 1		/* entry 0 once: the ecall */
	lw	a0, 4(s1)
	CHECK	19, a0, 1		/* entry 3 once: MSI */

	/* Timer: mtime advances; MTIP follows mtime >= mtimecmp. */
	li	a1, CLINT_MTIME
	lw	a0, 0(a1)
	li	t5, 1000
1:	addi	t5, t5, -1
	bnez	t5, 1b
	lw	a2, 0(a1)
	li	gp, 20
	beq	a0, a2, fail
	csrr	a0, mip
	andi	a0, a0, MIP_MTIP
	CHECK	21, a0, 0
	TIMER_IN 200
	WAIT_CSR_BIT 22, mip, MIP_MTIP
	/* Writing mtimecmp far in the future clears MTIP. */
	li	t5, CLINT_MTIMECMP
	li	t4, -1
	sw	t4, 4(t5)
	csrr	a0, mip
	andi	a0, a0, MIP_MTIP
	CHECK	23, a0, 0

	/* Timer interrupt taken: mcause 0x80000007. */
	TRAP_CLEAR m_trap_record
	li	a0, MIP_MTIP
	csrs	mie, a0
	li	a0, MSTATUS_MIE
	csrs	mstatus, a0
	TIMER_IN 300
	WAIT_TRAP 24, m_trap_record
	la	t6, m_trap_record
	lw	a0, TR_CAUSE(t6)
	CHECK	25, a0, CAUSE_IRQ | IRQ_MTI
	li	a0, MSTATUS_MIE
	csrc	mstatus, a0

	/* WFI with MTIE set and MIE clear: wakes when the timer fires, no trap taken. */
	TRAP_CLEAR m_trap_record
	li	a0, MIP_MTIP
	csrs	mie, a0
	TIMER_IN 5000
	li	a1, CLINT_MTIMECMP
	lw	s2, 0(a1)
	wfi
	csrr	a0, mip
	andi	a0, a0, MIP_MTIP
	CHECK	30, a0, MIP_MTIP
	li	a1, CLINT_MTIME
	lw	a0, 0(a1)
	li	gp, 31
	bltu	a0, s2, fail		/* time really passed (low word; test runs long before wrap) */
	CHECK_TRAP_COUNT 32, m_trap_record, 0
	/* Now MIE = 1 takes it. */
	li	a0, MSTATUS_MIE
	csrs	mstatus, a0
	WAIT_TRAP 33, m_trap_record
	li	a0, MSTATUS_MIE
	csrc	mstatus, a0

	/* An M interrupt is taken in S even with mstatus.MIE = 0 (mret copies MPIE into
	 * MIE, so MPIE is cleared first). */
	TRAP_CLEAR m_trap_record
	li	a0, MIP_MTIP
	csrs	mie, a0
	li	a0, MSTATUS_MIE | MSTATUS_MPIE
	csrc	mstatus, a0
	M_ENTER	1
	TIMER_IN 200
	WAIT_TRAP 40, m_trap_record
	ecall
	CHECK_TRAP_COUNT 41, m_trap_record, 2
	la	t6, m_trap_record
	lw	a0, TR_CAUSE(t6)
	CHECK	42, a0, CAUSE_IRQ | IRQ_MTI
	CHECK_PREV 43, m_trap_record, 1

	/* sie and sip show only delegated interrupts. */
	csrw	mideleg, zero
	li	a0, MIP_STIP | MIP_SSIP
	csrs	mie, a0
	csrr	a1, sie
	and	a1, a1, a0
	CHECK	48, a1, 0
	csrc	mie, a0
	li	a0, MIP_STIP
	csrs	mip, a0
	csrr	a1, sip
	and	a1, a1, a0
	CHECK	49, a1, 0
	csrc	mip, a0

	/* STIP set by M, delegated: taken in S when sie.STIE and sstatus.SIE. */
	li	a0, MIP_STIP | MIP_SSIP
	csrw	mideleg, a0
	csrr	a1, mideleg
	CHECK_EQ 50, a0, a1
	TRAP_CLEAR m_trap_record
	TRAP_CLEAR s_trap_record
	li	a0, MIP_STIP
	csrs	mip, a0
	csrr	a1, mip
	and	a1, a1, a0
	CHECK_EQ 51, a1, a0
	M_ENTER	1
	csrr	a0, sip
	andi	a0, a0, MIP_STIP
	CHECK	52, a0, MIP_STIP	/* visible in sip */
	CHECK_TRAP_COUNT 53, s_trap_record, 0
	li	a0, MIP_STIP
	csrs	sie, a0
	CHECK_TRAP_COUNT 54, s_trap_record, 0	/* sstatus.SIE = 0 in S: not yet */
	li	a0, MSTATUS_SIE
	csrs	sstatus, a0
	WAIT_TRAP 55, s_trap_record
	li	a0, MSTATUS_SIE
	csrc	sstatus, a0
	ecall
	la	t6, s_trap_record
	lw	a0, TR_CAUSE(t6)
	CHECK	56, a0, CAUSE_IRQ | IRQ_STI
	CHECK_PREV 57, s_trap_record, 1
	CHECK_TRAP_COUNT 58, m_trap_record, 1	/* just the ecall */
	li	a0, MIP_STIP
	csrc	mip, a0

	/* STIP delegated is taken in U-mode even with sstatus.SIE = 0. */
	TRAP_CLEAR s_trap_record
	li	a0, MIP_STIP
	csrs	sie, a0
	csrs	mip, a0
	M_ENTER	0
	WAIT_TRAP 60, s_trap_record	/* trap record is readable: no paging */
	ecall				/* to M */
	la	t6, s_trap_record
	lw	a0, TR_CAUSE(t6)
	CHECK	61, a0, CAUSE_IRQ | IRQ_STI
	CHECK_PREV 62, s_trap_record, 0
	li	a0, MIP_STIP
	csrc	mip, a0

	/* SSIP set by S itself through sip: taken in S. */
	TRAP_CLEAR s_trap_record
	M_ENTER	1
	li	a0, MIP_SSIP
	csrs	sie, a0
	li	a0, MSTATUS_SIE
	csrs	sstatus, a0
	li	a0, MIP_SSIP
	csrs	sip, a0
	WAIT_TRAP 70, s_trap_record
	li	a0, MSTATUS_SIE
	csrc	sstatus, a0
	csrr	a1, sip
	ecall
	la	t6, s_trap_record
	lw	a0, TR_CAUSE(t6)
	CHECK	71, a0, CAUSE_IRQ | IRQ_SSI
	andi	a1, a1, MIP_SSIP
	CHECK	72, a1, 0		/* the S handler cleared it */

	/* A delegated interrupt pending while in M is not taken in M. */
	TRAP_CLEAR m_trap_record
	TRAP_CLEAR s_trap_record
	li	a0, MSTATUS_MIE
	csrs	mstatus, a0
	li	a0, MIP_STIP
	csrs	mie, a0
	csrs	sie, a0
	csrs	mip, a0
	nop
	nop
	CHECK_TRAP_COUNT 80, m_trap_record, 0
	CHECK_TRAP_COUNT 81, s_trap_record, 0
	li	a0, MIP_STIP
	csrc	mip, a0
	li	a0, MSTATUS_MIE
	csrc	mstatus, a0

	PASS

/* Vectored-mode table: count the entries used, then the usual handler. */
	.balign	64
vector_table:
	j	.Lvec_exc		/* 0: exceptions */
	j	fail			/* 1: SSI */
	j	fail			/* 2 */
	j	.Lvec_msi		/* 3: MSI */
	j	fail			/* 4 */
	j	fail			/* 5: STI */
	j	fail			/* 6 */
	j	fail			/* 7: MTI */
.Lvec_exc:
	csrrw	sp, mscratch, sp	/* m_save_area: 16 and 20 are free for this */
	sw	t0, 16(sp)
	la	t0, vector_hits
	j	.Lvec_count
.Lvec_msi:
	csrrw	sp, mscratch, sp
	sw	t0, 16(sp)
	la	t0, vector_hits + 4
.Lvec_count:
	sw	t1, 20(sp)
	lw	t1, 0(t0)
	addi	t1, t1, 1
	sw	t1, 0(t0)
	lw	t0, 16(sp)
	lw	t1, 20(sp)
	csrrw	sp, mscratch, sp
	j	m_trap_vector

	.data
	.balign	4
vector_hits:
	.word	0, 0
