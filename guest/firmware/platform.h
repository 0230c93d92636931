/*
 * platform.h - what the firmware learned from the DTB it was given: RAM,
 * the UART, CLINT, syscon and trace port addresses, the timebase.
 */
#ifndef FW_PLATFORM_H
#define FW_PLATFORM_H

#include "lib/types.h"

struct platform {
	u32 hartid;
	const void *dtb;	/* the DTB from the reset ROM / QEMU (a1) */
	u32 dtb_size;		/* its fdt_totalsize, 0 when a1 held no DTB */
	u32 ram_base;
	u32 ram_size;
	uintptr_t uart;
	uintptr_t clint;
	uintptr_t syscon;
	volatile void *trace;	/* the kexec-lab trace port, NULL on QEMU */
	u32 timebase_hz;
	const char *model;
};

extern struct platform platform;

/* Fills platform from the DTB (falling back to QEMU virt's addresses). */
void platform_probe(u32 hartid, const void *dtb);
/* Power off (SBI shutdown) or reset (cold/warm reboot) through the syscon; never returns. */
void platform_poweroff(void) __attribute__((noreturn));
void platform_reset(void) __attribute__((noreturn));

#endif /* FW_PLATFORM_H */
