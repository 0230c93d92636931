/*
 * sysrq.c - /proc/sysrq-trigger: writing a key runs its action, as the
 * Magic SysRq key does. 'c' crashes the kernel on purpose (the way kdump is
 * tested), 'b' resets at once without shutting anything down, 'o' powers off.
 */
#include "kernel/arch/csr.h"
#include "kernel/arch/sbi.h"
#include "kernel/core/errno.h"
#include "kernel/core/init.h"
#include "kernel/core/panic.h"
#include "kernel/core/printk.h"
#include "kernel/core/reboot.h"
#include "kernel/fs/fs.h"

static void
sysrq_handle_crash(void)
{
	pr_info("sysrq: Trigger a crash\n");
	panic("sysrq triggered crash");
}

static void
sysrq_handle_reboot(void)
{
	pr_info("sysrq: Resetting\n");
	local_irq_disable();
	sbi_system_reset(SBI_SRST_RESET_TYPE_COLD_REBOOT, SBI_SRST_RESET_REASON_NONE);
}

static void
sysrq_handle_poweroff(void)
{
	pr_info("sysrq: Power Off\n");
	kernel_power_off();
}

static ssize_t
sysrq_trigger_store(const char *buf, size_t len)
{
	if (len == 0)
		return -EINVAL;
	switch (buf[0]) {
	case 'c':
		sysrq_handle_crash();
		break;
	case 'b':
		sysrq_handle_reboot();
		break;
	case 'o':
		sysrq_handle_poweroff();
		break;
	default:
		pr_info("sysrq: HELP : reboot(b) crash(c) poweroff(o)\n");
		break;
	}
	return len;
}

static int __init
sysrq_init(void)
{
	return sysfs_create_file("/proc/sysrq-trigger", NULL, sysrq_trigger_store);
}
__initcall(sysrq_init);
