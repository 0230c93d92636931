/*
 * trace.c - finds the "kexec-lab,trace" node in the DTB and checks the
 * port's magic; until then, and forever on QEMU, every ktrace_* is a no-op.
 */
#include "kernel/core/init.h"
#include "kernel/drivers/trace.h"
#include "kernel/memlayout.h"
#include "lib/fdt.h"

volatile void *trace_base;

void __init
trace_init(const void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, TRACE_COMPATIBLE);
	u64 addr, size;
	volatile void *base;

	if (node < 0 || fdt_get_reg(fdt, node, 0, &addr, &size) < 0)
		return;
	base = ioremap(addr, TRACE_MMIO_SIZE);
	if (trace_probe(base))
		trace_base = base;
}
