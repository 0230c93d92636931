/*
 * uart.c - the ns16550a (QEMU virt's serial@10000000), polled: the firmware
 * never takes interrupts from it. Registers are bytes (reg-shift 0).
 */
#include "firmware/console/uart.h"

#define UART_RBR 0	/* receive buffer (read) */
#define UART_THR 0	/* transmit holding (write) */
#define UART_IER 1	/* interrupt enable */
#define UART_FCR 2	/* FIFO control (write) */
#define UART_LCR 3	/* line control */
#define UART_MCR 4	/* modem control */
#define UART_LSR 5	/* line status */
#define UART_DLL 0	/* divisor latch low (LCR.DLAB = 1) */
#define UART_DLM 1	/* divisor latch high (LCR.DLAB = 1) */

#define LCR_8N1 0x03	/* 8 data bits, no parity, 1 stop bit */
#define LCR_DLAB 0x80	/* divisor latch access */
#define FCR_ENABLE_CLEAR 0x07	/* enable FIFOs, clear RX and TX */
#define MCR_DTR_RTS 0x03
#define LSR_DR 0x01	/* data ready */
#define LSR_THRE 0x20	/* transmit holding register empty */

static volatile u8 *uart;

static inline void
uart_write(int reg, u8 val)
{
	uart[reg] = val;
}

static inline u8
uart_read(int reg)
{
	return uart[reg];
}

void
uart_init(uintptr_t base)
{
	uart = (volatile u8 *)base;
	uart_write(UART_IER, 0);
	uart_write(UART_LCR, LCR_DLAB);
	uart_write(UART_DLL, 1);	/* 115200 baud from a 1.8432 MHz clock */
	uart_write(UART_DLM, 0);
	uart_write(UART_LCR, LCR_8N1);
	uart_write(UART_FCR, FCR_ENABLE_CLEAR);
	uart_write(UART_MCR, MCR_DTR_RTS);
}

uintptr_t
uart_base(void)
{
	return (uintptr_t)uart;
}

void
uart_putc(char c)
{
	if (!uart)
		return;
	while (!(uart_read(UART_LSR) & LSR_THRE))
		;
	uart_write(UART_THR, (u8)c);
}

int
uart_getc(void)
{
	if (!uart || !(uart_read(UART_LSR) & LSR_DR))
		return -1;
	return uart_read(UART_RBR);
}
