/*
 * virtio.h (kernel) - a virtio device on the mmio transport and its split
 * virtqueues (virtio 1.x). The transport (virtio_mmio.c) resets the device
 * at probe, negotiates features and hands the device to its driver.
 */
#ifndef KERNEL_DRIVERS_VIRTIO_H
#define KERNEL_DRIVERS_VIRTIO_H

#include "kernel/drivers/device.h"
#include "lib/virtio.h"

struct virtqueue {
	unsigned int index;		/* queue number at the device */
	unsigned int num;		/* ring size */
	struct virtq_desc *desc;
	struct virtq_avail *avail;
	struct virtq_used *used;
	u16 last_used_idx;		/* next used entry to look at */
	u16 free_head;			/* free descriptors, chained by .next */
	u16 num_free;
	struct virtio_device *vdev;
};

struct virtio_device {
	struct device *dev;		/* the platform device (virtio_mmio@...) */
	int index;			/* N in "virtioN" */
	char name[12];			/* "virtio0" */
	volatile u8 *base;
	u32 device_id;			/* VIRTIO_ID_* */
	u64 features;			/* negotiated */
	void *priv;			/* the device driver's state */
	void (*interrupt)(struct virtio_device *vdev);
	void (*shutdown)(struct virtio_device *vdev);
};

/* Reads a 8/16/32-bit little-endian field of the device configuration space. */
u32 virtio_cread32(struct virtio_device *vdev, unsigned int off);
u8 virtio_cread8(struct virtio_device *vdev, unsigned int off);
/*
 * Feature negotiation: offers the device's features masked by wanted
 * (VIRTIO_F_VERSION_1 is always required), sets FEATURES_OK and checks it.
 */
int virtio_negotiate(struct virtio_device *vdev, u64 wanted);
/*
 * Sets up queue index with ring memory at `ring` (one zeroed page: desc,
 * avail and used, num <= 64 entries); num is clipped to QueueNumMax.
 */
int virtqueue_init(struct virtio_device *vdev, struct virtqueue *vq, unsigned int index,
		   void *ring, unsigned int num);
/* Makes a descriptor chain of n buffers available; returns its head or -ENOSPC. */
int virtqueue_add(struct virtqueue *vq, const phys_addr_t *addr, const u32 *len,
		  const u16 *flags, unsigned int n);
/* Next used chain: its head id and written length; false if none. Frees the chain. */
bool virtqueue_get_buf(struct virtqueue *vq, u32 *id, u32 *len);
void virtqueue_kick(struct virtqueue *vq);
void virtio_device_ready(struct virtio_device *vdev);
/* Writes status 0: the device forgets its queues and stops all DMA. */
void virtio_reset_device(struct virtio_device *vdev);

int virtio_blk_probe(struct virtio_device *vdev);
int virtio_net_probe(struct virtio_device *vdev);

#endif /* KERNEL_DRIVERS_VIRTIO_H */
