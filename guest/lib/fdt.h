/*
 * fdt.h - flattened devicetree (DTB) reader and writer. The function names
 * and error codes follow libfdt so that a reader of Linux recognises them;
 * the code is our own. Offsets are byte offsets into the structure block;
 * errors are negative -FDT_ERR_* values.
 */
#ifndef LIB_FDT_H
#define LIB_FDT_H

#include "lib/types.h"

#define FDT_MAGIC 0xd00dfeed
#define FDT_BEGIN_NODE 0x1	/* node start, followed by its name */
#define FDT_END_NODE 0x2	/* node end */
#define FDT_PROP 0x3		/* property: len, nameoff, value */
#define FDT_NOP 0x4		/* ignored */
#define FDT_END 0x9		/* end of the structure block */
#define FDT_TAGSIZE 4
#define FDT_V17_HDR_SIZE 40

#define FDT_ERR_NOTFOUND 1	/* no such node or property */
#define FDT_ERR_EXISTS 2	/* node or property already exists */
#define FDT_ERR_NOSPACE 3	/* the buffer is too small */
#define FDT_ERR_BADOFFSET 4	/* offset is not at a tag of the right kind */
#define FDT_ERR_BADPATH 5	/* malformed path */
#define FDT_ERR_BADSTATE 7	/* write on a tree not opened with fdt_open_into */
#define FDT_ERR_TRUNCATED 8	/* structure block ends too early */
#define FDT_ERR_BADMAGIC 9	/* not a DTB */
#define FDT_ERR_BADVERSION 10	/* version older than 16 */
#define FDT_ERR_BADSTRUCTURE 11	/* malformed structure block */
#define FDT_ERR_BADLAYOUT 12	/* blocks not in writable order */
#define FDT_ERR_BADVALUE 15	/* property has an unexpected size */
#define FDT_ERR_BADNCELLS 14	/* #address-cells or #size-cells out of range */

struct fdt_header {
	u32 magic;		/* FDT_MAGIC, big endian like every field */
	u32 totalsize;		/* size of the whole blob (or its buffer) */
	u32 off_dt_struct;	/* offset of the structure block */
	u32 off_dt_strings;	/* offset of the strings block */
	u32 off_mem_rsvmap;	/* offset of the memory reservation map */
	u32 version;		/* 17 */
	u32 last_comp_version;	/* 16 */
	u32 boot_cpuid_phys;	/* hart that boots */
	u32 size_dt_strings;	/* bytes in the strings block */
	u32 size_dt_struct;	/* bytes in the structure block */
};

struct fdt_reserve_entry {
	u64 address;
	u64 size;
};

static inline u32
fdt32_to_cpu(u32 x)
{
	return __builtin_bswap32(x);
}

static inline u32
cpu_to_fdt32(u32 x)
{
	return __builtin_bswap32(x);
}

/* Reads a big-endian 64-bit value that may be only 4-byte aligned. */
static inline u64
fdt64_ld(const void *p)
{
	const u32 *w = p;

	return ((u64)fdt32_to_cpu(w[0]) << 32) | fdt32_to_cpu(w[1]);
}

static inline u32
fdt_header_get(const void *fdt, size_t field_offset)
{
	return fdt32_to_cpu(*(const u32 *)((const u8 *)fdt + field_offset));
}

#define fdt_magic(fdt) fdt_header_get(fdt, offsetof(struct fdt_header, magic))
#define fdt_totalsize(fdt) fdt_header_get(fdt, offsetof(struct fdt_header, totalsize))
#define fdt_off_dt_struct(fdt) fdt_header_get(fdt, offsetof(struct fdt_header, off_dt_struct))
#define fdt_off_dt_strings(fdt) fdt_header_get(fdt, offsetof(struct fdt_header, off_dt_strings))
#define fdt_off_mem_rsvmap(fdt) fdt_header_get(fdt, offsetof(struct fdt_header, off_mem_rsvmap))
#define fdt_version(fdt) fdt_header_get(fdt, offsetof(struct fdt_header, version))
#define fdt_boot_cpuid_phys(fdt) fdt_header_get(fdt, offsetof(struct fdt_header, boot_cpuid_phys))
#define fdt_size_dt_strings(fdt) fdt_header_get(fdt, offsetof(struct fdt_header, size_dt_strings))
#define fdt_size_dt_struct(fdt) fdt_header_get(fdt, offsetof(struct fdt_header, size_dt_struct))

