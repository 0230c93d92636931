/*
 * reboot.c - the reboot(2) system call and the three ways out that do not
 * involve kexec: restart (cold, back through reset ROM and firmware POST),
 * power off, halt. LINUX_REBOOT_CMD_KEXEC goes to kernel_kexec().
 */
#define pr_fmt(fmt) "reboot: " fmt

#include "kernel/core/reboot.h"
#include "kernel/arch/csr.h"
#include "kernel/arch/sbi.h"
#include "kernel/core/errno.h"
#include "kernel/core/hooks.h"
#include "kernel/core/printk.h"
#include "kernel/drivers/device.h"
#include "kernel/drivers/trace.h"
#include "kernel/syscalls.h"

#define SYSCON_RESET	0x7777	/* sifive_test: cold reset */
#define SYSCON_POWEROFF	0x5555	/* sifive_test: power off */

void
kernel_restart_prepare(const char *cmd)
{
	(void)cmd;
	device_shutdown();
}

static __attribute__((noreturn)) void
machine_reset(u32 type, u32 syscon_value)
{
	local_irq_disable();
	sbi_system_reset(type, SBI_SRST_RESET_REASON_NONE);
	/* The firmware refused: try the syscon ourselves (identity-mapped MMIO). */
	writel(syscon_value, ioremap(SYSCON_PHYS, 4));
	csr_write(sie, 0);
	for (;;)
		wait_for_interrupt();
}

void
kernel_restart(const char *cmd)
{
	ktrace_phase(TRACE_PHASE_REBOOT, 0);
	kernel_restart_prepare(cmd);
	if (cmd)
		pr_emerg("Restarting system with command '%s'\n", cmd);
	else
		pr_emerg("Restarting system\n");
	machine_reset(SBI_SRST_RESET_TYPE_COLD_REBOOT, SYSCON_RESET);
}

void
kernel_power_off(void)
{
	kernel_restart_prepare(NULL);
	pr_emerg("Power down\n");
	machine_reset(SBI_SRST_RESET_TYPE_SHUTDOWN, SYSCON_POWEROFF);
}

void
kernel_halt(void)
{
	kernel_restart_prepare(NULL);
	pr_emerg("System halted\n");
	local_irq_disable();
	csr_write(sie, 0);
	for (;;)
		wait_for_interrupt();
}

long
sys_reboot(int magic1, int magic2, unsigned int cmd, void *arg)
{
	(void)arg;
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 || magic2 != LINUX_REBOOT_MAGIC2)
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_RESTART:
		kernel_restart(NULL);
	case LINUX_REBOOT_CMD_POWER_OFF:
		kernel_power_off();
	case LINUX_REBOOT_CMD_HALT:
		kernel_halt();
	case LINUX_REBOOT_CMD_KEXEC:
		return kernel_kexec();
	default:
		return -EINVAL;
	}
}
