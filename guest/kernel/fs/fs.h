/*
 * fs.h - Kestrel's file namespace: a read-only root from the cpio archive
 * on vda (and an initramfs, if one was passed), plus virtual files under
 * /proc and /sys whose text a show() routine produces and a store()
 * routine consumes. The syscalls (syscalls.h) sit on top of this.
 */
#ifndef KERNEL_FS_FS_H
#define KERNEL_FS_FS_H

#include "lib/types.h"

typedef long ssize_t;
typedef long long loff_t;

#define S_IFMT		0170000
#define S_IFDIR		0040000
#define S_IFREG		0100000
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)

/* Produces the file's text into buf (len bytes); returns the length or -errno. */
typedef ssize_t (*vfs_show_t)(char *buf, size_t len);
/* Consumes what was written (len bytes, not NUL-terminated); returns len or -errno. */
typedef ssize_t (*vfs_store_t)(const char *buf, size_t len);

/*
 * Registers a virtual file at an absolute path, e.g.
 *   sysfs_create_file("/sys/kernel/kexec_loaded", kexec_loaded_show, NULL);
 * show == NULL: write-only; store == NULL: read-only. 0 or -ENOMEM/-EEXIST.
 */
int sysfs_create_file(const char *path, vfs_show_t show, vfs_store_t store);
int proc_create(const char *path, vfs_show_t show);
/* A read-only file whose bytes are data[0..size) (e.g. /sys/firmware/fdt). */
int sysfs_create_bin_file(const char *path, const void *data, size_t size);

/* Registers an in-memory newc cpio archive as (part of) the root; earlier ones win. */
int rootfs_add_cpio(const void *archive, size_t size, const char *what);
/* Reads the cpio archive from vda into memory and mounts it. */
int mount_root(void);
/* Registers /proc/{cmdline,iomem,meminfo,version,...} and /sys/firmware/fdt. */
void proc_root_init(void);

/* Registers /dev/console (the tty: fds 0, 1, 2). */
int console_file_init(void);

/* Looks up path: 0 with *mode and *size filled, or -ENOENT. */
int vfs_stat(const char *path, u32 *mode, size_t *size);
/* Calls fn for each entry of directory path (sorted, no duplicates); 0 or -errno. */
int vfs_readdir(const char *path, void (*fn)(const char *name, u32 mode, size_t size, void *ctx),
		void *ctx);

struct file;

/* The primitives below are what the syscalls use. */
int vfs_open(const char *path, int flags, struct file **filp);
ssize_t vfs_read(struct file *f, void *buf, size_t n);
ssize_t vfs_write(struct file *f, const void *buf, size_t n);
loff_t vfs_llseek(struct file *f, loff_t off, int whence);
/* Drops one reference; the file goes away with the last one. */
void vfs_close(struct file *f);
/* Takes another reference (dup). */
struct file *vfs_get(struct file *f);
size_t vfs_size(struct file *f);
u32 vfs_mode(struct file *f);

#endif /* KERNEL_FS_FS_H */
