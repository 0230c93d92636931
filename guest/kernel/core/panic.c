/*
 * panic.c - "Kernel panic - not syncing: ...": interrupts off, a chance for
 * a loaded crash kernel (crash_kexec, kexec/ provides it), then halt.
 */
#include "kernel/core/panic.h"
#include "kernel/arch/csr.h"
#include "kernel/core/hooks.h"
#include "kernel/core/printk.h"
#include "kernel/drivers/trace.h"
#include "lib/printf.h"

static void __attribute__((noreturn))
vpanic(struct pt_regs *regs, const char *fmt, va_list ap)
{
	static char buf[160];

	local_irq_disable();
	vsnprintf(buf, sizeof(buf), fmt, ap);
	console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	ktrace_phase(TRACE_PHASE_PANIC, 0);
	crash_kexec(regs);
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", buf);
	csr_write(sie, 0);	/* nothing may wake us: WFI sleeps for good */
	for (;;)
		wait_for_interrupt();
}

void
panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic(NULL, fmt, ap);
}

void
panic_regs(struct pt_regs *regs, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic(regs, fmt, ap);
}
