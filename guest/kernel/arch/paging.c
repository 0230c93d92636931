/*
 * paging.c - finishes what head.S started: one root page table of 4 MiB
 * megapages (memlayout.h). Also where the kernel image claims its memory:
 * memblock, /proc/iomem ("Kernel code", ...) and trace port roles.
 */
#include "kernel/arch/paging.h"
#include "kernel/arch/csr.h"
#include "kernel/core/init.h"
#include "kernel/core/resource.h"
#include "kernel/drivers/trace.h"
#include "kernel/mm/memblock.h"

static void
tag(const void *start, const void *end, u32 role)
{
	phys_addr_t s = ALIGN_DOWN(__pa(start), PAGE_SIZE), e = ALIGN(__pa(end), PAGE_SIZE);

	if (e > s)
		ktrace_role(s, (e - s) >> PAGE_SHIFT, role);
}

void __init
paging_init(phys_addr_t ram_end)
{
	u32 *pgd = (u32 *)swapper_pg_dir;
	unsigned long first_unmapped = (PAGE_OFFSET >> 22) +
				       ALIGN(ram_end - RAM_BASE, MEGAPAGE_SIZE) / MEGAPAGE_SIZE;

	pgd[KERNEL_PHYS_BASE >> 22] = 0;	/* the identity entry head.S needed */
	for (unsigned long i = first_unmapped; i < 1024 && ram_end > RAM_BASE; i++)
		pgd[i] = 0;			/* no RAM behind these */
	local_flush_tlb_all();

	memblock_reserve(__pa(_text), _end - _text);
	insert_resource("Kernel code", __pa(_text), __pa(_etext) - 1);
	insert_resource("Kernel rodata", __pa(__start_rodata), __pa(__end_rodata) - 1);
	insert_resource("Kernel data", __pa(_sdata), __pa(_edata) - 1);
	insert_resource("Kernel bss", __pa(__bss_start), __pa(__bss_stop) - 1);

	tag(_text, _etext, TRACE_ROLE_KERNEL_TEXT);
	tag(__start_rodata, __end_rodata, TRACE_ROLE_KERNEL_RODATA);
	tag(__init_begin, __init_end, TRACE_ROLE_KERNEL_TEXT);
	tag(_sdata, __bss_stop, TRACE_ROLE_KERNEL_DATA);
	tag(swapper_pg_dir, swapper_pg_dir + PAGE_SIZE, TRACE_ROLE_PAGE_TABLE);
	tag(init_stack, init_stack_top, TRACE_ROLE_STACK);
}
