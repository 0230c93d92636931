/*
 * resource.h - the physical address space as /proc/iomem shows it: "System
 * RAM" banks at the top level, the kernel's sections and reservations
 * inside them, and device MMIO ranges.
 */
#ifndef KERNEL_CORE_RESOURCE_H
#define KERNEL_CORE_RESOURCE_H

#include "kernel/memlayout.h"

#define MAX_RESOURCES 48

/* Adds [start, end] (inclusive, as Linux prints it) named name; 0 or -ENOSPC. */
int insert_resource(const char *name, phys_addr_t start, phys_addr_t end);
/* /proc/iomem's text into buf; returns the length. */
size_t iomem_show(char *buf, size_t len);

#endif /* KERNEL_CORE_RESOURCE_H */
