/*
 * virtio_mmio.c - the virtio-mmio transport (version 2) and split
 * virtqueues. Probe follows the spec's init sequence: reset (status = 0,
 * reported to the trace port), ACKNOWLEDGE, DRIVER, features, FEATURES_OK,
 * queues, DRIVER_OK; the device driver does the middle part.
 */
#include "kernel/drivers/virtio.h"
#include "kernel/core/errno.h"
#include "kernel/core/irq.h"
#include "kernel/core/printk.h"
#include "kernel/drivers/trace.h"
#include "kernel/mm/slab.h"
#include "lib/printf.h"
#include "lib/string.h"

static int virtio_index;	/* devices numbered in probe order: virtio0, virtio1 */

static u32
vm_read(struct virtio_device *vdev, unsigned int off)
{
	return readl(vdev->base + off);
}

static void
vm_write(struct virtio_device *vdev, unsigned int off, u32 v)
{
	writel(v, vdev->base + off);
}

u32
virtio_cread32(struct virtio_device *vdev, unsigned int off)
{
	return vm_read(vdev, VIRTIO_MMIO_CONFIG + off);
}

u8
virtio_cread8(struct virtio_device *vdev, unsigned int off)
{
	return readb(vdev->base + VIRTIO_MMIO_CONFIG + off);
}

void
virtio_reset_device(struct virtio_device *vdev)
{
	vm_write(vdev, VIRTIO_MMIO_STATUS, 0);
	/* The spec: the reset is complete when status reads back 0. */
	while (vm_read(vdev, VIRTIO_MMIO_STATUS) != 0)
		;
}

