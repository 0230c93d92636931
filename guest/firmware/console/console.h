/*
 * console.h - the firmware's console output: printf to the UART, with
 * "\n" sent as "\r\n" as a terminal expects.
 */
#ifndef FW_CONSOLE_H
#define FW_CONSOLE_H

#include "lib/types.h"

void console_putc(char c);
void console_puts(const char *s);
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the message and powers off (or hangs when there is no syscon). */
void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif /* FW_CONSOLE_H */
