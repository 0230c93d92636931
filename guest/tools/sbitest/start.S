/*
 * start.S - entry of the firmware contract test (S-mode, MMU off) and its
 * trap vector, which saves the caller-saved registers around sbitest_trap.
 */
	.section .text.entry, "ax"
	.globl _start
_start:
	mv	s0, a0
	mv	s1, a1
	csrr	a2, satp
	csrr	a3, sstatus
	la	sp, stack_top
	la	t0, s_trap
	csrw	stvec, t0
	mv	a0, s0
	mv	a1, s1
	call	sbitest_main
1:	wfi
	j	1b

	.balign 4
s_trap:
	addi	sp, sp, -80
	sw	ra, 0(sp)
	sw	t0, 4(sp)
	sw	t1, 8(sp)
	sw	t2, 12(sp)
	sw	t3, 16(sp)
	sw	t4, 20(sp)
	sw	t5, 24(sp)
	sw	t6, 28(sp)
	sw	a0, 32(sp)
	sw	a1, 36(sp)
	sw	a2, 40(sp)
	sw	a3, 44(sp)
	sw	a4, 48(sp)
	sw	a5, 52(sp)
	sw	a6, 56(sp)
	sw	a7, 60(sp)
	csrr	a0, scause
	csrr	a1, sepc
	csrr	a2, stval
	call	sbitest_trap		/* returns the sepc to resume at */
	csrw	sepc, a0
	lw	ra, 0(sp)
	lw	t0, 4(sp)
	lw	t1, 8(sp)
	lw	t2, 12(sp)
	lw	t3, 16(sp)
	lw	t4, 20(sp)
	lw	t5, 24(sp)
	lw	t6, 28(sp)
	lw	a0, 32(sp)
	lw	a1, 36(sp)
	lw	a2, 40(sp)
	lw	a3, 44(sp)
	lw	a4, 48(sp)
	lw	a5, 52(sp)
	lw	a6, 56(sp)
	lw	a7, 60(sp)
	addi	sp, sp, 80
	sret

	.bss
	.balign 16
	.skip	8192
stack_top:
