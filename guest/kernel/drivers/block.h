/*
 * block.h - the one block device, vda (virtio-blk): synchronous sector
 * reads for the root file system loader.
 */
#ifndef KERNEL_DRIVERS_BLOCK_H
#define KERNEL_DRIVERS_BLOCK_H

#include "lib/types.h"

#define SECTOR_SIZE 512

/* Capacity of vda in 512-byte sectors; 0 without a disk. */
u64 block_capacity(void);
/* Reads nsect sectors from sector into buf (any kernel buffer); 0 or -EIO/-ENODEV. */
int block_read(u64 sector, void *buf, u32 nsect);

/* "1.05 MB" (units of 1000) or "1.00 MiB" (units of 1024), as Linux's string_get_size. */
void string_get_size(u64 bytes, bool binary, char *buf, size_t len);

#endif /* KERNEL_DRIVERS_BLOCK_H */
