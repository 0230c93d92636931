/*
 * device.h - the driver model, reduced to what kexec needs from it:
 * drivers matched against DTB "compatible" strings, probed once per node,
 * and a list of bound devices that device_shutdown() walks newest first.
 */
#ifndef KERNEL_DRIVERS_DEVICE_H
#define KERNEL_DRIVERS_DEVICE_H

#include "kernel/memlayout.h"

struct device;

struct device_driver {
	const char *name;			/* "virtio-mmio" */
	const char *const *of_match_table;	/* compatible strings, NULL-terminated */
	int (*probe)(struct device *dev);	/* 0 = bound; -ENODEV = not ours */
	void (*shutdown)(struct device *dev);	/* quiesce: no more DMA or interrupts */
};

struct device {
	char name[32];			/* "10000000.serial", renamed by probe ("virtio0") */
	int of_node;			/* DTB node offset */
	phys_addr_t base, size;		/* first "reg" entry */
	int irq;			/* first "interrupts" cell, -1 if none */
	const struct device_driver *driver;
	void *driver_data;
	struct device *next;		/* the device registered before this one */
};

/* Adds dev to the device list (newest first). */
void device_register(struct device *dev);
/*
 * Calls ->shutdown of every registered device, newest first, as Linux's
 * kernel_restart_prepare() and kernel_kexec() do. Each one is reported to
 * the trace port (TRACE_EVENT_DEVICE_SHUTDOWN, ADDR = its MMIO base).
 */
void device_shutdown(void);
/* Walks the DTB and probes a driver for every node one of them matches. */
void of_platform_populate(void);
/* Iterates over bound devices, newest first: dev = NULL starts. */
struct device *device_next(struct device *dev);

#endif /* KERNEL_DRIVERS_DEVICE_H */
