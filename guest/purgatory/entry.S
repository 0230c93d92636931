/*
 * entry.S - purgatory's first instructions and its info block. Entered from
 * the relocation routine with the MMU off, a0 = hartid, a1 = DTB (both are
 * handed on to the new kernel unchanged). Runs at whatever address the
 * loader chose: every address below is pc-relative.
 */
#include "purgatory/purgatory.h"

	.section .text.entry, "ax"
	.globl purgatory_start
purgatory_start:
	j	purgatory_entry

	.balign PURGATORY_INFO_OFFSET
	.globl purgatory_info
	.type purgatory_info, @object
purgatory_info:
	.word	PURGATORY_MAGIC
	.word	purgatory_memsz		/* absolute: _end - purgatory_start */
	.space	PURGATORY_INFO_SIZE - 8
	.size	purgatory_info, PURGATORY_INFO_SIZE

	.text
purgatory_entry:
	mv	s0, a0			/* hartid */
	mv	s1, a1			/* DTB */
	la	t0, purgatory_trap	/* a fault in here stops here, visibly */
	csrw	stvec, t0
	la	sp, purgatory_stack_top
	call	purgatory		/* returns the kernel's entry, or never */
	mv	t0, a0
	mv	a0, s0
	mv	a1, s1
	li	s0, 0
	li	s1, 0
	li	sp, 0
	fence.i
	jr	t0

	.align 2
purgatory_trap:
	wfi
	j	purgatory_trap

	.section .bss.stack, "aw", @nobits
	.balign 16
purgatory_stack:
	.space	4096
purgatory_stack_top:
