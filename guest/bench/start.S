/*
 * start.S - M-mode start-up for the benchmarks: builds the Sv32 tables (a superpage
 * for the image, one L0 table of 4 KiB pages for the data at BENCH_DATA), turns paging
 * on and runs bench_run() in S-mode. Its result comes back by ecall and is reported
 * through tohost (kexec-lab) and the sifive_test syscon (QEMU).
 */
#define SATP_SV32	0x80000000
#define PTE_V		(1 << 0)
#define PTE_R		(1 << 1)
#define PTE_W		(1 << 2)
#define PTE_X		(1 << 3)
#define PTE_A		(1 << 6)
#define PTE_D		(1 << 7)
#define BENCH_DATA	0x40000000
#define BENCH_DATA_PA	0x80400000
#define BENCH_PAGES	1024
#define SYSCON_BASE	0x00100000
#define CAUSE_S_ECALL	9

	.section .text.init, "ax"
	.globl	_start
_start:
	la	sp, stack_top
	la	t0, bench_trap
	csrw	mtvec, t0
	li	t0, -1				/* PMP: all memory for S (QEMU needs it) */
	csrw	pmpaddr0, t0
	li	t0, 0x1f
	csrw	pmpcfg0, t0

	/* root[0x200]: 0x8000_0000 -> itself, 4 MiB, RWX. */
	la	t0, root
	li	t1, (0x80000000 >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
	li	t2, 0x200 * 4
	add	t2, t0, t2
	sw	t1, 0(t2)
	/* root[0x100] -> the L0 table for BENCH_DATA. */
	la	t1, l0
	srli	t1, t1, 12
	slli	t1, t1, 10
	ori	t1, t1, PTE_V
	li	t2, (BENCH_DATA >> 22) * 4
	add	t2, t0, t2
	sw	t1, 0(t2)
	/* l0[i]: BENCH_DATA + i * 4 KiB -> BENCH_DATA_PA + i * 4 KiB, RW. */
	la	t0, l0
	li	t1, (BENCH_DATA_PA >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_A | PTE_D
	li	t2, BENCH_PAGES
	li	t3, 1 << 10
1:	sw	t1, 0(t0)
	add	t1, t1, t3
	addi	t0, t0, 4
	addi	t2, t2, -1
	bnez	t2, 1b

	la	t0, root
	srli	t0, t0, 12
	li	t1, SATP_SV32
	or	t0, t0, t1
	csrw	satp, t0
	sfence.vma
	li	t0, 3 << 11			/* MPP = S */
	csrc	mstatus, t0
	li	t0, 1 << 11
	csrs	mstatus, t0
	la	t0, s_entry
	csrw	mepc, t0
	mret

s_entry:
	call	bench_run
	ecall					/* a0 = result */

/* Any trap ends the run: an S ecall with its result, anything else as case 1000 + mcause. */
	.balign	4
bench_trap:
	csrr	t0, mcause
	li	t1, CAUSE_S_ECALL
	beq	t0, t1, 1f
	addi	a0, t0, 1000
1:	slli	t0, a0, 1
	ori	t0, t0, 1
	bnez	a0, 2f
	li	t0, 1
2:	la	t1, tohost
	sw	t0, 0(t1)
	li	t0, 0x5555
	beqz	a0, 3f
	slli	t0, a0, 16
	li	t1, 0x3333
	or	t0, t0, t1
3:	li	t1, SYSCON_BASE
	sw	t0, 0(t1)
4:	j	4b

	.section .tohost, "aw"
	.balign	8
	.globl	tohost, fromhost
tohost:
	.word	0, 0
fromhost:
	.word	0, 0

	.bss
	.balign	4096
root:
	.space	4096
l0:
	.space	4096
	.space	16384
stack_top:
