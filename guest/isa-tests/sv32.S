/*
 * sv32.S - Sv32 paging: a two-level page table built in RAM, 4 MiB superpages (and a
 * misaligned one), A and D set by the hardware, R/W/X/U permissions, SUM and MXR,
 * page faults delegated to S with scause/stval/sepc, U-mode code on a U page,
 * sfence.vma (global and by address) making a changed PTE visible, instruction
 * fetch crossing into a page that is not the physical neighbour, access faults
 * through a valid PTE, and MPRV.
 *
 * Virtual layout while paging is on (S-mode; the image itself is identity-mapped):
 *   0x0000_0000  4 MiB superpage -> 0x0000_0000, S RW (syscon, so pass/fail work)
 *   0x0040_0000  L0 table, one 4 KiB page each:
 *                 +0 U RW page     +1 S read-only   +2 S execute-only  +3 invalid
 *                 +4 U code (RX)   +5 S RW          +6 S R, remapped   +7 W without R
 *                 +8 S RW with A = D = 0           +9, +10 S code pages
 *                 +11 valid, to where nothing answers +12 pointer at level 0
 *                 +13, +14 S RW, backed by data pages 9 and 11
 *   0x4000_0000  4 MiB superpage alias of the image, S read-only
 *   0x4040_0000  superpage whose PPN is not 4 MiB aligned: every access faults
 *   0x8000_0000  4 MiB superpage -> 0x8000_0000 (the image), S RWX
 */
#include "isa.h"

#define VA_L0		0x00400000
#define VA(i)		(VA_L0 + (i) * 0x1000)
#define VA_ALIAS	0x40000000
#define VA_BADSUPER	0x40400000

/* Write PTE \index of \table: PPN from the physical address in \pa, flags \flags. */
.macro PTE table, index, pa, flags
	srli	t0, \pa, 12
	slli	t0, t0, 10
	li	t1, \flags
	or	t0, t0, t1
	la	t1, \table
	li	t2, (\index) * 4
	add	t1, t1, t2
	sw	t0, 0(t1)
.endm

/* Fail case \n unless the first trap in s_trap_record has cause \cause, tval \tval. */
.macro CHECK_SFAULT n, cause, tval
	CHECK_TRAP_COUNT \n, s_trap_record, 1
	la	t6, s_trap_record
	lw	t5, TR_CAUSE(t6)
	li	t6, \cause
	bne	t5, t6, fail
	CHECK_TVAL \n, s_trap_record, \tval
.endm

#define LEAF_S_RWX	(PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)

	.text
	.globl	test_main
test_main:
	/* Fill the data pages: word 0 of page i = 0x1000 + i. */
	la	s0, data_pages
	li	a0, 0x1000
	li	a1, 0x100c
1:	sw	a0, 0(s0)
	li	t0, 4096
	add	s0, s0, t0
	addi	a0, a0, 1
	bne	a0, a1, 1b

	/* Build the tables. */
	li	s0, 0
	PTE	root, 0, s0, LEAF_S_RWX & ~PTE_X
	li	s0, 0x80000000
	PTE	root, 0x200, s0, LEAF_S_RWX
	PTE	root, 0x100, s0, PTE_V | PTE_R | PTE_A
	li	s0, 0x80001000
	PTE	root, 0x101, s0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
	la	s0, l0
	PTE	root, 1, s0, PTE_V
	la	s0, data_pages			/* L0 entry i maps data page i */
	PTE	l0, 0, s0, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D
	la	s0, data_pages + 1 * 4096
	PTE	l0, 1, s0, PTE_V | PTE_R | PTE_A
	la	s0, data_pages + 2 * 4096
	PTE	l0, 2, s0, PTE_V | PTE_X | PTE_A
	la	s0, data_pages + 3 * 4096
	PTE	l0, 3, s0, PTE_R | PTE_W | PTE_A | PTE_D		/* V = 0 */
	la	s0, user_page			/* except entry 4: the user code */
	PTE	l0, 4, s0, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A
	la	s0, data_pages + 5 * 4096
	PTE	l0, 5, s0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
	la	s0, data_pages + 6 * 4096
	PTE	l0, 6, s0, PTE_V | PTE_R | PTE_A
	la	s0, data_pages + 7 * 4096
	PTE	l0, 7, s0, PTE_V | PTE_W | PTE_A | PTE_D
	la	s0, data_pages + 8 * 4096
	PTE	l0, 8, s0, PTE_V | PTE_R | PTE_W
	la	s0, code_a			/* 9, 10: code pages, not physically adjacent */
	PTE	l0, 9, s0, PTE_V | PTE_R | PTE_X | PTE_A
	la	s0, code_c
	PTE	l0, 10, s0, PTE_V | PTE_R | PTE_X | PTE_A
	li	s0, UNMAPPED_ADDR		/* 11: a valid PTE to where nothing answers */
	PTE	l0, 11, s0, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
	la	s0, data_pages			/* 12: a pointer PTE at level 0 is invalid */
	PTE	l0, 12, s0, PTE_V
	la	s0, data_pages + 9 * 4096	/* 13, 14: data pages 9 and 11 */
	PTE	l0, 13, s0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
	la	s0, data_pages + 11 * 4096
	PTE	l0, 14, s0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D

	/* Page faults go to S. */
	li	a0, (1 << CAUSE_FETCH_PAGE_FAULT) | (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT)
	csrw	medeleg, a0
	la	a0, root
	srli	a0, a0, 12
	li	a1, SATP_SV32
	or	a0, a0, a1
	csrw	satp, a0
	csrr	a1, satp
	CHECK_EQ 1, a0, a1
	sfence.vma
	M_ENTER	1

	/* Running from the identity superpage: reads through the read-only alias. */
	la	s0, magic
	li	a0, VA_ALIAS - 0x80000000
	add	s1, s0, a0
	lw	a1, 0(s1)
	CHECK	2, a1, 0x600dbeef
	TRAP_CLEAR s_trap_record
.Lalias_store:
	sw	a1, 0(s1)
	CHECK_FIRST 3, s_trap_record, CAUSE_STORE_PAGE_FAULT, .Lalias_store
	la	t6, s_trap_record
	lw	a0, TR_TVAL(t6)
	CHECK_EQ 4, a0, s1
	csrr	a0, scause
	CHECK	5, a0, CAUSE_STORE_PAGE_FAULT
	csrr	a0, stval
	CHECK_EQ 6, a0, s1

	/* Misaligned superpage: load page fault. */
	TRAP_CLEAR s_trap_record
	li	s1, VA_BADSUPER + 0x10
	lw	a0, 0(s1)
	CHECK_SFAULT 7, CAUSE_LOAD_PAGE_FAULT, VA_BADSUPER + 0x10

	/* A and D: set by the hardware on first read and first write. */
	li	s1, VA(8)
	la	s2, l0 + 8 * 4
	lw	a0, 0(s2)
	andi	a0, a0, PTE_A | PTE_D
	CHECK	10, a0, 0
	TRAP_CLEAR s_trap_record
	lw	a0, 0(s1)
	CHECK	11, a0, 0x1008
	lw	a0, 0(s2)
	andi	a0, a0, PTE_A | PTE_D
	CHECK	12, a0, PTE_A
	sw	s1, 4(s1)
	lw	a0, 0(s2)
	andi	a0, a0, PTE_A | PTE_D
	CHECK	13, a0, PTE_A | PTE_D
	CHECK_TRAP_COUNT 14, s_trap_record, 0

	/* Read-only page: loads work, stores fault with stval = address. */
	li	s1, VA(1)
	lw	a0, 0(s1)
	CHECK	20, a0, 0x1001
	TRAP_CLEAR s_trap_record
	sw	a0, 8(s1)
	CHECK_SFAULT 21, CAUSE_STORE_PAGE_FAULT, VA(1) + 8
	TRAP_CLEAR s_trap_record
	amoadd.w a0, a0, (s1)			/* AMOs need W: store page fault */
	CHECK_SFAULT 22, CAUSE_STORE_PAGE_FAULT, VA(1)

	/* Execute-only page: loads fault unless MXR. */
	li	s1, VA(2)
	TRAP_CLEAR s_trap_record
	lw	a0, 0(s1)
	CHECK_SFAULT 23, CAUSE_LOAD_PAGE_FAULT, VA(2)
	li	a1, MSTATUS_MXR
	csrs	sstatus, a1
	lw	a0, 0(s1)
	CHECK	24, a0, 0x1002
	csrc	sstatus, a1
	TRAP_CLEAR s_trap_record		/* clearing MXR takes effect at once */
	lw	a0, 0(s1)
	CHECK_SFAULT 19, CAUSE_LOAD_PAGE_FAULT, VA(2)

	/* Invalid PTE: load, store and fetch page faults. */
	li	s1, VA(3) + 0x124
	TRAP_CLEAR s_trap_record
	lw	a0, 0(s1)
	CHECK_SFAULT 25, CAUSE_LOAD_PAGE_FAULT, VA(3) + 0x124
	TRAP_CLEAR s_trap_record
	sh	a0, 2(s1)
	CHECK_SFAULT 26, CAUSE_STORE_PAGE_FAULT, VA(3) + 0x126
	TRAP_CLEAR s_trap_record
	jalr	ra, 0(s1)			/* the S handler resumes at ra */
	CHECK_SFAULT 27, CAUSE_FETCH_PAGE_FAULT, VA(3) + 0x124
	la	t6, s_trap_record
	lw	a0, TR_EPC(t6)			/* sepc = the target, not the jalr */
	CHECK	28, a0, VA(3) + 0x124

	/* W without R is reserved: the access faults. */
	li	s1, VA(7)
	TRAP_CLEAR s_trap_record
	lw	a0, 0(s1)
	CHECK_SFAULT 29, CAUSE_LOAD_PAGE_FAULT, VA(7)

	/* U page from S: faults without SUM, works with it; never executable from S. */
	li	s1, VA(0)
	TRAP_CLEAR s_trap_record
	lw	a0, 0(s1)
	CHECK_SFAULT 30, CAUSE_LOAD_PAGE_FAULT, VA(0)
	TRAP_CLEAR s_trap_record
	sw	a0, 0(s1)
	CHECK_SFAULT 31, CAUSE_STORE_PAGE_FAULT, VA(0)
	li	a1, MSTATUS_SUM
	csrs	sstatus, a1
	lw	a0, 0(s1)
	CHECK	32, a0, 0x1000
	li	a0, 0x2000
	sw	a0, 4(s1)
	lw	a0, 4(s1)
	CHECK	33, a0, 0x2000
	li	s1, VA(4)
	TRAP_CLEAR s_trap_record
	jalr	ra, 0(s1)
	CHECK_SFAULT 34, CAUSE_FETCH_PAGE_FAULT, VA(4)
	li	a1, MSTATUS_SUM
	csrc	sstatus, a1
	li	s1, VA(0)			/* clearing SUM takes effect at once */
	TRAP_CLEAR s_trap_record
	lw	a0, 4(s1)
	CHECK_SFAULT 35, CAUSE_LOAD_PAGE_FAULT, VA(0) + 4

	/* sfence.vma makes a changed PTE visible. */
	li	s1, VA(6)
	lw	a0, 0(s1)
	CHECK	40, a0, 0x1006
	la	s2, l0 + 6 * 4
	lw	s3, 0(s2)			/* the old PTE */
	la	a1, data_pages + 5 * 4096	/* now map page 5's frame */
	srli	a1, a1, 12
	slli	a1, a1, 10
	ori	a1, a1, PTE_V | PTE_R | PTE_A
	sw	a1, 0(s2)
	sfence.vma
	lw	a0, 0(s1)
	CHECK	41, a0, 0x1005
	sw	s3, 0(s2)			/* back, flushing just that address */
	sfence.vma s1, zero
	lw	a0, 0(s1)
	CHECK	42, a0, 0x1006
	/* Invalidate it: the next access faults. */
	sw	zero, 0(s2)
	sfence.vma s1
	TRAP_CLEAR s_trap_record
	lw	a0, 0(s1)
	CHECK_SFAULT 43, CAUSE_LOAD_PAGE_FAULT, VA(6)
	sw	s3, 0(s2)
	sfence.vma

	/* Code running off the end of a page continues on the next virtual page, wherever
	 * it is physically: code_a's physical neighbour code_b must not run. */
	li	a0, 0
	li	s1, VA(9) + 0xff8
	jalr	ra, 0(s1)
	CHECK	44, a0, 2 + 16
	/* Remap the second page to code_b: after sfence.vma, fetch sees the new page. */
	la	s2, l0 + 10 * 4
	lw	s3, 0(s2)
	la	a1, code_b
	srli	a1, a1, 12
	slli	a1, a1, 10
	ori	a1, a1, PTE_V | PTE_R | PTE_X | PTE_A
	sw	a1, 0(s2)
	sfence.vma
	li	a0, 0
	jalr	ra, 0(s1)
	CHECK	45, a0, 2 + 256
	sw	s3, 0(s2)
	sfence.vma

	/* A misaligned load and store across two virtual pages whose frames are not
	 * neighbours (data pages 9 and 11): each part goes to its own frame. */
	li	s1, VA(13) + 0xffe
	lw	a0, 0(s1)
	CHECK	90, a0, 0x100b0000		/* page 9's zero tail, page 11's 0x100b */
	li	a1, 0xaabbccdd
	sw	a1, 0(s1)
	la	s2, data_pages + 9 * 4096
	li	t0, 0xffe
	add	t0, s2, t0
	lhu	a0, 0(t0)
	CHECK	91, a0, 0xccdd
	la	s2, data_pages + 11 * 4096
	lw	a0, 0(s2)
	CHECK	92, a0, 0x0000aabb
	la	s2, data_pages + 10 * 4096	/* the frame in between is untouched */
	lw	a0, 0(s2)
	CHECK	93, a0, 0x100a

	/* A misaligned load whose second part faults: stval = the address of that part. */
	li	s1, VA(1) + 0xffe
	TRAP_CLEAR s_trap_record
	lw	a0, 0(s1)
	CHECK_SFAULT 94, CAUSE_LOAD_PAGE_FAULT, VA(2)

	/* A PTE to a physical address where nothing answers: access fault (to M), not a
	 * page fault; the trap value is the virtual address. */
	TRAP_CLEAR m_trap_record
	TRAP_CLEAR s_trap_record
	li	s1, VA(11) + 0x10
	lw	a0, 0(s1)
	CHECK_TRAP_COUNT 46, s_trap_record, 0
	CHECK_TRAP_COUNT 47, m_trap_record, 1
	la	t6, m_trap_record
	lw	a0, TR_CAUSE(t6)
	CHECK	48, a0, CAUSE_LOAD_ACCESS
	CHECK_TVAL 49, m_trap_record, VA(11) + 0x10

	/* A non-leaf PTE at the last level: page fault. */
	TRAP_CLEAR s_trap_record
	li	s1, VA(12)
	lw	a0, 0(s1)
	CHECK_SFAULT 39, CAUSE_LOAD_PAGE_FAULT, VA(12)

	/* S turns paging off itself (as kexec does before relocation) while running on the
	 * identity map, and back on. 0x8100_0000 is RAM but not mapped virtually. */
	li	s1, 0x81000000
	TRAP_CLEAR s_trap_record
	lw	a0, 0(s1)
	CHECK_SFAULT 36, CAUSE_LOAD_PAGE_FAULT, 0x81000000
	csrr	s2, satp
	csrw	satp, zero
	li	a1, 0x5a5a1234
	sw	a1, 0(s1)
	lw	a0, 0(s1)
	CHECK	37, a0, 0x5a5a1234
	csrw	satp, s2
	sfence.vma
	TRAP_CLEAR s_trap_record
	lw	a0, 0(s1)
	CHECK_SFAULT 38, CAUSE_LOAD_PAGE_FAULT, 0x81000000

	ecall					/* back to M */

	/* M-mode with MPRV = 1 and MPP = S: loads and stores are translated as S's. */
	li	a0, MSTATUS_MPP
	csrc	mstatus, a0
	li	a0, (1 << 11) | MSTATUS_MPRV
	csrs	mstatus, a0
	li	s1, VA(1)
	lw	a1, 0(s1)
	li	a0, MSTATUS_MPRV
	csrc	mstatus, a0
	CHECK	61, a1, 0x1001
	/* ... and fetches are not: this code ran at its physical address throughout. */

	/* U-mode code on its U page: U data works, S pages fault (delegated to S). */
	TRAP_CLEAR m_trap_record
	TRAP_CLEAR s_trap_record
	ECALL_RESUME m_trap_record, .Luser_back
	la	a0, user_entry
	la	a1, user_page
	sub	a0, a0, a1
	li	a1, VA(4)
	add	a0, a0, a1
	csrw	mepc, a0
	li	a0, MSTATUS_MPP
	csrc	mstatus, a0			/* MPP = U */
	li	a0, -1				/* results from user code land in a0..a3 */
	li	a1, -1
	li	a2, -1
	li	a3, -1
	mret
.Luser_back:
	CHECK	50, a0, 0x1000			/* read of its U page */
	CHECK	51, a1, 0x2000			/* the value S stored there with SUM */
	CHECK	52, a2, -1			/* the load from the S page did not happen */
	CHECK	53, a3, 0x1234			/* a store then load on its U page */
	CHECK_TRAP_COUNT 54, s_trap_record, 2
	la	t6, s_trap_record
	lw	a0, TR_CAUSE(t6)
	CHECK	55, a0, CAUSE_LOAD_PAGE_FAULT
	CHECK_TVAL 56, s_trap_record, VA(5)
	CHECK_PREV 57, s_trap_record, 0
	CHECK_TRAP_COUNT 58, m_trap_record, 1
	la	t6, m_trap_record
	lw	a0, TR_CAUSE(t6)
	CHECK	58, a0, CAUSE_USER_ECALL
	la	t6, m_trap_record
	lw	a0, TR_EPC(t6)
	la	a1, .Luser_ecall
	la	a2, user_page
	sub	a1, a1, a2
	li	a2, VA(4)
	add	a1, a1, a2
	CHECK_EQ 58, a0, a1

	/* A translation used by U must not serve S after a trap: U reads its page, its
	 * ecall is delegated to S, and the S handler (s_probe_vector, before any xRET)
	 * reads the same page without SUM: a page fault. */
	li	a0, 1 << CAUSE_USER_ECALL
	csrs	medeleg, a0
	la	a0, s_probe_vector
	csrw	stvec, a0
	TRAP_CLEAR s_trap_record
	TRAP_CLEAR m_trap_record
	ECALL_RESUME m_trap_record, .Lprobe_back
	la	a0, user_entry2
	la	a1, user_page
	sub	a0, a0, a1
	li	a1, VA(4)
	add	a0, a0, a1
	csrw	mepc, a0
	li	a0, MSTATUS_MPP
	csrc	mstatus, a0			/* MPP = U */
	li	a0, MSTATUS_SUM
	csrc	mstatus, a0
	mret
