/*
 * trap.h - M-mode trap handling: the saved register frame, delegation of
 * everything S-mode can handle itself, and CSR probing.
 */
#ifndef FW_TRAP_H
#define FW_TRAP_H

#include "lib/types.h"

struct trap_frame {
	u32 regs[32];	/* x0..x31; regs[2] is the interrupted sp */
	u32 mepc;
	u32 pad[3];
};

#define REG_A0 10
#define REG_A1 11
#define REG_A6 16
#define REG_A7 17

/* Sets mtvec, medeleg, mideleg, mcounteren and the PMP entry; prints each step. */
void trap_init(void);
void fw_trap(struct trap_frame *tf);
void fw_trap_fatal(struct trap_frame *tf) __attribute__((noreturn));

#endif /* FW_TRAP_H */
