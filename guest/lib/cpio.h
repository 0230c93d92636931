/*
 * cpio.h - reader for "newc" cpio archives (the format of Linux's
 * initramfs and of our disk.img): 110-byte ASCII-hex headers, each name and
 * each file body padded to 4 bytes, ended by "TRAILER!!!".
 */
#ifndef LIB_CPIO_H
#define LIB_CPIO_H

#include "lib/types.h"

#define CPIO_NEWC_MAGIC "070701"
#define CPIO_HDR_SIZE 110
#define CPIO_TRAILER "TRAILER!!!"

#define CPIO_S_IFMT 0170000	/* file type mask of mode */
#define CPIO_S_IFDIR 0040000	/* directory */
#define CPIO_S_IFREG 0100000	/* regular file */
#define CPIO_S_IFLNK 0120000	/* symbolic link */

#define CPIO_ERR_BADMAGIC 1	/* header does not start with 070701 */
#define CPIO_ERR_TRUNCATED 2	/* header, name or body runs past the end */
#define CPIO_ERR_NOTFOUND 3	/* no entry with that path */

struct cpio_entry {
	const char *name;	/* NUL-terminated, as stored: "boot/vmlinuz-1.0" */
	u32 ino;
	u32 mode;		/* CPIO_S_IF* | permission bits */
	u32 nlink;
	u32 mtime;
	const void *data;	/* file body inside the archive */
	u32 len;		/* body length in bytes */
};

/*
 * Parses the header and name at hdr (avail bytes readable there) without
 * touching the body: for readers that stream the archive from a disk. Sets
 * *data_off to the body's offset from hdr and ent->data to NULL. Returns 1,
 * 0 for the trailer, or -CPIO_ERR_*.
 */
int cpio_parse_header(const void *hdr, size_t avail, struct cpio_entry *ent, u32 *data_off);
/*
 * Reads the entry at *pos and advances *pos past it. Returns 1 with *ent
 * filled, 0 at the trailer (end of archive), or -CPIO_ERR_* on a bad archive.
 */
int cpio_next(const void *archive, size_t size, size_t *pos, struct cpio_entry *ent);
/*
 * Finds path ("/boot/boot.cfg", "boot/boot.cfg" and "./boot/boot.cfg" are
 * the same) and returns 0 with its body in *data and *len, else -CPIO_ERR_*.
 */
int cpio_find(const void *archive, size_t size, const char *path, const void **data,
	      size_t *len);
/* path without its leading "/" and "./" parts, as the archive stores names. */
const char *cpio_skip_root(const char *path);

#endif /* LIB_CPIO_H */
