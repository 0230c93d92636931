/*
 * memlayout.h - the one place that draws Kestrel's memory map, physical and
 * virtual, and the macros that convert between them (__pa, __va).
 */
#ifndef KERNEL_MEMLAYOUT_H
#define KERNEL_MEMLAYOUT_H

/*
 * Physical (QEMU virt, 32-bit):
 *
 *   0x0000_1000  reset ROM
 *   0x0010_0000  syscon (sifive_test)
 *   0x0200_0000  CLINT (M-mode only; we use SBI TIME)
 *   0x0C00_0000  PLIC
 *   0x1000_0000  UART 16550A
 *   0x1000_1000  virtio-mmio slots, 0x1000 apart
 *   0x1010_0000  kexec-lab trace port (only when the DTB declares it)
 *   0x8000_0000  RAM: firmware (M-mode, reserved in the DTB)
 *   0x8040_0000  RAM: the kernel image (text, rodata, init, data, bss)
 *   ...          RAM: free pages, the DTB, up to 1 GiB
 *
 * Virtual (Sv32, one root page table of 4 MiB megapages, no second level):
 *
 *   0x0000_0000 .. 0x1FFF_FFFF  MMIO, identity mapped (VA == PA), R/W
 *   0xC000_0000 .. 0xFFFF_FFFF  the linear map: VA = PA + 0x4000_0000 for
 *                               all of RAM (0x8000_0000 .. 0xBFFF_FFFF), RWX
 *   0xC040_0000                 the kernel, as linked (kernel.ld)
 *
 * Nothing else is mapped. In particular a kernel virtual address such as
 * 0xC040_1234 is NOT a valid physical address (no RAM or device answers at
 * 0xC000_0000 and above): with satp = 0 the kexec relocation routine's next
 * fetch from it faults, which is how it turns the MMU off (KEXEC.md, 2).
 */

#define RAM_BASE		0x80000000UL
#define RAM_MAX_SIZE		0x40000000UL	/* 1 GiB */
#define PAGE_OFFSET		0xC0000000UL	/* VA of RAM_BASE */
#define VA_PA_OFFSET		(PAGE_OFFSET - RAM_BASE)	/* 0x4000_0000 */
#define KERNEL_PHYS_BASE	0x80400000UL	/* 4 MiB aligned, as RV32 Linux */
#define KERNEL_VIRT_BASE	(KERNEL_PHYS_BASE + VA_PA_OFFSET)
#define MMIO_IDENTITY_END	0x20000000UL	/* [0, this) is identity mapped */

#define UART0_PHYS		0x10000000UL	/* only the early defaults; */
#define SYSCON_PHYS		0x00100000UL	/* drivers use the DTB's reg */

#define MEGAPAGE_SIZE		0x400000UL	/* 4 MiB, one Sv32 root PTE */

#ifndef __ASSEMBLER__
#include "lib/types.h"

typedef unsigned long phys_addr_t;

/* Physical address of a linear-map (kernel) virtual address, and back. */
#ifndef KESTREL_HOST_TEST
#define __pa(x)		((phys_addr_t)(x) - VA_PA_OFFSET)
#define __va(x)		((void *)((unsigned long)(x) + VA_PA_OFFSET))
#else
/* Host unit tests (*_test.c): "RAM" is a buffer the test allocates. */
extern unsigned char *host_ram;
#define __pa(x)		((phys_addr_t)((unsigned char *)(x) - host_ram) + RAM_BASE)
#define __va(x)		((void *)(host_ram + ((phys_addr_t)(x) - RAM_BASE)))
#endif

/* MMIO below MMIO_IDENTITY_END is identity mapped: a device pointer is its address. */
static inline volatile void *
ioremap(phys_addr_t addr, unsigned long size)
{
	(void)size;
	if (addr + size > MMIO_IDENTITY_END)
		return NULL;
	return (volatile void *)addr;
}

static inline u32
readl(const volatile void *addr)
{
	u32 v = *(const volatile u32 *)addr;

	__asm__ volatile("fence i,r" ::: "memory");
	return v;
}

static inline void
writel(u32 v, volatile void *addr)
{
	__asm__ volatile("fence w,o" ::: "memory");
	*(volatile u32 *)addr = v;
}

static inline u8
readb(const volatile void *addr)
{
	u8 v = *(const volatile u8 *)addr;

	__asm__ volatile("fence i,r" ::: "memory");
	return v;
}

static inline void
writeb(u8 v, volatile void *addr)
{
	__asm__ volatile("fence w,o" ::: "memory");
	*(volatile u8 *)addr = v;
}
#endif

#endif /* KERNEL_MEMLAYOUT_H */