/* --- Reading (fdt.c) --- */

/* 0 if fdt starts with a sane version 16/17 header, else -FDT_ERR_BADMAGIC etc. */
int fdt_check_header(const void *fdt);
const char *fdt_strerror(int err);

/* Tag at offset; *nextoffset gets the offset of the following tag. FDT_END on error. */
u32 fdt_next_tag(const void *fdt, int offset, int *nextoffset);
/* Next node in document order (offset < 0: the root); *depth tracks nesting if non-NULL. */
int fdt_next_node(const void *fdt, int offset, int *depth);
int fdt_first_subnode(const void *fdt, int offset);
int fdt_next_subnode(const void *fdt, int offset);
int fdt_parent_offset(const void *fdt, int nodeoffset);
/* Node name including its unit address ("serial@10000000"); *lenp gets strlen if non-NULL. */
const char *fdt_get_name(const void *fdt, int nodeoffset, int *lenp);
/* A child by name; "memory" matches "memory@80000000" when no '@' is given. */
int fdt_subnode_offset(const void *fdt, int parentoffset, const char *name);
int fdt_subnode_offset_namelen(const void *fdt, int parentoffset, const char *name, int namelen);
/* Absolute path such as "/chosen" or "/soc/serial@10000000". */
int fdt_path_offset(const void *fdt, const char *path);

int fdt_first_property_offset(const void *fdt, int nodeoffset);
int fdt_next_property_offset(const void *fdt, int offset);
const void *fdt_getprop_by_offset(const void *fdt, int offset, const char **namep, int *lenp);
/* Value of property name of the node, or NULL with *lenp = -FDT_ERR_NOTFOUND. */
const void *fdt_getprop(const void *fdt, int nodeoffset, const char *name, int *lenp);
/* The first cell of a property, host endian: 0 on success, negative error otherwise. */
int fdt_getprop_u32(const void *fdt, int nodeoffset, const char *name, u32 *out);
/* True when the NUL-separated string list contains str. */
bool fdt_stringlist_contains(const char *strlist, int listlen, const char *str);
/* 0 when the node's "compatible" lists compat, 1 when not, negative on error. */
int fdt_node_check_compatible(const void *fdt, int nodeoffset, const char *compat);
/* Next node after startoffset (-1: from the root, inclusive) compatible with compat. */
int fdt_node_offset_by_compatible(const void *fdt, int startoffset, const char *compat);

/* #address-cells / #size-cells a node declares for its children (defaults 2 and 1). */
int fdt_address_cells(const void *fdt, int nodeoffset);
int fdt_size_cells(const void *fdt, int nodeoffset);
/* Entry idx of the node's "reg", decoded with the parent's cell counts (1 or 2 cells). */
int fdt_get_reg(const void *fdt, int nodeoffset, int idx, u64 *addr, u64 *size);

int fdt_num_mem_rsv(const void *fdt);
int fdt_get_mem_rsv(const void *fdt, int n, u64 *address, u64 *size);

/* --- Writing (fdt_rw.c) --- */

/*
 * Copies the tree into buf (bufsize bytes; may overlap src) in the writable
 * layout: header, reservation map, structure block, strings block, free
 * space. totalsize becomes bufsize until fdt_pack.
 */
int fdt_open_into(const void *src, void *buf, int bufsize);
/* Drops the free space at the end: totalsize becomes the used size. */
int fdt_pack(void *fdt);
int fdt_setprop(void *fdt, int nodeoffset, const char *name, const void *val, int len);
int fdt_setprop_u32(void *fdt, int nodeoffset, const char *name, u32 val);
int fdt_setprop_u64(void *fdt, int nodeoffset, const char *name, u64 val);
int fdt_setprop_string(void *fdt, int nodeoffset, const char *name, const char *str);
int fdt_setprop_empty(void *fdt, int nodeoffset, const char *name);
int fdt_delprop(void *fdt, int nodeoffset, const char *name);
/* Adds an empty child node at the end of parent; returns its offset or -FDT_ERR_EXISTS. */
int fdt_add_subnode(void *fdt, int parentoffset, const char *name);
int fdt_add_mem_rsv(void *fdt, u64 address, u64 size);

#endif /* LIB_FDT_H */
