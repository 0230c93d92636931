/*
 * entry.S - the trap vector (stvec). Kestrel runs only in S-mode, so a
 * trap always arrives on a kernel stack: save the registers as a struct
 * pt_regs on it, call do_trap(regs), restore and sret.
 */
#include "kernel/arch/csr.h"

#define REG(n) ((n) * 4)

	.text
	.align 2
	.globl handle_exception
handle_exception:
	addi	sp, sp, -140		/* PT_REGS_SIZE */
	sw	ra, REG(1)(sp)
	sw	gp, REG(3)(sp)
	sw	tp, REG(4)(sp)
	sw	t0, REG(5)(sp)
	sw	t1, REG(6)(sp)
	sw	t2, REG(7)(sp)
	sw	s0, REG(8)(sp)
	sw	s1, REG(9)(sp)
	sw	a0, REG(10)(sp)
	sw	a1, REG(11)(sp)
	sw	a2, REG(12)(sp)
	sw	a3, REG(13)(sp)
	sw	a4, REG(14)(sp)
	sw	a5, REG(15)(sp)
	sw	a6, REG(16)(sp)
	sw	a7, REG(17)(sp)
	sw	s2, REG(18)(sp)
	sw	s3, REG(19)(sp)
	sw	s4, REG(20)(sp)
	sw	s5, REG(21)(sp)
	sw	s6, REG(22)(sp)
	sw	s7, REG(23)(sp)
	sw	s8, REG(24)(sp)
	sw	s9, REG(25)(sp)
	sw	s10, REG(26)(sp)
	sw	s11, REG(27)(sp)
	sw	t3, REG(28)(sp)
	sw	t4, REG(29)(sp)
	sw	t5, REG(30)(sp)
	sw	t6, REG(31)(sp)
	addi	t0, sp, 140
	sw	t0, REG(2)(sp)		/* the sp before the trap */
	csrr	t0, sepc
	sw	t0, REG(0)(sp)
	csrr	t0, sstatus
	sw	t0, REG(32)(sp)
	csrr	t0, stval
	sw	t0, REG(33)(sp)
	csrr	t0, scause
	sw	t0, REG(34)(sp)

	mv	a0, sp
	call	do_trap

	lw	t0, REG(32)(sp)
	csrw	sstatus, t0
	lw	t0, REG(0)(sp)
	csrw	sepc, t0
	lw	ra, REG(1)(sp)
	lw	gp, REG(3)(sp)
	lw	tp, REG(4)(sp)
	lw	t0, REG(5)(sp)
	lw	t1, REG(6)(sp)
	lw	t2, REG(7)(sp)
	lw	s0, REG(8)(sp)
	lw	s1, REG(9)(sp)
	lw	a0, REG(10)(sp)
	lw	a1, REG(11)(sp)
	lw	a2, REG(12)(sp)
	lw	a3, REG(13)(sp)
	lw	a4, REG(14)(sp)
	lw	a5, REG(15)(sp)
	lw	a6, REG(16)(sp)
	lw	a7, REG(17)(sp)
	lw	s2, REG(18)(sp)
	lw	s3, REG(19)(sp)
	lw	s4, REG(20)(sp)
	lw	s5, REG(21)(sp)
	lw	s6, REG(22)(sp)
	lw	s7, REG(23)(sp)
	lw	s8, REG(24)(sp)
	lw	s9, REG(25)(sp)
	lw	s10, REG(26)(sp)
	lw	s11, REG(27)(sp)
	lw	t3, REG(28)(sp)
	lw	t4, REG(29)(sp)
	lw	t5, REG(30)(sp)
	lw	t6, REG(31)(sp)
	addi	sp, sp, 140
	sret
