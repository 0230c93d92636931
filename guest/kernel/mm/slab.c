/*
 * slab.c - kmalloc over the page allocator. Each object is preceded by a
 * small header naming its size class (16 .. 2048 bytes) or, for a large
 * object, the page order it came from; kfree reads it back.
 */
#include "kernel/mm/slab.h"
#include "kernel/core/printk.h"
#include "kernel/mm/page_alloc.h"
#include "lib/string.h"

#define KMALLOC_MIN_SHIFT 4	/* 16 bytes */
#define KMALLOC_MAX_SHIFT 11	/* 2048 bytes */
#define KMALLOC_MAGIC 0x6b6d0000	/* "km" in the high half */
#define KMALLOC_LARGE 0x100

struct kmalloc_hdr {
	u32 tag;	/* KMALLOC_MAGIC | shift, or | KMALLOC_LARGE | order */
	u32 pad;	/* keeps the object 8-byte aligned */
};

struct free_obj {
	struct free_obj *next;
};

static struct free_obj *free_list[KMALLOC_MAX_SHIFT + 1];

static bool
kmalloc_refill(unsigned int shift)
{
	char *page = alloc_page();
	size_t sz = 1UL << shift;

	if (!page)
		return false;
	for (size_t off = 0; off + sz <= PAGE_SIZE; off += sz) {
		struct free_obj *o = (struct free_obj *)(page + off);

		o->next = free_list[shift];
		free_list[shift] = o;
	}
	return true;
}

void *
kmalloc(size_t size)
{
	size_t need = size + sizeof(struct kmalloc_hdr);
	struct kmalloc_hdr *h;
	unsigned int shift = KMALLOC_MIN_SHIFT;

	if (need > (1UL << KMALLOC_MAX_SHIFT)) {
		unsigned int order = 0;

		while ((PAGE_SIZE << order) < need)
			order++;
		h = alloc_pages(order);
		if (!h)
			return NULL;
		h->tag = KMALLOC_MAGIC | KMALLOC_LARGE | order;
		return h + 1;
	}
	while ((1UL << shift) < need)
		shift++;
	if (!free_list[shift] && !kmalloc_refill(shift))
		return NULL;
	h = (struct kmalloc_hdr *)free_list[shift];
	free_list[shift] = free_list[shift]->next;
	h->tag = KMALLOC_MAGIC | shift;
	return h + 1;
}

void *
kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

void
kfree(const void *p)
{
	struct kmalloc_hdr *h;
	struct free_obj *o;
	unsigned int shift;

	if (!p)
		return;
	h = (struct kmalloc_hdr *)p - 1;
	if ((h->tag & 0xffff0000) != KMALLOC_MAGIC) {
		pr_err("kfree: bad pointer %p\n", p);
		return;
	}
	if (h->tag & KMALLOC_LARGE) {
		free_pages(h, h->tag & 0xff);
		return;
	}
	shift = h->tag & 0xff;	/* read before o->next overwrites the header */
	o = (struct free_obj *)h;
	o->next = free_list[shift];
	free_list[shift] = o;
}

char *
kstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = kmalloc(n);

	if (d)
		memcpy(d, s, n);
	return d;
}
