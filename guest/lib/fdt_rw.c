/*
 * fdt_rw.c - editing a devicetree in place. After fdt_open_into the blob is
 * header | reservation map | structure block | strings block | free space;
 * every edit slides the bytes behind the edit point and fixes the offsets.
 */
#include "lib/fdt.h"
#include "lib/string.h"

static void
fdt_header_set(void *fdt, size_t field_offset, u32 val)
{
	*(u32 *)((u8 *)fdt + field_offset) = cpu_to_fdt32(val);
}

#define FDT_SET(fdt, field, val) fdt_header_set(fdt, offsetof(struct fdt_header, field), val)

static int
fdt_rsvmap_size(const void *fdt)
{
	return (fdt_num_mem_rsv(fdt) + 1) * (int)sizeof(struct fdt_reserve_entry);
}

/* End of the used bytes; the writable layout keeps the blocks back to back. */
static int
fdt_used_end(const void *fdt)
{
	return (int)(fdt_off_dt_strings(fdt) + fdt_size_dt_strings(fdt));
}

static int
fdt_rw_check(const void *fdt)
{
	int err = fdt_check_header(fdt);

	if (err)
		return err;
	if (fdt_version(fdt) < 17)
		return -FDT_ERR_BADVERSION;
	if (fdt_off_mem_rsvmap(fdt) + (u32)fdt_rsvmap_size(fdt) != fdt_off_dt_struct(fdt) ||
	    fdt_off_dt_struct(fdt) + fdt_size_dt_struct(fdt) != fdt_off_dt_strings(fdt))
		return -FDT_ERR_BADLAYOUT;
	return 0;
}

/* Replaces oldlen bytes at byte offset pos (from the blob start) by newlen bytes of room. */
static int
fdt_splice(void *fdt, int pos, int oldlen, int newlen)
{
	u8 *p = (u8 *)fdt + pos;
	int end = fdt_used_end(fdt);

	if (end - oldlen + newlen > (int)fdt_totalsize(fdt))
		return -FDT_ERR_NOSPACE;
	memmove(p + newlen, p + oldlen, (size_t)(end - pos - oldlen));
	return 0;
}

/* Same, for a position inside the structure block (offset relative to that block). */
static int
fdt_splice_struct(void *fdt, int offset, int oldlen, int newlen)
{
	int err = fdt_splice(fdt, (int)fdt_off_dt_struct(fdt) + offset, oldlen, newlen);

	if (err)
		return err;
	FDT_SET(fdt, size_dt_struct, fdt_size_dt_struct(fdt) + newlen - oldlen);
	FDT_SET(fdt, off_dt_strings, fdt_off_dt_strings(fdt) + newlen - oldlen);
	return 0;
}

/* Offset of s in the strings block, appending it if absent. */
static int
fdt_find_add_string(void *fdt, const char *s)
{
	char *strtab = (char *)fdt + fdt_off_dt_strings(fdt);
	int size = (int)fdt_size_dt_strings(fdt);
	int len = (int)strlen(s) + 1;
	int err;

	for (int i = 0; i + len <= size; i++)
		if (!memcmp(strtab + i, s, (size_t)len))
			return i;
	err = fdt_splice(fdt, fdt_used_end(fdt), 0, len);
	if (err)
		return err;
	memcpy(strtab + size, s, (size_t)len);
	FDT_SET(fdt, size_dt_strings, (u32)(size + len));
	return size;
}

