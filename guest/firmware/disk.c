/*
 * disk.c - finding a file in the cpio archive on the virtio disk without
 * reading the whole disk: walk the headers, skip each body by its size.
 */
#include "firmware/disk.h"
#include "firmware/virtio_blk.h"
#include "lib/cpio.h"
#include "lib/string.h"

/* A header and its name: 110 bytes plus a path of at most 400. */
static u8 disk_hdr[512] __aligned(4);

int
disk_find(const char *path, struct disk_file *file)
{
	u64 disk_size = virtio_blk_size();
	u32 pos = 0;

	path = cpio_skip_root(path);
	while (pos + CPIO_HDR_SIZE <= disk_size) {
		struct cpio_entry ent;
		u32 avail = (u32)min_t(u64, sizeof(disk_hdr), disk_size - pos);
		u32 data_off;
		int ret;

		if (virtio_blk_read(pos, disk_hdr, avail) < 0)
			return -1;
		ret = cpio_parse_header(disk_hdr, avail, &ent, &data_off);
		if (ret <= 0)
			return -1;	/* the trailer, or not an archive */
		if (!strcmp(cpio_skip_root(ent.name), path)) {
			file->offset = pos + data_off;
			file->size = ent.len;
			return 0;
		}
		pos = ALIGN(pos + data_off + ent.len, 4);
	}
	return -1;
}

int
disk_read_file(const struct disk_file *file, u32 off, void *dst, u32 len)
{
	if (off > file->size || len > file->size - off)
		return -1;
	return virtio_blk_read((u64)file->offset + off, dst, len);
}
