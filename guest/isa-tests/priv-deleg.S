/*
 * priv-deleg.S - privilege modes and trap delegation (no paging): ecall from S and U
 * with the right mcause and MPP, medeleg sending U ecalls and illegal instructions to
 * S (scause, sepc, stval, SPP), sret back to U, M-only CSRs and xRET instructions
 * illegal from lower modes, and mret/sret restoring the interrupt-enable stack.
 */
#include "isa.h"

	.text
	.globl	test_main
test_main:
	/* ecall from S: mcause 9, mepc = the ecall, MPP = S. */
	TRAP_CLEAR m_trap_record
	M_ENTER	1
.Lecall_s:
	ecall
	CHECK_TRAP 1, m_trap_record, CAUSE_SUPERVISOR_ECALL, .Lecall_s
	CHECK_PREV 2, m_trap_record, 1

	/* ecall from U: mcause 8, MPP = U. */
	TRAP_CLEAR m_trap_record
	M_ENTER	0
.Lecall_u:
	ecall
	CHECK_TRAP 3, m_trap_record, CAUSE_USER_ECALL, .Lecall_u
	CHECK_PREV 4, m_trap_record, 0

	/* mret restores MIE from MPIE and sets MPIE. */
	li	a0, MSTATUS_MIE
	csrc	mstatus, a0
	li	a0, MSTATUS_MPIE
	csrs	mstatus, a0
	csrw	mie, zero		/* no interrupt can be taken */
	M_ENTER	3
	csrr	a0, mstatus
	andi	a1, a0, MSTATUS_MIE
	CHECK	5, a1, MSTATUS_MIE
	andi	a1, a0, MSTATUS_MPIE
	CHECK	6, a1, MSTATUS_MPIE
	li	a0, MSTATUS_MIE
	csrc	mstatus, a0

	/* A trap saves MIE into MPIE and clears MIE. */
	li	a0, MSTATUS_MIE
	csrs	mstatus, a0
	ecall
	csrr	a0, mstatus
	andi	a1, a0, MSTATUS_MPIE
	CHECK	7, a1, MSTATUS_MPIE
	andi	a1, a0, MSTATUS_MIE	/* the handler's mret set MIE back from MPIE */
	CHECK	8, a1, MSTATUS_MIE
	li	a0, MSTATUS_MIE
	csrc	mstatus, a0

	/* From S: an M-only CSR is illegal (mcause 2 in M, MPP = S, mtval = insn). */
	TRAP_CLEAR m_trap_record
	M_ENTER	1
.Ls_mscratch:
	csrr	a0, mscratch
	ecall
	CHECK_TRAP_COUNT 10, m_trap_record, 2
	CHECK_FIRST 11, m_trap_record, CAUSE_ILLEGAL_INSN, .Ls_mscratch
	CHECK_PREV 12, m_trap_record, 1
	la	a0, .Ls_mscratch
	lw	a0, 0(a0)
	la	t6, m_trap_record
	lw	a1, TR_TVAL(t6)
	CHECK_EQ 13, a0, a1

	/* mret from S is illegal. */
	TRAP_CLEAR m_trap_record
	M_ENTER	1
.Ls_mret:
	mret
	ecall
	CHECK_TRAP_COUNT 14, m_trap_record, 2
	CHECK_FIRST 15, m_trap_record, CAUSE_ILLEGAL_INSN, .Ls_mret

	/* S-mode CSRs are fine from S. */
	TRAP_CLEAR m_trap_record
	M_ENTER	1
	li	a1, 0x55
	csrw	sscratch, a1
	csrr	a0, sscratch
	csrr	a2, sstatus
	csrr	a2, stvec
	ecall
	CHECK_TRAP_COUNT 16, m_trap_record, 1
	CHECK	17, a0, 0x55
	la	a1, s_save_area
	csrw	sscratch, a1

	/* From U: S CSRs and sret are illegal. */
	TRAP_CLEAR m_trap_record
	M_ENTER	0
.Lu_sstatus:
	csrr	a0, sstatus
	ecall
	CHECK_TRAP_COUNT 18, m_trap_record, 2
	CHECK_FIRST 19, m_trap_record, CAUSE_ILLEGAL_INSN, .Lu_sstatus
	CHECK_PREV 20, m_trap_record, 0
	TRAP_CLEAR m_trap_record
	M_ENTER	0
.Lu_sret:
	sret
	ecall
	CHECK_TRAP_COUNT 21, m_trap_record, 2
	CHECK_FIRST 22, m_trap_record, CAUSE_ILLEGAL_INSN, .Lu_sret

	/* medeleg: ecalls from U and illegal instructions go to S. */
	li	a0, (1 << CAUSE_USER_ECALL) | (1 << CAUSE_ILLEGAL_INSN)
	csrw	medeleg, a0
	csrr	a1, medeleg
	CHECK_EQ 30, a0, a1
	TRAP_CLEAR m_trap_record
	TRAP_CLEAR s_trap_record
	M_ENTER	1
	S_ENTER_U
