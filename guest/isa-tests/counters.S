/*
 * counters.S - Zicntr from lower modes: cycle, time and instret (and their h halves)
 * gated by mcounteren for S and U and by scounteren for U; a gated read is an illegal
 * instruction. The time CSR follows the CLINT's mtime.
 */
#include "isa.h"

/* Fail case \n unless reading CSR \csr in mode \mode traps (\traps = 1) or not (0). */
.macro TRY n, mode, csr, traps
	TRAP_CLEAR m_trap_record
	M_ENTER	\mode
.Ltry\@:
	csrr	a0, \csr
	ecall
	CHECK_TRAP_COUNT \n, m_trap_record, 1 + \traps
	.if \traps
	CHECK_FIRST \n, m_trap_record, CAUSE_ILLEGAL_INSN, .Ltry\@
	.endif
.endm

	.text
	.globl	test_main
test_main:
	/* mcounteren and scounteren hold CY, TM, IR. */
	li	a0, 7
	csrw	mcounteren, a0
	csrr	a1, mcounteren
	andi	a1, a1, 7
	CHECK	1, a1, 7
	csrw	scounteren, a0
	csrr	a1, scounteren
	andi	a1, a1, 7
	CHECK	2, a1, 7

	/* All closed: S and U cannot read any counter. */
	csrw	mcounteren, zero
	csrw	scounteren, zero
	TRY	10, 1, cycle, 1
	TRY	11, 1, time, 1
	TRY	12, 1, instret, 1
	TRY	13, 0, cycle, 1
	TRY	14, 0, cycleh, 1
	TRY	15, 0, instreth, 1

	/* mcounteren open, scounteren closed: S reads, U does not. */
	li	a0, 7
	csrw	mcounteren, a0
	TRY	20, 1, cycle, 0
	TRY	21, 1, time, 0
	TRY	22, 1, instret, 0
	TRY	23, 1, cycleh, 0
	TRY	24, 1, timeh, 0
	TRY	25, 1, instreth, 0
	TRY	26, 0, cycle, 1
	TRY	27, 0, time, 1
	TRY	28, 0, instret, 1

	/* Bits are per counter: only IR for S. */
	li	a0, 4
	csrw	mcounteren, a0
	TRY	30, 1, instret, 0
	TRY	31, 1, cycle, 1
	TRY	32, 1, time, 1

	/* Both open for TM only: U reads time but not cycle. */
	li	a0, 2
	csrw	mcounteren, a0
	csrw	scounteren, a0
	TRY	40, 0, time, 0
	TRY	41, 0, cycle, 1

	/* Both fully open: U reads everything; values make sense. */
	li	a0, 7
	csrw	mcounteren, a0
	csrw	scounteren, a0
	TRY	50, 0, cycle, 0
	TRY	51, 0, instreth, 0
	TRAP_CLEAR m_trap_record
	li	s0, CLINT_MTIME
	M_ENTER	0
	rdinstret s1
	rdinstret s2
	rdtime	s3
	rdcycle	s4
	ecall
	CHECK_TRAP_COUNT 52, m_trap_record, 1
	li	gp, 53
	bltu	s2, s1, fail			/* instret does not go backwards */
	li	gp, 54
	beqz	s3, fail			/* time is running */
	lw	a0, 0(s0)
	li	gp, 55
	bltu	a0, s3, fail			/* time <= mtime read afterwards */

	/* Lower modes never reach M counters: mcycle from S is illegal. */
	TRY	60, 1, mcycle, 1
	TRY	61, 0, minstret, 1

	csrw	mcounteren, zero
	csrw	scounteren, zero
	PASS
