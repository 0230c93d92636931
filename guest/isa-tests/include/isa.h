/*
 * isa.h - macros shared by the ISA test programs (assembly only).
 * gp holds the number of the case being checked; a failed check jumps to `fail`
 * (common/crt.S), which reports (gp << 1) | 1 through tohost and the syscon.
 * t5/t6 are scratch for the checks; the trap handlers preserve every register.
 */
#ifndef ISA_H
#define ISA_H

/* Machine-level CSR bits (privileged spec 1.12). */
#define MSTATUS_SIE	(1 << 1)
#define MSTATUS_MIE	(1 << 3)
#define MSTATUS_SPIE	(1 << 5)
#define MSTATUS_MPIE	(1 << 7)
#define MSTATUS_SPP	(1 << 8)
#define MSTATUS_MPP	(3 << 11)
#define MSTATUS_MPRV	(1 << 17)
#define MSTATUS_SUM	(1 << 18)
#define MSTATUS_MXR	(1 << 19)

#define IRQ_SSI		1
#define IRQ_MSI		3
#define IRQ_STI		5
#define IRQ_MTI		7
#define MIP_SSIP	(1 << IRQ_SSI)
#define MIP_MSIP	(1 << IRQ_MSI)
#define MIP_STIP	(1 << IRQ_STI)
#define MIP_MTIP	(1 << IRQ_MTI)
#define CAUSE_IRQ	0x80000000

#define CAUSE_MISALIGNED_FETCH	0
#define CAUSE_FETCH_ACCESS	1
#define CAUSE_ILLEGAL_INSN	2
#define CAUSE_BREAKPOINT	3
#define CAUSE_MISALIGNED_LOAD	4
#define CAUSE_LOAD_ACCESS	5
#define CAUSE_MISALIGNED_STORE	6
#define CAUSE_STORE_ACCESS	7
#define CAUSE_USER_ECALL	8
#define CAUSE_SUPERVISOR_ECALL	9
#define CAUSE_MACHINE_ECALL	11
#define CAUSE_FETCH_PAGE_FAULT	12
#define CAUSE_LOAD_PAGE_FAULT	13
#define CAUSE_STORE_PAGE_FAULT	15

/* Board (QEMU virt and kexec-lab share these). */
#define SYSCON_BASE	0x00100000
#define CLINT_MSIP	0x02000000
#define CLINT_MTIMECMP	0x02004000
#define CLINT_MTIME	0x0200bff8
/* Nothing answers here on either machine: accesses must raise access faults. */
#define UNMAPPED_ADDR	0x08000000

/* Sv32 page table entry bits. */
#define PTE_V	(1 << 0)
#define PTE_R	(1 << 1)
#define PTE_W	(1 << 2)
#define PTE_X	(1 << 3)
#define PTE_U	(1 << 4)
#define PTE_G	(1 << 5)
#define PTE_A	(1 << 6)
#define PTE_D	(1 << 7)
#define SATP_SV32	0x80000000

/* Layout of a trap record (common/crt.S: m_trap_record, s_trap_record). */
#define TR_CAUSE	0
#define TR_TVAL		4
#define TR_EPC		8
#define TR_PREV		12	/* privilege the trap came from (MPP / SPP) */
#define TR_COUNT	16
#define TR_RESUME	20	/* if non-zero: where an ecall continues (in the handler's mode) */

#ifdef __ASSEMBLER__

/* Fail case \n unless register \reg equals the constant \val. */
.macro CHECK n, reg, val
	li	gp, \n
	li	t6, \val
	bne	\reg, t6, fail
.endm

/* Fail case \n unless registers \a and \b are equal. */
.macro CHECK_EQ n, a, b
	li	gp, \n
	bne	\a, \b, fail
.endm

/* Fail case \n unless the address of \label is in register \reg. */
.macro CHECK_ADDR n, reg, label
	li	gp, \n
	la	t6, \label
	bne	\reg, t6, fail
.endm

/* Forget earlier traps: clear the count of record \rec (m_trap_record or s_trap_record). */
.macro TRAP_CLEAR rec
	la	t6, \rec
	sw	zero, TR_COUNT(t6)
	li	t5, -1
	sw	t5, TR_CAUSE(t6)
	sw	t5, TR_TVAL(t6)
	sw	t5, TR_EPC(t6)
	sw	zero, TR_RESUME(t6)
.endm

/* The next ecall handled through \rec continues at \label (in M for m_trap_record,
 * S for s_trap_record) instead of after the ecall. Used to come back from U code
 * mapped at a virtual address. Set after TRAP_CLEAR; the handler consumes it. */
.macro ECALL_RESUME rec, label
	la	t6, \rec
	la	t5, \label
	sw	t5, TR_RESUME(t6)
.endm

/* Fail case \n unless exactly \count traps were recorded in \rec since TRAP_CLEAR. */
.macro CHECK_TRAP_COUNT n, rec, count
	li	gp, \n
	la	t6, \rec
	lw	t5, TR_COUNT(t6)
	li	t6, \count
	bne	t5, t6, fail
.endm

/* Fail case \n unless the first trap since TRAP_CLEAR had cause \cause at \epc_label. */
.macro CHECK_FIRST n, rec, cause, epc_label
	li	gp, \n
	la	t6, \rec
	lw	t5, TR_CAUSE(t6)
	li	t6, \cause
	bne	t5, t6, fail
	la	t6, \rec
	lw	t5, TR_EPC(t6)
	la	t6, \epc_label
	bne	t5, t6, fail
.endm

/* Fail case \n unless exactly one trap, with cause \cause, was taken at \epc_label. */
.macro CHECK_TRAP n, rec, cause, epc_label
	CHECK_TRAP_COUNT \n, \rec, 1
	CHECK_FIRST \n, \rec, \cause, \epc_label
.endm

/* Fail case \n unless the first trap in \rec had tval \val (a constant). */
.macro CHECK_TVAL n, rec, val
	li	gp, \n
	la	t6, \rec
	lw	t5, TR_TVAL(t6)
	li	t6, \val
	bne	t5, t6, fail
.endm

/* Fail case \n unless the first trap in \rec came from privilege \prv (0 U, 1 S, 3 M). */
.macro CHECK_PREV n, rec, prv
	li	gp, \n
	la	t6, \rec
	lw	t5, TR_PREV(t6)
	li	t6, \prv
	bne	t5, t6, fail
.endm

/*
 * From M-mode, continue at the next instruction in privilege \mode (0 U, 1 S) via mret.
 * An `ecall` there comes back to M-mode at the instruction after it (see crt.S).
 */
.macro M_ENTER mode
	li	t6, MSTATUS_MPP
	csrc	mstatus, t6
	li	t6, (\mode << 11)
	csrs	mstatus, t6
	la	t6, .Lm_enter\@
	csrw	mepc, t6
	mret
.Lm_enter\@:
.endm

/* From S-mode, continue at the next instruction in U-mode via sret. */
.macro S_ENTER_U
	li	t6, MSTATUS_SPP
	csrc	sstatus, t6
	la	t6, .Ls_enter\@
	csrw	sepc, t6
	sret
.Ls_enter\@:
.endm

.macro PASS
	j	pass
.endm

#endif /* __ASSEMBLER__ */
#endif /* ISA_H */
