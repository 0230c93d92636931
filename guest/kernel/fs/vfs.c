/*
 * vfs.c - path lookup and open files over two kinds of backing: cpio
 * archives in memory (read-only regular files and directories) and the
 * registered virtual files (/proc, /sys, /dev/console). Directories are
 * implied by the paths below them, as in an initramfs listing.
 */
#include "kernel/fs/fs.h"
#include "kernel/core/errno.h"
#include "kernel/drivers/tty.h"
#include "kernel/mm/slab.h"
#include "lib/cpio.h"
#include "lib/string.h"

#define PATH_MAX 128
#define MAX_VFILES 48
#define MAX_ARCHIVES 2
#define SHOW_BUF_SIZE 8192

enum vfile_kind { VFILE_TEXT, VFILE_BLOB, VFILE_CONSOLE };

struct vfile {
	char *path;			/* normalised: "/proc/iomem" */
	enum vfile_kind kind;
	vfs_show_t show;
	vfs_store_t store;
	const void *data;		/* VFILE_BLOB */
	size_t size;
};

struct archive {
	const void *data;
	size_t size;
};

struct file {
	u32 mode;
	int flags;
	loff_t pos;
	const struct vfile *vf;		/* NULL for archive files and directories */
	const char *data;		/* archive body, blob, or the show() snapshot */
	size_t size;
	char *snapshot;			/* kmalloc'd show() output, freed at close */
	int count;			/* file descriptors sharing it (dup) */
};

static struct vfile vfiles[MAX_VFILES];
static unsigned int nr_vfiles;
static struct archive archives[MAX_ARCHIVES];
static unsigned int nr_archives;

/* "//proc/./x/../iomem" -> "/proc/iomem"; false if too long. */
static bool
path_normalize(const char *in, char *out)
{
	size_t n = 0;

	out[n++] = '/';
	while (*in) {
		const char *seg;
		size_t len;

		while (*in == '/')
			in++;
		seg = in;
		while (*in && *in != '/')
			in++;
		len = in - seg;
		if (len == 0 || (len == 1 && seg[0] == '.'))
			continue;
		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			while (n > 1 && out[n - 1] != '/')
				n--;
			if (n > 1)
				n--;	/* drop the slash too */
			continue;
		}
		if (n + len + 2 > PATH_MAX)
			return false;
		if (n > 1)
			out[n++] = '/';
		memcpy(out + n, seg, len);
		n += len;
	}
	out[n] = '\0';
	return true;
}

static int
vfile_add(const char *path, enum vfile_kind kind, vfs_show_t show, vfs_store_t store,
	  const void *data, size_t size)
{
	char norm[PATH_MAX];

	if (!path_normalize(path, norm))
		return -ENAMETOOLONG;
	for (unsigned int i = 0; i < nr_vfiles; i++)
		if (strcmp(vfiles[i].path, norm) == 0)
			return -EEXIST;
	if (nr_vfiles == MAX_VFILES)
		return -ENOMEM;
	vfiles[nr_vfiles] = (struct vfile){ kstrdup(norm), kind, show, store, data, size };
	if (!vfiles[nr_vfiles].path)
		return -ENOMEM;
	nr_vfiles++;
	return 0;
}

int
sysfs_create_file(const char *path, vfs_show_t show, vfs_store_t store)
{
	return vfile_add(path, VFILE_TEXT, show, store, NULL, 0);
}

int
proc_create(const char *path, vfs_show_t show)
{
	return vfile_add(path, VFILE_TEXT, show, NULL, NULL, 0);
}

int
sysfs_create_bin_file(const char *path, const void *data, size_t size)
{
	return vfile_add(path, VFILE_BLOB, NULL, NULL, data, size);
}

int
rootfs_add_cpio(const void *archive, size_t size, const char *what)
{
	(void)what;
	if (nr_archives == MAX_ARCHIVES)
		return -ENOMEM;
	archives[nr_archives++] = (struct archive){ archive, size };
	return 0;
}

static const struct vfile *
vfile_lookup(const char *norm)
{
	for (unsigned int i = 0; i < nr_vfiles; i++)
		if (strcmp(vfiles[i].path, norm) == 0)
			return &vfiles[i];
	return NULL;
}

/* Is norm a proper prefix directory of p? ("/proc" of "/proc/iomem"; "/" of all) */
static bool
is_parent_of(const char *norm, const char *p)
{
	size_t n = strlen(norm);

	if (n == 1)
		return p[1] != '\0';
	return strncmp(norm, p, n) == 0 && p[n] == '/';
}