.Ldeleg_ecall:
	ecall				/* to S; S continues here */
	csrr	a0, sstatus		/* proves we are in S: no trap */
	ecall				/* from S: to M (not delegated) */
	CHECK_TRAP 31, s_trap_record, CAUSE_USER_ECALL, .Ldeleg_ecall
	CHECK_PREV 32, s_trap_record, 0
	CHECK_TRAP 33, m_trap_record, CAUSE_SUPERVISOR_ECALL, .Ldeleg_ecall + 8
	csrr	a0, scause
	CHECK	34, a0, CAUSE_USER_ECALL
	csrr	a0, sepc
	CHECK_ADDR 35, a0, .Ldeleg_ecall + 4
	/* A delegated trap leaves the M-mode CSRs alone. */
	csrr	a0, mcause
	CHECK	36, a0, CAUSE_SUPERVISOR_ECALL

	/* Delegated illegal instruction from U: scause 2, stval = insn. */
	TRAP_CLEAR m_trap_record
	TRAP_CLEAR s_trap_record
	M_ENTER	1
	S_ENTER_U
.Ldeleg_illegal:
	.word	0x0000300b
	ecall				/* to S */
	ecall				/* from S to M */
	CHECK_TRAP_COUNT 40, s_trap_record, 2
	CHECK_FIRST 41, s_trap_record, CAUSE_ILLEGAL_INSN, .Ldeleg_illegal
	CHECK_TVAL 42, s_trap_record, 0x0000300b
	CHECK_PREV 43, s_trap_record, 0
	CHECK_TRAP 44, m_trap_record, CAUSE_SUPERVISOR_ECALL, .Ldeleg_illegal + 8

	/* An illegal instruction in S is delegated to S itself (SPP = S). */
	TRAP_CLEAR m_trap_record
	TRAP_CLEAR s_trap_record
	M_ENTER	1
.Ls_self:
	.word	0x0000300b
	ecall
	CHECK_TRAP 45, s_trap_record, CAUSE_ILLEGAL_INSN, .Ls_self
	CHECK_PREV 46, s_trap_record, 1
	CHECK_TRAP 47, m_trap_record, CAUSE_SUPERVISOR_ECALL, .Ls_self + 4

	/* Traps are never delegated away from M: an illegal instruction in M stays in M. */
	TRAP_CLEAR m_trap_record
	TRAP_CLEAR s_trap_record
.Lm_illegal:
	.word	0x0000300b
	CHECK_TRAP 48, m_trap_record, CAUSE_ILLEGAL_INSN, .Lm_illegal
	CHECK_TRAP_COUNT 49, s_trap_record, 0

	/* sret restores SIE from SPIE and sets SPIE; sstatus.SPP becomes U. */
	csrw	medeleg, zero
	M_ENTER	1
	li	a0, MSTATUS_SPIE
	csrs	sstatus, a0
	li	a0, MSTATUS_SIE
	csrc	sstatus, a0
	csrw	sie, zero
	S_ENTER_U
	ecall
	csrr	a0, mstatus
	andi	a1, a0, MSTATUS_SIE
	CHECK	50, a1, MSTATUS_SIE
	andi	a1, a0, MSTATUS_SPIE
	CHECK	51, a1, MSTATUS_SPIE
	andi	a1, a0, MSTATUS_SPP
	CHECK	52, a1, 0
	li	a0, MSTATUS_SIE
	csrc	mstatus, a0

	/* mstatus.TSR: sret in S is illegal. */
	li	a0, 1 << 22
	csrs	mstatus, a0
	TRAP_CLEAR m_trap_record
	M_ENTER	1
.Ltsr_sret:
	sret
	ecall
	CHECK_TRAP_COUNT 60, m_trap_record, 2
	CHECK_FIRST 61, m_trap_record, CAUSE_ILLEGAL_INSN, .Ltsr_sret
	li	a0, 1 << 22
	csrc	mstatus, a0

	/* mstatus.TVM: satp and sfence.vma in S are illegal. */
	li	a0, 1 << 20
	csrs	mstatus, a0
	TRAP_CLEAR m_trap_record
	M_ENTER	1
.Ltvm_satp:
	csrr	a0, satp
	sfence.vma
	ecall
	CHECK_TRAP_COUNT 62, m_trap_record, 3
	CHECK_FIRST 63, m_trap_record, CAUSE_ILLEGAL_INSN, .Ltvm_satp
	li	a0, 1 << 20
	csrc	mstatus, a0
	/* Without TVM both are fine in S. */
	TRAP_CLEAR m_trap_record
	M_ENTER	1
	csrr	a0, satp
	sfence.vma
	ecall
	CHECK_TRAP_COUNT 64, m_trap_record, 1

	/* mstatus.TW: wfi in S is illegal. */
	li	a0, 1 << 21
	csrs	mstatus, a0
	TRAP_CLEAR m_trap_record
	M_ENTER	1
.Ltw_wfi:
	wfi
	ecall
	CHECK_TRAP_COUNT 65, m_trap_record, 2
	CHECK_FIRST 66, m_trap_record, CAUSE_ILLEGAL_INSN, .Ltw_wfi
	li	a0, 1 << 21
	csrc	mstatus, a0

	/* sfence.vma from U is illegal. */
	TRAP_CLEAR m_trap_record
	M_ENTER	0
.Lu_sfence:
	sfence.vma
	ecall
	CHECK_TRAP_COUNT 67, m_trap_record, 2
	CHECK_FIRST 68, m_trap_record, CAUSE_ILLEGAL_INSN, .Lu_sfence

	/* wfi from U is illegal (S-mode exists), even with TW = 0. */
	TRAP_CLEAR m_trap_record
	M_ENTER	0
.Lu_wfi:
	wfi
	ecall
	CHECK_TRAP_COUNT 69, m_trap_record, 2
	CHECK_FIRST 70, m_trap_record, CAUSE_ILLEGAL_INSN, .Lu_wfi

	PASS
