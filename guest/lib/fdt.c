/*
 * fdt.c - walking a flattened devicetree: the header, the tag stream of the
 * structure block, nodes by path or compatible string, properties, and
 * "reg" decoding with the parent's #address-cells/#size-cells.
 */
#include "lib/fdt.h"
#include "lib/string.h"

#define FDT_MAX_DEPTH 32

static const void *
fdt_struct_ptr(const void *fdt, int offset)
{
	return (const u8 *)fdt + fdt_off_dt_struct(fdt) + offset;
}

static const char *
fdt_string(const void *fdt, u32 nameoff)
{
	return (const char *)fdt + fdt_off_dt_strings(fdt) + nameoff;
}

static u32
fdt_cell_at(const void *fdt, int offset)
{
	return fdt32_to_cpu(*(const u32 *)fdt_struct_ptr(fdt, offset));
}

int
fdt_check_header(const void *fdt)
{
	u32 total;

	if (!fdt || ((uintptr_t)fdt & 3))
		return -FDT_ERR_BADOFFSET;
	if (fdt_magic(fdt) != FDT_MAGIC)
		return -FDT_ERR_BADMAGIC;
	if (fdt_version(fdt) < 16 || fdt_header_get(fdt, offsetof(struct fdt_header,
						     last_comp_version)) > 17)
		return -FDT_ERR_BADVERSION;
	total = fdt_totalsize(fdt);
	/* Each block inside the blob, written so that corrupt values cannot wrap around. */
	if (total < FDT_V17_HDR_SIZE || fdt_off_dt_struct(fdt) > total ||
	    fdt_size_dt_struct(fdt) > total - fdt_off_dt_struct(fdt) ||
	    fdt_off_dt_strings(fdt) > total ||
	    fdt_size_dt_strings(fdt) > total - fdt_off_dt_strings(fdt) ||
	    fdt_off_mem_rsvmap(fdt) >= total)
		return -FDT_ERR_TRUNCATED;
	return 0;
}

const char *
fdt_strerror(int err)
{
	static const char *const names[] = {
		[0] = "FDT_ERR_OK",
		[FDT_ERR_NOTFOUND] = "FDT_ERR_NOTFOUND",
		[FDT_ERR_EXISTS] = "FDT_ERR_EXISTS",
		[FDT_ERR_NOSPACE] = "FDT_ERR_NOSPACE",
		[FDT_ERR_BADOFFSET] = "FDT_ERR_BADOFFSET",
		[FDT_ERR_BADPATH] = "FDT_ERR_BADPATH",
		[FDT_ERR_BADSTATE] = "FDT_ERR_BADSTATE",
		[FDT_ERR_TRUNCATED] = "FDT_ERR_TRUNCATED",
		[FDT_ERR_BADMAGIC] = "FDT_ERR_BADMAGIC",
		[FDT_ERR_BADVERSION] = "FDT_ERR_BADVERSION",
		[FDT_ERR_BADSTRUCTURE] = "FDT_ERR_BADSTRUCTURE",
		[FDT_ERR_BADLAYOUT] = "FDT_ERR_BADLAYOUT",
		[FDT_ERR_BADNCELLS] = "FDT_ERR_BADNCELLS",
		[FDT_ERR_BADVALUE] = "FDT_ERR_BADVALUE",
	};
	int e = err < 0 ? -err : err;

	if (e < (int)ARRAY_SIZE(names) && names[e])
		return names[e];
	return "<unknown error>";
}

u32
fdt_next_tag(const void *fdt, int offset, int *nextoffset)
{
	int size = (int)fdt_size_dt_struct(fdt);
	u32 tag;
	int next;

	*nextoffset = -FDT_ERR_TRUNCATED;
	if (offset < 0 || (offset & 3) || offset + FDT_TAGSIZE > size)
		return FDT_END;
	tag = fdt_cell_at(fdt, offset);
	next = offset + FDT_TAGSIZE;
	switch (tag) {
	case FDT_BEGIN_NODE: {
		const char *name = fdt_struct_ptr(fdt, next);
		int len = (int)strnlen(name, (size_t)(size - next));

		if (next + len >= size)
			return FDT_END;
		next += len + 1;
		break;
	}
	case FDT_PROP: {
		u32 len;

		if (next + 8 > size)
			return FDT_END;
		len = fdt_cell_at(fdt, next);
		if (len > (u32)(size - next - 8))	/* a value running past the block */
			return FDT_END;
		next += 8 + (int)len;
		break;
	}
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		break;
	default:
		*nextoffset = -FDT_ERR_BADSTRUCTURE;
		return FDT_END;
	}
	next = ALIGN(next, FDT_TAGSIZE);
	if (next > size)
		return FDT_END;
	*nextoffset = next;
	return tag;
}

