/*
 * syscalls.c - the file descriptor table, the sys_* entry points over the
 * VFS, and sys_call_table, through which syscall(nr, ...) dispatches.
 */
#include "kernel/syscalls.h"
#include "kernel/core/errno.h"
#include "kernel/core/hooks.h"
#include "kernel/core/version.h"
#include "lib/string.h"

static struct file *fd_table[NR_OPEN];

static struct file *
fget(int fd)
{
	return fd >= 0 && fd < NR_OPEN ? fd_table[fd] : NULL;
}

long
sys_open(const char *path, int flags)
{
	struct file *f;
	int fd, err;

	if (!path)
		return -EFAULT;
	for (fd = 0; fd < NR_OPEN && fd_table[fd]; fd++)
		;
	if (fd == NR_OPEN)
		return -EMFILE;
	err = vfs_open(path, flags, &f);
	if (err)
		return err;
	fd_table[fd] = f;
	return fd;
}

ssize_t
sys_read(int fd, void *buf, size_t count)
{
	struct file *f = fget(fd);

	return f ? vfs_read(f, buf, count) : -EBADF;
}

ssize_t
sys_write(int fd, const void *buf, size_t count)
{
	struct file *f = fget(fd);

	return f ? vfs_write(f, buf, count) : -EBADF;
}

long
sys_close(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	vfs_close(f);
	fd_table[fd] = NULL;
	return 0;
}

long
sys_dup(int oldfd)
{
	struct file *f = fget(oldfd);
	int fd;

	if (!f)
		return -EBADF;
	for (fd = 0; fd < NR_OPEN && fd_table[fd]; fd++)
		;
	if (fd == NR_OPEN)
		return -EMFILE;
	fd_table[fd] = vfs_get(f);
	return fd;
}

long
sys_dup2(int oldfd, int newfd)
{
	struct file *f = fget(oldfd);

	if (!f || newfd < 0 || newfd >= NR_OPEN)
		return -EBADF;
	if (oldfd == newfd)
		return newfd;
	if (fd_table[newfd])
		vfs_close(fd_table[newfd]);
	fd_table[newfd] = vfs_get(f);
	return newfd;
}

loff_t
sys_lseek(int fd, loff_t offset, int whence)
{
	struct file *f = fget(fd);

	return f ? vfs_llseek(f, offset, whence) : -EBADF;
}

long
sys_fstat(int fd, struct stat *st)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	st->st_mode = vfs_mode(f);
	st->st_nlink = 1;
	st->st_size = vfs_size(f);
	return 0;
}

long
sys_stat(const char *path, struct stat *st)
{
	u32 mode;
	size_t size;
	int err = vfs_stat(path, &mode, &size);

	if (err)
		return err;
	st->st_mode = mode;
	st->st_nlink = 1;
	st->st_size = size;
	return 0;
}

long
sys_uname(struct utsname *u)
{
	strlcpy(u->sysname, UTS_SYSNAME, sizeof(u->sysname));
	strlcpy(u->nodename, UTS_NODENAME, sizeof(u->nodename));
	strlcpy(u->release, UTS_RELEASE, sizeof(u->release));
	strlcpy(u->version, UTS_VERSION, sizeof(u->version));
	strlcpy(u->machine, UTS_MACHINE, sizeof(u->machine));
	return 0;
}

/* Opens /dev/console as fds 0, 1 and 2 (what init inherits). */
void
console_fds_init(void)
{
	for (int i = 0; i < 3; i++)
		sys_open("/dev/console", O_RDWR);
}

/* ---- the table: each entry adapts word-sized arguments to the typed call ---- */

typedef long (*syscall_fn_t)(const long *a);

struct syscall_entry {
	long nr;
	unsigned int nargs;
	syscall_fn_t fn;
};

static long
__sys_dup(const long *a)
{
	return sys_dup(a[0]);
}

static long
__sys_dup3(const long *a)
{
	return sys_dup2(a[0], a[1]);
}

static long
__sys_close(const long *a)
{
	return sys_close(a[0]);
}

static long
__sys_lseek(const long *a)
{
	return (long)sys_lseek(a[0], a[1], a[2]);
}

static long
__sys_read(const long *a)
{
	return sys_read(a[0], (void *)a[1], a[2]);
}

static long
__sys_write(const long *a)
{
	return sys_write(a[0], (const void *)a[1], a[2]);
}

static long
__sys_fstat(const long *a)
{
	return sys_fstat(a[0], (struct stat *)a[1]);
}

static long
__sys_kexec_load(const long *a)
{
	return sys_kexec_load(a[0], a[1], (void *)a[2], a[3]);
}

static long
__sys_reboot(const long *a)
{
	return sys_reboot(a[0], a[1], a[2], (void *)a[3]);
}

static long
__sys_uname(const long *a)
{
	return sys_uname((struct utsname *)a[0]);
}

static long
__sys_kexec_file_load(const long *a)
{
	return sys_kexec_file_load(a[0], a[1], a[2], (const char *)a[3], a[4]);
}

static long
__sys_open(const long *a)
{
	return sys_open((const char *)a[0], a[1]);
}

static long
__sys_stat(const long *a)
{
	return sys_stat((const char *)a[0], (struct stat *)a[1]);
}

#define SYSCALL(name, n) { __NR_##name, n, __sys_##name }

static const struct syscall_entry sys_call_table[] = {
	SYSCALL(dup, 1),
	SYSCALL(dup3, 3),		/* flags ignored */
	SYSCALL(close, 1),
	SYSCALL(lseek, 3),		/* rv32: the offset as one word */
	SYSCALL(read, 3),
	SYSCALL(write, 3),
	SYSCALL(fstat, 2),
	SYSCALL(kexec_load, 4),
	SYSCALL(reboot, 4),
	SYSCALL(uname, 1),
	SYSCALL(kexec_file_load, 5),
	SYSCALL(open, 2),
	SYSCALL(stat, 2),
};

long
syscall(long nr, ...)
{
	long a[6] = { 0 };
	va_list ap;

	for (unsigned int i = 0; i < ARRAY_SIZE(sys_call_table); i++) {
		const struct syscall_entry *e = &sys_call_table[i];

		if (e->nr != nr)
			continue;
		va_start(ap, nr);
		for (unsigned int k = 0; k < e->nargs; k++)
			a[k] = va_arg(ap, long);
		va_end(ap);
		return e->fn(a);
	}
	return -ENOSYS;
}
