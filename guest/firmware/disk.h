/*
 * disk.h - files on the boot disk, a cpio "newc" archive read in place.
 */
#ifndef FW_DISK_H
#define FW_DISK_H

#include "lib/types.h"

struct disk_file {
	u32 offset;	/* byte offset of the body on the disk */
	u32 size;	/* body length */
};

/* Looks path up in the archive on the virtio disk: 0, or -1 when absent. */
int disk_find(const char *path, struct disk_file *file);
/* Reads len bytes at offset off of a file's body. */
int disk_read_file(const struct disk_file *file, u32 off, void *dst, u32 len);

#endif /* FW_DISK_H */
