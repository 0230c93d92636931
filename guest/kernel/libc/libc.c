/*
 * libc.c (Kestrel libc) - errno-setting wrappers over the syscalls and
 * printf to file descriptors, for code written as user space would be.
 */
#include "kernel/core/errno.h"
#include "kernel/libc/stdio.h"
#include "kernel/libc/unistd.h"
#include "lib/string.h"

int errno;

static long
ret_errno(long ret)
{
	if (ret < 0 && ret >= -MAX_ERRNO) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

int
open(const char *path, int flags)
{
	return ret_errno(sys_open(path, flags));
}

ssize_t
read(int fd, void *buf, size_t count)
{
	return ret_errno(sys_read(fd, buf, count));
}

ssize_t
write(int fd, const void *buf, size_t count)
{
	return ret_errno(sys_write(fd, buf, count));
}

int
close(int fd)
{
	return ret_errno(sys_close(fd));
}

loff_t
lseek(int fd, loff_t offset, int whence)
{
	loff_t r = sys_lseek(fd, offset, whence);

	return r < 0 ? ret_errno((long)r) : r;
}

int
fstat(int fd, struct stat *st)
{
	return ret_errno(sys_fstat(fd, st));
}

int
stat(const char *path, struct stat *st)
{
	return ret_errno(sys_stat(path, st));
}

int
uname(struct utsname *name)
{
	return ret_errno(sys_uname(name));
}

int
reboot(unsigned int cmd)
{
	return ret_errno(sys_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, cmd, NULL));
}

struct fd_out {
	int fd;
	char buf[128];
	size_t n;
};

static void
fd_out_char(char c, void *arg)
{
	struct fd_out *o = arg;

	o->buf[o->n++] = c;
	if (o->n == sizeof(o->buf)) {
		sys_write(o->fd, o->buf, o->n);
		o->n = 0;
	}
}

int
vdprintf(int fd, const char *fmt, va_list ap)
{
	struct fd_out o = { .fd = fd, .n = 0 };
	int n = vcbprintf(fd_out_char, &o, fmt, ap);

	if (o.n)
		sys_write(fd, o.buf, o.n);
	return n;
}

int
dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int
printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(STDOUT_FILENO, fmt, ap);
	va_end(ap);
	return n;
}

int
puts(const char *s)
{
	sys_write(STDOUT_FILENO, s, strlen(s));
	sys_write(STDOUT_FILENO, "\n", 1);
	return 0;
}

int
putchar(int c)
{
	char ch = (char)c;

	sys_write(STDOUT_FILENO, &ch, 1);
	return c;
}

void
perror(const char *s)
{
	if (s && *s)
		dprintf(STDERR_FILENO, "%s: %s\n", s, strerror(errno));
	else
		dprintf(STDERR_FILENO, "%s\n", strerror(errno));
}
