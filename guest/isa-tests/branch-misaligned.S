/*
 * branch-misaligned.S - without the C extension, a taken branch or a jal to a target
 * that is only 2-byte aligned raises instruction address misaligned on the branch
 * itself (mepc = the branch, mtval = the target, rd not written); a branch that is not
 * taken does not trap, whatever its target. (jalr: trap-m.S.)
 * QEMU 7.2 puts a wrong address in mtval for jal and branches (from case 6, see README.md).
 */
#include "isa.h"

	.text
	.globl	test_main
test_main:
	TRAP_CLEAR m_trap_record
	.word	0x00001363			/* bne x0, x0, . + 6: not taken */
	.word	0x00004363			/* blt x0, x0, . + 6: not taken */
	CHECK_TRAP_COUNT 1, m_trap_record, 0

	TRAP_CLEAR m_trap_record
	li	ra, 0x1234
.Ljal_mis:
	.word	0x006000ef			/* jal ra, . + 6 */
	CHECK_TRAP 2, m_trap_record, CAUSE_MISALIGNED_FETCH, .Ljal_mis
	CHECK	3, ra, 0x1234			/* the jump did not happen: ra unchanged */
	la	t6, m_trap_record
	lw	s1, TR_TVAL(t6)

	TRAP_CLEAR m_trap_record
.Lbeq_mis:
	.word	0x00000363			/* beq x0, x0, . + 6 */
	CHECK_TRAP 4, m_trap_record, CAUSE_MISALIGNED_FETCH, .Lbeq_mis
	la	t6, m_trap_record
	lw	s2, TR_TVAL(t6)

	TRAP_CLEAR m_trap_record
.Lbge_mis:
	.word	0xfe005fe3			/* bge x0, x0, . - 2 */
	CHECK_TRAP 5, m_trap_record, CAUSE_MISALIGNED_FETCH, .Lbge_mis
	la	t6, m_trap_record
	lw	s3, TR_TVAL(t6)

	/* mtval = the target (checked last: QEMU 7.2 gets these wrong). */
	la	a0, .Ljal_mis + 6
	CHECK_EQ 6, s1, a0
	la	a0, .Lbeq_mis + 6
	CHECK_EQ 7, s2, a0
	la	a0, .Lbge_mis - 2
	CHECK_EQ 8, s3, a0

	PASS
