/*
 * serial8250.c - the ns16550a UART: ttyS0. Output is polled (wait for an
 * empty transmit holding register, write the byte); input arrives by the
 * "received data available" interrupt and goes to the tty ring.
 */
#include "kernel/core/errno.h"
#include "kernel/core/irq.h"
#include "kernel/core/printk.h"
#include "kernel/drivers/device.h"
#include "kernel/drivers/of.h"
#include "kernel/drivers/tty.h"
#include "lib/fdt.h"

#define UART_RX		0	/* receive buffer (read) */
#define UART_TX		0	/* transmit holding (write) */
#define UART_IER	1	/* interrupt enable */
#define  UART_IER_RDI	0x01	/* received data available */
#define UART_FCR	2	/* FIFO control (write) */
#define  UART_FCR_ENABLE_FIFO	0x01
#define  UART_FCR_CLEAR_RCVR	0x02
#define  UART_FCR_CLEAR_XMIT	0x04
#define UART_LCR	3	/* line control */
#define  UART_LCR_WLEN8	0x03	/* 8 data bits, no parity, 1 stop */
#define UART_MCR	4	/* modem control */
#define  UART_MCR_DTR	0x01
#define  UART_MCR_RTS	0x02
#define  UART_MCR_OUT2	0x08	/* gates the interrupt line on PC-style boards */
#define UART_LSR	5	/* line status */
#define  UART_LSR_DR	0x01	/* data ready */
#define  UART_LSR_THRE	0x20	/* transmit holding register empty */

static volatile u8 *uart_base;

static void
serial_out(int reg, u8 v)
{
	writeb(v, uart_base + reg);
}

static u8
serial_in(int reg)
{
	return readb(uart_base + reg);
}

static void
serial8250_putc(char c)
{
	while (!(serial_in(UART_LSR) & UART_LSR_THRE))
		;
	serial_out(UART_TX, c);
}

static void
serial8250_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			serial8250_putc('\r');
		serial8250_putc(s[i]);
	}
}

static void
serial8250_console_write(struct console *con, const char *s, size_t n)
{
	(void)con;
	serial8250_write(s, n);
}

static struct console serial8250_console = {
	.name = "ttyS",
	.index = 0,
	.write = serial8250_console_write,
};

static void
serial8250_interrupt(int irq, void *dev_id)
{
	(void)irq, (void)dev_id;
	while (serial_in(UART_LSR) & UART_LSR_DR)
		tty_insert_flip_char(serial_in(UART_RX));
}

static int
serial8250_probe(struct device *dev)
{
	u32 clk = 3686400;

	if (uart_base)
		return -EBUSY;	/* one console UART */
	uart_base = ioremap(dev->base, 8);
	if (!uart_base)
		return -ENOMEM;
	fdt_getprop_u32(initial_boot_params, dev->of_node, "clock-frequency", &clk);
	pr_info("Serial: 8250/16550 driver, 4 ports, IRQ sharing disabled\n");
	serial_out(UART_IER, 0);
	serial_out(UART_LCR, UART_LCR_WLEN8);
	serial_out(UART_FCR, UART_FCR_ENABLE_FIFO | UART_FCR_CLEAR_RCVR | UART_FCR_CLEAR_XMIT);
	serial_out(UART_MCR, UART_MCR_DTR | UART_MCR_RTS | UART_MCR_OUT2);
	while (serial_in(UART_LSR) & UART_LSR_DR)	/* drop stale input */
		serial_in(UART_RX);
	pr_info("%s: ttyS0 at MMIO 0x%lx (irq = %d, base_baud = %lu) is a 16550A\n",
		dev->name, dev->base, dev->irq, (unsigned long)(clk / 16));
	if (dev->irq > 0 && request_irq(dev->irq, serial8250_interrupt, "ttyS0", dev) == 0)
		serial_out(UART_IER, UART_IER_RDI);
	tty_set_output(serial8250_write);
	register_console(&serial8250_console);
	return 0;
}

/* No more receive interrupts; output keeps working (polled) for the last words. */
static void
serial8250_shutdown(struct device *dev)
{
	(void)dev;
	serial_out(UART_IER, 0);
}

static const char *const serial8250_of_match[] = { "ns16550a", "ns16550", NULL };

const struct device_driver serial8250_driver = {
	.name = "serial8250",
	.of_match_table = serial8250_of_match,
	.probe = serial8250_probe,
	.shutdown = serial8250_shutdown,
};
