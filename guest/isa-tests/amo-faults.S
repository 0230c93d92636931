/*
 * amo-faults.S - faulting LR/SC/AMOs. Misaligned ones trap (the hardware does
 * misaligned plain loads and stores, never atomics): LR raises load address misaligned,
 * SC and AMOs store/AMO address misaligned, with the address in mtval and memory
 * unchanged. An AMO where nothing answers raises a store/AMO access fault.
 * QEMU 7.2 deviates from the spec from case 3 on (see README.md): it reports AMO faults
 * as load faults (cause 4 and 5).
 */
#include "isa.h"

	.text
	.globl	test_main
test_main:
	la	s0, buf
	li	a1, 0x01020304
	sw	a1, 0(s0)
	li	a2, 1

	/* LR.W: load address misaligned, mtval = address. */
	addi	s1, s0, 1
	TRAP_CLEAR m_trap_record
.Llr_mis:
	lr.w	a0, (s1)
	CHECK_TRAP 1, m_trap_record, CAUSE_MISALIGNED_LOAD, .Llr_mis
	la	t6, m_trap_record
	lw	a0, TR_TVAL(t6)
	CHECK_EQ 2, a0, s1

	/* LR.W where nothing answers: load access fault. */
	li	s1, UNMAPPED_ADDR
	TRAP_CLEAR m_trap_record
.Llr_fault:
	lr.w	a0, (s1)
	CHECK_TRAP 10, m_trap_record, CAUSE_LOAD_ACCESS, .Llr_fault
	CHECK_TVAL 11, m_trap_record, UNMAPPED_ADDR

	/* AMOs: store/AMO address misaligned, mtval = address, memory unchanged. */
	addi	s1, s0, 2
	TRAP_CLEAR m_trap_record
.Lamoadd_mis:
	amoadd.w a0, a2, (s1)
	CHECK_TRAP 3, m_trap_record, CAUSE_MISALIGNED_STORE, .Lamoadd_mis
	la	t6, m_trap_record
	lw	a0, TR_TVAL(t6)
	CHECK_EQ 4, a0, s1
	lw	a0, 0(s0)
	CHECK	5, a0, 0x01020304
	TRAP_CLEAR m_trap_record
.Lamoswap_mis:
	amoswap.w a0, a2, (s1)
	CHECK_TRAP 6, m_trap_record, CAUSE_MISALIGNED_STORE, .Lamoswap_mis
	lw	a0, 0(s0)
	CHECK	7, a0, 0x01020304

	/* SC.W: store/AMO address misaligned, even right after an LR. */
	addi	s1, s0, 3
	lr.w	a0, (s0)
	TRAP_CLEAR m_trap_record
.Lsc_mis:
	sc.w	a0, a2, (s1)
	CHECK_TRAP 8, m_trap_record, CAUSE_MISALIGNED_STORE, .Lsc_mis
	lw	a0, 0(s0)
	CHECK	9, a0, 0x01020304

	/* An AMO where nothing answers: store/AMO access fault, mtval = address. */
	li	s1, UNMAPPED_ADDR + 0x40
	TRAP_CLEAR m_trap_record
.Lamo_fault:
	amoor.w	a0, a2, (s1)
	CHECK_TRAP 12, m_trap_record, CAUSE_STORE_ACCESS, .Lamo_fault
	CHECK_TVAL 13, m_trap_record, UNMAPPED_ADDR + 0x40

	PASS

	.data
	.balign	16
buf:
	.space	16
