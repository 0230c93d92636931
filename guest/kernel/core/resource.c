/*
 * resource.c - a flat list of named physical ranges; /proc/iomem nests
 * each inside the System RAM bank that contains it, in address order.
 */
#include "kernel/core/resource.h"
#include "kernel/core/errno.h"
#include "kernel/mm/memblock.h"
#include "lib/printf.h"

struct resource {
	const char *name;
	phys_addr_t start, end;	/* inclusive */
};

static struct resource resources[MAX_RESOURCES];
static unsigned int nr_resources;

int
insert_resource(const char *name, phys_addr_t start, phys_addr_t end)
{
	unsigned int i;

	if (nr_resources == MAX_RESOURCES)
		return -ENOSPC;
	for (i = nr_resources; i > 0 && resources[i - 1].start > start; i--)
		resources[i] = resources[i - 1];
	resources[i] = (struct resource){ name, start, end };
	nr_resources++;
	return 0;
}

static bool
in_ram(const struct resource *r, const struct memblock_region *bank)
{
	return r->start >= bank->base && r->end <= bank->base + bank->size - 1;
}

size_t
iomem_show(char *buf, size_t len)
{
	size_t n = 0;
	unsigned int ri = 0;

#define EMIT(...) (n += snprintf(buf + n, n < len ? len - n : 0, __VA_ARGS__))
	for (unsigned int b = 0; b <= memblock_memory.cnt; b++) {
		const struct memblock_region *bank =
			b < memblock_memory.cnt ? &memblock_memory.regions[b] : NULL;

		/* Top-level entries (devices) below this bank. */
		for (; ri < nr_resources && (!bank || resources[ri].end < bank->base); ri++) {
			bool inside = false;

			for (unsigned int k = 0; k < memblock_memory.cnt; k++)
				inside |= in_ram(&resources[ri], &memblock_memory.regions[k]);
			if (!inside)
				EMIT("%08lx-%08lx : %s\n", resources[ri].start, resources[ri].end,
				     resources[ri].name);
		}
		if (!bank)
			break;
		EMIT("%08lx-%08lx : System RAM\n", bank->base, bank->base + bank->size - 1);
		for (; ri < nr_resources && resources[ri].start <= bank->base + bank->size - 1; ri++)
			if (in_ram(&resources[ri], bank))
				EMIT("  %08lx-%08lx : %s\n", resources[ri].start, resources[ri].end,
				     resources[ri].name);
	}
#undef EMIT
	return n < len ? n : len;
}
