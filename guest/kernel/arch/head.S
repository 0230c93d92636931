/*
 * head.S - the kernel's first instructions. Entered physically (satp = 0)
 * at 0x8040_0000 with a0 = hartid, a1 = physical DTB, like RISC-V Linux.
 * Clears .bss, builds the boot page table, turns on Sv32 and jumps to the
 * kernel's linked (virtual) address, then calls start_kernel(hartid, dtb).
 */
#include "kernel/memlayout.h"
#include "kernel/arch/csr.h"

	.section .head.text, "ax"
	.globl _start
_start:
	csrw	sie, zero		/* no interrupts until trap_init */
	mv	s0, a0			/* s0 = hartid */
	mv	s1, a1			/* s1 = DTB (physical) */

	/* Everything below runs at physical addresses: la is pc-relative. */
	la	t0, __bss_start
	la	t1, __bss_stop
1:	bgeu	t0, t1, 2f
	sw	zero, 0(t0)
	addi	t0, t0, 4
	j	1b
2:
	/*
	 * swapper_pg_dir: 1024 root PTEs, each a 4 MiB megapage.
	 *   entries 0x000..0x07F: MMIO, VA == PA (0x0000_0000..0x1FFF_FFFF)
	 *   entries 0x300..0x3FF: RAM linear map, VA 0xC000_0000 + n -> PA 0x8000_0000 + n
	 *   one entry for the kernel's own physical megapage (VA == PA), so the
	 *   instruction after the satp write still fetches; paging_init removes it.
	 * A megapage PTE holds PA >> 2 (PPN << 10) plus the permission bits.
	 */
	la	t0, swapper_pg_dir
	li	t1, 0			/* PA of the megapage */
	li	t2, PAGE_KERNEL_IO
	li	t3, MMIO_IDENTITY_END
	mv	t4, t0
3:	srli	t5, t1, 2
	or	t5, t5, t2
	sw	t5, 0(t4)
	addi	t4, t4, 4
	li	t6, MEGAPAGE_SIZE
	add	t1, t1, t6
	bltu	t1, t3, 3b

	li	t1, RAM_BASE
	li	t2, PAGE_KERNEL_RWX
	li	t3, (PAGE_OFFSET >> 22) * 4
	add	t4, t0, t3		/* &swapper_pg_dir[0x300] */
	li	t3, 256			/* 256 * 4 MiB = 1 GiB */
4:	srli	t5, t1, 2
	or	t5, t5, t2
	sw	t5, 0(t4)
	addi	t4, t4, 4
	li	t6, MEGAPAGE_SIZE
	add	t1, t1, t6
	addi	t3, t3, -1
	bnez	t3, 4b

	la	t1, _start		/* physical address of the kernel */
	srli	t3, t1, 22
	slli	t3, t3, 2
	add	t4, t0, t3		/* &swapper_pg_dir[_start >> 22] */
	srli	t5, t1, 22
	slli	t5, t5, 20		/* megapage-aligned PA >> 2 */
	or	t5, t5, t2
	sw	t5, 0(t4)

	/* Turn on Sv32 and continue at the virtual (linked) address. */
	lui	t1, %hi(.Lvirtual)
	addi	t1, t1, %lo(.Lvirtual)
	csrw	stvec, t1
	srli	t0, t0, 12		/* root page table PPN */
	li	t2, SATP_MODE_SV32
	or	t0, t0, t2
	sfence.vma
	csrw	satp, t0
	sfence.vma
	jr	t1

	.align 2
.Lvirtual:
	/* From here on la gives virtual addresses. */
	la	sp, init_stack_top
	mv	a0, s0
	mv	a1, s1
	call	start_kernel
5:	wfi
	j	5b

	.section .bss..page_aligned, "aw", @nobits
	.align 12
	.globl swapper_pg_dir
swapper_pg_dir:
	.space 4096
	.globl init_stack
init_stack:
	.space 16384
	.globl init_stack_top
init_stack_top:
