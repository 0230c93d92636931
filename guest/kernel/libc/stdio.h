/*
 * stdio.h (Kestrel libc) - formatted output for the shell and its tools,
 * written to file descriptors with sys_write, as user space does.
 */
#ifndef KERNEL_LIBC_STDIO_H
#define KERNEL_LIBC_STDIO_H

#include "lib/printf.h"
#include "lib/types.h"

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vdprintf(int fd, const char *fmt, va_list ap);
int puts(const char *s);		/* s and a newline to stdout */
int putchar(int c);
/* Like glibc's perror: "<s>: <strerror(errno)>" on stderr. */
void perror(const char *s);

#endif /* KERNEL_LIBC_STDIO_H */
