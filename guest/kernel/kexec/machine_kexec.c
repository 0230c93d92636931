/*
 * machine_kexec.c - the riscv half of kexec (Linux arch/riscv/kernel/
 * machine_kexec.c): find the DTB among the segments and put the relocation
 * routine into the control page at load time; at exec, stop this hart's
 * interrupts and call the control page, never to return.
 */
#include "kernel/arch/csr.h"
#include "kernel/arch/smp.h"
#include "kernel/core/errno.h"
#include "kernel/core/printk.h"
#include "kernel/drivers/trace.h"
#include "kernel/kexec/kexec_internal.h"
#include "kernel/memlayout.h"
#include "lib/fdt.h"
#include "lib/string.h"

typedef void (*riscv_kexec_method)(unsigned long first_ind_entry, unsigned long jump_addr,
				   unsigned long fdt_addr, unsigned long hartid,
				   unsigned long va_pa_offset, unsigned long trace_phys);

/*
 * The DTB is the first segment whose buffer starts with a valid FDT
 * header; its destination is handed to the new kernel in a1. Then the
 * relocation routine goes into the control page, which lies in no
 * destination, so it survives the copy it performs.
 */
int
machine_kexec_prepare(struct kimage *image)
{
	unsigned long i;

	image->fdt_addr = 0;
	for (i = 0; i < image->nr_segments; i++) {
		const struct kexec_segment *seg = &image->segment[i];

		if (seg->memsz <= sizeof(struct fdt_header) || seg->bufsz < sizeof(struct fdt_header))
			continue;
		if (fdt_check_header(seg->buf))
			continue;
		image->fdt_addr = seg->mem;
		break;
	}
	if (!image->fdt_addr) {
		pr_err("Device tree not included in the provided image\n");
		return -EINVAL;
	}

	if (riscv_kexec_relocate_size > KEXEC_CONTROL_PAGE_SIZE) {
		pr_err("Relocation code doesn't fit within a control page\n");
		return -EINVAL;
	}
	memcpy(__va(image->control_code_page), riscv_kexec_relocate, riscv_kexec_relocate_size);
	return 0;
}

void
machine_kexec_cleanup(struct kimage *image)
{
	(void)image;
}

/* One hart: nothing to stop but our own interrupts. */
void
machine_shutdown(void)
{
	local_irq_disable();
}

void __noreturn
machine_kexec(struct kimage *image)
{
	unsigned long jump_addr = image->start;
	unsigned long first_ind_entry = (unsigned long)&image->head;
	unsigned long this_hart_id = boot_hartid;
	unsigned long fdt_addr = image->fdt_addr;
	riscv_kexec_method kexec_method = (riscv_kexec_method)__va(image->control_code_page);

	if (kexec_debug_relocate_in_place) {
		/* The hazard: the copy loop then runs inside the pages it overwrites. */
		kexec_method = (riscv_kexec_method)(unsigned long)riscv_kexec_relocate;
		pr_warn("kexec_debug: relocating from kernel text at %08lx, not from the control page at %08lx\n",
			__pa(riscv_kexec_relocate), image->control_code_page);
	}

	ktrace_phase(TRACE_PHASE_MACHINE_KEXEC, jump_addr);
	pr_notice("Will call new kernel at %08lx from hart id %lx\n", jump_addr, this_hart_id);
	pr_notice("FDT image at %08lx\n", fdt_addr);

	/* Make sure the relocation code is visible to the hart. */
	__asm__ volatile("fence.i" ::: "memory");

	pr_notice("Bye...\n");
	kexec_method(first_ind_entry, jump_addr, fdt_addr, this_hart_id, VA_PA_OFFSET,
		     (unsigned long)trace_base);
	__builtin_unreachable();
}