/* Walks every name: archive entries (as "/name") and virtual files. */
static bool
for_each_name(bool (*fn)(const char *path, u32 mode, const void *data, size_t size, void *ctx),
	      void *ctx)
{
	char full[PATH_MAX];

	for (unsigned int a = 0; a < nr_archives; a++) {
		struct cpio_entry e;
		size_t pos = 0;

		while (cpio_next(archives[a].data, archives[a].size, &pos, &e) == 1) {
			if (!path_normalize(e.name, full) || strcmp(full, "/") == 0)
				continue;
			if (fn(full, e.mode, e.data, e.len, ctx))
				return true;
		}
	}
	for (unsigned int i = 0; i < nr_vfiles; i++) {
		u32 mode = S_IFREG | (vfiles[i].store ? 0644 : 0444);

		if (fn(vfiles[i].path, mode, vfiles[i].data, vfiles[i].size, ctx))
			return true;
	}
	return false;
}

struct lookup_ctx {
	const char *norm;
	u32 mode;
	const void *data;
	size_t size;
	bool found;
};

static bool
lookup_one(const char *path, u32 mode, const void *data, size_t size, void *arg)
{
	struct lookup_ctx *c = arg;

	if (strcmp(path, c->norm) == 0) {
		c->mode = mode;
		c->data = data;
		c->size = size;
		c->found = true;
		return true;
	}
	if (is_parent_of(c->norm, path)) {
		c->mode = S_IFDIR | 0755;
		c->data = NULL;
		c->size = 0;
		c->found = true;
		return true;
	}
	return false;
}

static int
lookup(const char *path, char *norm, struct lookup_ctx *c)
{
	if (!path_normalize(path, norm))
		return -ENAMETOOLONG;
	memset(c, 0, sizeof(*c));
	c->norm = norm;
	if (strcmp(norm, "/") == 0) {
		c->mode = S_IFDIR | 0755;
		c->found = true;
		return 0;
	}
	for_each_name(lookup_one, c);
	return c->found ? 0 : -ENOENT;
}

int
vfs_stat(const char *path, u32 *mode, size_t *size)
{
	char norm[PATH_MAX];
	struct lookup_ctx c;
	int err = lookup(path, norm, &c);

	if (err)
		return err;
	*mode = c.mode;
	*size = c.size;
	return 0;
}

#define READDIR_MAX 64

struct readdir_ctx {
	const char *dir;
	char *names[READDIR_MAX];
	u32 modes[READDIR_MAX];
	size_t sizes[READDIR_MAX];
	unsigned int n;
};

static bool
readdir_one(const char *path, u32 mode, const void *data, size_t size, void *arg)
{
	struct readdir_ctx *c = arg;
	const char *rest, *slash;
	size_t dl = strlen(c->dir), len;

	(void)data;
	if (!is_parent_of(c->dir, path))
		return false;
	rest = path + (dl == 1 ? 1 : dl + 1);
	slash = strchr(rest, '/');
	len = slash ? (size_t)(slash - rest) : strlen(rest);
	for (unsigned int i = 0; i < c->n; i++)
		if (strlen(c->names[i]) == len && strncmp(c->names[i], rest, len) == 0)
			return false;
	if (c->n == READDIR_MAX)
		return true;
	c->names[c->n] = kmalloc(len + 1);
	if (!c->names[c->n])
		return true;
	memcpy(c->names[c->n], rest, len);
	c->names[c->n][len] = '\0';
	c->modes[c->n] = slash ? (S_IFDIR | 0755) : mode;
	c->sizes[c->n] = slash ? 0 : size;
	c->n++;
	return false;
}

