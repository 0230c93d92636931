/*
 * rv32i-alu.S - RV32I register-register and register-immediate arithmetic, logic,
 * comparisons and shifts, lui/auipc, and writes to x0 being discarded.
 */
#include "isa.h"

/* Case \n: \op rd, \a, \b with both operands in registers must give \res. */
.macro RR n, op, res, a, b
	li	a1, \a
	li	a2, \b
	\op	a0, a1, a2
	CHECK	\n, a0, \res
.endm

/* Case \n: \op rd, \a, \imm must give \res. */
.macro RI n, op, res, a, imm
	li	a1, \a
	\op	a0, a1, \imm
	CHECK	\n, a0, \res
.endm

	.text
	.globl	test_main
test_main:
	RR	1, add, 0x00000000, 0x00000000, 0x00000000
	RR	2, add, 0x00000002, 0x00000001, 0x00000001
	RR	3, add, 0x80000000, 0x7fffffff, 0x00000001	/* signed overflow wraps */
	RR	4, add, 0x00000000, 0xffffffff, 0x00000001
	RR	5, sub, 0xffffffff, 0x00000000, 0x00000001
	RR	6, sub, 0x7fffffff, 0x80000000, 0x00000001
	RR	7, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f
	RR	8, or,  0xff0fff0f, 0xff00ff00, 0x0f0f0f0f
	RR	9, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f
	RR	10, slt, 1, 0xffffffff, 0x00000000		/* -1 < 0 signed */
	RR	11, slt, 0, 0x00000000, 0xffffffff
	RR	12, slt, 0, 0x00000005, 0x00000005
	RR	13, sltu, 0, 0xffffffff, 0x00000000		/* 0xffffffff > 0 unsigned */
	RR	14, sltu, 1, 0x00000000, 0xffffffff
	RR	15, sltu, 1, 0x7fffffff, 0x80000000
	RR	16, sll, 0x80000000, 0x00000001, 31
	RR	17, sll, 0x00000002, 0x00000001, 33		/* only rs2[4:0] counts */
	RR	18, sll, 0x12345678, 0x12345678, 0xffffffe0	/* shift by 0 */
	RR	19, srl, 0x00000001, 0x80000000, 31
	RR	20, srl, 0x7fffffff, 0xffffffff, 0xffffffe1	/* shift by 1 */
	RR	21, sra, 0xffffffff, 0x80000000, 31
	RR	22, sra, 0xc0000000, 0x80000000, 1
	RR	23, sra, 0x3fffffff, 0x7fffffff, 1

	RI	30, addi, 0x00000000, 0x00000001, -1
	RI	31, addi, 0x800007fe, 0x7fffffff, 0x7ff
	RI	32, addi, 0x7ffff800, 0x80000000, -0x800		/* immediate sign extension */
	RI	33, slti, 1, 0xfffffff0, -1
	RI	34, slti, 0, 0x00000000, -1
	RI	35, sltiu, 1, 0x00000000, -1		/* -1 becomes 0xffffffff, compared unsigned */
	RI	36, sltiu, 0, 0xffffffff, -1
	RI	37, sltiu, 1, 0x00000000, 1		/* seqz */
	RI	38, andi, 0xff00ff00, 0xff00ff0f, -256	/* andi with negative immediate */
	RI	39, andi, 0x0000000f, 0xff00ff0f, 0x0f
	RI	40, ori,  0xff00fff0, 0xff00ff00, 0x0f0
	RI	41, ori,  0xffffffff, 0x00000000, -1
	RI	42, xori, 0x00ff00ff, 0xff00ff00, -1		/* not */
	RI	43, xori, 0xff00ff0f, 0xff00ff00, 0x00f
	RI	44, slli, 0x80000000, 0x00000001, 31
	RI	45, slli, 0x24242420, 0x21212121, 5
	RI	46, srli, 0x00000001, 0x80000000, 31
	RI	47, srli, 0x01090909, 0x21212121, 5
	RI	48, srai, 0xfffffff0, 0x80000000, 27
	RI	49, srai, 0x00000001, 0x7fffffff, 30

	/* lui places imm << 12 and clears the low bits. */
	li	a0, -1
	lui	a0, 0x80000
	CHECK	60, a0, 0x80000000
	lui	a0, 0xfffff
	CHECK	61, a0, 0xfffff000

	/* auipc adds imm << 12 to its own address. */
	la	a1, .Lauipc0
.Lauipc0:
	auipc	a0, 0
	CHECK_EQ 62, a0, a1
	la	a2, .Lauipc1
.Lauipc1:
	auipc	a0, 0x1
	sub	a3, a0, a2
	li	a4, 0x1000
	CHECK_EQ 63, a3, a4
	la	a2, .Lauipc2
.Lauipc2:
	auipc	a0, 0xfffff		/* negative offset */
	sub	a3, a2, a0
	CHECK	64, a3, 0x1000

	/* Writes to x0 are discarded. */
	li	a1, 5
	addi	x0, a1, 1
	add	x0, a1, a1
	lui	x0, 0x12345
	CHECK	70, x0, 0
	mv	a0, x0
	CHECK	71, a0, 0

	/* Source and destination the same register. */
	li	a0, 7
	add	a0, a0, a0
	CHECK	72, a0, 14
	sub	a0, a0, a0
	CHECK	73, a0, 0

	PASS
