/*
 * rv32a.S - the A extension: every amo*.w returns the old value and stores the new one
 * (signed and unsigned min/max on mixed signs), aq/rl forms, and LR/SC: success writes
 * and returns 0, failure (no reservation, reservation used up, other address) returns
 * non-zero and leaves memory alone.
 */
#include "isa.h"

/* Case \n: with mem = \old, \op a0, \src, (mem) gives a0 = \old and mem = \new. */
.macro AMO n, op, old, src, new
	la	s0, word
	li	a1, \old
	sw	a1, 0(s0)
	li	a2, \src
	\op	a0, a2, (s0)
	CHECK	\n, a0, \old
	lw	a3, 0(s0)
	CHECK	\n, a3, \new
	CHECK	\n, a2, \src
.endm

	.text
	.globl	test_main
test_main:
	AMO	1, amoswap.w, 0x12345678, 0xcafebabe, 0xcafebabe
	AMO	2, amoadd.w, 0x7fffffff, 1, 0x80000000
	AMO	3, amoadd.w, 0xffffffff, 0xffffffff, 0xfffffffe
	AMO	4, amoxor.w, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0
	AMO	5, amoand.w, 0xff00ff00, 0x0ff00ff0, 0x0f000f00
	AMO	6, amoor.w, 0xff00ff00, 0x0ff00ff0, 0xfff0fff0
	AMO	7, amomin.w, 0xffffffff, 1, 0xffffffff		/* -1 < 1 */
	AMO	8, amomin.w, 5, 3, 3
	AMO	9, amomax.w, 0xffffffff, 1, 1
	AMO	10, amomax.w, 0x80000000, 0x7fffffff, 0x7fffffff
	AMO	11, amominu.w, 0xffffffff, 1, 1
	AMO	12, amominu.w, 0, 0x80000000, 0
	AMO	13, amomaxu.w, 0xffffffff, 1, 0xffffffff
	AMO	14, amomaxu.w, 0x7fffffff, 0x80000000, 0x80000000
	AMO	15, amoadd.w.aq, 10, 20, 30
	AMO	16, amoswap.w.rl, 1, 2, 2
	AMO	17, amoor.w.aqrl, 0x10, 0x01, 0x11

	/* An AMO with rd = x0 still updates memory. */
	la	s0, word
	li	a1, 40
	sw	a1, 0(s0)
	li	a2, 2
	amoadd.w zero, a2, (s0)
	lw	a0, 0(s0)
	CHECK	18, a0, 42

	/* LR/SC success: sc returns 0 and stores. */
	la	s0, word
	li	a1, 100
	sw	a1, 0(s0)
	lr.w	a0, (s0)
	CHECK	20, a0, 100
	addi	a0, a0, 1
	sc.w	a3, a0, (s0)
	CHECK	21, a3, 0
	lw	a0, 0(s0)
	CHECK	22, a0, 101

	/* A second sc without a new lr fails and does not store. */
	li	a0, 555
	sc.w	a3, a0, (s0)
	li	gp, 23
	beqz	a3, fail
	lw	a0, 0(s0)
	CHECK	24, a0, 101

	/* sc to an address other than the reserved one fails. */
	la	s1, word2
	li	a1, 7
	sw	a1, 0(s1)
	lr.w	a0, (s0)
	li	a0, 8
	sc.w	a3, a0, (s1)
	li	gp, 25
	beqz	a3, fail
	lw	a0, 0(s1)
	CHECK	26, a0, 7

	/* An LR/SC increment loop, as a spinlock-free counter would use it. */
	sw	zero, 0(s0)
	li	s2, 0
	li	s3, 50
1:	lr.w.aq	a0, (s0)
	addi	a0, a0, 2
	sc.w.rl	a3, a0, (s0)
	bnez	a3, 1b
	addi	s2, s2, 1
	bne	s2, s3, 1b
	lw	a0, 0(s0)
	CHECK	27, a0, 100

	PASS

	.data
	.balign	8
word:
	.word	0
word2:
	.word	0
