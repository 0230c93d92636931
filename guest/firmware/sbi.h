/*
 * sbi.h - the firmware's SBI runtime: the calls S-mode makes with ecall.
 */
#ifndef FW_SBI_H
#define FW_SBI_H

#include "firmware/trap.h"

#define FW_SBI_IMPL_VERSION 0x00010000	/* 1.0 */

/* Dispatches the ecall in tf (a7 = EID, a6 = FID) and writes a0/a1 back. */
void sbi_ecall_handler(struct trap_frame *tf);
/* Lists the extensions on the console. */
void sbi_print_info(void);

#endif /* FW_SBI_H */