int
fdt_next_node(const void *fdt, int offset, int *depth)
{
	int next = 0;
	u32 tag;

	if (offset >= 0) {
		if (fdt_next_tag(fdt, offset, &next) != FDT_BEGIN_NODE)
			return -FDT_ERR_BADOFFSET;
	}
	for (;;) {
		offset = next;
		tag = fdt_next_tag(fdt, offset, &next);
		switch (tag) {
		case FDT_PROP:
		case FDT_NOP:
			break;
		case FDT_BEGIN_NODE:
			if (depth)
				(*depth)++;
			return offset;
		case FDT_END_NODE:
			if (depth && --(*depth) < 0)
				return -FDT_ERR_NOTFOUND;
			break;
		default:
			return next < 0 ? next : -FDT_ERR_NOTFOUND;
		}
	}
}

int
fdt_first_subnode(const void *fdt, int offset)
{
	int depth = 0;

	offset = fdt_next_node(fdt, offset, &depth);
	if (offset < 0 || depth != 1)
		return -FDT_ERR_NOTFOUND;
	return offset;
}

int
fdt_next_subnode(const void *fdt, int offset)
{
	int depth = 1;

	/* Skip the node's own subtree: come back to depth 1 at a sibling. */
	do {
		offset = fdt_next_node(fdt, offset, &depth);
		if (offset < 0 || depth < 1)
			return -FDT_ERR_NOTFOUND;
	} while (depth > 1);
	return offset;
}

int
fdt_parent_offset(const void *fdt, int nodeoffset)
{
	int stack[FDT_MAX_DEPTH];
	int depth = 0, offset = -1;

	for (;;) {
		offset = fdt_next_node(fdt, offset, &depth);
		if (offset < 0)
			return offset;
		if (depth > FDT_MAX_DEPTH)
			return -FDT_ERR_BADSTRUCTURE;
		stack[depth - 1] = offset;
		if (offset == nodeoffset)
			return depth >= 2 ? stack[depth - 2] : -FDT_ERR_NOTFOUND;
		if (offset > nodeoffset)
			return -FDT_ERR_BADOFFSET;
	}
}

const char *
fdt_get_name(const void *fdt, int nodeoffset, int *lenp)
{
	int next;
	const char *name;

	if (fdt_next_tag(fdt, nodeoffset, &next) != FDT_BEGIN_NODE) {
		if (lenp)
			*lenp = -FDT_ERR_BADOFFSET;
		return NULL;
	}
	name = fdt_struct_ptr(fdt, nodeoffset + FDT_TAGSIZE);
	if (lenp)
		*lenp = (int)strlen(name);
	return name;
}

int
fdt_subnode_offset_namelen(const void *fdt, int parentoffset, const char *name, int namelen)
{
	int off;

	for (off = fdt_first_subnode(fdt, parentoffset); off >= 0;
	     off = fdt_next_subnode(fdt, off)) {
		const char *n = fdt_get_name(fdt, off, NULL);

		if (strncmp(n, name, (size_t)namelen))
			continue;
		/* Exact match, or "name" against "name@unit" when no unit was asked for. */
		if (n[namelen] == '\0' ||
		    (n[namelen] == '@' && !memchr(name, '@', (size_t)namelen)))
			return off;
	}
	return off == -FDT_ERR_NOTFOUND ? -FDT_ERR_NOTFOUND : off;
}

int
fdt_subnode_offset(const void *fdt, int parentoffset, const char *name)
{
	return fdt_subnode_offset_namelen(fdt, parentoffset, name, (int)strlen(name));
}

int
fdt_path_offset(const void *fdt, const char *path)
{
	int offset = 0;

	if (fdt_check_header(fdt))
		return fdt_check_header(fdt);
	if (*path != '/')
		return -FDT_ERR_BADPATH;
	while (*path) {
		const char *end;

		while (*path == '/')
			path++;
		if (!*path)
			break;
		end = strchr(path, '/');
		if (!end)
			end = path + strlen(path);
		offset = fdt_subnode_offset_namelen(fdt, offset, path, (int)(end - path));
		if (offset < 0)
			return offset;
		path = end;
	}
	return offset;
}

/* Offset of the first property tag at or after offset, skipping NOPs. */
static int
fdt_property_from(const void *fdt, int offset)
{
	int next;
	u32 tag;

	for (;;) {
		tag = fdt_next_tag(fdt, offset, &next);
		if (tag == FDT_PROP)
			return offset;
		if (tag != FDT_NOP)
			return next < 0 ? next : -FDT_ERR_NOTFOUND;
		offset = next;
	}
}

int
fdt_first_property_offset(const void *fdt, int nodeoffset)
{
	int next;

	if (fdt_next_tag(fdt, nodeoffset, &next) != FDT_BEGIN_NODE)
		return -FDT_ERR_BADOFFSET;
	return fdt_property_from(fdt, next);
}

int
fdt_next_property_offset(const void *fdt, int offset)
{
	int next;

	if (fdt_next_tag(fdt, offset, &next) != FDT_PROP)
		return -FDT_ERR_BADOFFSET;
	return fdt_property_from(fdt, next);
}

