/*
 * kimage_test_mock.h - the mock memory manager of kimage's host test
 * (kimage_test.c includes it once): 16 MiB of "physical" RAM at 0x8000_0000
 * and the page hooks kimage.c calls (kimage_alloc_pages, kimage_phys_to_virt,
 * ...). A header, not a .c file, so that the kernel build, which compiles
 * every .c under guest/kernel, never sees it.
 */
#ifndef KIMAGE_TEST_MOCK_H
#define KIMAGE_TEST_MOCK_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/kexec/kimage.h"

#define MOCK_RAM_BASE	0x80000000UL
#define MOCK_RAM_PAGES	4096UL
#define MOCK_PA(n)	(MOCK_RAM_BASE + (unsigned long)(n) * PAGE_SIZE)

static unsigned char *mock_ram;
static unsigned char mock_in_use[MOCK_RAM_PAGES];
/* Free pages, handed out from the top (LIFO), as a free list does. */
static unsigned long mock_free[MOCK_RAM_PAGES];
static unsigned long mock_nr_free;

static unsigned long
mock_index(unsigned long pa)
{
	if (pa < MOCK_RAM_BASE || pa >= MOCK_PA(MOCK_RAM_PAGES) || (pa & ~PAGE_MASK)) {
		fprintf(stderr, "mock: bad page address %#lx\n", pa);
		exit(2);
	}
	return (pa - MOCK_RAM_BASE) >> PAGE_SHIFT;
}

unsigned long
kimage_alloc_pages(unsigned int order)
{
	unsigned long pa;

	if (order != 0) {
		fprintf(stderr, "mock: order %u not supported\n", order);
		exit(2);
	}
	if (!mock_nr_free)
		return 0;
	pa = mock_free[--mock_nr_free];
	if (mock_in_use[mock_index(pa)]) {
		fprintf(stderr, "mock: page %#lx handed out twice\n", pa);
		exit(2);
	}
	mock_in_use[mock_index(pa)] = 1;
	/* Dirty it, as a real allocator would leave old contents behind. */
	memset(mock_ram + mock_index(pa) * PAGE_SIZE, 0xa5, PAGE_SIZE);
	return pa;
}

void
kimage_free_pages(unsigned long pa, unsigned int order)
{
	unsigned long i = mock_index(pa);

	(void)order;
	if (!mock_in_use[i]) {
		fprintf(stderr, "mock: double free of %#lx\n", pa);
		exit(2);
	}
	mock_in_use[i] = 0;
	memset(mock_ram + i * PAGE_SIZE, 0x5a, PAGE_SIZE);
	mock_free[mock_nr_free++] = pa;
}

void *
kimage_phys_to_virt(unsigned long pa)
{
	if (pa < MOCK_RAM_BASE || pa >= MOCK_PA(MOCK_RAM_PAGES)) {
		fprintf(stderr, "mock: phys_to_virt(%#lx) outside RAM\n", pa);
		exit(2);
	}
	return mock_ram + (pa - MOCK_RAM_BASE);
}

unsigned long
kimage_virt_to_phys(const void *va)
{
	return MOCK_RAM_BASE + (unsigned long)((const unsigned char *)va - mock_ram);
}

unsigned long
kimage_totalram_pages(void)
{
	return MOCK_RAM_PAGES;
}

/*
 * Resets RAM: pages [used_first, used_first + used_count) are in use (the
 * running kernel); the others are free, handed out in ascending address
 * order, or, with dest_first, the pages of [pref_first, pref_first +
 * pref_count) first (the worst case: the allocator offers destinations).
 */
static void
mock_reset(unsigned long used_first, unsigned long used_count, unsigned long pref_first,
	   unsigned long pref_count)
{
	unsigned long n;

	memset(mock_in_use, 0, sizeof(mock_in_use));
	memset(mock_ram, 0x33, MOCK_RAM_PAGES * PAGE_SIZE);
	mock_nr_free = 0;
	/* Pushed last = handed out first: push in descending order of preference. */
	for (n = MOCK_RAM_PAGES; n-- > 0;) {
		bool used = n >= used_first && n < used_first + used_count;
		bool pref = n >= pref_first && n < pref_first + pref_count;

		if (used)
			mock_in_use[n] = 1;
		else if (!pref)
			mock_free[mock_nr_free++] = MOCK_PA(n);
	}
	for (n = pref_first + pref_count; n-- > pref_first;) {
		if (!mock_in_use[n])
			mock_free[mock_nr_free++] = MOCK_PA(n);
	}
}

/* Puts pa on top of the free list, so that it is the next page handed out. */
static void
mock_prefer(unsigned long pa)
{
	unsigned long i;

	for (i = 0; i < mock_nr_free; i++) {
		if (mock_free[i] == pa) {
			memmove(&mock_free[i], &mock_free[i + 1],
				(mock_nr_free - i - 1) * sizeof(mock_free[0]));
			mock_free[mock_nr_free - 1] = pa;
			return;
		}
	}
	fprintf(stderr, "mock: %#lx is not free\n", pa);
	exit(2);
}

#endif /* KIMAGE_TEST_MOCK_H */
