/*
 * tty.c - the console's receive ring (filled by the UART interrupt, drained
 * by the shell) and its output path. Readers sleep in WFI: with interrupts
 * masked, check the ring, wait, then let the interrupt in, so a byte that
 * arrives between the check and the WFI still wakes us.
 */
#include "kernel/drivers/tty.h"
#include "kernel/arch/csr.h"
#include "kernel/arch/sbi.h"

#define TTY_BUF_SIZE 256

static char rx_buf[TTY_BUF_SIZE];
static volatile unsigned int rx_head, rx_tail;	/* head: written by the IRQ */
static void (*tty_output)(const char *s, size_t n);

void
tty_insert_flip_char(char c)
{
	if (rx_head - rx_tail < TTY_BUF_SIZE) {
		rx_buf[rx_head % TTY_BUF_SIZE] = c;
		rx_head++;
	}
}

bool
tty_input_pending(void)
{
	return rx_head != rx_tail;
}

int
tty_getc(void)
{
	unsigned long flags = local_irq_save();
	char c;

	while (rx_head == rx_tail) {
		wait_for_interrupt();	/* wakes on a pending interrupt even with SIE off */
		local_irq_enable();	/* ... which runs here */
		local_irq_disable();
	}
	c = rx_buf[rx_tail % TTY_BUF_SIZE];
	rx_tail++;
	local_irq_restore(flags);
	return (unsigned char)c;
}

void
tty_set_output(void (*write)(const char *s, size_t n))
{
	tty_output = write;
}

void
tty_write(const char *s, size_t n)
{
	if (tty_output) {
		tty_output(s, n);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			sbi_console_putchar('\r');
		sbi_console_putchar(s[i]);
	}
}