const void *
fdt_getprop_by_offset(const void *fdt, int offset, const char **namep, int *lenp)
{
	int next;

	if (fdt_next_tag(fdt, offset, &next) != FDT_PROP) {
		if (lenp)
			*lenp = -FDT_ERR_BADOFFSET;
		return NULL;
	}
	if (namep)
		*namep = fdt_string(fdt, fdt_cell_at(fdt, offset + 8));
	if (lenp)
		*lenp = (int)fdt_cell_at(fdt, offset + 4);
	return fdt_struct_ptr(fdt, offset + 12);
}

const void *
fdt_getprop(const void *fdt, int nodeoffset, const char *name, int *lenp)
{
	int off;

	for (off = fdt_first_property_offset(fdt, nodeoffset); off >= 0;
	     off = fdt_next_property_offset(fdt, off)) {
		const char *pname;
		const void *val = fdt_getprop_by_offset(fdt, off, &pname, lenp);

		if (!strcmp(pname, name))
			return val;
	}
	if (lenp)
		*lenp = off;
	return NULL;
}

int
fdt_getprop_u32(const void *fdt, int nodeoffset, const char *name, u32 *out)
{
	int len;
	const u32 *val = fdt_getprop(fdt, nodeoffset, name, &len);

	if (!val)
		return len;
	if (len < 4)
		return -FDT_ERR_BADVALUE;
	*out = fdt32_to_cpu(*val);
	return 0;
}

bool
fdt_stringlist_contains(const char *strlist, int listlen, const char *str)
{
	int len = (int)strlen(str);

	while (listlen >= len + 1) {
		int n;

		if (!memcmp(str, strlist, (size_t)len + 1))
			return true;
		n = (int)strnlen(strlist, (size_t)listlen) + 1;
		strlist += n;
		listlen -= n;
	}
	return false;
}

int
fdt_node_check_compatible(const void *fdt, int nodeoffset, const char *compat)
{
	int len;
	const char *prop = fdt_getprop(fdt, nodeoffset, "compatible", &len);

	if (!prop)
		return len == -FDT_ERR_NOTFOUND ? 1 : len;
	return fdt_stringlist_contains(prop, len, compat) ? 0 : 1;
}

int
fdt_node_offset_by_compatible(const void *fdt, int startoffset, const char *compat)
{
	int offset;

	for (offset = fdt_next_node(fdt, startoffset, NULL); offset >= 0;
	     offset = fdt_next_node(fdt, offset, NULL)) {
		int err = fdt_node_check_compatible(fdt, offset, compat);

		if (err < 0 && err != -FDT_ERR_NOTFOUND)
			return err;
		if (err == 0)
			return offset;
	}
	return offset;
}

static int
fdt_cells(const void *fdt, int nodeoffset, const char *name, int dflt)
{
	u32 val;
	int err = fdt_getprop_u32(fdt, nodeoffset, name, &val);

	if (err == -FDT_ERR_NOTFOUND)
		return dflt;
	if (err < 0)
		return err;
	if (val > 4)
		return -FDT_ERR_BADNCELLS;
	return (int)val;
}

int
fdt_address_cells(const void *fdt, int nodeoffset)
{
	return fdt_cells(fdt, nodeoffset, "#address-cells", 2);
}

int
fdt_size_cells(const void *fdt, int nodeoffset)
{
	return fdt_cells(fdt, nodeoffset, "#size-cells", 1);
}

static u64
fdt_read_cells(const u32 *cells, int n)
{
	return n == 2 ? fdt64_ld(cells) : fdt32_to_cpu(cells[0]);
}

int
fdt_get_reg(const void *fdt, int nodeoffset, int idx, u64 *addr, u64 *size)
{
	int parent = fdt_parent_offset(fdt, nodeoffset);
	int ac, sc, len, stride;
	const u32 *reg;

	if (parent < 0)
		return parent;
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	if (ac < 0 || sc < 0)
		return ac < 0 ? ac : sc;
	if (ac < 1 || ac > 2 || sc > 2)
		return -FDT_ERR_BADNCELLS;
	reg = fdt_getprop(fdt, nodeoffset, "reg", &len);
	if (!reg)
		return len;
	stride = ac + sc;
	if (idx < 0 || (idx + 1) * stride * 4 > len)
		return -FDT_ERR_NOTFOUND;
	reg += idx * stride;
	if (addr)
		*addr = fdt_read_cells(reg, ac);
	if (size)
		*size = sc ? fdt_read_cells(reg + ac, sc) : 0;
	return 0;
}

int
fdt_num_mem_rsv(const void *fdt)
{
	const u32 *e = (const u32 *)((const u8 *)fdt + fdt_off_mem_rsvmap(fdt));
	int n = 0;

	while (fdt64_ld(e) || fdt64_ld(e + 2)) {
		e += 4;
		n++;
	}
	return n;
}

int
fdt_get_mem_rsv(const void *fdt, int n, u64 *address, u64 *size)
{
	const u32 *e = (const u32 *)((const u8 *)fdt + fdt_off_mem_rsvmap(fdt));

	if (n < 0 || n >= fdt_num_mem_rsv(fdt))
		return -FDT_ERR_NOTFOUND;
	e += 4 * n;
	*address = fdt64_ld(e);
	*size = fdt64_ld(e + 2);
	return 0;
}
