/*
 * smp.h - the one hart Kestrel runs on. Linux keeps the boot hart's id in
 * asm/smp.h too; start_kernel() (init/main.c) records it from a0, and
 * machine_kexec() hands it to the next kernel in a0.
 */
#ifndef KERNEL_ARCH_SMP_H
#define KERNEL_ARCH_SMP_H

extern unsigned long boot_hartid;

#endif
