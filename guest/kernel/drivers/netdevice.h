/*
 * netdevice.h - network interfaces as ifconfig sees them: a name, a MAC
 * address, flags and the packet counters.
 */
#ifndef KERNEL_DRIVERS_NETDEVICE_H
#define KERNEL_DRIVERS_NETDEVICE_H

#include "lib/types.h"

#define IFNAMSIZ 16
#define ETH_ALEN 6

struct net_device_stats {
	u64 rx_packets, tx_packets;
	u64 rx_bytes, tx_bytes;
	u64 rx_errors, tx_errors;
	u64 rx_dropped, tx_dropped;
};

struct net_device {
	char name[IFNAMSIZ];		/* "eth0" */
	u8 dev_addr[ETH_ALEN];		/* MAC */
	bool up;			/* IFF_UP: administratively up */
	bool carrier;			/* IFF_RUNNING: link up */
	unsigned int mtu;
	struct net_device_stats stats;
	struct net_device *next;
};

int register_netdev(struct net_device *dev);
struct net_device *dev_get_by_name(const char *name);
/* Iterates over interfaces: dev = NULL starts. */
struct net_device *netdev_next(struct net_device *dev);
/* ifconfig eth0 down: marks it down. Does NOT stop the device's DMA (->shutdown does). */
void dev_close(struct net_device *dev);

#endif /* KERNEL_DRIVERS_NETDEVICE_H */
