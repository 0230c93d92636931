/*
 * proc.c - the files under /proc that describe the running kernel, in
 * Linux's formats (cmdline, iomem, meminfo, version, uptime, interrupts),
 * and /sys/firmware/fdt: the DTB this kernel was booted with, byte-exact.
 */
#include "kernel/core/init.h"
#include "kernel/arch/time.h"
#include "kernel/core/irq.h"
#include "kernel/core/params.h"
#include "kernel/core/resource.h"
#include "kernel/core/version.h"
#include "kernel/drivers/of.h"
#include "kernel/fs/fs.h"
#include "kernel/mm/page_alloc.h"
#include "lib/printf.h"
#include "lib/string.h"

static ssize_t
cmdline_show(char *buf, size_t len)
{
	return snprintf(buf, len, "%s\n", boot_command_line);
}

static ssize_t
iomem_proc_show(char *buf, size_t len)
{
	return iomem_show(buf, len);
}

static ssize_t
meminfo_show(char *buf, size_t len)
{
	unsigned long total = totalram_pages() * (PAGE_SIZE / 1024);
	unsigned long free = nr_free_pages() * (PAGE_SIZE / 1024);
	size_t n = 0;

#define MEMINFO(name, kb) (n += snprintf(buf + n, len > n ? len - n : 0, "%-16s%8lu kB\n", \
					 name, (unsigned long)(kb)))
	MEMINFO("MemTotal:", total);
	MEMINFO("MemFree:", free);
	MEMINFO("MemAvailable:", free);
	MEMINFO("Buffers:", 0);
	MEMINFO("Cached:", 0);
	MEMINFO("SwapTotal:", 0);
	MEMINFO("SwapFree:", 0);
#undef MEMINFO
	return n < len ? n : len;
}

static ssize_t
version_show(char *buf, size_t len)
{
	return snprintf(buf, len, "%s", linux_banner);
}

static ssize_t
uptime_show(char *buf, size_t len)
{
	u64 cs = local_clock_ns() / 10000000;	/* hundredths of a second */

	return snprintf(buf, len, "%lu.%02lu 0.00\n", (unsigned long)(cs / 100),
			(unsigned long)(cs % 100));
}

static ssize_t
interrupts_show(char *buf, size_t len)
{
	size_t n = snprintf(buf, len, "           CPU0\n");

	for (int irq = 1; irq < NR_IRQS; irq++) {
		const char *name;
		unsigned long count;

		if (irq_get_stats(irq, &name, &count))
			n += snprintf(buf + n, len > n ? len - n : 0, "%3d: %10lu  riscv-plic %3d  %s\n",
				      irq, count, irq, name);
	}
	return n < len ? n : len;
}

void __init
proc_root_init(void)
{
	proc_create("/proc/cmdline", cmdline_show);
	proc_create("/proc/iomem", iomem_proc_show);
	proc_create("/proc/meminfo", meminfo_show);
	proc_create("/proc/version", version_show);
	proc_create("/proc/uptime", uptime_show);
	proc_create("/proc/interrupts", interrupts_show);
	if (initial_boot_params)
		sysfs_create_bin_file("/sys/firmware/fdt", initial_boot_params, of_fdt_size());
}
