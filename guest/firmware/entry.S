/*
 * entry.S - the first instructions after the reset ROM (a0 = hartid,
 * a1 = DTB), the M-mode trap vector that saves a struct trap_frame, and a
 * tiny vector that skips a faulting instruction while probing optional CSRs.
 */
#define FRAME_SIZE 144	/* 32 registers + mepc + padding, 16-byte aligned */
#define FRAME_MEPC 128

	.section .text.entry, "ax"
	.globl _start
_start:
	csrw	mie, zero
	csrw	mscratch, zero		/* 0 = "trap taken in M-mode" for fw_trap_vector */
	la	t0, fw_trap_vector
	csrw	mtvec, t0
	bnez	a0, fw_park		/* one hart runs the firmware; others would wait */
	mv	s0, a0
	mv	s1, a1
	la	sp, fw_stack_top
	la	t0, _bss_start
	la	t1, _bss_end
1:	bgeu	t0, t1, 2f
	sw	zero, 0(t0)
	addi	t0, t0, 4
	j	1b
2:	mv	a0, s0
	mv	a1, s1
	call	fw_main
	.globl fw_park
fw_park:
	wfi
	j	fw_park

/*
 * Traps from S/U-mode: mscratch holds the top of the M-mode stack, swapped
 * with sp on entry and back on exit. A trap taken in M-mode itself finds
 * mscratch = 0: that is a firmware bug, reported by fw_trap_fatal.
 */
	.text
	.balign 4
	.globl fw_trap_vector
fw_trap_vector:
	csrrw	sp, mscratch, sp
	beqz	sp, .Ltrap_from_m
	addi	sp, sp, -FRAME_SIZE
	sw	x1, 4(sp)
	sw	x3, 12(sp)
	sw	x4, 16(sp)
	sw	x5, 20(sp)
	sw	x6, 24(sp)
	sw	x7, 28(sp)
	sw	x8, 32(sp)
	sw	x9, 36(sp)
	sw	x10, 40(sp)
	sw	x11, 44(sp)
	sw	x12, 48(sp)
	sw	x13, 52(sp)
	sw	x14, 56(sp)
	sw	x15, 60(sp)
	sw	x16, 64(sp)
	sw	x17, 68(sp)
	sw	x18, 72(sp)
	sw	x19, 76(sp)
	sw	x20, 80(sp)
	sw	x21, 84(sp)
	sw	x22, 88(sp)
	sw	x23, 92(sp)
	sw	x24, 96(sp)
	sw	x25, 100(sp)
	sw	x26, 104(sp)
	sw	x27, 108(sp)
	sw	x28, 112(sp)
	sw	x29, 116(sp)
	sw	x30, 120(sp)
	sw	x31, 124(sp)
	csrr	t0, mscratch		/* the interrupted sp */
	sw	t0, 8(sp)
	csrr	t0, mepc
	sw	t0, FRAME_MEPC(sp)
	mv	a0, sp
	call	fw_trap
	lw	t0, FRAME_MEPC(sp)
	csrw	mepc, t0
	lw	x1, 4(sp)
	lw	x3, 12(sp)
	lw	x4, 16(sp)
	lw	x5, 20(sp)
	lw	x6, 24(sp)
	lw	x7, 28(sp)
	lw	x8, 32(sp)
	lw	x9, 36(sp)
	lw	x10, 40(sp)
	lw	x11, 44(sp)
	lw	x12, 48(sp)
	lw	x13, 52(sp)
	lw	x14, 56(sp)
	lw	x15, 60(sp)
	lw	x16, 64(sp)
	lw	x17, 68(sp)
	lw	x18, 72(sp)
	lw	x19, 76(sp)
	lw	x20, 80(sp)
	lw	x21, 84(sp)
	lw	x22, 88(sp)
	lw	x23, 92(sp)
	lw	x24, 96(sp)
	lw	x25, 100(sp)
	lw	x26, 104(sp)
	lw	x27, 108(sp)
	lw	x28, 112(sp)
	lw	x29, 116(sp)
	lw	x30, 120(sp)
	lw	x31, 124(sp)
	addi	sp, sp, FRAME_SIZE
	csrrw	sp, mscratch, sp	/* sp = interrupted sp, mscratch = stack top */
	mret

.Ltrap_from_m:
	csrrw	sp, mscratch, sp	/* back to the firmware's own sp; mscratch = 0 */
	addi	sp, sp, -FRAME_SIZE
	sw	x1, 4(sp)
	sw	x10, 40(sp)
	sw	x11, 44(sp)
	csrr	t0, mepc
	sw	t0, FRAME_MEPC(sp)
	mv	a0, sp
	call	fw_trap_fatal
	j	fw_park

/*
 * Installed in mtvec only around a probe of an optional CSR: skips the
 * faulting 4-byte instruction and clears tp, which the probe set to 1.
 */
	.balign 4
	.globl fw_probe_vector
fw_probe_vector:
	csrw	mscratch, t0
	csrr	t0, mepc
	addi	t0, t0, 4
	csrw	mepc, t0
	csrr	t0, mscratch
	csrw	mscratch, zero
	li	tp, 0
	mret

	.bss
	.balign 16
fw_stack:
	.skip	16384
	.globl fw_stack_top
fw_stack_top:
