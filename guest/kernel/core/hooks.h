/*
 * hooks.h - the points where kexec (guest/kernel/kexec/) plugs into the
 * kernel. Each has a weak default in core/kexec_hooks.c that says "not
 * here"; kexec/ defines the real, strong one and the linker takes it.
 */
#ifndef KERNEL_CORE_HOOKS_H
#define KERNEL_CORE_HOOKS_H

#include "kernel/arch/ptrace.h"

/* reboot(LINUX_REBOOT_CMD_KEXEC): returns only on failure (-errno); default -ENOSYS. */
int kernel_kexec(void);
/* From panic(): boots a loaded crash kernel and does not return; default returns. */
void crash_kexec(struct pt_regs *regs);
/* At boot, after memblock knows RAM and before the page allocator: crashkernel=. */
void reserve_crashkernel(void);
/* The shell's "kexec" command (kexec/kexec_tool.c); default: not found, 127. */
int kexec_main(int argc, char **argv);
/* The kexec_load(2) system call; default -ENOSYS. */
long sys_kexec_load(unsigned long entry, unsigned long nr_segments, void *segments,
		    unsigned long flags);
/* kexec_file_load(2); default -ENOSYS. */
long sys_kexec_file_load(int kernel_fd, int initrd_fd, unsigned long cmdline_len,
			 const char *cmdline, unsigned long flags);

#endif /* KERNEL_CORE_HOOKS_H */
