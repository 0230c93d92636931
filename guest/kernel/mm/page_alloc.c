/*
 * page_alloc.c - a bitmap page allocator: one bit per RAM page, set when
 * the page is free. Allocations search for an aligned run of free bits
 * (first fit from a moving hint). Every allocation and free is reported
 * to the trace port as one range (KERNEL_ALLOC / FREE).
 */
#include "kernel/core/init.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/core/printk.h"
#include "kernel/drivers/trace.h"
#include "kernel/mm/memblock.h"
#include "lib/string.h"

static unsigned long *free_map;		/* bit set = page free */
static unsigned long min_pfn, max_pfn;	/* pages [min_pfn, max_pfn) are covered */
static unsigned long nr_free, nr_total;
static unsigned long search_hint;

#define BITS_PER_LONG 32

static inline bool
pfn_free(unsigned long pfn)
{
	unsigned long i = pfn - min_pfn;

	return free_map[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG));
}

static inline void
pfn_set_free(unsigned long pfn, bool free)
{
	unsigned long i = pfn - min_pfn;

	if (free)
		free_map[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
	else
		free_map[i / BITS_PER_LONG] &= ~(1UL << (i % BITS_PER_LONG));
}

static void
free_range_pfn(unsigned long start, unsigned long end)
{
	for (unsigned long pfn = start; pfn < end;) {
		unsigned long i = pfn - min_pfn;

		/* A whole bitmap word at once: boot frees all of RAM this way. */
		if (i % BITS_PER_LONG == 0 && end - pfn >= BITS_PER_LONG &&
		    free_map[i / BITS_PER_LONG] == 0) {
			free_map[i / BITS_PER_LONG] = (unsigned long)-1 >> (sizeof(long) * 8 - BITS_PER_LONG);
			nr_free += BITS_PER_LONG;
			pfn += BITS_PER_LONG;
			continue;
		}
		if (!pfn_free(pfn)) {
			pfn_set_free(pfn, true);
			nr_free++;
		}
		pfn++;
	}
	if (end > start)
		ktrace_role(start << PAGE_SHIFT, end - start, TRACE_ROLE_FREE);
}

void __init
mem_init(void)
{
	phys_addr_t start, end;
	unsigned long words;
	u64 idx = 0;

	min_pfn = memblock_start_of_DRAM() >> PAGE_SHIFT;
	max_pfn = memblock_end_of_DRAM() >> PAGE_SHIFT;
	words = DIV_ROUND_UP(max_pfn - min_pfn, BITS_PER_LONG);
	free_map = memblock_alloc(words * sizeof(long), PAGE_SIZE);
	if (!free_map)
		return;
	ktrace_role(__pa(free_map), DIV_ROUND_UP(words * sizeof(long), PAGE_SIZE),
		    TRACE_ROLE_KERNEL_ALLOC);
	while (memblock_next_free_range(&idx, &start, &end))
		free_range_pfn(ALIGN(start, PAGE_SIZE) >> PAGE_SHIFT, end >> PAGE_SHIFT);
	nr_total = nr_free;
	search_hint = min_pfn;
}

void *
alloc_pages(unsigned int order)
{
	unsigned long n = 1UL << order;

	if (order > MAX_ORDER || !free_map)
		return NULL;
	/* Two passes: from the hint to the end, then from the start. */
	for (unsigned long tries = 0, pfn = ALIGN(search_hint, n); tries < 2; tries++) {
		for (; pfn + n <= max_pfn; pfn += n) {
			unsigned long k;

			for (k = 0; k < n && pfn_free(pfn + k); k++)
				;
			if (k < n)
				continue;
			for (k = 0; k < n; k++)
				pfn_set_free(pfn + k, false);
			nr_free -= n;
			search_hint = pfn + n;
			ktrace_role(pfn << PAGE_SHIFT, n, TRACE_ROLE_KERNEL_ALLOC);
			return __va(pfn << PAGE_SHIFT);
		}
		pfn = ALIGN(min_pfn, n);
	}
	return NULL;
}

void *
alloc_page(void)
{
	return alloc_pages(0);
}

void *
get_zeroed_page(void)
{
	void *p = alloc_pages(0);

	if (p)
		memset(p, 0, PAGE_SIZE);
	return p;
}

void
free_pages(void *addr, unsigned int order)
{
	unsigned long pfn = __pa(addr) >> PAGE_SHIFT;

	if (!addr || pfn < min_pfn || pfn + (1UL << order) > max_pfn) {
		pr_err("free_pages: bad address %p\n", addr);
		return;
	}
	free_range_pfn(pfn, pfn + (1UL << order));
}

void
free_page(void *addr)
{
	free_pages(addr, 0);
}

void
free_reserved_area(void *start, void *end)
{
	unsigned long s = __pa(start) >> PAGE_SHIFT, e = __pa(end) >> PAGE_SHIFT;

	free_range_pfn(s, e);
	nr_total += e - s;
}

unsigned long
nr_free_pages(void)
{
	return nr_free;
}

unsigned long
totalram_pages(void)
{
	return nr_total;
}

bool
page_is_allocated(unsigned long pfn)
{
	return free_map && pfn >= min_pfn && pfn < max_pfn && !pfn_free(pfn);
}
