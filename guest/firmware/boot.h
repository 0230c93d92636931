/*
 * boot.h - the boot loader: boot.cfg, the kernel ELF, the kernel's DTB,
 * and the jump into S-mode.
 */
#ifndef FW_BOOT_H
#define FW_BOOT_H

#include "lib/types.h"

#define BOOT_PATH_MAX 128
#define BOOT_CMDLINE_MAX 512

struct boot_cfg {
	char image[BOOT_PATH_MAX];	/* default=/boot/vmlinuz-1.0 */
	char cmdline[BOOT_CMDLINE_MAX];	/* cmdline=console=ttyS0 */
};

struct boot_kernel {
	u32 entry;	/* physical entry point */
	u32 start, end;	/* physical extent of the loaded segments */
};

/* Reads /boot/boot.cfg from the disk; missing keys keep their defaults. */
int boot_read_cfg(struct boot_cfg *cfg);
/* Loads the PT_LOAD segments of the ELF at path to their p_paddr. */
int boot_load_kernel(const char *path, struct boot_kernel *k);
/* Builds the kernel's DTB at FW_DTB_ADDR from the given one; returns its address or 0. */
void *boot_prepare_dtb(const void *src, const char *cfg_cmdline);
/* mret to S-mode at entry with a0 = hartid, a1 = dtb, satp = 0. */
void boot_enter_kernel(u32 entry, u32 hartid, void *dtb) __attribute__((noreturn));

#endif /* FW_BOOT_H */
