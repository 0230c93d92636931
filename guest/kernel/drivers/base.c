/*
 * base.c - the device list and the DTB walk that binds drivers to nodes.
 * Drivers are probed in the order of platform_drivers[] (the interrupt
 * controller first, then the console, then virtio), each over all its nodes.
 */
#include "kernel/drivers/device.h"
#include "kernel/core/printk.h"
#include "lib/string.h"
#include "kernel/drivers/of.h"
#include "kernel/drivers/trace.h"
#include "kernel/mm/slab.h"
#include "lib/fdt.h"
#include "lib/printf.h"

extern const struct device_driver plic_driver, serial8250_driver, virtio_mmio_driver;

static const struct device_driver *const platform_drivers[] = {
	&plic_driver,		/* interrupts first: everyone else requests one */
	&serial8250_driver,	/* the console */
	&virtio_mmio_driver,	/* disk and network */
};

static struct device *devices_kset;	/* newest first */

void
device_register(struct device *dev)
{
	dev->next = devices_kset;
	devices_kset = dev;
}

struct device *
device_next(struct device *dev)
{
	return dev ? dev->next : devices_kset;
}

void
device_shutdown(void)
{
	for (struct device *dev = devices_kset; dev; dev = dev->next) {
		if (dev->driver && dev->driver->shutdown) {
			pr_debug("%s: shutdown\n", dev->name);
			dev->driver->shutdown(dev);
		}
		ktrace_event(TRACE_EVENT_DEVICE_SHUTDOWN, dev->base, 0);
	}
}

static bool
of_driver_match(const void *fdt, int node, const struct device_driver *drv)
{
	for (const char *const *c = drv->of_match_table; *c; c++)
		if (fdt_node_check_compatible(fdt, node, *c) == 0)
			return true;
	return false;
}

static void
of_platform_device_create(const void *fdt, int node, const struct device_driver *drv)
{
	struct device *dev = kzalloc(sizeof(*dev));
	const char *nodename = fdt_get_name(fdt, node, NULL);
	const char *at;
	int ret;

	if (!dev)
		return;
	dev->of_node = node;
	dev->irq = of_irq_get(node);
	dev->driver = drv;
	if (of_address(node, &dev->base, &dev->size) < 0) {
		kfree(dev);
		return;
	}
	/* Linux names platform devices "<unit address>.<node name>": 10000000.serial */
	at = nodename ? strchr(nodename, '@') : NULL;
	snprintf(dev->name, sizeof(dev->name), "%lx.%.*s", dev->base,
		 at ? (int)(at - nodename) : 16, nodename ? nodename : "device");
	ret = drv->probe(dev);
	if (ret) {
		kfree(dev);
		return;
	}
	device_register(dev);
}

void
of_platform_populate(void)
{
	const void *fdt = initial_boot_params;

	if (!fdt)
		return;
	for (unsigned int d = 0; d < ARRAY_SIZE(platform_drivers); d++)
		for (int node = fdt_next_node(fdt, -1, NULL); node >= 0;
		     node = fdt_next_node(fdt, node, NULL))
			if (of_device_is_available(node) &&
			    of_driver_match(fdt, node, platform_drivers[d]))
				of_platform_device_create(fdt, node, platform_drivers[d]);
}