.Lprobe_back:
	CHECK	70, a0, 0x1000			/* U's read; S's read did not happen */
	CHECK	71, a1, CAUSE_USER_ECALL	/* scause seen by the probe */
	CHECK_SFAULT 72, CAUSE_LOAD_PAGE_FAULT, VA(0)
	CHECK_TRAP 73, m_trap_record, CAUSE_SUPERVISOR_ECALL, .Lprobe_ecall
	li	a0, 1 << CAUSE_USER_ECALL
	csrc	medeleg, a0

	/* The user code's store to its page reached the frame: read it physically. */
	la	s0, data_pages
	lw	a0, 8(s0)
	CHECK	59, a0, 0x1234
	/* In M-mode, translation is off: the physical table is what we wrote. */
	la	s2, l0 + 8 * 4
	lw	a0, 0(s2)
	andi	a0, a0, PTE_A | PTE_D
	CHECK	60, a0, PTE_A | PTE_D

	csrw	satp, zero
	sfence.vma
	PASS

/* S-mode trap vector for the U -> S probe: reads U's page straight away. */
	.balign	4
s_probe_vector:
	la	t0, s_trap_vector		/* the fault below goes to the usual handler */
	csrw	stvec, t0
	csrr	a1, scause
	li	t0, VA(0)
	lw	a0, 0(t0)
