/*
 * kexec_hooks.c - weak defaults for the kexec entry points (hooks.h), so
 * that a kernel without guest/kernel/kexec/ links and says ENOSYS.
 */
#include "kernel/core/hooks.h"
#include "kernel/core/errno.h"
#include "kernel/libc/stdio.h"

__attribute__((weak)) int
kernel_kexec(void)
{
	return -ENOSYS;
}

__attribute__((weak)) void
crash_kexec(struct pt_regs *regs)
{
	(void)regs;
}

__attribute__((weak)) int
kexec_main(int argc, char **argv)
{
	(void)argc;
	dprintf(2, "sh: %s: not found\n", argv[0]);
	return 127;
}

__attribute__((weak)) long
sys_kexec_load(unsigned long entry, unsigned long nr_segments, void *segments,
	       unsigned long flags)
{
	(void)entry, (void)nr_segments, (void)segments, (void)flags;
	return -ENOSYS;
}

__attribute__((weak)) long
sys_kexec_file_load(int kernel_fd, int initrd_fd, unsigned long cmdline_len,
		    const char *cmdline, unsigned long flags)
{
	(void)kernel_fd, (void)initrd_fd, (void)cmdline_len, (void)cmdline, (void)flags;
	return -ENOSYS;
}

__attribute__((weak)) void
reserve_crashkernel(void)
{
}
