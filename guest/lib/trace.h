/*
 * trace.h - the kexec-lab trace port (kexec-lab only, "kexec-lab,trace" in
 * the DTB). Guests tag pages with roles, announce phases and report events
 * so the UI can draw memory. Pass base = NULL when the DTB has no trace
 * port (QEMU): every helper then does nothing.
 */
#ifndef LIB_TRACE_H
#define LIB_TRACE_H

#include "lib/types.h"

#define TRACE_COMPATIBLE "kexec-lab,trace"
#define TRACE_MMIO_BASE 0x10100000
#define TRACE_MMIO_SIZE 0x1000

#define TRACE_REG_ADDR 0x00	/* (w) physical address argument */
#define TRACE_REG_COUNT 0x04	/* (w) page count / second argument */
#define TRACE_REG_ROLE 0x08	/* (w) tag [ADDR, ADDR + COUNT * 4096) with a role */
#define TRACE_REG_PHASE 0x0c	/* (w) announce a phase, ADDR = argument */
#define TRACE_REG_EVENT 0x10	/* (w) report an event with ADDR and COUNT */
#define TRACE_REG_MAGIC 0x14	/* (r) TRACE_MAGIC */
#define TRACE_MAGIC 0x4b584c54	/* "KXLT" */

enum trace_role {
	TRACE_ROLE_FREE = 0,
	TRACE_ROLE_FIRMWARE = 1,
	TRACE_ROLE_KERNEL_TEXT = 2,
	TRACE_ROLE_KERNEL_RODATA = 3,
	TRACE_ROLE_KERNEL_DATA = 4,	/* data + bss */
	TRACE_ROLE_PAGE_TABLE = 5,
	TRACE_ROLE_KERNEL_ALLOC = 6,	/* page allocator, in use */
	TRACE_ROLE_DMA_BUFFER = 7,	/* virtqueue rings and buffers */
	TRACE_ROLE_KEXEC_SOURCE = 8,
	TRACE_ROLE_KEXEC_INDIRECTION = 9,
	TRACE_ROLE_KEXEC_CONTROL = 10,
	TRACE_ROLE_KEXEC_DESTINATION = 11,
	TRACE_ROLE_PURGATORY = 12,
	TRACE_ROLE_CRASHKERNEL = 13,
	TRACE_ROLE_DTB = 14,
	TRACE_ROLE_INITRD = 15,
	TRACE_ROLE_RESERVED = 16,
	TRACE_ROLE_STACK = 17,
};

enum trace_phase {
	TRACE_PHASE_FIRMWARE_POST = 1,
	TRACE_PHASE_FIRMWARE_BOOTLOADER = 2,
	TRACE_PHASE_KERNEL_BOOT = 3,	/* ADDR = kernel base */
	TRACE_PHASE_SHELL_READY = 4,
	TRACE_PHASE_KEXEC_LOAD = 5,
	TRACE_PHASE_DEVICE_SHUTDOWN = 6,
	TRACE_PHASE_MACHINE_KEXEC = 7,
	TRACE_PHASE_RELOCATION = 8,
	TRACE_PHASE_PURGATORY = 9,
	TRACE_PHASE_PANIC = 10,
	TRACE_PHASE_REBOOT = 11,
};

enum trace_event {
	TRACE_EVENT_PAGE_COPIED = 1,	/* ADDR = destination, COUNT = source */
	TRACE_EVENT_DEVICE_SHUTDOWN = 2,	/* ADDR = device MMIO base */
	TRACE_EVENT_DIGEST_OK = 3,
	TRACE_EVENT_DIGEST_MISMATCH = 4,
	TRACE_EVENT_KEXEC_LOADED = 5,	/* ADDR = entry */
	TRACE_EVENT_KEXEC_UNLOADED = 6,
	TRACE_EVENT_DEVICE_RESET_AT_PROBE = 7,	/* ADDR = MMIO base */
};

static inline void
trace_write(volatile void *base, u32 reg, u32 val)
{
	*(volatile u32 *)((volatile u8 *)base + reg) = val;
}

/* Tags npages pages from physical address pa with role. */
static inline void
trace_role(volatile void *base, u32 pa, u32 npages, u32 role)
{
	if (!base)
		return;
	trace_write(base, TRACE_REG_ADDR, pa);
	trace_write(base, TRACE_REG_COUNT, npages);
	trace_write(base, TRACE_REG_ROLE, role);
}

static inline void
trace_phase(volatile void *base, u32 phase, u32 arg)
{
	if (!base)
		return;
	trace_write(base, TRACE_REG_ADDR, arg);
	trace_write(base, TRACE_REG_PHASE, phase);
}

static inline void
trace_event(volatile void *base, u32 ev, u32 addr, u32 count)
{
	if (!base)
		return;
	trace_write(base, TRACE_REG_ADDR, addr);
	trace_write(base, TRACE_REG_COUNT, count);
	trace_write(base, TRACE_REG_EVENT, ev);
}

/* True when the port answers with its magic: a check after finding it in the DTB. */
static inline bool
trace_probe(volatile void *base)
{
	return base && *(volatile u32 *)((volatile u8 *)base + TRACE_REG_MAGIC) == TRACE_MAGIC;
}

#endif /* LIB_TRACE_H */
