/*
 * zicsr.S - csrrw/csrrs/csrrc and their immediate forms (old value returned, x0 and
 * zero-immediate forms not writing), misa and mhartid contents, WARL fields, counters
 * advancing, and writes to read-only CSRs raising illegal instruction with mtval.
 */
#include "isa.h"

	.text
	.globl	test_main
test_main:
	/* csrrw returns the old value and writes the new one. */
	li	a1, 0x12345678
	csrw	mscratch, a1
	li	a2, 0xcafef00d
	csrrw	a0, mscratch, a2
	CHECK	1, a0, 0x12345678
	csrr	a0, mscratch
	CHECK	2, a0, 0xcafef00d

	/* csrrs sets bits, csrrc clears bits; both return the old value. */
	li	a1, 0x0000ff00
	csrw	mscratch, a1
	li	a2, 0x00ff0000
	csrrs	a0, mscratch, a2
	CHECK	3, a0, 0x0000ff00
	csrr	a0, mscratch
	CHECK	4, a0, 0x00ffff00
	li	a2, 0x00f00f00
	csrrc	a0, mscratch, a2
	CHECK	5, a0, 0x00ffff00
	csrr	a0, mscratch
	CHECK	6, a0, 0x000ff000

	/* Immediate forms: a 5-bit zero-extended immediate. */
	csrrwi	a0, mscratch, 0x1f
	CHECK	7, a0, 0x000ff000
	csrrsi	a0, mscratch, 0x0
	CHECK	8, a0, 0x1f
	csrrci	a0, mscratch, 0x5
	CHECK	9, a0, 0x1f
	csrr	a0, mscratch
	CHECK	10, a0, 0x1a
	csrrsi	a0, mscratch, 0x10
	csrr	a0, mscratch
	CHECK	11, a0, 0x1a

	/* csrrw with rd = x0 writes without reading. */
	li	a1, 77
	csrrw	zero, mscratch, a1
	csrr	a0, mscratch
	CHECK	12, a0, 77

	/* rd == rs1: the old value lands in rd after rs1 was used. */
	li	a0, 99
	csrrw	a0, mscratch, a0
	CHECK	13, a0, 77
	csrr	a0, mscratch
	CHECK	14, a0, 99

	/* Other read/write CSRs keep what is written. */
	li	a1, 0x80001230
	csrw	sscratch, a1
	csrr	a0, sscratch
	CHECK	15, a0, 0x80001230
	csrw	mepc, a1
	csrr	a0, mepc
	CHECK	16, a0, 0x80001230
	li	a1, 0x80001234
	csrw	mtvec, a1		/* direct mode, address 4-aligned */
	csrr	a0, mtvec
	CHECK	17, a0, 0x80001234
	la	a1, m_trap_vector
	csrw	mtvec, a1
	/* The trap handlers need their scratch registers back. */
	la	a1, m_save_area
	csrw	mscratch, a1
	la	a1, s_save_area
	csrw	sscratch, a1

	/* misa: MXL = 1 (32-bit) and at least I, M, A, S, U. */
	csrr	a0, misa
	srli	a1, a0, 30
	CHECK	20, a1, 1
	li	a2, (1 << 8) | (1 << 12) | (1 << 0) | (1 << 18) | (1 << 20)
	and	a1, a0, a2
	CHECK_EQ 21, a1, a2
	csrr	a0, mhartid
	CHECK	22, a0, 0

	/* mstatus: MIE and MPIE are writable; MPP holds M, S and U. */
	li	a1, MSTATUS_MPP
	csrc	mstatus, a1
	li	a1, (1 << 11)
	csrs	mstatus, a1
	csrr	a0, mstatus
	srli	a0, a0, 11
	andi	a0, a0, 3
	CHECK	23, a0, 1
	li	a1, MSTATUS_MPIE
	csrs	mstatus, a1
	csrr	a0, mstatus
	and	a0, a0, a1
	CHECK_EQ 24, a0, a1
	csrc	mstatus, a1
	csrr	a0, mstatus
	and	a0, a0, a1
	CHECK	25, a0, 0

	/* sstatus is a view of mstatus: SPP, SIE, SUM visible in both. */
	li	a1, MSTATUS_SUM | MSTATUS_SPP
	csrs	sstatus, a1
	csrr	a0, mstatus
	and	a0, a0, a1
	CHECK_EQ 26, a0, a1
	csrc	mstatus, a1
	csrr	a0, sstatus
	and	a0, a0, a1
	CHECK	27, a0, 0
	csrr	a0, sstatus		/* MPP is not visible in sstatus */
	li	a1, MSTATUS_MPP
	and	a0, a0, a1
	CHECK	28, a0, 0

	/* menvcfg exists (its fields may be read-only zero). */
	TRAP_CLEAR m_trap_record
	csrr	a0, menvcfg
	csrw	menvcfg, a0
	CHECK_TRAP_COUNT 29, m_trap_record, 0

	/* Counters advance. */
	csrr	a0, mcycle
	csrr	a1, minstret
	nop
	nop
	csrr	a2, mcycle
	csrr	a3, minstret
	li	gp, 30
	bgeu	a0, a2, fail
	li	gp, 31
	bgeu	a1, a3, fail
	rdinstret a0
	rdinstreth a1
	rdcycle	a2
	rdtime	a3
	li	gp, 32
	beqz	a0, fail

	/* Reading a read-only CSR with csrrs rs1 = x0 does not trap. */
	TRAP_CLEAR m_trap_record
	csrrs	a0, mhartid, zero
	csrrsi	a0, cycle, 0
	CHECK_TRAP_COUNT 40, m_trap_record, 0

	/* Writing a read-only CSR is an illegal instruction; mtval holds the encoding. */
	TRAP_CLEAR m_trap_record
	li	a1, 5
.Lw_mhartid:
	csrw	mhartid, a1
	CHECK_TRAP 41, m_trap_record, CAUSE_ILLEGAL_INSN, .Lw_mhartid
	la	a0, .Lw_mhartid
	lw	a0, 0(a0)
	la	t6, m_trap_record
	lw	a1, TR_TVAL(t6)
	CHECK_EQ 42, a0, a1
	TRAP_CLEAR m_trap_record
.Lw_cycle:
	csrrsi	a0, cycle, 1		/* a non-zero immediate is a write attempt */
	CHECK_TRAP 43, m_trap_record, CAUSE_ILLEGAL_INSN, .Lw_cycle
	TRAP_CLEAR m_trap_record
.Lw_instret:
	csrrc	a0, instret, a1
	CHECK_TRAP 44, m_trap_record, CAUSE_ILLEGAL_INSN, .Lw_instret

	/* A CSR number that does not exist (custom range) is illegal. */
	TRAP_CLEAR m_trap_record
.Lr_custom:
	csrr	a0, 0x7c5
	CHECK_TRAP 45, m_trap_record, CAUSE_ILLEGAL_INSN, .Lr_custom

	PASS
