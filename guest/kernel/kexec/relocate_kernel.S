/*
 * relocate_kernel.S - riscv_kexec_relocate (Linux arch/riscv/kernel/
 * kexec_relocate.S): copied into the control page by machine_kexec_prepare
 * and called there by machine_kexec. It turns the MMU off by a deliberate
 * trap, copies every source page over its destination (the old kernel
 * included), and jumps to the new image's entry (purgatory).
 *
 * In:  a0 = &image->head (virtual)   a1 = entry (physical)   a2 = DTB (physical)
 *      a3 = hartid   a4 = va_pa_offset (VA - PA of the linear map)
 *      a5 = trace port (physical, 0 = none): a kexec-lab addition
 * Out: at entry, a0 = hartid, a1 = DTB, satp = 0, every other register,
 *      sepc, scause and sscratch zero.
 * Position independent: every reference is pc-relative or a register.
 */

/* kimage.h */
#define IND_DESTINATION		0x1
#define IND_INDIRECTION		0x2
#define IND_DONE		0x4
#define IND_SOURCE		0x8
#define PAGE_SIZE		4096

/* lib/trace.h */
#define TRACE_REG_ADDR		0x00
#define TRACE_REG_COUNT		0x04
#define TRACE_REG_PHASE		0x0c
#define TRACE_REG_EVENT		0x10
#define TRACE_PHASE_RELOCATION	8
#define TRACE_EVENT_PAGE_COPIED	1

	.text
	.option norelax			/* keep every lla pc-relative: this code moves */
	.balign 4
	.globl riscv_kexec_relocate
	.type riscv_kexec_relocate, @function
riscv_kexec_relocate:
	/*
	 * s0: the next entry to read (virtual until the first INDIRECTION, then physical)
	 * s1: entry point       s2: DTB       s3: hartid
	 * s4: copy cursor (destination)       s5: trace port or 0
	 * s6: physical address of .Lnext_entry, also stvec
	 */
	mv	s0, a0
	mv	s1, a1
	mv	s2, a2
	mv	s3, a3
	mv	s5, a5
	li	s4, 0

	/* 1. No interrupt may reach the old kernel's vectors from here on. */
	csrw	sie, zero
	csrw	sip, zero

	/*
	 * 2. stvec = the physical address of the loop below. Once satp is 0,
	 * the next fetch from this (virtual) pc faults and lands there.
	 */
	lla	s6, .Lnext_entry
	sub	s6, s6, a4
	csrw	stvec, s6

	beqz	s5, .Lnext_entry
	sw	zero, TRACE_REG_ADDR(s5)
	li	t0, TRACE_PHASE_RELOCATION
	sw	t0, TRACE_REG_PHASE(s5)

	/* 4. Walk the list. */
	.balign 4
.Lnext_entry:
	lw	t0, 0(s0)
	addi	s0, s0, 4

	andi	t1, t0, IND_DESTINATION
	bnez	t1, .Ldestination
	andi	t1, t0, IND_INDIRECTION
	bnez	t1, .Lindirection
	andi	t1, t0, IND_DONE
	bnez	t1, .Ldone
	andi	t1, t0, IND_SOURCE
	beqz	t1, .Lnext_entry		/* unknown entry: skip it */

	/* IND_SOURCE: copy one page, word by word, to the cursor. */
	andi	t0, t0, ~IND_SOURCE
	mv	t2, t0				/* source, for the trace */
	mv	t3, s4				/* destination, for the trace */
	li	t4, PAGE_SIZE / 4
.Lcopy_word:
	lw	t1, 0(t0)
	sw	t1, 0(s4)
	addi	t0, t0, 4
	addi	s4, s4, 4
	addi	t4, t4, -1
	bnez	t4, .Lcopy_word

	beqz	s5, .Lnext_entry
	sw	t3, TRACE_REG_ADDR(s5)
	sw	t2, TRACE_REG_COUNT(s5)
	li	t1, TRACE_EVENT_PAGE_COPIED
	sw	t1, TRACE_REG_EVENT(s5)
	j	.Lnext_entry

.Ldestination:
	andi	s4, t0, ~IND_DESTINATION
	j	.Lnext_entry

.Lindirection:
	andi	s0, t0, ~IND_INDIRECTION	/* a physical address */
	csrr	t1, satp
	beqz	t1, .Lnext_entry
	/*
	 * 3. MMU off. The pc still holds a 0xC0xx_xxxx linear-map address,
	 * which is no physical memory: the very next fetch faults, the hart
	 * traps to stvec = .Lnext_entry (physical) and carries on from there.
	 */
	csrw	satp, zero
	j	.Lnext_entry			/* not reached as an instruction */

	/* 5. Done: hand over. */
.Ldone:
	mv	a0, s3				/* hartid */
	mv	a1, s2				/* DTB */
	mv	a2, s1				/* where to go */
	li	ra, 0
	li	sp, 0
	li	gp, 0
	li	tp, 0
	li	t0, 0
	li	t1, 0
	li	t2, 0
	li	t3, 0
	li	t4, 0
	li	t5, 0
	li	t6, 0
	li	s0, 0
	li	s1, 0
	li	s2, 0
	li	s3, 0
	li	s4, 0
	li	s5, 0
	li	s6, 0
	li	s7, 0
	li	s8, 0
	li	s9, 0
	li	s10, 0
	li	s11, 0
	li	a3, 0
	li	a4, 0
	li	a5, 0
	li	a6, 0
	li	a7, 0
	csrw	sepc, zero
	csrw	scause, zero
	csrw	sscratch, zero
	fence.i
	jr	a2
	.globl riscv_kexec_relocate_end
riscv_kexec_relocate_end:
	.size riscv_kexec_relocate, riscv_kexec_relocate_end - riscv_kexec_relocate

	.section .rodata
	.balign 4
	.globl riscv_kexec_relocate_size
riscv_kexec_relocate_size:
	.word	riscv_kexec_relocate_end - riscv_kexec_relocate
