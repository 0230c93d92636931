/*
 * crt.S - start-up, trap handlers and the pass/fail exits shared by every ISA test.
 * _start runs in M-mode at 0x8000_0000 (QEMU virt -bios none and kexec-lab's bare mode),
 * opens PMP so that S and U can reach all memory, and jumps to test_main.
 * Traps are recorded in m_trap_record / s_trap_record (layout in include/isa.h).
 */
#include "isa.h"

	.section .text.init, "ax"
	.globl	_start
_start:
	la	sp, stack_top
	la	t0, m_trap_vector
	csrw	mtvec, t0
	la	t0, m_save_area
	csrw	mscratch, t0
	la	t0, s_trap_vector
	csrw	stvec, t0
	la	t0, s_save_area
	csrw	sscratch, t0
	/* One NAPOT PMP region over the whole address space, RWX: without it, S and U
	 * cannot access anything on QEMU. kexec-lab accepts and ignores PMP CSRs. */
	li	t0, -1
	csrw	pmpaddr0, t0
	li	t0, 0x1f
	csrw	pmpcfg0, t0
	csrw	medeleg, zero
	csrw	mideleg, zero
	csrw	mie, zero
	csrw	satp, zero
	li	t0, 0xffffffff
	li	t1, CLINT_MTIMECMP
	sw	t0, 4(t1)
	sw	t0, 0(t1)
	li	gp, 0
	j	test_main

/*
 * M-mode trap handler. Counts traps and records cause, tval, epc and previous privilege
 * of the first one since the test's last TRAP_CLEAR.
 *  - interrupts: the source is silenced (mie bit cleared, msip/mtimecmp reset), then mret.
 *  - ecall (from any mode): continue in M-mode at the instruction after the ecall,
 *    or at the record's resume address if the test set one (ECALL_RESUME).
 *  - instruction fetch faults: continue at ra, in the mode that faulted (the test got
 *    there with jalr ra, so ra is the way back).
 *  - every other exception: skip the faulting instruction, same mode.
 */
	.text
	.balign	4
	.globl	m_trap_vector
m_trap_vector:
	csrrw	sp, mscratch, sp
	sw	t0, 0(sp)
	sw	t1, 4(sp)
	sw	t2, 8(sp)
	la	t0, m_trap_record
	csrr	t1, mcause
	lw	t2, TR_COUNT(t0)
	bnez	t2, .Lm_counted		/* only the first trap since TRAP_CLEAR is kept */
	sw	t1, TR_CAUSE(t0)
	csrr	t2, mtval
	sw	t2, TR_TVAL(t0)
	csrr	t2, mepc
	sw	t2, TR_EPC(t0)
	csrr	t2, mstatus
	srli	t2, t2, 11
	andi	t2, t2, 3
	sw	t2, TR_PREV(t0)
.Lm_counted:
	lw	t2, TR_COUNT(t0)
	addi	t2, t2, 1
	sw	t2, TR_COUNT(t0)
	bltz	t1, .Lm_irq
	li	t2, CAUSE_FETCH_ACCESS
	beq	t1, t2, .Lm_resume_ra
	li	t2, CAUSE_FETCH_PAGE_FAULT
	beq	t1, t2, .Lm_resume_ra
	li	t2, CAUSE_USER_ECALL
	beq	t1, t2, .Lm_ecall
	li	t2, CAUSE_SUPERVISOR_ECALL
	beq	t1, t2, .Lm_ecall
	li	t2, CAUSE_MACHINE_ECALL
	beq	t1, t2, .Lm_ecall
.Lm_skip:
	csrr	t2, mepc
	addi	t2, t2, 4
	csrw	mepc, t2
	j	.Lm_return
.Lm_ecall:
	li	t2, MSTATUS_MPP
	csrs	mstatus, t2
	lw	t2, TR_RESUME(t0)
	beqz	t2, .Lm_skip
	sw	zero, TR_RESUME(t0)
	csrw	mepc, t2
	j	.Lm_return
.Lm_resume_ra:
	csrw	mepc, ra
	j	.Lm_return
.Lm_irq:
	andi	t1, t1, 31
	li	t2, 1
	sll	t2, t2, t1
	csrc	mie, t2
	li	t2, IRQ_MSI
	bne	t1, t2, 1f
	li	t2, CLINT_MSIP
	sw	zero, 0(t2)
1:	li	t2, IRQ_MTI
	bne	t1, t2, .Lm_return
	li	t2, CLINT_MTIMECMP
	li	t1, -1
	sw	t1, 4(t2)
	sw	t1, 0(t2)
.Lm_return:
	lw	t0, 0(sp)
	lw	t1, 4(sp)
	lw	t2, 8(sp)
	csrrw	sp, mscratch, sp
	mret

/*
 * S-mode trap handler (for delegated traps), same policy as the M-mode one:
 * an ecall from U continues in S-mode after the ecall; SSIP is cleared, other
 * interrupts are silenced through sie. Runs with paging on only where the tests
 * identity-map this image, so addresses here are the same virtual and physical.
 */
	.balign	4
	.globl	s_trap_vector
s_trap_vector:
	csrrw	sp, sscratch, sp
	sw	t0, 0(sp)
	sw	t1, 4(sp)
	sw	t2, 8(sp)
	la	t0, s_trap_record
	csrr	t1, scause
	lw	t2, TR_COUNT(t0)
	bnez	t2, .Ls_counted		/* only the first trap since TRAP_CLEAR is kept */
	sw	t1, TR_CAUSE(t0)
	csrr	t2, stval
	sw	t2, TR_TVAL(t0)
	csrr	t2, sepc
	sw	t2, TR_EPC(t0)
	csrr	t2, sstatus
	srli	t2, t2, 8
	andi	t2, t2, 1
	sw	t2, TR_PREV(t0)
.Ls_counted:
	lw	t2, TR_COUNT(t0)
	addi	t2, t2, 1
	sw	t2, TR_COUNT(t0)
	bltz	t1, .Ls_irq
	li	t2, CAUSE_FETCH_ACCESS
	beq	t1, t2, .Ls_resume_ra
	li	t2, CAUSE_FETCH_PAGE_FAULT
	beq	t1, t2, .Ls_resume_ra
	li	t2, CAUSE_USER_ECALL
	bne	t1, t2, .Ls_skip
	li	t2, MSTATUS_SPP
	csrs	sstatus, t2
	lw	t2, TR_RESUME(t0)
	beqz	t2, .Ls_skip
	sw	zero, TR_RESUME(t0)
	csrw	sepc, t2
	j	.Ls_return
.Ls_skip:
	csrr	t2, sepc
	addi	t2, t2, 4
	csrw	sepc, t2
	j	.Ls_return
.Ls_resume_ra:
	csrw	sepc, ra
	j	.Ls_return
.Ls_irq:
	andi	t1, t1, 31
	li	t2, 1
	sll	t2, t2, t1
	csrc	sie, t2
	li	t2, MIP_SSIP
	csrc	sip, t2
.Ls_return:
	lw	t0, 0(sp)
	lw	t1, 4(sp)
	lw	t2, 8(sp)
	csrrw	sp, sscratch, sp
	sret

/* Exits. Both write tohost (kexec-lab's runner) and then the syscon (QEMU). */
	.globl	pass
pass:
	li	t0, 1
	la	t1, tohost
	sw	t0, 0(t1)
	li	t0, 0x5555
	li	t1, SYSCON_BASE
	sw	t0, 0(t1)
1:	j	1b

	.globl	fail
fail:
	slli	t0, gp, 1
	ori	t0, t0, 1
	la	t1, tohost
	sw	t0, 0(t1)
	slli	t0, gp, 16
	li	t1, 0x3333
	or	t0, t0, t1
	li	t1, SYSCON_BASE
	sw	t0, 0(t1)
1:	j	1b

	.data
	.balign	16
	.globl	m_trap_record, s_trap_record
m_trap_record:
	.space	24
	.balign	16
s_trap_record:
	.space	24
	.balign	16
	.globl	m_save_area, s_save_area
m_save_area:
	.space	32
s_save_area:
	.space	32

	.section .tohost, "aw"
	.balign	8
	.globl	tohost, fromhost
tohost:
	.word	0, 0
fromhost:
	.word	0, 0

	.bss
	.balign	16
	.space	4096
	.globl	stack_top
stack_top:
