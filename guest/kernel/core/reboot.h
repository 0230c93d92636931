/*
 * reboot.h - restart, power off, and the preparation they share with
 * kexec (kernel_restart_prepare: device_shutdown()).
 */
#ifndef KERNEL_CORE_REBOOT_H
#define KERNEL_CORE_REBOOT_H

/* Quiesces the machine for a restart or kexec: every driver's ->shutdown, newest first. */
void kernel_restart_prepare(const char *cmd);
/* "reboot: Restarting system", then a cold reset through the firmware (SBI SRST). */
__attribute__((noreturn)) void kernel_restart(const char *cmd);
/* "reboot: Power down", then SBI SRST shutdown. */
__attribute__((noreturn)) void kernel_power_off(void);
/* "reboot: System halted". */
__attribute__((noreturn)) void kernel_halt(void);

#endif /* KERNEL_CORE_REBOOT_H */