int
vfs_readdir(const char *path, void (*fn)(const char *name, u32 mode, size_t size, void *ctx),
	    void *ctx)
{
	char norm[PATH_MAX];
	struct lookup_ctx lc;
	struct readdir_ctx *c;
	int err = lookup(path, norm, &lc);

	if (err)
		return err;
	if (!S_ISDIR(lc.mode))
		return -ENOTDIR;
	c = kzalloc(sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->dir = norm;
	for_each_name(readdir_one, c);
	/* insertion sort by name, like ls */
	for (unsigned int i = 1; i < c->n; i++)
		for (unsigned int j = i; j > 0 && strcmp(c->names[j - 1], c->names[j]) > 0; j--) {
			char *tn = c->names[j];
			u32 tm = c->modes[j];
			size_t ts = c->sizes[j];

			c->names[j] = c->names[j - 1];
			c->modes[j] = c->modes[j - 1];
			c->sizes[j] = c->sizes[j - 1];
			c->names[j - 1] = tn;
			c->modes[j - 1] = tm;
			c->sizes[j - 1] = ts;
		}
	for (unsigned int i = 0; i < c->n; i++) {
		fn(c->names[i], c->modes[i], c->sizes[i], ctx);
		kfree(c->names[i]);
	}
	kfree(c);
	return 0;
}

#define O_ACCMODE	3
#define O_WRONLY	1
#define O_RDWR		2
#define O_CREAT		0100

int
vfs_open(const char *path, int flags, struct file **filp)
{
	char norm[PATH_MAX];
	struct lookup_ctx c;
	struct file *f;
	const struct vfile *vf;
	bool wr = (flags & O_ACCMODE) != 0;
	int err = lookup(path, norm, &c);

	if (err)
		return (err == -ENOENT && (flags & O_CREAT)) ? -EROFS : err;
	vf = vfile_lookup(norm);
	if (wr && S_ISDIR(c.mode))
		return -EISDIR;
	if (wr && (!vf || (vf->kind == VFILE_TEXT && !vf->store) || vf->kind == VFILE_BLOB))
		return vf ? -EACCES : -EROFS;
	if (!wr && vf && vf->kind == VFILE_TEXT && !vf->show)
		return -EACCES;
	f = kzalloc(sizeof(*f));
	if (!f)
		return -ENOMEM;
	f->count = 1;
	f->mode = c.mode;
	f->flags = flags;
	f->vf = vf;
	f->data = c.data;
	f->size = c.size;
	if (vf && vf->kind == VFILE_TEXT && vf->show && !wr) {
		/* Like seq_file: the text is produced once, at open. */
		ssize_t n;

		f->snapshot = kmalloc(SHOW_BUF_SIZE);
		if (!f->snapshot) {
			kfree(f);
			return -ENOMEM;
		}
		n = vf->show(f->snapshot, SHOW_BUF_SIZE);
		if (n < 0) {
			kfree(f->snapshot);
			kfree(f);
			return (int)n;
		}
		f->data = f->snapshot;
		f->size = n;
	}
	*filp = f;
	return 0;
}

ssize_t
vfs_read(struct file *f, void *buf, size_t n)
{
	if (S_ISDIR(f->mode))
		return -EISDIR;
	if ((f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (f->vf && f->vf->kind == VFILE_CONSOLE) {
		if (n == 0)
			return 0;
		((char *)buf)[0] = (char)tty_getc();
		return 1;
	}
	if (f->pos >= (loff_t)f->size)
		return 0;
	n = min(n, (size_t)(f->size - f->pos));
	memcpy(buf, f->data + f->pos, n);
	f->pos += n;
	return n;
}

ssize_t
vfs_write(struct file *f, const void *buf, size_t n)
{
	if ((f->flags & O_ACCMODE) == 0)
		return -EBADF;
	if (f->vf && f->vf->kind == VFILE_CONSOLE) {
		tty_write(buf, n);
		return n;
	}
	if (!f->vf || !f->vf->store)
		return -EROFS;
	return f->vf->store(buf, n);
}

loff_t
vfs_llseek(struct file *f, loff_t off, int whence)
{
	loff_t base = whence == 0 ? 0 : whence == 1 ? f->pos : whence == 2 ? (loff_t)f->size : -1;

	if (base < 0 || (f->vf && f->vf->kind == VFILE_CONSOLE))
		return base < 0 ? -EINVAL : -ESPIPE;
	if (base + off < 0)
		return -EINVAL;
	f->pos = base + off;
	return f->pos;
}

struct file *
vfs_get(struct file *f)
{
	f->count++;
	return f;
}

void
vfs_close(struct file *f)
{
	if (--f->count > 0)
		return;
	kfree(f->snapshot);
	kfree(f);
}

size_t
vfs_size(struct file *f)
{
	return f->size;
}

u32
vfs_mode(struct file *f)
{
	return f->mode;
}

/* /dev/console: what fds 0, 1 and 2 are opened on. */
int
console_file_init(void)
{
	return vfile_add("/dev/console", VFILE_CONSOLE, NULL, NULL, NULL, 0);
}