int
virtio_negotiate(struct virtio_device *vdev, u64 wanted)
{
	u64 offered;

	vm_write(vdev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	offered = vm_read(vdev, VIRTIO_MMIO_DEVICE_FEATURES);
	vm_write(vdev, VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	offered |= (u64)vm_read(vdev, VIRTIO_MMIO_DEVICE_FEATURES) << 32;
	if (!(offered & (1ULL << VIRTIO_F_VERSION_1))) {
		pr_err("%s: device does not offer VIRTIO_F_VERSION_1\n", vdev->name);
		return -ENODEV;
	}
	vdev->features = offered & (wanted | (1ULL << VIRTIO_F_VERSION_1));
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES, (u32)vdev->features);
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	vm_write(vdev, VIRTIO_MMIO_DRIVER_FEATURES, (u32)(vdev->features >> 32));
	vm_write(vdev, VIRTIO_MMIO_STATUS, vm_read(vdev, VIRTIO_MMIO_STATUS) |
		 VIRTIO_CONFIG_S_FEATURES_OK);
	if (!(vm_read(vdev, VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_FEATURES_OK))
		return -ENODEV;
	return 0;
}

int
virtqueue_init(struct virtio_device *vdev, struct virtqueue *vq, unsigned int index,
	       void *ring, unsigned int num)
{
	u32 max;
	phys_addr_t pa = __pa(ring);

	vm_write(vdev, VIRTIO_MMIO_QUEUE_SEL, index);
	if (vm_read(vdev, VIRTIO_MMIO_QUEUE_READY))
		return -EBUSY;
	max = vm_read(vdev, VIRTIO_MMIO_QUEUE_NUM_MAX);
	if (max == 0)
		return -ENOENT;
	num = min(num, (unsigned int)max);
	memset(vq, 0, sizeof(*vq));
	memset(ring, 0, PAGE_SIZE);
	vq->index = index;
	vq->num = num;
	vq->vdev = vdev;
	/* One page: descriptors, then the avail ring, then the used ring (4-byte aligned). */
	vq->desc = ring;
	vq->avail = (struct virtq_avail *)((u8 *)ring + 16 * num);
	vq->used = (struct virtq_used *)((u8 *)ring + ALIGN(16 * num + 6 + 2 * num, 4));
	for (unsigned int i = 0; i < num; i++)
		vq->desc[i].next = i + 1;
	vq->num_free = num;
	vm_write(vdev, VIRTIO_MMIO_QUEUE_NUM, num);
	vm_write(vdev, VIRTIO_MMIO_QUEUE_DESC_LOW, pa);
	vm_write(vdev, VIRTIO_MMIO_QUEUE_DESC_HIGH, 0);
	vm_write(vdev, VIRTIO_MMIO_QUEUE_AVAIL_LOW, __pa(vq->avail));
	vm_write(vdev, VIRTIO_MMIO_QUEUE_AVAIL_HIGH, 0);
	vm_write(vdev, VIRTIO_MMIO_QUEUE_USED_LOW, __pa(vq->used));
	vm_write(vdev, VIRTIO_MMIO_QUEUE_USED_HIGH, 0);
	vm_write(vdev, VIRTIO_MMIO_QUEUE_READY, 1);
	return 0;
}

int
virtqueue_add(struct virtqueue *vq, const phys_addr_t *addr, const u32 *len,
	      const u16 *flags, unsigned int n)
{
	u16 head = vq->free_head, i = head;

	if (n == 0 || vq->num_free < n)
		return -ENOSPC;
	/* Free descriptors are chained through .next: take n of them in order. */
	for (unsigned int k = 0; k < n; k++) {
		vq->desc[i].addr = addr[k];
		vq->desc[i].len = len[k];
		vq->desc[i].flags = flags[k] | (k + 1 < n ? VIRTQ_DESC_F_NEXT : 0);
		i = vq->desc[i].next;
	}
	vq->free_head = i;
	vq->num_free -= n;
	vq->avail->ring[vq->avail->idx % vq->num] = head;
	__asm__ volatile("fence rw,rw" ::: "memory");	/* ring entry before idx */
	vq->avail->idx++;
	return head;
}

void
virtqueue_kick(struct virtqueue *vq)
{
	__asm__ volatile("fence rw,rw" ::: "memory");
	vm_write(vq->vdev, VIRTIO_MMIO_QUEUE_NOTIFY, vq->index);
}

bool
virtqueue_get_buf(struct virtqueue *vq, u32 *id, u32 *len)
{
	volatile u16 *used_idx = &vq->used->idx;
	struct virtq_used_elem *e;
	u16 i;

	if (*used_idx == vq->last_used_idx)
		return false;
	__asm__ volatile("fence rw,rw" ::: "memory");	/* idx before the entry */
	e = &vq->used->ring[vq->last_used_idx % vq->num];
	*id = e->id;
	*len = e->len;
	vq->last_used_idx++;
	/* Give the chain back: its tail links to the old free list head. */
	i = *id;
	vq->num_free++;
	while (vq->desc[i].flags & VIRTQ_DESC_F_NEXT) {
		i = vq->desc[i].next;
		vq->num_free++;
	}
	vq->desc[i].next = vq->free_head;
	vq->free_head = *id;
	return true;
}

void
virtio_device_ready(struct virtio_device *vdev)
{
	vm_write(vdev, VIRTIO_MMIO_STATUS, vm_read(vdev, VIRTIO_MMIO_STATUS) |
		 VIRTIO_CONFIG_S_DRIVER_OK);
}

static void
vm_interrupt(int irq, void *dev_id)
{
	struct virtio_device *vdev = dev_id;
	u32 status = vm_read(vdev, VIRTIO_MMIO_INTERRUPT_STATUS);

	(void)irq;
	vm_write(vdev, VIRTIO_MMIO_INTERRUPT_ACK, status);
	if ((status & VIRTIO_MMIO_INT_VRING) && vdev->interrupt)
		vdev->interrupt(vdev);
}

static int
virtio_mmio_probe(struct device *dev)
{
	struct virtio_device *vdev;
	volatile u8 *base = ioremap(dev->base, dev->size);
	u32 magic, version, id;
	int ret;

	if (!base)
		return -ENOMEM;
	magic = readl(base + VIRTIO_MMIO_MAGIC_VALUE);
	version = readl(base + VIRTIO_MMIO_VERSION);
	id = readl(base + VIRTIO_MMIO_DEVICE_ID);
	if (magic != VIRTIO_MMIO_MAGIC) {
		pr_warn("%s: Wrong magic value 0x%08x!\n", dev->name, magic);
		return -ENODEV;
	}
	if (id == 0)
		return -ENODEV;	/* an empty slot */
	if (version != 2) {
		pr_err("%s: Version %u not supported!\n", dev->name, version);
		return -ENXIO;
	}
	vdev = kzalloc(sizeof(*vdev));
	if (!vdev)
		return -ENOMEM;
	vdev->dev = dev;
	vdev->base = base;
	vdev->device_id = id;
	vdev->index = virtio_index;
	snprintf(vdev->name, sizeof(vdev->name), "virtio%d", vdev->index);
	/* 1. Reset: whatever an earlier kernel left running stops here. */
	virtio_reset_device(vdev);
	ktrace_event(TRACE_EVENT_DEVICE_RESET_AT_PROBE, dev->base, 0);
	/* 2. ACKNOWLEDGE: we saw it. 3. DRIVER: we can drive it. */
	vm_write(vdev, VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	vm_write(vdev, VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
	dev->driver_data = vdev;
	if (dev->irq > 0 && request_irq(dev->irq, vm_interrupt, vdev->name, vdev) < 0)
		pr_warn("%s: cannot get irq %d\n", vdev->name, dev->irq);
	switch (id) {
	case VIRTIO_ID_BLOCK:
		ret = virtio_blk_probe(vdev);
		break;
	case VIRTIO_ID_NET:
		ret = virtio_net_probe(vdev);
		break;
	default:
		ret = -ENODEV;	/* no driver: leave it reset, as Linux does */
		break;
	}
	if (ret) {
		vm_write(vdev, VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_FAILED);
		free_irq(dev->irq, vdev);
		kfree(vdev);
		return ret;
	}
	virtio_index++;
	return 0;
}

/* ->shutdown: reset the device, so it stops DMA into memory the next kernel owns. */
static void
virtio_mmio_shutdown(struct device *dev)
{
	struct virtio_device *vdev = dev->driver_data;

	if (vdev->shutdown)
		vdev->shutdown(vdev);
	virtio_reset_device(vdev);
}

static const char *const virtio_mmio_of_match[] = { "virtio,mmio", NULL };

const struct device_driver virtio_mmio_driver = {
	.name = "virtio-mmio",
	.of_match_table = virtio_mmio_of_match,
	.probe = virtio_mmio_probe,
	.shutdown = virtio_mmio_shutdown,
};
