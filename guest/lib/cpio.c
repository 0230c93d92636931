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
cpio_parse_header(const void *hdr, size_t avail, struct cpio_entry *ent, u32 *data_off)
{
	const u8 *h = hdr;
	u32 namesize;

	if (avail < CPIO_HDR_SIZE)
		return -CPIO_ERR_TRUNCATED;
	if (memcmp(h, CPIO_NEWC_MAGIC, 6))
		return -CPIO_ERR_BADMAGIC;
	if (!cpio_field(h, CPIO_INO, &ent->ino) || !cpio_field(h, CPIO_MODE, &ent->mode) ||
	    !cpio_field(h, CPIO_NLINK, &ent->nlink) || !cpio_field(h, CPIO_MTIME, &ent->mtime) ||
	    !cpio_field(h, CPIO_FILESIZE, &ent->len) || !cpio_field(h, CPIO_NAMESIZE, &namesize))
		return -CPIO_ERR_BADMAGIC;
	if (namesize == 0 || namesize > avail - CPIO_HDR_SIZE)
		return -CPIO_ERR_TRUNCATED;
	ent->name = (const char *)h + CPIO_HDR_SIZE;
	if (ent->name[namesize - 1] != '\0')
		return -CPIO_ERR_BADMAGIC;
	ent->data = NULL;
	*data_off = ALIGN(CPIO_HDR_SIZE + namesize, 4);
	return strcmp(ent->name, CPIO_TRAILER) ? 1 : 0;
}

int
cpio_next(const void *archive, size_t size, size_t *pos, struct cpio_entry *ent)
{
	u32 data_off;
	size_t data_end;
	int ret;

	if (*pos > size)
		return -CPIO_ERR_TRUNCATED;
	ret = cpio_parse_header((const u8 *)archive + *pos, size - *pos, ent, &data_off);
	if (ret < 0)
		return ret;
	data_end = *pos + data_off + ent->len;
	if (data_end > size || data_end < *pos)
		return -CPIO_ERR_TRUNCATED;
	ent->data = (const u8 *)archive + *pos + data_off;
	*pos = ALIGN(data_end, 4);
	return ret;
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
