/*
 * virtio_blk.c - a minimal virtio-blk driver for the boot loader: one
 * 8-entry split virtqueue, one request in flight, completion by polling
 * the used ring. Reads go through a 4 KiB bounce buffer.
 */
#include "firmware/virtio_blk.h"
#include "firmware/console/console.h"
#include "lib/fdt.h"
#include "lib/string.h"
#include "lib/virtio.h"

#define VQ_SIZE 8
#define BOUNCE_SIZE 4096
#define VQ_POLL_LIMIT 100000000u

/* The queue's three areas in one page: descriptors, driver area, device area. */
struct vq_page {
	struct virtq_desc desc[VQ_SIZE];	/* 128 bytes */
	struct {
		u16 flags;
		u16 idx;
		u16 ring[VQ_SIZE];
	} avail;
	u8 pad[2048 - 128 - 4 - 2 * VQ_SIZE];
	struct {
		u16 flags;
		u16 idx;
		struct virtq_used_elem ring[VQ_SIZE];
	} used;
};

static struct vq_page vq __aligned(4096);
static u8 bounce[BOUNCE_SIZE] __aligned(4096);
static struct virtio_blk_req_hdr req;
static volatile u8 req_status;
static volatile u8 *blk;
static u64 capacity;	/* sectors */
static u16 avail_idx, used_seen;

static inline u32
vm_read(u32 reg)
{
	return *(volatile u32 *)(blk + reg);
}

static inline void
vm_write(u32 reg, u32 val)
{
	*(volatile u32 *)(blk + reg) = val;
}

static inline void
mb(void)
{
	__asm__ volatile("fence rw, rw" ::: "memory");
}

static const char *
virtio_id_name(u32 id)
{
	switch (id) {
	case 0:
		return "empty";
	case VIRTIO_ID_NET:
		return "network card";
	case VIRTIO_ID_BLOCK:
		return "block device";
	case VIRTIO_ID_CONSOLE:
		return "console";
	case VIRTIO_ID_RNG:
		return "entropy source";
	default:
		return "other";
	}
}

