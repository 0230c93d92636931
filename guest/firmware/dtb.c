/*
 * dtb.c - the device tree handed to the kernel: a copy of the one the
 * firmware was given, at FW_DTB_ADDR, with
 *   /chosen/bootargs        the given DTB's bootargs (QEMU -append) if not
 *                           empty, else boot.cfg's cmdline;
 *   /reserved-memory/firmware@80000000   the firmware's resident range, no-map;
 *   a /memreserve/ entry    for the DTB copy itself (reserved, still mapped).
 */
#include "firmware/boot.h"
#include "firmware/console/console.h"
#include "firmware/memlayout.h"
#include "firmware/platform.h"
#include "lib/fdt.h"
#include "lib/string.h"
#include "lib/trace.h"

/* Writes one reg entry with the given cell counts (1 or 2 each). */
static int
dtb_set_reg(void *fdt, int off, int ac, int sc, u32 addr, u32 size)
{
	u32 reg[4];
	int n = 0;

	if (ac == 2)
		reg[n++] = 0;
	reg[n++] = cpu_to_fdt32(addr);
	if (sc == 2)
		reg[n++] = 0;
	reg[n++] = cpu_to_fdt32(size);
	return fdt_setprop(fdt, off, "reg", reg, n * 4);
}

/* /reserved-memory/firmware@80000000 { reg = <FW_BASE, FW_DTB_ADDR - FW_BASE>; no-map; } */
static int
dtb_reserve_firmware(void *fdt)
{
	int root = fdt_path_offset(fdt, "/");
	int ac = fdt_address_cells(fdt, root), sc = fdt_size_cells(fdt, root);
	int rsv, node, err;

	rsv = fdt_subnode_offset(fdt, root, "reserved-memory");
	if (rsv < 0) {
		rsv = fdt_add_subnode(fdt, root, "reserved-memory");
		if (rsv < 0)
			return rsv;
		/* The devicetree spec asks for the root's cell sizes here, and an empty ranges. */
		if ((err = fdt_setprop_u32(fdt, rsv, "#address-cells", (u32)ac)) ||
		    (err = fdt_setprop_u32(fdt, rsv, "#size-cells", (u32)sc)) ||
		    (err = fdt_setprop_empty(fdt, rsv, "ranges")))
			return err;
	} else {
		ac = fdt_address_cells(fdt, rsv);
		sc = fdt_size_cells(fdt, rsv);
	}
	node = fdt_add_subnode(fdt, rsv, "firmware@80000000");
	if (node < 0)
		return node;
	if ((err = dtb_set_reg(fdt, node, ac, sc, FW_BASE, FW_DTB_ADDR - FW_BASE)) ||
	    (err = fdt_setprop_empty(fdt, node, "no-map")))
		return err;
	return 0;
}

void *
boot_prepare_dtb(const void *src, const char *cfg_cmdline)
{
	void *fdt = (void *)FW_DTB_ADDR;
	const char *given;
	const char *cmdline;
	int chosen, err, len;

	if (!src || fdt_check_header(src)) {
		printf("  no valid device tree was given to the firmware\n");
		return NULL;
	}
	err = fdt_open_into(src, fdt, FW_DTB_SIZE);
	if (err) {
		printf("  device tree: cannot copy (%s)\n", fdt_strerror(err));
		return NULL;
	}
	chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen < 0)
		chosen = fdt_add_subnode(fdt, 0, "chosen");
	given = chosen >= 0 ? fdt_getprop(fdt, chosen, "bootargs", &len) : NULL;
	if (given && len > 1 && given[0]) {
		cmdline = given;
		printf("  kernel command line (given to the firmware, QEMU -append): \"%s\"\n", cmdline);
		err = 0;
	} else {
		cmdline = cfg_cmdline;
		printf("  kernel command line (from boot.cfg): \"%s\"\n", cmdline);
		err = chosen < 0 ? chosen : fdt_setprop_string(fdt, chosen, "bootargs", cmdline);
	}
	if (!err)
		err = dtb_reserve_firmware(fdt);
	if (!err)
		err = fdt_add_mem_rsv(fdt, FW_DTB_ADDR, FW_DTB_SIZE);
	if (!err)
		err = fdt_pack(fdt);
	if (err) {
		printf("  device tree: cannot edit (%s)\n", fdt_strerror(err));
		return NULL;
	}
	printf("  device tree for the kernel at 0x%08x (%u bytes): /chosen/bootargs,\n"
	       "    /reserved-memory/firmware@80000000 = 0x%08lx-0x%08lx no-map, /memreserve/ for "
	       "itself\n",
	       (u32)FW_DTB_ADDR, fdt_totalsize(fdt), FW_BASE, FW_DTB_ADDR - 1);
	trace_role(platform.trace, FW_DTB_ADDR, FW_DTB_SIZE / PAGE_SIZE, TRACE_ROLE_DTB);
	return fdt;
}
