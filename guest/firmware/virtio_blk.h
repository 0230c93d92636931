/*
 * virtio_blk.h - the firmware's polling virtio-blk driver (virtio-mmio v2).
 */
#ifndef FW_VIRTIO_BLK_H
#define FW_VIRTIO_BLK_H

#include "lib/types.h"

/* Finds the first virtio-mmio block device in the DTB and sets it up; 0 or -1. */
int virtio_blk_probe(const void *dtb);
/* Capacity in bytes (a multiple of 512). */
u64 virtio_blk_size(void);
/* Copies len bytes at byte offset off of the disk to dst; 0 or -1 on an I/O error. */
int virtio_blk_read(u64 off, void *dst, u32 len);
/* "block device", "network card"... for a virtio-mmio slot; NULL without the magic. */
const char *virtio_mmio_describe(volatile void *base);
/* Writes status 0: the device forgets the queue before the kernel takes over. */
void virtio_blk_reset(void);

#endif /* FW_VIRTIO_BLK_H */