/* The device behind a virtio,mmio node, or NULL if the slot is empty or not ours. */
static volatile u8 *
virtio_blk_match(const void *dtb, int off)
{
	u64 addr;
	volatile u8 *base;

	if (fdt_get_reg(dtb, off, 0, &addr, NULL) < 0)
		return NULL;
	base = (volatile u8 *)(uintptr_t)addr;
	if (*(volatile u32 *)(base + VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MMIO_MAGIC)
		return NULL;
	if (*(volatile u32 *)(base + VIRTIO_MMIO_DEVICE_ID) != VIRTIO_ID_BLOCK)
		return NULL;
	return base;
}

/* "block device, version 2" for the device list; NULL when there is no virtio magic. */
const char *
virtio_mmio_describe(volatile void *base)
{
	volatile u8 *b = base;

	if (*(volatile u32 *)(b + VIRTIO_MMIO_MAGIC_VALUE) != VIRTIO_MMIO_MAGIC)
		return NULL;
	return virtio_id_name(*(volatile u32 *)(b + VIRTIO_MMIO_DEVICE_ID));
}

static int
virtio_blk_init(void)
{
	u32 version = vm_read(VIRTIO_MMIO_VERSION);

	if (version != 2) {
		printf("  virtio-blk: transport version %u (legacy) is not supported;\n"
		       "  with QEMU add: -global virtio-mmio.force-legacy=false\n", version);
		return -1;
	}
	/* The virtio init sequence (spec 3.1.1): reset, ACKNOWLEDGE, DRIVER, features. */
	vm_write(VIRTIO_MMIO_STATUS, 0);
	vm_write(VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	vm_write(VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER);
	vm_write(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	if (!(vm_read(VIRTIO_MMIO_DEVICE_FEATURES) & (1u << (VIRTIO_F_VERSION_1 - 32)))) {
		printf("  virtio-blk: device does not offer VIRTIO_F_VERSION_1\n");
		return -1;
	}
	vm_write(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	vm_write(VIRTIO_MMIO_DRIVER_FEATURES, 0);
	vm_write(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	vm_write(VIRTIO_MMIO_DRIVER_FEATURES, 1u << (VIRTIO_F_VERSION_1 - 32));
	vm_write(VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
					     VIRTIO_CONFIG_S_FEATURES_OK);
	if (!(vm_read(VIRTIO_MMIO_STATUS) & VIRTIO_CONFIG_S_FEATURES_OK)) {
		printf("  virtio-blk: device refused our features\n");
		return -1;
	}
	/* Queue 0: the request queue. */
	vm_write(VIRTIO_MMIO_QUEUE_SEL, 0);
	if (vm_read(VIRTIO_MMIO_QUEUE_READY) || vm_read(VIRTIO_MMIO_QUEUE_NUM_MAX) < VQ_SIZE) {
		printf("  virtio-blk: queue 0 unusable\n");
		return -1;
	}
	memset(&vq, 0, sizeof(vq));
	avail_idx = used_seen = 0;
	vm_write(VIRTIO_MMIO_QUEUE_NUM, VQ_SIZE);
	vm_write(VIRTIO_MMIO_QUEUE_DESC_LOW, (u32)(uintptr_t)vq.desc);
	vm_write(VIRTIO_MMIO_QUEUE_DESC_HIGH, 0);
	vm_write(VIRTIO_MMIO_QUEUE_AVAIL_LOW, (u32)(uintptr_t)&vq.avail);
	vm_write(VIRTIO_MMIO_QUEUE_AVAIL_HIGH, 0);
	vm_write(VIRTIO_MMIO_QUEUE_USED_LOW, (u32)(uintptr_t)&vq.used);
	vm_write(VIRTIO_MMIO_QUEUE_USED_HIGH, 0);
	vm_write(VIRTIO_MMIO_QUEUE_READY, 1);
	vm_write(VIRTIO_MMIO_STATUS, VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
					     VIRTIO_CONFIG_S_FEATURES_OK | VIRTIO_CONFIG_S_DRIVER_OK);
	capacity = (u64)vm_read(VIRTIO_MMIO_CONFIG + VIRTIO_BLK_CFG_CAPACITY + 4) << 32 |
		   vm_read(VIRTIO_MMIO_CONFIG + VIRTIO_BLK_CFG_CAPACITY);
	return 0;
}

int
virtio_blk_probe(const void *dtb)
{
	int off;

	for (off = fdt_node_offset_by_compatible(dtb, -1, "virtio,mmio"); off >= 0;
	     off = fdt_node_offset_by_compatible(dtb, off, "virtio,mmio")) {
		blk = virtio_blk_match(dtb, off);
		if (!blk)
			continue;
		printf("  virtio-blk: %s at 0x%08x\n", fdt_get_name(dtb, off, NULL),
		       (u32)(uintptr_t)blk);
		if (virtio_blk_init() < 0)
			break;
		printf("  virtio-blk: %u sectors of 512 bytes (%u KiB), features VERSION_1, "
		       "one %u-entry queue, polled\n",
		       (u32)capacity, (u32)(capacity / 2), VQ_SIZE);
		return 0;
	}
	blk = NULL;
	return -1;
}

u64
virtio_blk_size(void)
{
	return capacity * VIRTIO_BLK_SECTOR_SIZE;
}

/* One read request: header, data (device writes), status (device writes). */
static int
virtio_blk_request(u64 sector, void *buf, u32 len)
{
	u32 head = 0, spins = 0;

	req = (struct virtio_blk_req_hdr){ .type = VIRTIO_BLK_T_IN, .sector = sector };
	req_status = 0xff;
	vq.desc[0] = (struct virtq_desc){ (uintptr_t)&req, sizeof(req), VIRTQ_DESC_F_NEXT, 1 };
	vq.desc[1] = (struct virtq_desc){ (uintptr_t)buf, len, VIRTQ_DESC_F_NEXT | VIRTQ_DESC_F_WRITE, 2 };
	vq.desc[2] = (struct virtq_desc){ (uintptr_t)&req_status, 1, VIRTQ_DESC_F_WRITE, 0 };
	vq.avail.ring[avail_idx % VQ_SIZE] = (u16)head;
	mb();
	vq.avail.idx = ++avail_idx;
	mb();
	vm_write(VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	while (*(volatile u16 *)&vq.used.idx == used_seen) {
		if (++spins == VQ_POLL_LIMIT) {
			printf("  virtio-blk: no answer from the device\n");
			return -1;
		}
	}
	mb();
	used_seen++;
	vm_write(VIRTIO_MMIO_INTERRUPT_ACK, vm_read(VIRTIO_MMIO_INTERRUPT_STATUS));
	if (req_status != VIRTIO_BLK_S_OK) {
		printf("  virtio-blk: read of sector %u failed, status %u\n", (u32)sector, req_status);
		return -1;
	}
	return 0;
}

int
virtio_blk_read(u64 off, void *dst, u32 len)
{
	u8 *out = dst;

	if (!blk || off + len > virtio_blk_size())
		return -1;
	while (len) {
		u64 sector = off / VIRTIO_BLK_SECTOR_SIZE;
		u32 skip = (u32)(off % VIRTIO_BLK_SECTOR_SIZE);
		u32 n = min_t(u32, len, BOUNCE_SIZE - skip);
		u32 bytes = ALIGN(skip + n, VIRTIO_BLK_SECTOR_SIZE);

		if (sector * VIRTIO_BLK_SECTOR_SIZE + bytes > virtio_blk_size())
			bytes = (u32)(virtio_blk_size() - sector * VIRTIO_BLK_SECTOR_SIZE);
		if (virtio_blk_request(sector, bounce, bytes) < 0)
			return -1;
		memcpy(out, bounce + skip, n);
		out += n;
		off += n;
		len -= n;
	}
	return 0;
}

void
virtio_blk_reset(void)
{
	if (blk)
		vm_write(VIRTIO_MMIO_STATUS, 0);
}
