/*
 * paging.h - the kernel's page table after boot: the Sv32 root that
 * head.S built (swapper_pg_dir), trimmed to the machine's RAM.
 */
#ifndef KERNEL_ARCH_PAGING_H
#define KERNEL_ARCH_PAGING_H

#include "kernel/memlayout.h"

/*
 * Drops head.S's identity entry for the kernel, unmaps the linear map past
 * the end of RAM, reserves the kernel image in memblock, names its sections
 * in /proc/iomem and tags them for the trace port.
 */
void paging_init(phys_addr_t ram_end);

#endif /* KERNEL_ARCH_PAGING_H */
