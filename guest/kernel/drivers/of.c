/*
 * of.c - reads the flattened devicetree early in boot, as Linux's
 * drivers/of/fdt.c: the machine model, /chosen bootargs and initrd, the
 * timebase, RAM banks into memblock, and every range that must stay untouched.
 */
#include "kernel/core/init.h"
#include "kernel/drivers/of.h"
#include "kernel/arch/time.h"
#include "kernel/core/params.h"
#include "kernel/core/printk.h"
#include "kernel/core/resource.h"
#include "kernel/drivers/trace.h"
#include "kernel/mm/memblock.h"
#include "lib/fdt.h"
#include "lib/string.h"

const void *initial_boot_params;
phys_addr_t initial_boot_params_pa;
const char *of_machine_model = "unknown";
phys_addr_t initrd_start_pa, initrd_end_pa;

static u64
of_read_number(const void *cell, int count)
{
	const u32 *c = cell;
	u64 v = 0;

	while (count--)
		v = (v << 32) | fdt32_to_cpu(*c++);
	return v;
}

static void __init
early_init_dt_scan_chosen(const void *fdt)
{
	int node = fdt_path_offset(fdt, "/chosen");
	const void *p;
	int len;

	if (node < 0)
		return;
	p = fdt_getprop(fdt, node, "bootargs", &len);
	if (p && len > 0)
		strlcpy(boot_command_line, p, COMMAND_LINE_SIZE);
	p = fdt_getprop(fdt, node, "linux,initrd-start", &len);
	if (p && (len == 4 || len == 8)) {
		const void *e;
		int elen;

		initrd_start_pa = of_read_number(p, len / 4);
		e = fdt_getprop(fdt, node, "linux,initrd-end", &elen);
		if (e && (elen == 4 || elen == 8))
			initrd_end_pa = of_read_number(e, elen / 4);
		if (initrd_end_pa <= initrd_start_pa)
			initrd_start_pa = initrd_end_pa = 0;
	}
}

static void __init
early_init_dt_scan_memory(const void *fdt)
{
	for (int node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		u64 base, size;

		if (!type || strcmp(type, "memory") != 0 || !of_device_is_available(node))
			continue;
		for (int i = 0; fdt_get_reg(fdt, node, i, &base, &size) == 0; i++) {
			/* RAM the linear map can reach: [RAM_BASE, RAM_BASE + 1 GiB) */
			if (base < RAM_BASE || base >= RAM_BASE + RAM_MAX_SIZE)
				continue;
			size = min(size, (u64)(RAM_BASE + RAM_MAX_SIZE - base));
			memblock_add(base, size);
		}
	}
}

bool __init
early_init_dt_scan(phys_addr_t dtb_pa)
{
	const void *fdt = __va(dtb_pa);
	int node;
	u32 tb;

	if (dtb_pa < RAM_BASE || dtb_pa >= RAM_BASE + RAM_MAX_SIZE || fdt_check_header(fdt))
		return false;
	initial_boot_params = fdt;
	initial_boot_params_pa = dtb_pa;
	of_machine_model = fdt_getprop(fdt, 0, "model", NULL);
	if (!of_machine_model)
		of_machine_model = fdt_getprop(fdt, 0, "compatible", NULL);
	if (!of_machine_model)
		of_machine_model = "unknown";
	node = fdt_path_offset(fdt, "/cpus");
	if (node >= 0 && fdt_getprop_u32(fdt, node, "timebase-frequency", &tb) == 0 && tb)
		riscv_timebase = tb;
	early_init_dt_scan_chosen(fdt);
	early_init_dt_scan_memory(fdt);
	return true;
}

size_t
of_fdt_size(void)
{
	return initial_boot_params ? fdt_totalsize(initial_boot_params) : 0;
}

static void __init
reserve_and_tag(phys_addr_t base, phys_addr_t size, u32 role, const char *iomem_name)
{
	phys_addr_t start = ALIGN_DOWN(base, PAGE_SIZE), end = ALIGN(base + size, PAGE_SIZE);

	memblock_reserve(base, size);
	ktrace_role(start, (end - start) >> PAGE_SHIFT, role);
	if (iomem_name)
		insert_resource(iomem_name, base, base + size - 1);
}

/*
 * What the DTB reserves, and only that, as Linux does: the firmware's
 * /reserved-memory node and the /memreserve/ entries show as "Reserved" in
 * /proc/iomem (so kexec keeps away from them); RAM between the firmware and
 * the kernel goes to the page allocator like any other free RAM.
 */
void __init
early_init_fdt_scan_reserved_mem(void)
{
	const void *fdt = initial_boot_params;
	int node, n;

	if (!fdt)
		return;
	n = fdt_num_mem_rsv(fdt);
	for (int i = 0; i < n; i++) {
		u64 addr, size;

		if (fdt_get_mem_rsv(fdt, i, &addr, &size) == 0 && size)
			reserve_and_tag(addr, size, TRACE_ROLE_RESERVED, "Reserved");
	}
	node = fdt_path_offset(fdt, "/reserved-memory");
	if (node >= 0) {
		for (int child = fdt_first_subnode(fdt, node); child >= 0;
		     child = fdt_next_subnode(fdt, child)) {
			u64 addr, size;

			if (!of_device_is_available(child))
				continue;
			/* Below the kernel: the resident firmware (SBI) that loaded us. */
			for (int i = 0; fdt_get_reg(fdt, child, i, &addr, &size) == 0; i++)
				reserve_and_tag(addr, size, addr + size <= KERNEL_PHYS_BASE ?
						TRACE_ROLE_FIRMWARE : TRACE_ROLE_RESERVED,
						"Reserved");
		}
	}
	/* Last, so its pages show as DTB even when a /memreserve/ also covers it. */
	reserve_and_tag(initial_boot_params_pa, fdt_totalsize(fdt), TRACE_ROLE_DTB, NULL);
	if (initrd_start_pa)
		reserve_and_tag(initrd_start_pa, initrd_end_pa - initrd_start_pa,
				TRACE_ROLE_INITRD, NULL);
}

int
of_irq_get(int node)
{
	u32 irq;

	if (fdt_getprop_u32(initial_boot_params, node, "interrupts", &irq) < 0)
		return -1;
	return irq;
}

int
of_address(int node, phys_addr_t *base, phys_addr_t *size)
{
	u64 b, s;
	int err = fdt_get_reg(initial_boot_params, node, 0, &b, &s);

	if (err < 0)
		return err;
	*base = b;
	*size = s;
	return 0;
}

bool
of_device_is_available(int node)
{
	int len;
	const char *status = fdt_getprop(initial_boot_params, node, "status", &len);

	return !status || strcmp(status, "okay") == 0 || strcmp(status, "ok") == 0;
}
