/*
 * virtio_net.c - the virtio network device (eth0), receive side only: the
 * RX ring is kept full of buffers, each packet is counted and its buffer
 * handed straight back. The ring comes from the page allocator (as Linux's
 * vrings do); the buffers are a page-aligned array in the kernel's own .bss
 * on purpose: after a kexec they lie inside the next kernel's image, which
 * is what the skip_shutdown hazard shows.
 */
#include "kernel/core/errno.h"
#include "kernel/core/printk.h"
#include "kernel/drivers/netdevice.h"
#include "kernel/drivers/trace.h"
#include "kernel/drivers/virtio.h"
#include "kernel/mm/page_alloc.h"
#include "lib/string.h"

#define VIRTNET_RX_BUFS 16
#define VIRTNET_RX_BUF_SIZE 2048	/* 12-byte header + a 1514-byte frame fits */

/* DMA memory: the device writes here whenever a packet arrives. */
static u8 virtnet_rx_bufs[VIRTNET_RX_BUFS][VIRTNET_RX_BUF_SIZE] __aligned(PAGE_SIZE);

struct virtnet_info {
	struct virtio_device *vdev;
	struct virtqueue rvq;
	void *rx_ring;				/* one page: descriptors, avail, used */
	u8 buf_of_desc[VIRTNET_RX_BUFS];	/* descriptor head -> buffer index */
	struct net_device netdev;
};

static struct virtnet_info virtnet;
static struct net_device *net_devices;

int
register_netdev(struct net_device *dev)
{
	struct net_device **pp = &net_devices;

	while (*pp)
		pp = &(*pp)->next;
	dev->next = NULL;
	*pp = dev;
	return 0;
}

struct net_device *
netdev_next(struct net_device *dev)
{
	return dev ? dev->next : net_devices;
}

struct net_device *
dev_get_by_name(const char *name)
{
	for (struct net_device *d = net_devices; d; d = d->next)
		if (strcmp(d->name, name) == 0)
			return d;
	return NULL;
}

void
dev_close(struct net_device *dev)
{
	dev->up = false;
}

static int
virtnet_add_recvbuf(struct virtnet_info *vi, unsigned int buf)
{
	phys_addr_t addr = __pa(virtnet_rx_bufs[buf]);
	u32 len = VIRTNET_RX_BUF_SIZE;
	u16 flags = VIRTQ_DESC_F_WRITE;
	int head = virtqueue_add(&vi->rvq, &addr, &len, &flags, 1);

	if (head >= 0)
		vi->buf_of_desc[head] = buf;
	return head;
}

/* RX interrupt: count each packet, give its buffer back to the device. */
static void
virtnet_receive(struct virtio_device *vdev)
{
	struct virtnet_info *vi = vdev->priv;
	u32 id, len;
	bool refilled = false;

	while (virtqueue_get_buf(&vi->rvq, &id, &len)) {
		unsigned int buf = vi->buf_of_desc[id % VIRTNET_RX_BUFS];

		if (len < sizeof(struct virtio_net_hdr_v1)) {
			vi->netdev.stats.rx_errors++;
		} else if (!vi->netdev.up) {
			vi->netdev.stats.rx_dropped++;
		} else {
			vi->netdev.stats.rx_packets++;
			vi->netdev.stats.rx_bytes += len - sizeof(struct virtio_net_hdr_v1);
		}
		virtnet_add_recvbuf(vi, buf);
		refilled = true;
	}
	if (refilled)
		virtqueue_kick(&vi->rvq);
}

int
virtio_net_probe(struct virtio_device *vdev)
{
	struct virtnet_info *vi = &virtnet;
	struct net_device *nd = &vi->netdev;
	int ret;

	if (vi->vdev)
		return -EBUSY;	/* one interface */
	ret = virtio_negotiate(vdev, (1ULL << VIRTIO_NET_F_MAC) | (1ULL << VIRTIO_NET_F_STATUS));
	if (ret)
		return ret;
	/*
	 * The ring is an allocated page, so a kexec never picks it as a source
	 * page; the buffers stay in .bss, where the next kernel will be.
	 */
	vi->rx_ring = get_zeroed_page();
	if (!vi->rx_ring)
		return -ENOMEM;
	ktrace_role(__pa(vi->rx_ring), 1, TRACE_ROLE_DMA_BUFFER);
	ktrace_role(__pa(virtnet_rx_bufs), sizeof(virtnet_rx_bufs) / PAGE_SIZE,
		    TRACE_ROLE_DMA_BUFFER);
	memset(nd, 0, sizeof(*nd));
	vi->vdev = vdev;
	vdev->priv = vi;
	vdev->interrupt = virtnet_receive;
	ret = virtqueue_init(vdev, &vi->rvq, VIRTIO_NET_RX_QUEUE, vi->rx_ring,
			     VIRTNET_RX_BUFS);
	if (ret) {
		free_page(vi->rx_ring);
		vi->rx_ring = NULL;
		vi->vdev = NULL;
		return ret;
	}
	for (unsigned int i = 0; i < vi->rvq.num; i++)
		virtnet_add_recvbuf(vi, i);
	if (vdev->features & (1ULL << VIRTIO_NET_F_MAC))
		for (int i = 0; i < ETH_ALEN; i++)
			nd->dev_addr[i] = virtio_cread8(vdev, VIRTIO_NET_CFG_MAC + i);
	nd->carrier = !(vdev->features & (1ULL << VIRTIO_NET_F_STATUS)) ||
		      (virtio_cread8(vdev, VIRTIO_NET_CFG_STATUS) & VIRTIO_NET_S_LINK_UP);
	strcpy(nd->name, "eth0");
	nd->mtu = 1500;
	nd->up = true;
	virtio_device_ready(vdev);
	virtqueue_kick(&vi->rvq);
	register_netdev(nd);
	return 0;
}
