/*
 * memblock.h - the early memory map, as Linux's memblock: the RAM banks
 * the DTB declares and the ranges already spoken for (kernel, firmware,
 * DTB, /reserved-memory). The page allocator takes over what is left.
 */
#ifndef KERNEL_MM_MEMBLOCK_H
#define KERNEL_MM_MEMBLOCK_H

#include "kernel/memlayout.h"

#define MEMBLOCK_MAX_REGIONS 32

struct memblock_region {
	phys_addr_t base;
	phys_addr_t size;
};

struct memblock_type {
	unsigned int cnt;
	struct memblock_region regions[MEMBLOCK_MAX_REGIONS];
};

extern struct memblock_type memblock_memory, memblock_reserved;

int memblock_add(phys_addr_t base, phys_addr_t size);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
bool memblock_is_reserved(phys_addr_t addr);
/* Top-down allocation of reserved, zeroed early memory; returns a VA, NULL if none. */
void *memblock_alloc(phys_addr_t size, phys_addr_t align);
phys_addr_t memblock_phys_mem_size(void);
phys_addr_t memblock_start_of_DRAM(void);
phys_addr_t memblock_end_of_DRAM(void);
/*
 * Free range iterator: *idx starts at 0; returns false when done, else the
 * next [*start, *end) of RAM that no reservation covers.
 */
bool memblock_next_free_range(u64 *idx, phys_addr_t *start, phys_addr_t *end);
void memblock_dump(void);

#endif /* KERNEL_MM_MEMBLOCK_H */
