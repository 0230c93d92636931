/*
 * syscalls.h - Kestrel's system call layer, with Linux's names, numbers
 * (asm-generic) and signatures. Everything the shell's "user-space" tools
 * (e.g. kexec/kexec_tool.c) do to the kernel goes through here.
 *
 * Kernel convention: every sys_* and syscall() returns >= 0 on success and
 * -errno on failure (see core/errno.h, strerror()). The libc-style wrappers
 * in libc/unistd.h turn that into -1 + errno, as user space sees it.
 */
#ifndef KERNEL_SYSCALLS_H
#define KERNEL_SYSCALLS_H

#include "kernel/fs/fs.h"

#define __NR_dup		23
#define __NR_dup3		24
#define __NR_close		57
#define __NR_lseek		62
#define __NR_read		63
#define __NR_write		64
#define __NR_fstat		80
#define __NR_kexec_load		104
#define __NR_reboot		142
#define __NR_uname		160
#define __NR_kexec_file_load	294
#define __NR_open		1024	/* asm-generic's deprecated open */
#define __NR_stat		1038

#define O_RDONLY	0
#define O_WRONLY	1
#define O_RDWR		2
#define O_CREAT		0100
#define O_TRUNC		01000
#define O_APPEND	02000

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

#define STDIN_FILENO	0
#define STDOUT_FILENO	1
#define STDERR_FILENO	2

/* reboot(2) */
#define LINUX_REBOOT_MAGIC1		0xfee1dead
#define LINUX_REBOOT_MAGIC2		672274793	/* 0x28121969 */
#define LINUX_REBOOT_CMD_RESTART	0x01234567
#define LINUX_REBOOT_CMD_HALT		0xCDEF0123
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321FEDC
#define LINUX_REBOOT_CMD_KEXEC		0x45584543

struct stat {
	u32 st_mode;	/* S_IFREG / S_IFDIR | permissions */
	u32 st_nlink;
	loff_t st_size;	/* bytes */
};

struct utsname {
	char sysname[65];
	char nodename[65];
	char release[65];
	char version[65];
	char machine[65];
};

#define NR_OPEN 16	/* file descriptors */

long sys_open(const char *path, int flags);
ssize_t sys_read(int fd, void *buf, size_t count);
ssize_t sys_write(int fd, const void *buf, size_t count);
long sys_close(int fd);
long sys_dup(int oldfd);
/* dup2: newfd (closed first if open) becomes a copy of oldfd. */
long sys_dup2(int oldfd, int newfd);
loff_t sys_lseek(int fd, loff_t offset, int whence);
long sys_fstat(int fd, struct stat *st);
long sys_stat(const char *path, struct stat *st);
long sys_uname(struct utsname *name);
/* LINUX_REBOOT_CMD_*; KEXEC calls kernel_kexec() (kexec/), the others do not return. */
long sys_reboot(int magic1, int magic2, unsigned int cmd, void *arg);
/* Opens /dev/console as fds 0, 1, 2 (done once at boot, before the shell). */
void console_fds_init(void);
/* sys_kexec_load and sys_kexec_file_load: see core/hooks.h (kexec/ defines them). */

/*
 * Calls system call nr with up to six word-sized arguments, through
 * sys_call_table (core/syscalls.c), as glibc's syscall(2) does, but
 * returning -errno directly. -ENOSYS for an unknown nr.
 */
long syscall(long nr, ...);

#endif /* KERNEL_SYSCALLS_H */
