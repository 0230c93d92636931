/*
 * trap-m.S - synchronous exceptions taken in M-mode: ecall (mtval 0), ebreak, illegal
 * instructions with their encoding in mtval, misaligned loads and stores done by the
 * hardware without a trap (misaligned LR/SC/AMO: rv32a-misaligned.S), a misaligned
 * jump target, and access faults on an address where nothing answers.
 */
#include "isa.h"

	.text
	.globl	test_main
test_main:
	/* ecall from M: cause 11, mepc = the ecall, mtval = 0, MPP = M. */
	TRAP_CLEAR m_trap_record
	li	a0, 0x1234
	csrw	mtval, a0
.Lecall:
	ecall
	CHECK_TRAP 1, m_trap_record, CAUSE_MACHINE_ECALL, .Lecall
	CHECK_TVAL 2, m_trap_record, 0
	CHECK_PREV 3, m_trap_record, 3

	/* ebreak: cause 3 at the ebreak. */
	TRAP_CLEAR m_trap_record
.Lebreak:
	ebreak
	CHECK_TRAP 4, m_trap_record, CAUSE_BREAKPOINT, .Lebreak

	/* mcause / mepc / mstatus as seen inside the handler are also left in the CSRs. */
	csrr	a0, mcause
	CHECK	5, a0, CAUSE_BREAKPOINT
	csrr	a0, mepc
	CHECK_ADDR 6, a0, .Lebreak + 4

	/* Illegal instructions: mtval = the instruction bits. */
	TRAP_CLEAR m_trap_record
.Lill_custom:
	.word	0x0000300b			/* custom-0 opcode, nothing implements it */
	CHECK_TRAP 10, m_trap_record, CAUSE_ILLEGAL_INSN, .Lill_custom
	CHECK_TVAL 11, m_trap_record, 0x0000300b
	TRAP_CLEAR m_trap_record
.Lill_zero:
	.word	0x00000000			/* all zeros is defined illegal */
	CHECK_TRAP 12, m_trap_record, CAUSE_ILLEGAL_INSN, .Lill_zero
	TRAP_CLEAR m_trap_record
.Lill_load:
	.word	0x00007283			/* LOAD, funct3 = 7: reserved */
	CHECK_TRAP 14, m_trap_record, CAUSE_ILLEGAL_INSN, .Lill_load
	CHECK_TVAL 15, m_trap_record, 0x00007283
	TRAP_CLEAR m_trap_record
.Lill_store:
	.word	0x00007023			/* STORE, funct3 = 7: reserved */
	CHECK_TRAP 16, m_trap_record, CAUSE_ILLEGAL_INSN, .Lill_store
	TRAP_CLEAR m_trap_record
.Lill_branch:
	.word	0x00002063			/* BRANCH, funct3 = 2: reserved */
	CHECK_TRAP 17, m_trap_record, CAUSE_ILLEGAL_INSN, .Lill_branch
	TRAP_CLEAR m_trap_record
.Lill_system:
	.word	0x10300073			/* SYSTEM, funct12 = 0x103: no such instruction */
	CHECK_TRAP 18, m_trap_record, CAUSE_ILLEGAL_INSN, .Lill_system
	TRAP_CLEAR m_trap_record
.Lill_jalr:
	.word	0x00001067			/* JALR, funct3 = 1: reserved */
	CHECK_TRAP 19, m_trap_record, CAUSE_ILLEGAL_INSN, .Lill_jalr

	/* Misaligned loads and stores complete in hardware, no trap. */
	TRAP_CLEAR m_trap_record
	la	s0, buf
	lw	a0, 1(s0)
	CHECK	20, a0, 0x44332211
	lh	a0, 3(s0)
	CHECK	21, a0, 0x4433
	lhu	a0, 7(s0)
	CHECK	22, a0, 0x8877
	lh	a0, 7(s0)
	CHECK	23, a0, 0xffff8877
	li	a1, 0xa1b2c3d4
	sw	a1, 9(s0)
	lw	a0, 8(s0)
	CHECK	24, a0, 0xb2c3d488
	lw	a0, 12(s0)
	CHECK	25, a0, 0xffeedda1
	li	a1, 0xeeff
	sh	a1, 13(s0)
	lw	a0, 12(s0)
	CHECK	26, a0, 0xffeeffa1
	CHECK_TRAP_COUNT 27, m_trap_record, 0

	/* A misaligned word across a page boundary. */
	la	s1, pages + 4096
	li	a1, 0x11223344
	sw	a1, -2(s1)
	lhu	a0, -2(s1)
	CHECK	28, a0, 0x3344
	lhu	a0, 0(s1)
	CHECK	29, a0, 0x1122
	lw	a0, -1(s1)
	li	t6, 0x00112233
	lbu	a2, 2(s1)
	slli	a2, a2, 24
	or	t6, t6, a2
	CHECK_EQ 30, a0, t6
	CHECK_TRAP_COUNT 31, m_trap_record, 0

	/* jalr to a 2-byte aligned target (no C extension): the jump traps, mtval = target. */
	TRAP_CLEAR m_trap_record
	la	s1, .Lmis_target + 2
.Ljalr_mis:
	jalr	zero, 0(s1)
	CHECK_TRAP 50, m_trap_record, CAUSE_MISALIGNED_FETCH, .Ljalr_mis
	la	t6, m_trap_record
	lw	a0, TR_TVAL(t6)
	CHECK_EQ 51, a0, s1
	j	.Lafter_mis
.Lmis_target:
	nop
	j	fail
.Lafter_mis:

	/* Access faults where nothing answers: cause 5 / 7 / 1, mtval = the address. */
	li	s1, UNMAPPED_ADDR + 0x40
	TRAP_CLEAR m_trap_record
.Lload_fault:
	lw	a0, 0(s1)
	CHECK_TRAP 60, m_trap_record, CAUSE_LOAD_ACCESS, .Lload_fault
	CHECK_TVAL 61, m_trap_record, UNMAPPED_ADDR + 0x40
	TRAP_CLEAR m_trap_record
.Lstore_fault:
	sb	a0, 3(s1)
	CHECK_TRAP 62, m_trap_record, CAUSE_STORE_ACCESS, .Lstore_fault
	CHECK_TVAL 63, m_trap_record, UNMAPPED_ADDR + 0x43
	TRAP_CLEAR m_trap_record
	jalr	ra, 0(s1)			/* the handler resumes at ra */
	CHECK_TRAP_COUNT 65, m_trap_record, 1
	la	t6, m_trap_record
	lw	a0, TR_CAUSE(t6)
	CHECK	66, a0, CAUSE_FETCH_ACCESS
	la	t6, m_trap_record
	lw	a0, TR_EPC(t6)
	CHECK_EQ 67, a0, s1
	CHECK_TVAL 68, m_trap_record, UNMAPPED_ADDR + 0x40

	/* Beyond the end of RAM (QEMU: 128 MiB, kexec-lab: 64 MiB; nothing at 0xf000_0000). */
	li	s1, 0xf0000000
	TRAP_CLEAR m_trap_record
.Lload_high:
	lw	a0, 0(s1)
	CHECK_TRAP 70, m_trap_record, CAUSE_LOAD_ACCESS, .Lload_high

	PASS

	.data
	.balign	16
buf:
	.byte	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77
	.byte	0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff
	.space	16

	.bss
	.balign	4096
pages:
	.space	8192
