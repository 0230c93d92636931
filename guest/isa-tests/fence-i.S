/*
 * fence-i.S - self-modifying code made visible by fence.i: code that has already run
 * (and may sit in a decoded-instruction cache) is overwritten, then run again. This is
 * what kexec relocation does to the CPU at a larger scale.
 */
#include "isa.h"

/* addi a0, zero, imm (I-type, opcode 0x13, funct3 0, rd = a0 = x10). */
#define ADDI_A0(imm)	((((imm) & 0xfff) << 20) | (10 << 7) | 0x13)

	.text
	.globl	test_main
test_main:
	/* Run the patch site once so that an emulator may have cached it. */
	call	patch_site
	CHECK	1, a0, 1
	call	patch_site
	CHECK	2, a0, 1

	/* Overwrite its first instruction, fence.i, run it again. */
	la	s0, patch_site
	li	a1, ADDI_A0(42)
	sw	a1, 0(s0)
	fence.i
	call	patch_site
	CHECK	3, a0, 42

	/* Overwrite it again with a store of each width. */
	li	a1, ADDI_A0(7)
	srli	a2, a1, 16
	sh	a2, 2(s0)
	sh	a1, 0(s0)
	fence.i
	call	patch_site
	CHECK	4, a0, 7

	li	a1, ADDI_A0(0x123)
	sb	a1, 0(s0)
	srli	a2, a1, 8
	sb	a2, 1(s0)
	srli	a2, a1, 16
	sb	a2, 2(s0)
	srli	a2, a1, 24
	sb	a2, 3(s0)
	fence.i
	call	patch_site
	CHECK	5, a0, 0x123

	/* Copy a whole routine to another page and run the copy there. */
	la	s1, copy_page
	la	s2, routine
	la	s3, routine_end
	mv	s4, s1
1:	lw	a1, 0(s2)
	sw	a1, 0(s4)
	addi	s2, s2, 4
	addi	s4, s4, 4
	bltu	s2, s3, 1b
	fence.i
	jalr	ra, 0(s1)
	CHECK	6, a0, 0x5678

	/* Replace the copy with different code at the same address. */
	li	a1, ADDI_A0(-3)
	sw	a1, 0(s1)
	li	a1, 0x00008067		/* ret */
	sw	a1, 4(s1)
	fence.i
	jalr	ra, 0(s1)
	CHECK	7, a0, 0xfffffffd

	/* Patch the instruction just after the fence.i, in the page being executed. */
	li	a0, 0
	la	s0, .Lnext
	li	a1, ADDI_A0(99)
	sw	a1, 0(s0)
	fence.i
.Lnext:
	addi	a0, zero, 1			/* replaced by addi a0, zero, 99 */
	CHECK	8, a0, 99
	/* And in a loop that has already run: the second pass must run the new code. */
	li	s2, 0
	li	a0, 0
.Lloop:
	addi	s2, s2, 1
.Lloop_site:
	addi	a0, a0, 1			/* becomes addi a0, a0, 0x100 after pass 1 */
	la	s0, .Lloop_site
	li	a1, (0x100 << 20) | (10 << 15) | (10 << 7) | 0x13
	sw	a1, 0(s0)
	fence.i
	li	a1, 2
	bne	s2, a1, .Lloop
	CHECK	9, a0, 0x101

	PASS

	.balign	4096
patch_site:
	li	a0, 1
	ret

routine:
	lui	a0, 0x5
	addi	a0, a0, 0x678
	ret
routine_end:

	.balign	4096
copy_page:
	.space	64
