/*
 * of.h - the devicetree the kernel was booted with (Linux's
 * initial_boot_params): early scans for memory, /chosen and reservations,
 * and small helpers the drivers use to read their nodes.
 */
#ifndef KERNEL_DRIVERS_OF_H
#define KERNEL_DRIVERS_OF_H

#include "kernel/memlayout.h"

extern const void *initial_boot_params;		/* the DTB, linear-map address */
extern phys_addr_t initial_boot_params_pa;	/* ... and its physical address */
extern const char *of_machine_model;
extern phys_addr_t initrd_start_pa, initrd_end_pa;	/* 0, 0 without an initrd */

/* Checks the header; reads model, /chosen (bootargs, initrd), timebase, memory. */
bool early_init_dt_scan(phys_addr_t dtb_pa);
/* memblock_reserve for the DTB itself, /memreserve/, /reserved-memory, initrd. */
void early_init_fdt_scan_reserved_mem(void);
/* Size of the blob in bytes (fdt_totalsize). */
size_t of_fdt_size(void);

/* First "interrupts" cell, or -1. */
int of_irq_get(int node);
/* reg entry 0 of a node; 0 on success. */
int of_address(int node, phys_addr_t *base, phys_addr_t *size);
/* "status" absent or "okay". */
bool of_device_is_available(int node);

#endif /* KERNEL_DRIVERS_OF_H */
