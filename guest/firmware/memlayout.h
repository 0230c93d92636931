/*
 * memlayout.h - where the firmware lives and what it hands to the kernel.
 *
 *   0x8000_0000  firmware image: text, rodata, data, bss (stacks, virtqueue)
 *   ...   _end   (firmware.ld checks _end <= FW_DTB_ADDR)
 *   0x801F_0000  the DTB prepared for the kernel (FW_DTB_SIZE bytes at most),
 *                listed in the DTB's /memreserve/ map: reserved, mappable
 *   0x8020_0000  end of the firmware's range. [FW_BASE, FW_DTB_ADDR) appears
 *                in the kernel's DTB as /reserved-memory/firmware@80000000,
 *                no-map: the SBI runtime and its stack stay resident there.
 *   0x8040_0000  the kernel, loaded from disk at its PT_LOAD p_paddr
 *   ...          top of RAM: QEMU's DTB (QEMU puts it near the top)
 */
#ifndef FW_MEMLAYOUT_H
#define FW_MEMLAYOUT_H

#define FW_BASE 0x80000000UL
#define FW_SIZE 0x00200000UL	/* 2 MiB reserved for the firmware */
#define FW_DTB_SIZE 0x00010000UL	/* 64 KiB for the kernel's DTB */
#define FW_DTB_ADDR (FW_BASE + FW_SIZE - FW_DTB_SIZE)
#define FW_STACK_SIZE 0x4000	/* boot stack, reused as the M-mode trap stack */

/* Defaults when the DTB says nothing (QEMU virt's addresses). */
#define FW_DEFAULT_UART 0x10000000UL
#define FW_DEFAULT_CLINT 0x02000000UL
#define FW_DEFAULT_SYSCON 0x00100000UL

#endif /* FW_MEMLAYOUT_H */
