/*
 * page_alloc.h - the page allocator: physically contiguous runs of 2^order
 * pages, handed out as linear-map (kernel virtual) addresses; __pa() gives
 * the physical address. Unlike Linux there is no struct page.
 */
#ifndef KERNEL_MM_PAGE_ALLOC_H
#define KERNEL_MM_PAGE_ALLOC_H

#include "kernel/memlayout.h"

#define MAX_ORDER 10	/* up to 2^10 pages (4 MiB) in one allocation */

/* Builds the allocator from memblock's free ranges and prints "Memory: ...". */
void mem_init(void);
/* 2^order contiguous pages aligned to their size, or NULL. Not zeroed. */
void *alloc_pages(unsigned int order);
void *alloc_page(void);
void *get_zeroed_page(void);
void free_pages(void *addr, unsigned int order);
void free_page(void *addr);
/* Gives pages that were never the allocator's (e.g. init memory) to it. */
void free_reserved_area(void *start, void *end);
unsigned long nr_free_pages(void);
unsigned long totalram_pages(void);
/* True when page pfn is not free: handed out, or never the allocator's (reserved). */
bool page_is_allocated(unsigned long pfn);

#endif /* KERNEL_MM_PAGE_ALLOC_H */
