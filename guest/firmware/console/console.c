/*
 * console.c - printf and panic for the firmware, over the polled UART.
 */
#include "firmware/console/console.h"
#include "firmware/console/uart.h"
#include "firmware/platform.h"
#include "lib/printf.h"

void
console_putc(char c)
{
	if (c == '\n')
		uart_putc('\r');
	uart_putc(c);
}

void
console_puts(const char *s)
{
	while (*s)
		console_putc(*s++);
}

static void
console_out(char c, void *arg)
{
	(void)arg;
	console_putc(c);
}

int
printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vcbprintf(console_out, NULL, fmt, ap);
	va_end(ap);
	return n;
}

void
panic(const char *fmt, ...)
{
	va_list ap;

	console_puts("\nfirmware: PANIC: ");
	va_start(ap, fmt);
	vcbprintf(console_out, NULL, fmt, ap);
	va_end(ap);
	console_puts("\nfirmware: halted.\n");
	for (;;)
		__asm__ volatile("wfi");
}
