/*
 * ptrace.h - struct pt_regs: the registers entry.S saves on a trap, in the
 * order it saves them (x1..x31, then the trap CSRs).
 */
#ifndef KERNEL_ARCH_PTRACE_H
#define KERNEL_ARCH_PTRACE_H

#include "lib/types.h"

struct pt_regs {
	unsigned long epc;	/* sepc: where the trap hit */
	unsigned long ra, sp, gp, tp;
	unsigned long t0, t1, t2;
	unsigned long s0, s1;
	unsigned long a0, a1, a2, a3, a4, a5, a6, a7;
	unsigned long s2, s3, s4, s5, s6, s7, s8, s9, s10, s11;
	unsigned long t3, t4, t5, t6;
	unsigned long status;	/* sstatus */
	unsigned long badaddr;	/* stval */
	unsigned long cause;	/* scause */
};

#define PT_REGS_SIZE 140	/* 35 words; entry.S relies on it */

#endif /* KERNEL_ARCH_PTRACE_H */
