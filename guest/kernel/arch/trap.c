/*
 * trap.c - where stvec leads: do_trap sorts a trap by scause into an
 * interrupt (timer, external via the PLIC) or an exception, which in a
 * kernel-only system is always a bug: print an oops and panic.
 */
#include "kernel/arch/trap.h"
#include "kernel/arch/csr.h"
#include "kernel/arch/time.h"
#include "kernel/core/irq.h"
#include "kernel/core/panic.h"
#include "kernel/core/printk.h"

extern char handle_exception[];

static const char *const exception_names[] = {
	[0] = "instruction address misaligned",
	[1] = "instruction access fault",
	[2] = "illegal instruction",
	[3] = "breakpoint",
	[4] = "load address misaligned",
	[5] = "load access fault",
	[6] = "store address misaligned",
	[7] = "store access fault",
	[8] = "environment call from U-mode",
	[9] = "environment call from S-mode",
	[12] = "instruction page fault",
	[13] = "load page fault",
	[15] = "store page fault",
};

void
trap_init(void)
{
	csr_write(stvec, (unsigned long)handle_exception);
	csr_write(sscratch, 0);
}

void
show_regs(const struct pt_regs *r)
{
	printk(KERN_EMERG " epc : %08lx ra : %08lx sp : %08lx\n", r->epc, r->ra, r->sp);
	printk(KERN_EMERG "  gp : %08lx tp : %08lx t0 : %08lx\n", r->gp, r->tp, r->t0);
	printk(KERN_EMERG "  t1 : %08lx t2 : %08lx s0 : %08lx\n", r->t1, r->t2, r->s0);
	printk(KERN_EMERG "  s1 : %08lx a0 : %08lx a1 : %08lx\n", r->s1, r->a0, r->a1);
	printk(KERN_EMERG "  a2 : %08lx a3 : %08lx a4 : %08lx\n", r->a2, r->a3, r->a4);
	printk(KERN_EMERG "  a5 : %08lx a6 : %08lx a7 : %08lx\n", r->a5, r->a6, r->a7);
	printk(KERN_EMERG "status: %08lx badaddr: %08lx cause: %08lx\n", r->status, r->badaddr,
	       r->cause);
}

static void
do_exception(struct pt_regs *regs)
{
	unsigned long cause = regs->cause;
	const char *name = cause < ARRAY_SIZE(exception_names) && exception_names[cause]
				   ? exception_names[cause] : "unknown exception";

	if (cause == 12 || cause == 13 || cause == 15)
		printk(KERN_ALERT "Unable to handle kernel paging request at virtual address %08lx\n",
		       regs->badaddr);
	else if (cause == 1 || cause == 5 || cause == 7)
		printk(KERN_ALERT "Unable to handle kernel access to physical address %08lx\n",
		       regs->badaddr);
	printk(KERN_EMERG "Oops - %s [#1]\n", name);
	show_regs(regs);
	panic_regs(regs, "Fatal exception");
}

void
do_trap(struct pt_regs *regs)
{
	if (regs->cause & CAUSE_IRQ_FLAG) {
		unsigned long irq = regs->cause & ~CAUSE_IRQ_FLAG;

		if (irq == IRQ_S_TIMER)
			timer_interrupt();
		else if (irq == IRQ_S_EXT)
			handle_arch_irq();
		else
			pr_warn("riscv-intc: spurious interrupt %lu\n", irq);
		return;
	}
	do_exception(regs);
}
