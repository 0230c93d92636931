/*
 * main.c - the firmware's story, from reset to the kernel: console and
 * banner, POST, the devices in the DTB, the M-mode setup the kernel relies
 * on (traps, delegation, PMP, SBI), then the boot loader and mret.
 */
#include "firmware/boot.h"
#include "firmware/console/console.h"
#include "firmware/console/uart.h"
#include "firmware/devices.h"
#include "firmware/memlayout.h"
#include "firmware/platform.h"
#include "firmware/post.h"
#include "firmware/sbi.h"
#include "firmware/trap.h"
#include "firmware/virtio_blk.h"
#include "lib/string.h"
#include "lib/trace.h"

#define FW_NAME "kexec-lab firmware"
#define FW_VERSION "1.0"
#define BOOT_DEFAULT_IMAGE "/boot/vmlinuz-1.0"
#define BOOT_DEFAULT_CMDLINE "console=ttyS0"

static struct boot_cfg cfg;
static struct boot_kernel kernel;

void fw_main(u32 hartid, const void *dtb) __attribute__((noreturn));

void
fw_main(u32 hartid, const void *dtb)
{
	void *kernel_dtb;

	platform_probe(hartid, dtb);		/* RAM, UART, CLINT, syscon from the DTB */
	uart_init(platform.uart);		/* the console, polled */
	printf("\n%s %s (M-mode, resident at 0x%08lx-0x%08lx)\n", FW_NAME, FW_VERSION, FW_BASE,
	       FW_BASE + FW_SIZE - 1);
	printf("Board: %s; hart %u; DTB at 0x%08x (%u bytes); timebase %u Hz\n", platform.model,
	       hartid, (u32)(uintptr_t)dtb, platform.dtb_size, platform.timebase_hz);
	if (!platform.dtb_size)
		panic("no device tree in a1: cannot find RAM or devices");
	printf("RAM: 0x%08x-0x%08x (%u MiB)\n", platform.ram_base,
	       platform.ram_base + platform.ram_size - 1, platform.ram_size >> 20);
	if (platform.trace)
		printf("Trace port at 0x%08x (kexec-lab): page roles and boot phases reported\n",
		       (u32)(uintptr_t)platform.trace);

	trace_phase(platform.trace, TRACE_PHASE_FIRMWARE_POST, 0);
	trace_role(platform.trace, FW_BASE, FW_SIZE / PAGE_SIZE, TRACE_ROLE_FIRMWARE);
	trace_role(platform.trace, (u32)(uintptr_t)dtb & ~(PAGE_SIZE - 1),
		   DIV_ROUND_UP(((u32)(uintptr_t)dtb & (PAGE_SIZE - 1)) + platform.dtb_size, PAGE_SIZE),
		   TRACE_ROLE_DTB);
	post_memtest();				/* all RAM but us and the DTB */

	printf("Devices (from the device tree):\n");
	devices_print(dtb);

	printf("M-mode setup for the kernel:\n");
	trap_init();				/* mtvec, medeleg/mideleg, PMP, counters */
	sbi_print_info();

	trace_phase(platform.trace, TRACE_PHASE_FIRMWARE_BOOTLOADER, 0);
	printf("Boot loader:\n");
	strlcpy(cfg.image, BOOT_DEFAULT_IMAGE, sizeof(cfg.image));
	strlcpy(cfg.cmdline, BOOT_DEFAULT_CMDLINE, sizeof(cfg.cmdline));
	if (virtio_blk_probe(dtb) < 0)
		panic("no boot disk: add a virtio-blk device holding disk.img");
	boot_read_cfg(&cfg);			/* default image and command line */
	kernel_dtb = boot_prepare_dtb(dtb, cfg.cmdline);
	if (!kernel_dtb)
		panic("cannot prepare the device tree for the kernel");
	if (boot_load_kernel(cfg.image, &kernel) < 0)
		panic("cannot load %s", cfg.image);
	virtio_blk_reset();			/* the kernel finds the disk as after reset */
	printf("  virtio-blk reset: the kernel will find the disk as after power-on\n");
	printf("Starting the kernel in S-mode at 0x%08x (a0 = hartid %u, a1 = DTB 0x%08x)\n\n",
	       kernel.entry, hartid, (u32)(uintptr_t)kernel_dtb);
	boot_enter_kernel(kernel.entry, hartid, kernel_dtb);
}
