/*
 * rv32i-mem.S - loads and stores of every width: sign and zero extension, positive and
 * negative offsets, little-endian byte order, partial stores leaving neighbours alone,
 * and a store followed at once by a load of the same address.
 */
#include "isa.h"

	.text
	.globl	test_main
test_main:
	la	s0, buf

	/* Loads of a known pattern: buf = 80 7f ff 01 | 34 12 cd ab */
	lb	a0, 0(s0)
	CHECK	1, a0, 0xffffff80
	lbu	a0, 0(s0)
	CHECK	2, a0, 0x80
	lb	a0, 1(s0)
	CHECK	3, a0, 0x7f
	lb	a0, 2(s0)
	CHECK	4, a0, 0xffffffff
	lbu	a0, 2(s0)
	CHECK	5, a0, 0xff
	lh	a0, 0(s0)
	CHECK	6, a0, 0x7f80
	lh	a0, 2(s0)
	CHECK	7, a0, 0x01ff
	lh	a0, 6(s0)
	CHECK	8, a0, 0xffffabcd
	lhu	a0, 6(s0)
	CHECK	9, a0, 0xabcd
	lw	a0, 0(s0)
	CHECK	10, a0, 0x01ff7f80
	lw	a0, 4(s0)
	CHECK	11, a0, 0xabcd1234

	/* Negative offsets. */
	addi	s1, s0, 8
	lw	a0, -8(s1)
	CHECK	12, a0, 0x01ff7f80
	lbu	a0, -1(s1)
	CHECK	13, a0, 0xab
	lh	a0, -4(s1)
	CHECK	14, a0, 0x1234

	/* Stores: sb and sh change only their bytes. */
	la	s0, scratch
	li	a0, 0x11223344
	sw	a0, 0(s0)
	li	a1, 0xaa
	sb	a1, 1(s0)
	lw	a0, 0(s0)
	CHECK	20, a0, 0x1122aa44
	li	a1, 0xffffbeef		/* only the low half is stored */
	sh	a1, 2(s0)
	lw	a0, 0(s0)
	CHECK	21, a0, 0xbeefaa44
	li	a1, 0x12345678
	sb	a1, 3(s0)		/* only the low byte is stored */
	lw	a0, 0(s0)
	CHECK	22, a0, 0x78efaa44
	li	a1, -1
	sw	a1, 4(s0)
	sb	zero, 7(s0)
	lw	a0, 4(s0)
	CHECK	23, a0, 0x00ffffff
	lw	a0, 0(s0)		/* the neighbouring word is untouched */
	CHECK	24, a0, 0x78efaa44

	/* Store then load, negative store offset. */
	addi	s1, s0, 16
	li	a1, 0xcafef00d
	sw	a1, -4(s1)
	lw	a0, 12(s0)
	CHECK	25, a0, 0xcafef00d
	lhu	a0, 14(s0)
	CHECK	26, a0, 0xcafe
	lb	a0, 12(s0)
	CHECK	27, a0, 0x0d

	/* A load into x0 is performed but discarded. */
	lw	x0, 0(s0)
	CHECK	28, x0, 0

	/* A load whose base and destination are the same register. */
	la	a0, buf
	lw	a0, 4(a0)
	CHECK	29, a0, 0xabcd1234

	/* Far offsets: -2048 and +2047. */
	la	s1, big + 2048
	li	a1, 0x5a5a5a5a
	sw	a1, -2048(s1)
	la	s2, big
	lw	a2, 0(s2)
	CHECK	30, a2, 0x5a5a5a5a
	li	a1, 0x77
	sb	a1, 2047(s1)
	addi	s2, s2, 2047
	addi	s2, s2, 1
	lbu	a0, 2047(s2)		/* big + 4095 */
	CHECK	31, a0, 0x77

	/* Fences and hints execute as no-ops: fence variants, fence.tso, pause. */
	li	a0, 5
	fence
	fence	rw, rw
	fence	r, r
	fence	iorw, iorw
	.word	0x8330000f			/* fence.tso */
	.word	0x0100000f			/* pause */
	fence.i
	addi	x0, a0, 7			/* HINT: no effect */
	CHECK	40, a0, 5

	PASS

	.data
	.balign	8
buf:
	.byte	0x80, 0x7f, 0xff, 0x01, 0x34, 0x12, 0xcd, 0xab
scratch:
	.space	16

	.bss
	.balign	4096
big:
	.space	4096
