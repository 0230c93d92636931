/*
 * tty.h - the console as a character device: bytes the UART's receive
 * interrupt delivers wait in a ring until the shell reads them; writes go
 * straight to the console driver.
 */
#ifndef KERNEL_DRIVERS_TTY_H
#define KERNEL_DRIVERS_TTY_H

#include "lib/types.h"

/* Called from the UART interrupt handler for each received byte. */
void tty_insert_flip_char(char c);
/* Next received byte; sleeps in WFI until one arrives. */
int tty_getc(void);
/* Writes to the console device (ttyS0, or the SBI console before it probes). */
void tty_write(const char *s, size_t n);
/* Installs the console device's write routine. */
void tty_set_output(void (*write)(const char *s, size_t n));
/* Bytes received but not yet read. */
bool tty_input_pending(void);

#endif /* KERNEL_DRIVERS_TTY_H */
