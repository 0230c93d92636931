/*
 * purgatory.h - the contract between purgatory and whoever loads it (the
 * kexec tool): a flat binary, position independent, entered at offset 0
 * with a0 = hartid, a1 = DTB; at PURGATORY_INFO_OFFSET lies struct
 * purgatory_info, which the loader fills in before computing nothing else.
 */
#ifndef PURGATORY_PURGATORY_H
#define PURGATORY_PURGATORY_H

#define PURGATORY_MAGIC		0x47525550	/* "PURG" */
#define PURGATORY_INFO_OFFSET	0x10
#define SHA256_REGIONS		16
#define PURGATORY_INFO_SIZE	(5 * 4 + 32 + SHA256_REGIONS * 8)

#ifndef __ASSEMBLER__
#include "lib/types.h"

/* One checked range of physical memory (kexec-tools' struct sha256_region). */
struct sha256_region {
	u32 start;
	u32 len;
};

/*
 * Written by the loader into the purgatory image (kexec-tools pokes the
 * same names into its purgatory ELF: sha256_digest, sha256_regions,
 * skip_checks). magic and memsz come filled in by the build.
 */
struct purgatory_info {
	u32 magic;		/* PURGATORY_MAGIC */
	u32 memsz;		/* bytes from the image start to the end of its stack */
	u32 kernel_entry;	/* physical entry of the new kernel */
	u32 trace_base;		/* physical trace port, 0 = none (QEMU) */
	u32 skip_checks;	/* kexec -i: jump without checking */
	u8 sha256_digest[32];	/* over all regions, in order */
	struct sha256_region sha256_regions[SHA256_REGIONS];	/* unused ones are {0, 0} */
};

_Static_assert(sizeof(struct purgatory_info) == PURGATORY_INFO_SIZE, "purgatory_info layout");
#endif

#endif /* PURGATORY_PURGATORY_H */
