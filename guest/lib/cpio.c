/*
 * cpio.c - walking a newc cpio archive in memory. No copies: entries point
 * into the archive, which is read straight off the virtio disk.
 */
#include "lib/cpio.h"
#include "lib/string.h"

/* Header fields after the magic, in order; each is 8 hex digits. */
enum cpio_field {
	CPIO_INO, CPIO_MODE, CPIO_UID, CPIO_GID, CPIO_NLINK, CPIO_MTIME, CPIO_FILESIZE,
	CPIO_DEVMAJOR, CPIO_DEVMINOR, CPIO_RDEVMAJOR, CPIO_RDEVMINOR, CPIO_NAMESIZE, CPIO_CHECK,
};

static bool
cpio_field(const u8 *hdr, enum cpio_field f, u32 *out)
{
	const u8 *p = hdr + 6 + 8 * f;
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		u8 c = p[i];
		u32 d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

int
cpio_next(const void *archive, size_t size, size_t *pos, struct cpio_entry *ent)
{
	const u8 *hdr = (const u8 *)archive + *pos;
	u32 namesize, filesize;
	size_t name_end, data_off, data_end;

	if (*pos + CPIO_HDR_SIZE > size)
		return -CPIO_ERR_TRUNCATED;
	if (memcmp(hdr, CPIO_NEWC_MAGIC, 6))
		return -CPIO_ERR_BADMAGIC;
	if (!cpio_field(hdr, CPIO_INO, &ent->ino) || !cpio_field(hdr, CPIO_MODE, &ent->mode) ||
	    !cpio_field(hdr, CPIO_NLINK, &ent->nlink) ||
	    !cpio_field(hdr, CPIO_MTIME, &ent->mtime) ||
	    !cpio_field(hdr, CPIO_FILESIZE, &filesize) ||
	    !cpio_field(hdr, CPIO_NAMESIZE, &namesize))
		return -CPIO_ERR_BADMAGIC;
	name_end = *pos + CPIO_HDR_SIZE + namesize;
	data_off = ALIGN(name_end, 4);
	data_end = data_off + filesize;
	if (namesize == 0 || name_end > size || data_end > size || data_end < data_off)
		return -CPIO_ERR_TRUNCATED;
	ent->name = (const char *)hdr + CPIO_HDR_SIZE;
	if (ent->name[namesize - 1] != '\0')
		return -CPIO_ERR_BADMAGIC;
	ent->data = (const u8 *)archive + data_off;
	ent->len = filesize;
	*pos = ALIGN(data_end, 4);
	if (!strcmp(ent->name, CPIO_TRAILER))
		return 0;
	return 1;
}

const char *
cpio_skip_root(const char *path)
{
	for (;;) {
		if (path[0] == '/')
			path++;
		else if (path[0] == '.' && path[1] == '/')
			path += 2;
		else
			return path;
	}
}

int
cpio_find(const void *archive, size_t size, const char *path, const void **data, size_t *len)
{
	struct cpio_entry ent;
	size_t pos = 0;
	int ret;

	path = cpio_skip_root(path);
	while ((ret = cpio_next(archive, size, &pos, &ent)) > 0) {
		if (!strcmp(cpio_skip_root(ent.name), path)) {
			*data = ent.data;
			*len = ent.len;
			return 0;
		}
	}
	return ret < 0 ? ret : -CPIO_ERR_NOTFOUND;
}
