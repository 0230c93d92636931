/*
 * cmd_sys.c - the system commands: help, dmesg, uname, uptime, free,
 * reboot, poweroff (and lsdev from Kestrel 2.0 on).
 */
#include "kernel/arch/time.h"
#include "kernel/core/errno.h"
#include "kernel/core/printk.h"
#include "kernel/drivers/device.h"
#include "kernel/libc/stdio.h"
#include "kernel/libc/unistd.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/shell/shell.h"
#include "lib/string.h"

int
help_main(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("Built-in commands:\n");
	for (unsigned int i = 0; i < shell_nr_commands; i++)
		printf("  %-10s %s\n", shell_commands[i].name, shell_commands[i].help);
	return 0;
}

int
dmesg_main(int argc, char **argv)
{
	static char buf[512];
	size_t off = 0, n;

	(void)argc, (void)argv;
	while ((n = log_buf_copy(buf, sizeof(buf), off)) > 0) {
		write(STDOUT_FILENO, buf, n);
		off += n;
	}
	return 0;
}

int
uname_main(int argc, char **argv)
{
	struct utsname u;
	bool s = false, n = false, r = false, v = false, m = false;
	const char *fields[5];
	int nf = 0;

	for (int i = 1; i < argc; i++) {
		if (argv[i][0] != '-') {
			dprintf(STDERR_FILENO, "uname: extra operand '%s'\n", argv[i]);
			return 1;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			switch (*o) {
			case 'a': s = n = r = v = m = true; break;
			case 's': s = true; break;
			case 'n': n = true; break;
			case 'r': r = true; break;
			case 'v': v = true; break;
			case 'm': m = true; break;
			default:
				dprintf(STDERR_FILENO, "uname: invalid option -- '%c'\n", *o);
				return 1;
			}
		}
	}
	uname(&u);
	if (!(s || n || r || v || m))
		s = true;
	if (s) fields[nf++] = u.sysname;
	if (n) fields[nf++] = u.nodename;
	if (r) fields[nf++] = u.release;
	if (v) fields[nf++] = u.version;
	if (m) fields[nf++] = u.machine;
	for (int i = 0; i < nf; i++)
		printf("%s%s", i ? " " : "", fields[i]);
	printf("\n");
	return 0;
}

int
uptime_main(int argc, char **argv)
{
	unsigned long secs = (unsigned long)(local_clock_ns() / 1000000000ULL);

	(void)argc, (void)argv;
	/* No RTC: the time of day is the time since reset, as on a fresh board. */
	printf(" %02lu:%02lu:%02lu up ", secs / 3600 % 24, secs / 60 % 60, secs % 60);
	if (secs >= 3600)
		printf("%lu:%02lu,", secs / 3600, secs / 60 % 60);
	else
		printf("%lu min,", secs / 60);
	printf("  load average: 0.00, 0.00, 0.00\n");
	return 0;
}

int
free_main(int argc, char **argv)
{
	unsigned long total = totalram_pages() * (PAGE_SIZE / 1024);
	unsigned long avail = nr_free_pages() * (PAGE_SIZE / 1024);

	(void)argc, (void)argv;
	printf("              total        used        free      shared  buff/cache   available\n");
	printf("Mem:   %12lu%12lu%12lu%12lu%12lu%12lu\n", total, total - avail, avail, 0UL, 0UL,
	       avail);
	printf("Swap:  %12lu%12lu%12lu\n", 0UL, 0UL, 0UL);
	return 0;
}

int
reboot_main(int argc, char **argv)
{
	(void)argc, (void)argv;
	if (reboot(LINUX_REBOOT_CMD_RESTART) < 0)
		dprintf(STDERR_FILENO, "reboot: %s\n", strerror(errno));
	return 1;
}

int
poweroff_main(int argc, char **argv)
{
	(void)argc, (void)argv;
	if (reboot(LINUX_REBOOT_CMD_POWER_OFF) < 0)
		dprintf(STDERR_FILENO, "poweroff: %s\n", strerror(errno));
	return 1;
}

int
lsdev_main(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("DEVICE                MMIO       IRQ  DRIVER\n");
	for (struct device *d = device_next(NULL); d; d = device_next(d))
		printf("%-20s  %08lx  %3d  %s\n", d->name, d->base, d->irq, d->driver->name);
	return 0;
}
