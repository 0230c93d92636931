/*
 * unistd.h (Kestrel libc) - the user-space face of syscalls.h: each
 * wrapper returns -1 and sets errno on failure, as glibc's do.
 */
#ifndef KERNEL_LIBC_UNISTD_H
#define KERNEL_LIBC_UNISTD_H

#include "kernel/syscalls.h"

extern int errno;

int open(const char *path, int flags);
ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
int close(int fd);
loff_t lseek(int fd, loff_t offset, int whence);
int fstat(int fd, struct stat *st);
int stat(const char *path, struct stat *st);
int uname(struct utsname *name);
/* glibc's reboot(cmd): the magic numbers are added here. */
int reboot(unsigned int cmd);

#endif /* KERNEL_LIBC_UNISTD_H */
