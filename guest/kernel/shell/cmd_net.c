/*
 * cmd_net.c - ifconfig, in the classic net-tools format: HWaddr, flags,
 * and the RX/TX counters the virtio-net driver keeps.
 */
#include "kernel/arch/csr.h"
#include "kernel/drivers/netdevice.h"
#include "kernel/libc/stdio.h"
#include "kernel/shell/shell.h"
#include "lib/string.h"

/* "12.3 KiB" as ifconfig prints byte counters. */
static void
human_bytes(u64 b, char *buf, size_t len)
{
	static const char *const units[] = { "B", "KiB", "MiB", "GiB" };
	u64 scaled = b * 10;
	unsigned int i = 0;

	while (scaled >= 10240 && i < 3) {
		scaled /= 1024;
		i++;
	}
	snprintf(buf, len, "%lu.%lu %s", (unsigned long)(scaled / 10), (unsigned long)(scaled % 10),
		 units[i]);
}

static void
ifconfig_show(const struct net_device *d)
{
	/* One snapshot with interrupts held off: packets arrive while the console prints. */
	unsigned long flags = local_irq_save();
	const struct net_device_stats snap = d->stats;
	const struct net_device_stats *s = &snap;
	char rx[24], tx[24];

	local_irq_restore(flags);

	human_bytes(s->rx_bytes, rx, sizeof(rx));
	human_bytes(s->tx_bytes, tx, sizeof(tx));
	printf("%-10sLink encap:Ethernet  HWaddr %02x:%02x:%02x:%02x:%02x:%02x\n", d->name,
	       d->dev_addr[0], d->dev_addr[1], d->dev_addr[2], d->dev_addr[3], d->dev_addr[4],
	       d->dev_addr[5]);
	printf("          %s%sMULTICAST  MTU:%u  Metric:1\n", d->up ? "UP BROADCAST " : "BROADCAST ",
	       d->up && d->carrier ? "RUNNING " : "", d->mtu);
	printf("          RX packets:%llu errors:%llu dropped:%llu overruns:0 frame:0\n",
	       s->rx_packets, s->rx_errors, s->rx_dropped);
	printf("          TX packets:%llu errors:%llu dropped:%llu overruns:0 carrier:0\n",
	       s->tx_packets, s->tx_errors, s->tx_dropped);
	printf("          collisions:0 txqueuelen:1000\n");
	printf("          RX bytes:%llu (%s)  TX bytes:%llu (%s)\n\n", s->rx_bytes, rx, s->tx_bytes,
	       tx);
}

int
ifconfig_main(int argc, char **argv)
{
	struct net_device *d;

	if (argc == 1) {
		for (d = netdev_next(NULL); d; d = netdev_next(d))
			if (d->up)
				ifconfig_show(d);
		return 0;
	}
	d = dev_get_by_name(argv[1]);
	if (!d) {
		dprintf(2, "ifconfig: %s: error fetching interface information: Device not found\n",
			argv[1]);
		return 1;
	}
	if (argc == 2) {
		ifconfig_show(d);
	} else if (strcmp(argv[2], "up") == 0) {
		d->up = true;
	} else if (strcmp(argv[2], "down") == 0) {
		dev_close(d);
	} else {
		dprintf(2, "ifconfig: bad argument '%s'\n", argv[2]);
		return 1;
	}
	return 0;
}
