/*
 * virtio_blk.c - the virtio block device (vda). One request at a time:
 * header, data, status byte as a three-descriptor chain; the caller sleeps
 * in WFI until the completion interrupt moves the used ring.
 */
#include "kernel/arch/csr.h"
#include "kernel/core/errno.h"
#include "kernel/core/printk.h"
#include "kernel/drivers/block.h"
#include "kernel/drivers/trace.h"
#include "kernel/drivers/virtio.h"
#include "kernel/mm/page_alloc.h"
#include "lib/printf.h"

struct virtio_blk {
	struct virtio_device *vdev;
	struct virtqueue vq;
	u64 capacity;				/* sectors */
	struct virtio_blk_req_hdr hdr;		/* DMA: read by the device */
	volatile u8 status;			/* DMA: written by the device */
	volatile bool done;
};

static struct virtio_blk *vda;

void
string_get_size(u64 bytes, bool binary, char *buf, size_t len)
{
	static const char *const units10[] = { "B", "kB", "MB", "GB", "TB" };
	static const char *const units2[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	u32 div = binary ? 1024 : 1000;
	u64 scaled = bytes * 100;	/* two decimals of fixed point */
	unsigned int i = 0;

	while (scaled >= (u64)div * 100 && i < 4) {
		scaled = (scaled + div / 2) / div;
		i++;
	}
	if (i == 0)
		snprintf(buf, len, "%u %s", (u32)bytes, units10[0]);
	else if (scaled < 1000)
		snprintf(buf, len, "%u.%02u %s", (u32)(scaled / 100), (u32)(scaled % 100),
			 binary ? units2[i] : units10[i]);
	else if (scaled < 10000)
		snprintf(buf, len, "%u.%u %s", (u32)(scaled / 100), (u32)((scaled % 100 + 5) / 10) % 10,
			 binary ? units2[i] : units10[i]);
	else
		snprintf(buf, len, "%u %s", (u32)((scaled + 50) / 100),
			 binary ? units2[i] : units10[i]);
}

static void
virtblk_done(struct virtio_device *vdev)
{
	struct virtio_blk *vblk = vdev->priv;
	u32 id, len;

	while (virtqueue_get_buf(&vblk->vq, &id, &len))
		vblk->done = true;
}

u64
block_capacity(void)
{
	return vda ? vda->capacity : 0;
}

int
block_read(u64 sector, void *buf, u32 nsect)
{
	phys_addr_t addr[3];
	u32 len[3];
	u16 flags[3] = { 0, VIRTQ_DESC_F_WRITE, VIRTQ_DESC_F_WRITE };
	unsigned long irqflags;

	if (!vda)
		return -ENODEV;
	if (sector + nsect > vda->capacity)
		return -EIO;
	vda->hdr.type = VIRTIO_BLK_T_IN;
	vda->hdr.reserved = 0;
	vda->hdr.sector = sector;
	vda->status = 0xff;
	vda->done = false;
	addr[0] = __pa(&vda->hdr);
	len[0] = sizeof(vda->hdr);
	addr[1] = __pa(buf);
	len[1] = nsect * SECTOR_SIZE;
	addr[2] = __pa(&vda->status);
	len[2] = 1;
	irqflags = local_irq_save();
	if (virtqueue_add(&vda->vq, addr, len, flags, 3) < 0) {
		local_irq_restore(irqflags);
		return -EIO;
	}
	virtqueue_kick(&vda->vq);
	while (!vda->done) {
		wait_for_interrupt();
		local_irq_enable();
		local_irq_disable();
	}
	local_irq_restore(irqflags);
	return vda->status == VIRTIO_BLK_S_OK ? 0 : -EIO;
}

int
virtio_blk_probe(struct virtio_device *vdev)
{
	struct virtio_blk *vblk;
	void *ring;
	char s10[16], s2[16];
	int ret;

	if (vda)
		return -EBUSY;	/* one disk is all the kernel uses */
	ret = virtio_negotiate(vdev, 0);
	if (ret)
		return ret;
	vblk = get_zeroed_page();
	ring = get_zeroed_page();
	if (!vblk || !ring)
		return -ENOMEM;
	ktrace_role(__pa(vblk), 1, TRACE_ROLE_DMA_BUFFER);
	ktrace_role(__pa(ring), 1, TRACE_ROLE_DMA_BUFFER);
	vblk->vdev = vdev;
	vdev->priv = vblk;
	vdev->interrupt = virtblk_done;
	ret = virtqueue_init(vdev, &vblk->vq, 0, ring, 16);
	if (ret)
		return ret;
	vblk->capacity = virtio_cread32(vdev, VIRTIO_BLK_CFG_CAPACITY) |
			 (u64)virtio_cread32(vdev, VIRTIO_BLK_CFG_CAPACITY + 4) << 32;
	virtio_device_ready(vdev);
	vda = vblk;
	string_get_size(vblk->capacity * SECTOR_SIZE, false, s10, sizeof(s10));
	string_get_size(vblk->capacity * SECTOR_SIZE, true, s2, sizeof(s2));
	pr_notice("virtio_blk %s: [vda] %llu 512-byte logical blocks (%s/%s)\n", vdev->name,
		  vblk->capacity, s10, s2);
	return 0;
}
