/*
 * sbi.h (kernel) - the calls Kestrel makes to the M-mode firmware through
 * the SBI (lib/sbi.h has the numbers and the ecall): console, timer, reset.
 */
#ifndef KERNEL_ARCH_SBI_H
#define KERNEL_ARCH_SBI_H

#include "lib/sbi.h"

void sbi_init(void);
void sbi_console_putchar(int ch);
void sbi_set_timer(u64 stime_value);
/* SBI SRST; returns only if the firmware refused (type = SBI_SRST_RESET_TYPE_*). */
void sbi_system_reset(u32 type, u32 reason);
bool sbi_probe_extension(unsigned long ext);
/* Registers the SBI console as the boot console ("earlycon: sbi0"). */
void sbi_earlycon_init(void);

#endif /* KERNEL_ARCH_SBI_H */
