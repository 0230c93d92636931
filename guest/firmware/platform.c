/*
 * platform.c - reading the board description from the DTB: memory, the
 * devices the firmware itself drives (UART, CLINT, syscon) and the
 * kexec-lab trace port, which exists only in our emulator.
 */
#include "firmware/platform.h"
#include "firmware/memlayout.h"
#include "lib/fdt.h"
#include "lib/string.h"
#include "lib/trace.h"

#define SYSCON_POWEROFF 0x5555	/* sifive,test0: FINISHER_PASS */
#define SYSCON_RESET 0x7777	/* sifive,test0: FINISHER_RESET */

struct platform platform;

/* reg[0] of the first node compatible with compat, or dflt. */
static uintptr_t
platform_reg_of(const char *compat, uintptr_t dflt)
{
	int off;
	u64 addr;

	if (!platform.dtb_size)
		return dflt;
	off = fdt_node_offset_by_compatible(platform.dtb, -1, compat);
	if (off < 0 || fdt_get_reg(platform.dtb, off, 0, &addr, NULL) < 0)
		return dflt;
	return (uintptr_t)addr;
}

static void
platform_probe_memory(void)
{
	const void *fdt = platform.dtb;
	u64 base, size;
	int off;

	platform.ram_base = FW_BASE;
	platform.ram_size = 16 << 20;	/* the smallest board, when the DTB says nothing */
	if (!platform.dtb_size)
		return;
	for (off = fdt_next_node(fdt, -1, NULL); off >= 0; off = fdt_next_node(fdt, off, NULL)) {
		int len;
		const char *type = fdt_getprop(fdt, off, "device_type", &len);

		if (!type || strcmp(type, "memory") || fdt_get_reg(fdt, off, 0, &base, &size) < 0)
			continue;
		platform.ram_base = (u32)base;
		/* RAM ends at most at 4 GiB on rv32. */
		platform.ram_size = base + size > 0x100000000ULL ? (u32)(0x100000000ULL - base) : (u32)size;
		return;
	}
}

void
platform_probe(u32 hartid, const void *dtb)
{
	u32 tb;
	int cpus;

	platform.hartid = hartid;
	platform.dtb = dtb;
	platform.dtb_size = dtb && fdt_check_header(dtb) == 0 ? fdt_totalsize(dtb) : 0;
	platform.model = "unknown board";
	if (platform.dtb_size) {
		const char *model = fdt_getprop(dtb, 0, "model", NULL);

		if (model)
			platform.model = model;
	}
	platform_probe_memory();
	platform.uart = platform_reg_of("ns16550a", FW_DEFAULT_UART);
	platform.clint = platform_reg_of("riscv,clint0", FW_DEFAULT_CLINT);
	platform.syscon = platform_reg_of("sifive,test0", FW_DEFAULT_SYSCON);
	platform.trace = (volatile void *)platform_reg_of(TRACE_COMPATIBLE, 0);
	if (platform.trace && !trace_probe(platform.trace))
		platform.trace = NULL;	/* declared but silent: do not trust it */
	platform.timebase_hz = 10000000;
	cpus = platform.dtb_size ? fdt_path_offset(dtb, "/cpus") : -1;
	if (cpus >= 0 && fdt_getprop_u32(dtb, cpus, "timebase-frequency", &tb) == 0)
		platform.timebase_hz = tb;
}

void
platform_poweroff(void)
{
	*(volatile u32 *)platform.syscon = SYSCON_POWEROFF;
	for (;;)
		__asm__ volatile("wfi");
}

void
platform_reset(void)
{
	*(volatile u32 *)platform.syscon = SYSCON_RESET;
	for (;;)
		__asm__ volatile("wfi");
}
