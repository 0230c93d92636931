/*
 * panic.h - the end of the road: panic() prints Linux's banner, tells the
 * trace port, and parks the hart. crash_kexec (kdump) gets a chance first.
 */
#ifndef KERNEL_CORE_PANIC_H
#define KERNEL_CORE_PANIC_H

#include "kernel/arch/ptrace.h"

__attribute__((noreturn, format(printf, 1, 2))) void panic(const char *fmt, ...);
/* As panic, with the registers of the trap that caused it (passed to crash_kexec). */
__attribute__((noreturn, format(printf, 2, 3))) void panic_regs(struct pt_regs *regs,
								 const char *fmt, ...);

#define BUG_ON(cond) do { if (cond) panic("kernel BUG at %s:%d!", __FILE__, __LINE__); } while (0)

#endif /* KERNEL_CORE_PANIC_H */