.Lprobe_ecall:
	ecall

/* User code: runs at VA(4) + offset. */
	.section .usertext, "ax"
	.balign	4096
user_page:
user_entry:
	li	t0, VA(0)
	lw	a0, 0(t0)
	lw	a1, 4(t0)
	li	t1, VA(5)
	lw	a2, 0(t1)			/* S page: load page fault, skipped */
	li	t1, 0x1234
	sw	t1, 8(t0)
	lw	a3, 8(t0)
	li	t1, VA(5)
	jalr	ra, 0(t1)			/* S page, not executable for U: fetch fault */
.Luser_ecall:
	ecall

user_entry2:
	li	t0, VA(0)
	lw	a0, 0(t0)
.Luser2_ecall:
	ecall

/* Code for the page-crossing test, at the end of code_a and the start of code_c. */
	.section .usertext, "ax"
	.balign	4096
code_a:
	.space	0xff8
	addi	a0, a0, 1
	addi	a0, a0, 1			/* the next instruction is on the next page */
code_b:
	addi	a0, a0, 256
	ret
	.balign	4096
code_c:
	addi	a0, a0, 16
	ret

	.data
	.balign	4
magic:
	.word	0x600dbeef

	.section .data.pagetables, "aw"
	.balign	4096
root:
	.space	4096
l0:
	.space	4096

	.bss
	.balign	4096
data_pages:
	.space	12 * 4096
