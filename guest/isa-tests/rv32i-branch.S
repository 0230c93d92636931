/*
 * rv32i-branch.S - conditional branches (taken and not taken, signed and unsigned,
 * forward and backward), jal and jalr link values, jalr clearing bit 0 of the target.
 */
#include "isa.h"

/* Case \n: \br \a, \b must be taken. */
.macro TAKEN n, br, a, b
	li	gp, \n
	li	a1, \a
	li	a2, \b
	\br	a1, a2, .Ltaken\@
	j	fail
.Ltaken\@:
.endm

/* Case \n: \br \a, \b must fall through. */
.macro NOT_TAKEN n, br, a, b
	li	gp, \n
	li	a1, \a
	li	a2, \b
	\br	a1, a2, fail
.endm

	.text
	.globl	test_main
test_main:
	TAKEN		1, beq, 5, 5
	NOT_TAKEN	2, beq, 5, 6
	TAKEN		3, bne, 5, 6
	NOT_TAKEN	4, bne, 0xffffffff, 0xffffffff
	TAKEN		5, blt, 0xffffffff, 0		/* -1 < 0 */
	NOT_TAKEN	6, blt, 0, 0xffffffff
	NOT_TAKEN	7, blt, 3, 3
	TAKEN		8, bge, 3, 3
	TAKEN		9, bge, 0, 0x80000000
	NOT_TAKEN	10, bge, 0x80000000, 0x7fffffff
	TAKEN		11, bltu, 0, 0xffffffff
	NOT_TAKEN	12, bltu, 0xffffffff, 0
	NOT_TAKEN	13, bltu, 7, 7
	TAKEN		14, bgeu, 0x80000000, 0x7fffffff
	TAKEN		15, bgeu, 7, 7
	NOT_TAKEN	16, bgeu, 0x7fffffff, 0x80000000

	/* Backward branch: a counted loop runs exactly 10 times. */
	li	a0, 0
	li	a1, 10
1:	addi	a0, a0, 1
	bne	a0, a1, 1b
	CHECK	20, a0, 10

	/* jal writes the address of the next instruction. */
	jal	a0, .Ljal_target
.Ljal_ret:
	j	fail
.Ljal_target:
	CHECK_ADDR 21, a0, .Ljal_ret

	/* jal x0 does not link. */
	li	a0, 0
	j	.Lskip
	li	a0, 1
.Lskip:
	CHECK	22, a0, 0

	/* jalr: target = rs1 + imm, link = pc + 4. */
	la	a1, .Ljalr_target - 16
	jalr	a0, 16(a1)
.Ljalr_ret:
	j	fail
.Ljalr_target:
	CHECK_ADDR 23, a0, .Ljalr_ret

	/* jalr clears bit 0 of the target. */
	la	a1, .Ljalr_odd
	addi	a1, a1, 1
	jalr	a0, 0(a1)
	j	fail
.Ljalr_odd:
	CHECK	24, zero, 0

	/* jalr with rd == rs1 uses the old rs1. */
	la	a0, .Ljalr_same
	jalr	a0, 0(a0)
.Ljalr_same_ret:
	j	fail
.Ljalr_same:
	CHECK_ADDR 25, a0, .Ljalr_same_ret

	/* Negative jalr offset. */
	la	a1, .Ljalr_neg + 0x100
	jalr	zero, -0x100(a1)
	j	fail
.Ljalr_neg:

	/* Call and return through a subroutine. */
	li	a0, 20
	call	double_it
	CHECK	26, a0, 40

	PASS

double_it:
	add	a0, a0, a0
	ret
