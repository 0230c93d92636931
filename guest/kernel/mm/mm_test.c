/*
 * mm_test.c - host unit tests of memblock.c, page_alloc.c and slab.c over
 * a simulated RAM (compiled only with -DKESTREL_HOST_TEST, by mm.test.ts).
 * Prints "ok <name>" per passing case; exits non-zero on the first failure.
 */
#ifdef KESTREL_HOST_TEST
#include <stdio.h>
#include <stdlib.h>
#include "kernel/mm/memblock.h"
#include "lib/string.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/mm/slab.h"

unsigned char *host_ram;
volatile void *trace_base;

int
printk(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

#define RAM_SIZE (16UL << 20)

#define CHECK(cond) do { if (!(cond)) { \
	printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); exit(1); } } while (0)

static void
reset(void)
{
	memblock_memory.cnt = 0;
	memblock_reserved.cnt = 0;
}

static void
test_memblock_merge(void)
{
	reset();
	memblock_add(RAM_BASE, RAM_SIZE);
	memblock_reserve(RAM_BASE + 0x3000, 0x1000);
	memblock_reserve(RAM_BASE + 0x1000, 0x1000);
	memblock_reserve(RAM_BASE + 0x2000, 0x1000);	/* bridges the two: one region */
	CHECK(memblock_reserved.cnt == 1);
	CHECK(memblock_reserved.regions[0].base == RAM_BASE + 0x1000);
	CHECK(memblock_reserved.regions[0].size == 0x3000);
	memblock_reserve(RAM_BASE + 0x8000, 0x1000);
	memblock_reserve(RAM_BASE + 0x1800, 0x8000);	/* swallows both */
	CHECK(memblock_reserved.cnt == 1);
	CHECK(memblock_reserved.regions[0].size == 0x8800);
	CHECK(memblock_is_reserved(RAM_BASE + 0x1000));
	CHECK(!memblock_is_reserved(RAM_BASE + 0x9800));
	printf("ok memblock_merge\n");
}

static void
test_memblock_free_ranges(void)
{
	phys_addr_t s, e, total = 0;
	u64 idx = 0;
	int n = 0;

	reset();
	memblock_add(RAM_BASE, RAM_SIZE);
	memblock_reserve(RAM_BASE, 0x400000);			/* firmware */
	memblock_reserve(RAM_BASE + 0x400000, 0x30000);		/* kernel */
	memblock_reserve(RAM_BASE + RAM_SIZE - 0x2000, 0x2000);	/* DTB at the top */
	while (memblock_next_free_range(&idx, &s, &e)) {
		CHECK(s < e);
		CHECK(!memblock_is_reserved(s) && !memblock_is_reserved(e - 1));
		total += e - s;
		n++;
	}
	CHECK(n == 1);
	CHECK(total == RAM_SIZE - 0x432000);
	printf("ok memblock_free_ranges\n");
}

static void
test_memblock_alloc_top_down(void)
{
	void *p;

	reset();
	memblock_add(RAM_BASE, RAM_SIZE);
	memblock_reserve(RAM_BASE + RAM_SIZE - 0x1000, 0x1000);
	p = memblock_alloc(0x1800, PAGE_SIZE);
	CHECK(p != NULL);
	CHECK(__pa(p) == RAM_BASE + RAM_SIZE - 0x3000);	/* below the top reservation */
	CHECK(memblock_is_reserved(__pa(p)));
	printf("ok memblock_alloc_top_down\n");
}

static void
test_page_alloc(void)
{
	unsigned long before;
	char *a, *b, *c;

	reset();
	memblock_add(RAM_BASE, RAM_SIZE);
	memblock_reserve(RAM_BASE, 0x430000);
	mem_init();
	before = nr_free_pages();
	/* RAM minus the reservation minus the allocator's own bitmap page */
	CHECK(before == (RAM_SIZE - 0x430000) / PAGE_SIZE - 1);
	a = alloc_page();
	CHECK(a && __pa(a) >= RAM_BASE + 0x430000);
	CHECK(page_is_allocated(__pa(a) >> PAGE_SHIFT));
	b = alloc_pages(3);
	CHECK(b && IS_ALIGNED(__pa(b), 8 * PAGE_SIZE));	/* naturally aligned */
	CHECK(nr_free_pages() == before - 9);
	free_page(a);
	free_pages(b, 3);
	CHECK(nr_free_pages() == before);
	CHECK(!page_is_allocated(__pa(a) >> PAGE_SHIFT));
	c = alloc_pages(MAX_ORDER + 1);
	CHECK(c == NULL);
	printf("ok page_alloc\n");
}

static void
test_page_alloc_exhaustion(void)
{
	unsigned long n = 0, free0 = nr_free_pages();
	char **pages = malloc((free0 + 1) * sizeof(char *));

	while ((pages[n] = alloc_page()) != NULL)
		n++;
	CHECK(n == free0);
	CHECK(nr_free_pages() == 0);
	for (unsigned long i = 0; i < n; i++)
		free_page(pages[i]);
	CHECK(nr_free_pages() == free0);
	free(pages);
	printf("ok page_alloc_exhaustion\n");
}

static void
test_kmalloc(void)
{
	unsigned long free0 = nr_free_pages();
	char *s = kmalloc(24), *t = kmalloc(24), *big = kmalloc(3 * PAGE_SIZE);

	CHECK(s && t && s != t && big);
	CHECK(((unsigned long)s & 7) == 0);
	memset(big, 0xab, 3 * PAGE_SIZE);	/* the whole object is usable */
	kfree(big);
	kfree(t);
	kfree(s);
	CHECK(kmalloc(24) == s);	/* LIFO free list */
	CHECK(nr_free_pages() == free0 - 1);	/* only the 32-byte class page remains */
	printf("ok kmalloc\n");
}

int
main(void)
{
	host_ram = aligned_alloc(PAGE_SIZE, RAM_SIZE);
	test_memblock_merge();
	test_memblock_free_ranges();
	test_memblock_alloc_top_down();
	test_page_alloc();
	test_page_alloc_exhaustion();
	test_kmalloc();
	return 0;
}
#endif /* KESTREL_HOST_TEST */
