/*
 * memblock.c - sorted, merged lists of RAM banks and reserved ranges, and
 * a top-down allocator over the gaps, for use before the page allocator.
 */
#include "kernel/mm/memblock.h"
#include "kernel/core/errno.h"
#include "kernel/core/printk.h"
#include "lib/string.h"

struct memblock_type memblock_memory, memblock_reserved;

/* Inserts [base, base + size) keeping the list sorted and merging overlaps. */
static int
memblock_insert(struct memblock_type *type, phys_addr_t base, phys_addr_t size)
{
	phys_addr_t end = base + size;
	unsigned int i = 0, j;

	if (size == 0)
		return 0;
	while (i < type->cnt && type->regions[i].base + type->regions[i].size < base)
		i++;
	/* Regions i..j-1 touch or overlap the new one: fold them in. */
	j = i;
	while (j < type->cnt && type->regions[j].base <= end) {
		phys_addr_t rend = type->regions[j].base + type->regions[j].size;

		base = min(base, type->regions[j].base);
		end = max(end, rend);
		j++;
	}
	if (i == j) {
		if (type->cnt == MEMBLOCK_MAX_REGIONS)
			return -ENOSPC;
		memmove(&type->regions[i + 1], &type->regions[i],
			(type->cnt - i) * sizeof(type->regions[0]));
		type->cnt++;
	} else if (j > i + 1) {
		memmove(&type->regions[i + 1], &type->regions[j],
			(type->cnt - j) * sizeof(type->regions[0]));
		type->cnt -= j - i - 1;
	}
	type->regions[i].base = base;
	type->regions[i].size = end - base;
	return 0;
}

int
memblock_add(phys_addr_t base, phys_addr_t size)
{
	return memblock_insert(&memblock_memory, base, size);
}

int
memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	return memblock_insert(&memblock_reserved, base, size);
}

bool
memblock_is_reserved(phys_addr_t addr)
{
	for (unsigned int i = 0; i < memblock_reserved.cnt; i++) {
		const struct memblock_region *r = &memblock_reserved.regions[i];

		if (addr >= r->base && addr - r->base < r->size)
			return true;
	}
	return false;
}

phys_addr_t
memblock_phys_mem_size(void)
{
	phys_addr_t total = 0;

	for (unsigned int i = 0; i < memblock_memory.cnt; i++)
		total += memblock_memory.regions[i].size;
	return total;
}

phys_addr_t
memblock_start_of_DRAM(void)
{
	return memblock_memory.cnt ? memblock_memory.regions[0].base : 0;
}

phys_addr_t
memblock_end_of_DRAM(void)
{
	const struct memblock_region *r;

	if (!memblock_memory.cnt)
		return 0;
	r = &memblock_memory.regions[memblock_memory.cnt - 1];
	return r->base + r->size;
}

bool
memblock_next_free_range(u64 *idx, phys_addr_t *start, phys_addr_t *end)
{
	/* idx packs (memory region << 16) | (reserved region we are past) */
	unsigned int mi = *idx >> 16, ri = *idx & 0xffff;

	for (; mi < memblock_memory.cnt; mi++, ri = 0) {
		const struct memblock_region *m = &memblock_memory.regions[mi];
		phys_addr_t mend = m->base + m->size;

		/* Gaps between reservations, clipped to this bank: gap ri runs from
		 * the end of reservation ri-1 to the start of reservation ri. */
		for (; ri <= memblock_reserved.cnt; ri++) {
			phys_addr_t gs = ri ? memblock_reserved.regions[ri - 1].base +
					      memblock_reserved.regions[ri - 1].size : 0;
			phys_addr_t ge = ri < memblock_reserved.cnt ?
					 memblock_reserved.regions[ri].base : (phys_addr_t)-1;
			phys_addr_t s = max(gs, m->base), e = min(ge, mend);

			if (s < e) {
				*start = s;
				*end = e;
				*idx = ((u64)mi << 16) | (ri + 1);
				return true;
			}
		}
	}
	*idx = (u64)memblock_memory.cnt << 16;
	return false;
}

void *
memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t start, end, best = 0;
	u64 idx = 0;

	size = ALIGN(size, PAGE_SIZE);
	while (memblock_next_free_range(&idx, &start, &end)) {
		phys_addr_t base = ALIGN_DOWN(end - size, align);

		if (end - start >= size && base >= start && base > best)
			best = base;
	}
	if (!best || memblock_reserve(best, size))
		return NULL;
	memset(__va(best), 0, size);
	return __va(best);
}

void
memblock_dump(void)
{
	pr_info("Early memory node ranges\n");
	for (unsigned int i = 0; i < memblock_memory.cnt; i++) {
		const struct memblock_region *r = &memblock_memory.regions[i];

		pr_info("  node   0: [mem 0x%016llx-0x%016llx]\n", (unsigned long long)r->base,
			(unsigned long long)(r->base + r->size - 1));
	}
}
