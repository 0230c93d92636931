/*
 * trace.h (kernel) - the kexec-lab trace port as the kernel uses it: found
 * in the DTB at boot (silent without it, e.g. on QEMU), then one-line calls
 * that tag pages with roles, announce phases and report events.
 */
#ifndef KERNEL_DRIVERS_TRACE_H
#define KERNEL_DRIVERS_TRACE_H

#include "lib/trace.h"

/* NULL when the DTB declares no trace port. */
extern volatile void *trace_base;

void trace_init(const void *fdt);

static inline void
ktrace_role(unsigned long pa, unsigned long npages, u32 role)
{
	trace_role(trace_base, pa, npages, role);
}

static inline void
ktrace_phase(u32 phase, unsigned long arg)
{
	trace_phase(trace_base, phase, arg);
}

static inline void
ktrace_event(u32 event, unsigned long addr, unsigned long count)
{
	trace_event(trace_base, event, addr, count);
}

#endif /* KERNEL_DRIVERS_TRACE_H */