int
fdt_open_into(const void *src, void *buf, int bufsize)
{
	int err = fdt_check_header(src);
	int rsv, st, str, need;
	int new_rsv = FDT_V17_HDR_SIZE, new_st, new_str;
	struct fdt_header hdr;

	if (err)
		return err;
	rsv = fdt_rsvmap_size(src);
	st = (int)fdt_size_dt_struct(src);
	str = (int)fdt_size_dt_strings(src);
	new_st = new_rsv + rsv;
	new_str = new_st + st;
	need = new_str + str;
	if (bufsize < need)
		return -FDT_ERR_NOSPACE;

	memcpy(&hdr, src, sizeof(hdr));
	/* The blocks may overlap their new place: move them in the safe order. */
	if ((const u8 *)buf <= (const u8 *)src) {
		memmove((u8 *)buf + new_rsv, (const u8 *)src + fdt_off_mem_rsvmap(src), (size_t)rsv);
		memmove((u8 *)buf + new_st, (const u8 *)src + fdt_off_dt_struct(src), (size_t)st);
		memmove((u8 *)buf + new_str, (const u8 *)src + fdt_off_dt_strings(src), (size_t)str);
	} else {
		memmove((u8 *)buf + new_str, (const u8 *)src + fdt_off_dt_strings(src), (size_t)str);
		memmove((u8 *)buf + new_st, (const u8 *)src + fdt_off_dt_struct(src), (size_t)st);
		memmove((u8 *)buf + new_rsv, (const u8 *)src + fdt_off_mem_rsvmap(src), (size_t)rsv);
	}
	memcpy(buf, &hdr, sizeof(hdr));
	FDT_SET(buf, version, 17);
	FDT_SET(buf, last_comp_version, 16);
	FDT_SET(buf, off_mem_rsvmap, (u32)new_rsv);
	FDT_SET(buf, off_dt_struct, (u32)new_st);
	FDT_SET(buf, off_dt_strings, (u32)new_str);
	FDT_SET(buf, totalsize, (u32)bufsize);
	return 0;
}

int
fdt_pack(void *fdt)
{
	int err = fdt_rw_check(fdt);

	if (err)
		return err;
	FDT_SET(fdt, totalsize, (u32)fdt_used_end(fdt));
	return 0;
}

/* Offset of the property called name in the node, or a negative error. */
static int
fdt_find_property(const void *fdt, int nodeoffset, const char *name)
{
	int off;

	for (off = fdt_first_property_offset(fdt, nodeoffset); off >= 0;
	     off = fdt_next_property_offset(fdt, off)) {
		const char *pname;

		fdt_getprop_by_offset(fdt, off, &pname, NULL);
		if (!strcmp(pname, name))
			return off;
	}
	return off;
}

/* Where a new property goes: after the node's last property, before any subnode. */
static int
fdt_property_insert_point(const void *fdt, int nodeoffset)
{
	int next, offset;
	u32 tag;

	if (fdt_next_tag(fdt, nodeoffset, &next) != FDT_BEGIN_NODE)
		return -FDT_ERR_BADOFFSET;
	for (;;) {
		offset = next;
		tag = fdt_next_tag(fdt, offset, &next);
		if (tag != FDT_PROP && tag != FDT_NOP)
			return tag == FDT_END ? -FDT_ERR_BADSTRUCTURE : offset;
	}
}

int
fdt_setprop(void *fdt, int nodeoffset, const char *name, const void *val, int len)
{
	int err = fdt_rw_check(fdt);
	int off, nameoff, oldlen;
	u32 *prop;

	if (err)
		return err;
	if (len < 0)
		return -FDT_ERR_BADVALUE;
	off = fdt_find_property(fdt, nodeoffset, name);
	if (off >= 0) {
		/* Resize the existing value in place. */
		oldlen = (int)fdt32_to_cpu(*(u32 *)((u8 *)fdt + fdt_off_dt_struct(fdt) + off + 4));
		err = fdt_splice_struct(fdt, off + 12, ALIGN(oldlen, 4), ALIGN(len, 4));
		if (err)
			return err;
	} else {
		if (off != -FDT_ERR_NOTFOUND)
			return off;
		nameoff = fdt_find_add_string(fdt, name);
		if (nameoff < 0)
			return nameoff;
		off = fdt_property_insert_point(fdt, nodeoffset);
		if (off < 0)
			return off;
		err = fdt_splice_struct(fdt, off, 0, 12 + ALIGN(len, 4));
		if (err)
			return err;
		prop = (u32 *)((u8 *)fdt + fdt_off_dt_struct(fdt) + off);
		prop[0] = cpu_to_fdt32(FDT_PROP);
		prop[2] = cpu_to_fdt32((u32)nameoff);
	}
	prop = (u32 *)((u8 *)fdt + fdt_off_dt_struct(fdt) + off);
	prop[1] = cpu_to_fdt32((u32)len);
	if (len & 3)	/* zero the padding up to the next tag */
		memset((u8 *)(prop + 3) + ALIGN_DOWN(len, 4), 0, 4);
	memcpy(prop + 3, val, (size_t)len);
	return 0;
}

