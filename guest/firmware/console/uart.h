/*
 * uart.h - polled ns16550a driver for the firmware console.
 */
#ifndef FW_UART_H
#define FW_UART_H

#include "lib/types.h"

void uart_init(uintptr_t base);
void uart_putc(char c);
/* A received byte, or -1 when none is waiting. */
int uart_getc(void);
uintptr_t uart_base(void);

#endif /* FW_UART_H */
