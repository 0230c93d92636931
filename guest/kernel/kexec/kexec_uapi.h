/*
 * kexec_uapi.h - what user space and the kernel agree on for kexec_load
 * (Linux include/uapi/linux/kexec.h): the segment record, the flags, the
 * architecture tag and the segment limit.
 */
#ifndef KERNEL_KEXEC_UAPI_H
#define KERNEL_KEXEC_UAPI_H

#include "lib/types.h"

#define KEXEC_ON_CRASH		0x00000001
#define KEXEC_PRESERVE_CONTEXT	0x00000002
#define KEXEC_ARCH_MASK		0xffff0000
#define KEXEC_ARCH_DEFAULT	(0 << 16)
#define KEXEC_ARCH_RISCV	(243 << 16)	/* EM_RISCV */

#define KEXEC_SEGMENT_MAX	16

/* One piece of the new image: bufsz bytes at buf go to physical mem, zero-filled to memsz. */
struct kexec_segment {
	const void *buf;
	size_t bufsz;
	unsigned long mem;	/* physical, page aligned */
	size_t memsz;		/* page aligned */
};

#endif /* KERNEL_KEXEC_UAPI_H */