int
fdt_setprop_u32(void *fdt, int nodeoffset, const char *name, u32 val)
{
	u32 be = cpu_to_fdt32(val);

	return fdt_setprop(fdt, nodeoffset, name, &be, 4);
}

int
fdt_setprop_u64(void *fdt, int nodeoffset, const char *name, u64 val)
{
	u32 be[2] = { cpu_to_fdt32((u32)(val >> 32)), cpu_to_fdt32((u32)val) };

	return fdt_setprop(fdt, nodeoffset, name, be, 8);
}

int
fdt_setprop_string(void *fdt, int nodeoffset, const char *name, const char *str)
{
	return fdt_setprop(fdt, nodeoffset, name, str, (int)strlen(str) + 1);
}

int
fdt_setprop_empty(void *fdt, int nodeoffset, const char *name)
{
	return fdt_setprop(fdt, nodeoffset, name, NULL, 0);
}

int
fdt_delprop(void *fdt, int nodeoffset, const char *name)
{
	int err = fdt_rw_check(fdt);
	int off, len;

	if (err)
		return err;
	off = fdt_find_property(fdt, nodeoffset, name);
	if (off < 0)
		return off;
	fdt_getprop_by_offset(fdt, off, NULL, &len);
	return fdt_splice_struct(fdt, off, 12 + ALIGN(len, 4), 0);
}

int
fdt_add_subnode(void *fdt, int parentoffset, const char *name)
{
	int err = fdt_rw_check(fdt);
	int depth = 0, offset, next, namelen, size;
	u32 *p;

	if (err)
		return err;
	if (fdt_subnode_offset(fdt, parentoffset, name) >= 0)
		return -FDT_ERR_EXISTS;
	/* Find the parent's END_NODE: walk nodes until the depth drops below the parent. */
	offset = parentoffset;
	if (fdt_next_tag(fdt, offset, &next) != FDT_BEGIN_NODE)
		return -FDT_ERR_BADOFFSET;
	for (;;) {
		u32 tag;

		offset = next;
		tag = fdt_next_tag(fdt, offset, &next);
		if (tag == FDT_BEGIN_NODE)
			depth++;
		else if (tag == FDT_END_NODE && depth-- == 0)
			break;
		else if (tag == FDT_END)
			return -FDT_ERR_BADSTRUCTURE;
	}
	namelen = (int)strlen(name) + 1;
	size = FDT_TAGSIZE + ALIGN(namelen, 4) + FDT_TAGSIZE;
	err = fdt_splice_struct(fdt, offset, 0, size);
	if (err)
		return err;
	p = (u32 *)((u8 *)fdt + fdt_off_dt_struct(fdt) + offset);
	p[0] = cpu_to_fdt32(FDT_BEGIN_NODE);
	memset(p + 1, 0, (size_t)ALIGN(namelen, 4));
	memcpy(p + 1, name, (size_t)namelen);
	p[1 + ALIGN(namelen, 4) / 4] = cpu_to_fdt32(FDT_END_NODE);
	return offset;
}

int
fdt_add_mem_rsv(void *fdt, u64 address, u64 size)
{
	int err = fdt_rw_check(fdt);
	int pos;
	u32 *e;

	if (err)
		return err;
	/* Insert before the terminating all-zero entry. */
	pos = (int)fdt_off_mem_rsvmap(fdt) + fdt_num_mem_rsv(fdt) * 16;
	err = fdt_splice(fdt, pos, 0, 16);
	if (err)
		return err;
	e = (u32 *)((u8 *)fdt + pos);
	e[0] = cpu_to_fdt32((u32)(address >> 32));
	e[1] = cpu_to_fdt32((u32)address);
	e[2] = cpu_to_fdt32((u32)(size >> 32));
	e[3] = cpu_to_fdt32((u32)size);
	FDT_SET(fdt, off_dt_struct, fdt_off_dt_struct(fdt) + 16);
	FDT_SET(fdt, off_dt_strings, fdt_off_dt_strings(fdt) + 16);
	return 0;
}
