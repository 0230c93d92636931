/*
 * kexec_internal.h - what kexec_core.c (generic) and machine_kexec.c
 * (riscv) share: the loaded image, the arch hooks Linux names the same
 * way, and the two kexec_debug fault switches (KEXEC.md section 3).
 */
#ifndef KERNEL_KEXEC_INTERNAL_H
#define KERNEL_KEXEC_INTERNAL_H

#include "kernel/kexec/kimage.h"

/* The image `kexec -e` will boot; NULL when nothing is loaded. */
extern struct kimage *kexec_image;

/*
 * Fault switches (kexec_debug.* on the command line, or
 * files under /sys/kernel/debug/kexec/): run the copy loop from the old kernel's own
 * text instead of the control page; skip device_shutdown().
 */
extern bool kexec_debug_relocate_in_place;
extern bool kexec_debug_skip_shutdown;

int machine_kexec_prepare(struct kimage *image);
void machine_kexec_cleanup(struct kimage *image);
void machine_shutdown(void);
void __noreturn machine_kexec(struct kimage *image);

/* Creates the /sys and /proc files; called once at boot. */
int kexec_core_init(void);

/* relocate_kernel.S */
extern const u8 riscv_kexec_relocate[];
extern const u32 riscv_kexec_relocate_size;

#endif /* KERNEL_KEXEC_INTERNAL_H */
