/*
 * devices.c - the device list printed at boot: every DTB node with a "reg",
 * its address range and interrupt, and for virtio slots what sits in them.
 */
#include "firmware/devices.h"
#include "firmware/console/console.h"
#include "firmware/virtio_blk.h"
#include "lib/fdt.h"
#include "lib/string.h"

static void
devices_print_node(const void *dtb, int off)
{
	const char *name = fdt_get_name(dtb, off, NULL);
	const char *compat = fdt_getprop(dtb, off, "compatible", NULL);
	const char *type = fdt_getprop(dtb, off, "device_type", NULL);
	u64 addr, size;
	u32 irq;

	if (fdt_get_reg(dtb, off, 0, &addr, &size) < 0)
		return;
	if (type && !strcmp(type, "cpu"))
		return;	/* reg is the hart ID, listed with the CPUs */
	printf("  %-24s 0x%08x-0x%08x", name, (u32)addr, (u32)(addr + size - 1));
	if (fdt_getprop_u32(dtb, off, "interrupts", &irq) == 0)
		printf(" irq %2u", irq);
	else
		printf("       ");
	printf("  %s", compat ? compat : type ? type : "");
	if (compat && !strcmp(compat, "virtio,mmio")) {
		const char *what = virtio_mmio_describe((volatile void *)(uintptr_t)addr);

		printf(": %s", what ? what : "no device");
	}
	printf("\n");
}

void
devices_print(const void *dtb)
{
	int cpus, off;

	cpus = fdt_path_offset(dtb, "/cpus");
	for (off = cpus >= 0 ? fdt_first_subnode(dtb, cpus) : -1; off >= 0;
	     off = fdt_next_subnode(dtb, off)) {
		const char *isa = fdt_getprop(dtb, off, "riscv,isa", NULL);
		const char *mmu = fdt_getprop(dtb, off, "mmu-type", NULL);
		u32 hart;

		if (!isa || fdt_getprop_u32(dtb, off, "reg", &hart) < 0)
			continue;
		printf("  hart %u: %s, MMU %s\n", hart, isa, mmu ? mmu : "none");
	}
	for (off = fdt_next_node(dtb, -1, NULL); off >= 0; off = fdt_next_node(dtb, off, NULL))
		devices_print_node(dtb, off);
}
