/*
 * virtio.h - the virtio-mmio transport (version 2, "modern"), split
 * virtqueues, and the block and network device headers, as named in the
 * virtio 1.x specification.
 */
#ifndef LIB_VIRTIO_H
#define LIB_VIRTIO_H

#include "lib/types.h"

/* virtio-mmio registers (offsets from the device's base). */
#define VIRTIO_MMIO_MAGIC_VALUE 0x000	/* "virt" = 0x74726976 */
#define VIRTIO_MMIO_VERSION 0x004	/* 2 for modern, 1 for legacy */
#define VIRTIO_MMIO_DEVICE_ID 0x008	/* 0 = empty slot */
#define VIRTIO_MMIO_VENDOR_ID 0x00c
#define VIRTIO_MMIO_DEVICE_FEATURES 0x010
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL 0x014
#define VIRTIO_MMIO_DRIVER_FEATURES 0x020
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL 0x024
#define VIRTIO_MMIO_QUEUE_SEL 0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX 0x034
#define VIRTIO_MMIO_QUEUE_NUM 0x038
#define VIRTIO_MMIO_QUEUE_READY 0x044
#define VIRTIO_MMIO_QUEUE_NOTIFY 0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS 0x060
#define VIRTIO_MMIO_INTERRUPT_ACK 0x064
#define VIRTIO_MMIO_STATUS 0x070
#define VIRTIO_MMIO_QUEUE_DESC_LOW 0x080
#define VIRTIO_MMIO_QUEUE_DESC_HIGH 0x084
#define VIRTIO_MMIO_QUEUE_AVAIL_LOW 0x090	/* the driver area */
#define VIRTIO_MMIO_QUEUE_AVAIL_HIGH 0x094
#define VIRTIO_MMIO_QUEUE_USED_LOW 0x0a0	/* the device area */
#define VIRTIO_MMIO_QUEUE_USED_HIGH 0x0a4
#define VIRTIO_MMIO_CONFIG_GENERATION 0x0fc
#define VIRTIO_MMIO_CONFIG 0x100	/* device-specific configuration */

#define VIRTIO_MMIO_MAGIC 0x74726976

#define VIRTIO_MMIO_INT_VRING 0x1	/* a used buffer was added */
#define VIRTIO_MMIO_INT_CONFIG 0x2	/* configuration changed */

/* Device IDs. */
#define VIRTIO_ID_NET 1
#define VIRTIO_ID_BLOCK 2
#define VIRTIO_ID_CONSOLE 3
#define VIRTIO_ID_RNG 4

/* Device status bits, set by the driver in this order; writing 0 resets. */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE 1	/* the OS noticed the device */
#define VIRTIO_CONFIG_S_DRIVER 2	/* the OS has a driver for it */
#define VIRTIO_CONFIG_S_DRIVER_OK 4	/* the driver is ready */
#define VIRTIO_CONFIG_S_FEATURES_OK 8	/* feature negotiation done */
#define VIRTIO_CONFIG_S_NEEDS_RESET 0x40	/* the device gave up */
#define VIRTIO_CONFIG_S_FAILED 0x80	/* the driver gave up */

/* Feature bits. */
#define VIRTIO_F_RING_INDIRECT_DESC 28
#define VIRTIO_F_RING_EVENT_IDX 29
#define VIRTIO_F_VERSION_1 32	/* bit 0 of features word 1 */
#define VIRTIO_F_ACCESS_PLATFORM 33
#define VIRTIO_BLK_F_SIZE_MAX 1
#define VIRTIO_BLK_F_SEG_MAX 2
#define VIRTIO_BLK_F_RO 5
#define VIRTIO_BLK_F_BLK_SIZE 6
#define VIRTIO_BLK_F_FLUSH 9
#define VIRTIO_NET_F_CSUM 0
#define VIRTIO_NET_F_MAC 5
#define VIRTIO_NET_F_STATUS 16

/* Split virtqueue layout. */
#define VIRTQ_DESC_F_NEXT 1	/* the chain continues in .next */
#define VIRTQ_DESC_F_WRITE 2	/* device writes this buffer */
#define VIRTQ_DESC_F_INDIRECT 4
#define VIRTQ_AVAIL_F_NO_INTERRUPT 1
#define VIRTQ_USED_F_NO_NOTIFY 1

struct virtq_desc {
	u64 addr;	/* guest-physical buffer address */
	u32 len;
	u16 flags;	/* VIRTQ_DESC_F_* */
	u16 next;
};

struct virtq_avail {
	u16 flags;
	u16 idx;	/* where the driver puts the next entry (mod queue size) */
	u16 ring[];
};

struct virtq_used_elem {
	u32 id;		/* head of the finished descriptor chain */
	u32 len;	/* bytes the device wrote */
};

struct virtq_used {
	u16 flags;
	u16 idx;
	struct virtq_used_elem ring[];
};

/* virtio-blk. */
#define VIRTIO_BLK_T_IN 0	/* read */
#define VIRTIO_BLK_T_OUT 1	/* write */
#define VIRTIO_BLK_T_FLUSH 4
#define VIRTIO_BLK_T_GET_ID 8
#define VIRTIO_BLK_S_OK 0
#define VIRTIO_BLK_S_IOERR 1
#define VIRTIO_BLK_S_UNSUPP 2
#define VIRTIO_BLK_SECTOR_SIZE 512
#define VIRTIO_BLK_CFG_CAPACITY 0x00	/* config offset: u64 capacity in sectors */

struct virtio_blk_req_hdr {
	u32 type;	/* VIRTIO_BLK_T_* */
	u32 reserved;
	u64 sector;	/* in 512-byte units */
};

/* virtio-net: with VIRTIO_F_VERSION_1 the header is always 12 bytes. */
#define VIRTIO_NET_CFG_MAC 0x00	/* config offset: 6-byte MAC */
#define VIRTIO_NET_CFG_STATUS 0x06	/* config offset: u16 status */
#define VIRTIO_NET_S_LINK_UP 1
#define VIRTIO_NET_RX_QUEUE 0
#define VIRTIO_NET_TX_QUEUE 1

struct virtio_net_hdr_v1 {
	u8 flags;
	u8 gso_type;
	u16 hdr_len;
	u16 gso_size;
	u16 csum_start;
	u16 csum_offset;
	u16 num_buffers;
};

_Static_assert(sizeof(struct virtq_desc) == 16, "virtq_desc is 16 bytes");
_Static_assert(sizeof(struct virtio_blk_req_hdr) == 16, "virtio-blk header is 16 bytes");
_Static_assert(sizeof(struct virtio_net_hdr_v1) == 12, "virtio-net header is 12 bytes");

#endif /* LIB_VIRTIO_H */
