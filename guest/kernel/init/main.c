/*
 * main.c - start_kernel: the boot story, one init call per line, from the
 * devicetree to the shell. head.S calls it with the MMU on, on the boot
 * stack, with a0 = hartid and a1 = the DTB's physical address.
 */
#include "kernel/arch/csr.h"
#include "kernel/arch/paging.h"
#include "kernel/arch/sbi.h"
#include "kernel/arch/smp.h"
#include "kernel/arch/time.h"
#include "kernel/arch/trap.h"
#include "kernel/core/hooks.h"
#include "kernel/core/init.h"
#include "kernel/core/panic.h"
#include "kernel/core/params.h"
#include "kernel/core/printk.h"
#include "kernel/core/version.h"
#include "kernel/drivers/device.h"
#include "kernel/drivers/of.h"
#include "kernel/drivers/trace.h"
#include "kernel/fs/fs.h"
#include "kernel/mm/memblock.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/shell/shell.h"
#include "kernel/syscalls.h"
#include "lib/string.h"

unsigned long boot_hartid;

void start_kernel(unsigned long hartid, phys_addr_t dtb_pa);

static int __init
quiet_kernel(char *val)
{
	(void)val;
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	return 0;
}
__setup("quiet", quiet_kernel);

static int __init
loglevel(char *val)
{
	console_loglevel = (int)strtoul(val, NULL, 0);
	return 0;
}
__setup("loglevel=", loglevel);

static int __init
debug_kernel(char *val)
{
	(void)val;
	console_loglevel = 10;
	return 0;
}
__setup("debug", debug_kernel);

/* The handled-elsewhere words, so that they are not reported as unknown. */
static int __init
ignore_param(char *val)
{
	(void)val;
	return 0;
}
__setup("console=", ignore_param);
__setup("earlycon", ignore_param);
__setup("earlycon=", ignore_param);
__setup("root=", ignore_param);
__setup("rw", ignore_param);
__setup("ro", ignore_param);
__setup("BOOT_IMAGE=", ignore_param);

/* Linux parses quiet/loglevel before the early console: so do we. */
static void __init
parse_early_param(void)
{
	char buf[8];

	if (cmdline_find_option_bool(boot_command_line, "quiet"))
		console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	if (cmdline_find_option(boot_command_line, "loglevel", buf, sizeof(buf)) > 0)
		console_loglevel = (int)strtoul(buf, NULL, 0);
}

static void __init
zone_sizes_init(void)
{
	u64 start = memblock_start_of_DRAM(), end = memblock_end_of_DRAM();

	pr_info("Zone ranges:\n");
	pr_info("  Normal   [mem 0x%016llx-0x%016llx]\n", start, end - 1);
	pr_info("Movable zone start for each node\n");
	memblock_dump();
	pr_info("Initmem setup node 0 [mem 0x%016llx-0x%016llx]\n", start, end - 1);
}

static void __init
setup_arch(void)
{
	pr_info("Machine model: %s\n", of_machine_model);
	sbi_init();
	parse_early_param();
	if (cmdline_find_option_bool(boot_command_line, "earlycon") ||
	    cmdline_find_option(boot_command_line, "earlycon", NULL, 0) >= 0)
		sbi_earlycon_init();		/* "earlycon": the SBI console until ttyS0 */
	paging_init(memblock_end_of_DRAM());
	early_init_fdt_scan_reserved_mem();
	reserve_crashkernel();
	zone_sizes_init();
	pr_info("riscv: ISA extensions aim\n");
}

/* "Memory: 60000K/65536K available (...)", as Linux's mem_init_print_info. */
static void __init
mem_init_print_info(void)
{
	unsigned long physpages = memblock_phys_mem_size() >> 10;
	unsigned long avail = nr_free_pages() << (PAGE_SHIFT - 10);

	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, "
		"%luK init, %luK bss, %luK reserved)\n", avail, physpages,
		(unsigned long)(_etext - _text) >> 10, (unsigned long)(_edata - _sdata) >> 10,
		(unsigned long)(__end_rodata - __start_rodata) >> 10,
		(unsigned long)(__init_end - __init_begin) >> 10,
		(unsigned long)(__bss_stop - __bss_start) >> 10, physpages - avail);
}

void __init
do_initcalls(void)
{
	extern const initcall_t __initcall_start[], __initcall_end[];

	for (const initcall_t *fn = __initcall_start; fn < __initcall_end; fn++)
		(*fn)();
}

static void
free_initmem(void)
{
	unsigned long kb = (unsigned long)(__init_end - __init_begin) >> 10;

	free_reserved_area(__init_begin, __init_end);
	pr_info("Freeing unused kernel image (initmem) memory: %luK\n", kb);
}

/* What runs after boot: not __init, since the init sections are freed here. */
static void __attribute__((noreturn, noinline))
rest_init(void)
{
	free_initmem();
	pr_info("Run /bin/sh as init process\n");
	console_fds_init();
	ktrace_phase(TRACE_PHASE_SHELL_READY, 0);
	shell_main();
}

void __init
start_kernel(unsigned long hartid, phys_addr_t dtb_pa)
{
	bool have_dtb;

	boot_hartid = hartid;
	trap_init();				/* stvec: faults now oops instead of hanging */
	have_dtb = early_init_dt_scan(dtb_pa);	/* model, bootargs, timebase, RAM banks */
	if (have_dtb)
		trace_init(initial_boot_params);	/* the kexec-lab trace port, if declared */
	ktrace_phase(TRACE_PHASE_KERNEL_BOOT, KERNEL_PHYS_BASE);
	printk(KERN_NOTICE "%s", linux_banner);
	if (!have_dtb)
		panic("no valid device tree at 0x%08lx", dtb_pa);
	setup_arch();				/* early console, page tables, reservations */
	pr_info("Built 1 zonelists, mobility grouping off.  Total pages: %lu\n",
		(unsigned long)(memblock_phys_mem_size() >> PAGE_SHIFT));
	parse_early_params();			/* "Kernel command line: ..." */
	parse_args();				/* the __setup handlers */
	mem_init();				/* memblock -> page allocator */
	mem_init_print_info();
	pr_info("riscv-intc: 32 local interrupts mapped\n");
	time_init();				/* clocksource and the HZ tick */
	pr_info("Calibrating delay loop (skipped), value calculated using timer frequency.. "
		"%lu.%02lu BogoMIPS (lpj=%lu)\n", (unsigned long)(riscv_timebase / 500000),
		(unsigned long)(riscv_timebase / 5000 % 100), (unsigned long)(riscv_timebase / HZ));
	local_irq_enable();
	console_file_init();			/* /dev/console */
	proc_root_init();			/* /proc, /sys/firmware/fdt */
	of_platform_populate();			/* PLIC, ttyS0, virtio-blk, virtio-net */
	do_initcalls();				/* late subsystems (kexec) */
	if (mount_root())			/* the cpio archive on vda */
		pr_warn("VFS: no root file system; only /proc and /sys\n");
	rest_init();
}
