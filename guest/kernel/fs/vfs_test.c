/*
 * vfs_test.c - host unit tests of vfs.c over a small cpio archive and a few
 * virtual files: lookup, listing, reads, the errors the shell prints, and
 * the sysfs show/store API (compiled only with -DKESTREL_HOST_TEST).
 * Prints "ok <name>" per passing case; exits non-zero on the first failure.
 */
#ifdef KESTREL_HOST_TEST
#include <stddef.h>

/* Host libc, declared by hand: its headers clash with the kernel's (loff_t, strerror). */
int printf(const char *fmt, ...);
int sprintf(char *buf, const char *fmt, ...);
void exit(int status) __attribute__((noreturn));
void *aligned_alloc(size_t align, size_t size);

#include "kernel/core/errno.h"
#include "kernel/drivers/tty.h"
#include "kernel/fs/fs.h"
#include "kernel/mm/memblock.h"
#include "kernel/mm/page_alloc.h"
#include "lib/printf.h"
#include "lib/string.h"

unsigned char *host_ram;
volatile void *trace_base;

int printk(const char *fmt, ...) { (void)fmt; return 0; }
int tty_getc(void) { return 'x'; }
static char tty_out[64];
void tty_write(const char *s, size_t n) { memcpy(tty_out, s, n < 63 ? n : 63); }

#define CHECK(cond) do { if (!(cond)) { \
	printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); exit(1); } } while (0)

static char archive[4096];
static size_t archive_len;

static void
cpio_add(const char *name, unsigned int mode, const char *body)
{
	size_t nlen = strlen(name) + 1, blen = body ? strlen(body) : 0;

	archive_len += sprintf(archive + archive_len,
			       "070701%08x%08x%08x%08x%08x%08x%08zx%08x%08x%08x%08x%08zx%08x",
			       1, mode, 0, 0, 1, 0, blen, 0, 0, 0, 0, nlen, 0);
	memcpy(archive + archive_len, name, nlen);
	archive_len = (archive_len + nlen + 3) & ~3UL;
	if (blen)
		memcpy(archive + archive_len, body, blen);
	archive_len = (archive_len + blen + 3) & ~3UL;
}

static char stored[32];
static ssize_t knob_show(char *buf, size_t len) { return snprintf(buf, len, "%s", stored[0] ? stored : "0\n"); }
static ssize_t
knob_store(const char *buf, size_t len)
{
	if (len == 0 || (buf[0] != '0' && buf[0] != '1'))
		return -EINVAL;
	memcpy(stored, buf, len < 31 ? len : 31);
	return len;
}
static ssize_t version_show(char *buf, size_t len) { return snprintf(buf, len, "Kestrel\n"); }

static char listing[256];

static void
append(const char *s)
{
	size_t n = strlen(listing), k = strlen(s);

	CHECK(n + k < sizeof(listing));
	memcpy(listing + n, s, k + 1);
}

static void
list_one(const char *name, u32 mode, size_t size, void *ctx)
{
	(void)size, (void)ctx;
	append(name);
	append(S_ISDIR(mode) ? "/ " : " ");
}

static ssize_t
read_all(const char *path, char *buf, size_t len)
{
	struct file *f;
	ssize_t n;
	int err = vfs_open(path, 0, &f);

	if (err)
		return err;
	n = vfs_read(f, buf, len - 1);
	if (n >= 0)
		buf[n] = '\0';
	vfs_close(f);
	return n;
}

static void
setup(void)
{
	static const unsigned char blob[4] = { 0xd0, 0x0d, 0xfe, 0xed };

	host_ram = aligned_alloc(PAGE_SIZE, 4 << 20);
	memblock_add(RAM_BASE, 4 << 20);
	mem_init();
	cpio_add(".", 040755, NULL);
	cpio_add("boot", 040755, NULL);
	cpio_add("boot/boot.cfg", 0100644, "default=1.0\n");
	cpio_add("etc/motd", 0100644, "hello\n");
	cpio_add("TRAILER!!!", 0, NULL);
	CHECK(rootfs_add_cpio(archive, archive_len, "test") == 0);
	CHECK(sysfs_create_file("/sys/kernel/debug/kexec/skip_shutdown", knob_show, knob_store) == 0);
	CHECK(proc_create("/proc/version", version_show) == 0);
	CHECK(sysfs_create_bin_file("/sys/firmware/fdt", blob, sizeof(blob)) == 0);
	CHECK(console_file_init() == 0);
	CHECK(proc_create("/proc/version", version_show) == -EEXIST);
}

static void
test_readdir(void)
{
	listing[0] = '\0';
	CHECK(vfs_readdir("/", list_one, NULL) == 0);
	CHECK(!strcmp(listing, "boot/ dev/ etc/ proc/ sys/ "));
	listing[0] = '\0';
	CHECK(vfs_readdir("/sys//kernel/debug/../debug", list_one, NULL) == 0);
	CHECK(!strcmp(listing, "kexec/ "));
	CHECK(vfs_readdir("/etc/motd", list_one, NULL) == -ENOTDIR);
	CHECK(vfs_readdir("/nope", list_one, NULL) == -ENOENT);
	printf("ok readdir\n");
}

static void
test_read_archive(void)
{
	char buf[64];
	u32 mode;
	size_t size;

	CHECK(read_all("/boot/boot.cfg", buf, sizeof(buf)) == 12 && !strcmp(buf, "default=1.0\n"));
	CHECK(read_all("etc/./motd", buf, sizeof(buf)) == 6);	/* relative = from / */
	CHECK(read_all("/nope", buf, sizeof(buf)) == -ENOENT);
	CHECK(read_all("/boot", buf, sizeof(buf)) == -EISDIR);
	CHECK(vfs_stat("/etc", &mode, &size) == 0 && S_ISDIR(mode));	/* implied directory */
	CHECK(vfs_stat("/boot/boot.cfg", &mode, &size) == 0 && size == 12 && !S_ISDIR(mode));
	printf("ok read_archive\n");
}

static void
test_write_errors(void)
{
	struct file *f;

	CHECK(vfs_open("/etc/motd", 1, &f) == -EROFS);
	CHECK(vfs_open("/etc/new", 1 | 0100, &f) == -EROFS);		/* O_CREAT */
	CHECK(vfs_open("/etc/new", 0, &f) == -ENOENT);
	CHECK(vfs_open("/proc/version", 1, &f) == -EACCES);		/* no store() */
	CHECK(vfs_open("/sys/firmware/fdt", 1, &f) == -EACCES);
	CHECK(vfs_open("/boot", 1, &f) == -EISDIR);
	printf("ok write_errors\n");
}

static void
test_sysfs_store_show(void)
{
	struct file *f;
	char buf[16];

	CHECK(read_all("/sys/kernel/debug/kexec/skip_shutdown", buf, sizeof(buf)) == 2);
	CHECK(!strcmp(buf, "0\n"));
	CHECK(vfs_open("/sys/kernel/debug/kexec/skip_shutdown", 1, &f) == 0);
	CHECK(vfs_write(f, "1\n", 2) == 2);
	CHECK(vfs_write(f, "x\n", 2) == -EINVAL);	/* store() rejects it */
	CHECK(vfs_read(f, buf, sizeof(buf)) == -EBADF);	/* opened write-only */
	vfs_close(f);
	CHECK(read_all("/sys/kernel/debug/kexec/skip_shutdown", buf, sizeof(buf)) == 2);
	CHECK(!strcmp(buf, "1\n"));
	CHECK(read_all("/sys/firmware/fdt", buf, sizeof(buf)) == 4);
	CHECK((unsigned char)buf[0] == 0xd0 && (unsigned char)buf[3] == 0xed);
	printf("ok sysfs_store_show\n");
}

static void
test_seek_and_dup(void)
{
	struct file *f, *g;
	char buf[8];

	CHECK(vfs_open("/etc/motd", 0, &f) == 0);
	CHECK(vfs_llseek(f, 0, 2) == 6);			/* SEEK_END: the size */
	CHECK(vfs_read(f, buf, sizeof(buf)) == 0);
	CHECK(vfs_llseek(f, 2, 0) == 2 && vfs_read(f, buf, 3) == 3 && !memcmp(buf, "llo", 3));
	CHECK(vfs_llseek(f, -1, 0) == -EINVAL);
	g = vfs_get(f);
	vfs_close(f);
	CHECK(vfs_read(g, buf, 1) == 1 && buf[0] == '\n');	/* still open: shared offset */
	vfs_close(g);
	CHECK(vfs_open("/dev/console", 2, &f) == 0);
	CHECK(vfs_write(f, "hi", 2) == 2 && !strcmp(tty_out, "hi"));
	CHECK(vfs_read(f, buf, 1) == 1 && buf[0] == 'x');
	CHECK(vfs_llseek(f, 0, 0) == -ESPIPE);
	vfs_close(f);
	printf("ok seek_and_dup\n");
}

int
main(void)
{
	setup();
	test_readdir();
	test_read_archive();
	test_write_errors();
	test_sysfs_store_show();
	test_seek_and_dup();
	return 0;
}
#endif /* KESTREL_HOST_TEST */
