/*
 * trap.h - trap setup and dispatch: interrupts to the timer and the
 * interrupt controller, exceptions to an oops and panic.
 */
#ifndef KERNEL_ARCH_TRAP_H
#define KERNEL_ARCH_TRAP_H

#include "kernel/arch/ptrace.h"

void trap_init(void);
void do_trap(struct pt_regs *regs);
void show_regs(const struct pt_regs *regs);

#endif /* KERNEL_ARCH_TRAP_H */
