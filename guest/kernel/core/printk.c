/*
 * printk.c - formats kernel messages, stamps each line with the time since
 * reset ("[    0.001234] ", from the time CSR), stores it in log_buf (read by
 * dmesg) and writes it to the consoles whose level lets it through.
 */
#include "kernel/core/printk.h"
#include "kernel/arch/csr.h"
#include "kernel/arch/time.h"
#include "lib/printf.h"
#include "lib/string.h"

int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;

static char log_buf[LOG_BUF_LEN];
static size_t log_head;		/* total bytes ever logged; index = head % LEN */
static struct console *console_drivers;
static bool line_open;		/* the last message did not end with '\n' */
static int line_level;

/* Levels of the first lines, so a boot console's replay honours the loglevel. */
#define EARLY_LINES 64
static u8 early_level[EARLY_LINES];
static unsigned int nr_lines;

static void
log_store(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_buf[(log_head + i) % LOG_BUF_LEN] = s[i];
	log_head += n;
}

size_t
log_buf_len_used(void)
{
	return log_head < LOG_BUF_LEN ? log_head : LOG_BUF_LEN;
}

size_t
log_buf_copy(char *buf, size_t len, size_t offset)
{
	size_t used = log_buf_len_used();
	size_t start = log_head - used + offset;
	size_t n = 0;

	while (n < len && offset + n < used) {
		buf[n] = log_buf[(start + n) % LOG_BUF_LEN];
		n++;
	}
	return n;
}

static void
console_emit(const char *s, size_t n)
{
	for (struct console *con = console_drivers; con; con = con->next)
		con->write(con, s, n);
}

/* The bytes of one message: timestamp, text, on the log and (by level) the consoles. */
static void
printk_emit(int level, const char *text, size_t n)
{
	bool show = level < console_loglevel;

	while (n > 0) {
		const char *nl = memchr(text, '\n', n);
		size_t len = nl ? (size_t)(nl - text) + 1 : n;

		if (!line_open) {
			char stamp[24];
			u64 us = local_clock_ns() / 1000;
			int sl = snprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ",
					  (unsigned long)(us / 1000000),
					  (unsigned long)(us % 1000000));

			log_store(stamp, sl);
			line_level = level;
			if (nr_lines < EARLY_LINES)
				early_level[nr_lines] = level;
			nr_lines++;
			if (show)
				console_emit(stamp, sl);
		}
		log_store(text, len);
		if (line_level < console_loglevel)
			console_emit(text, len);
		line_open = !nl;
		text += len;
		n -= len;
	}
}

int
vprintk(const char *fmt, va_list ap)
{
	char buf[256];
	int level = MESSAGE_LOGLEVEL_DEFAULT;
	unsigned long flags;
	int n;

	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] == 'c')
			level = line_level;
		else
			level = fmt[1] - '0';
		if (fmt[1] != 'c' && line_open) {
			/* a new message with its own level ends the open line */
			flags = local_irq_save();
			printk_emit(level, "\n", 1);
			local_irq_restore(flags);
		}
		fmt += 2;
	}
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	flags = local_irq_save();
	printk_emit(level, buf, n);
	local_irq_restore(flags);
	return n;
}

int
printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

/* Writes the log so far to con, line by line, skipping lines below the loglevel. */
static void
console_replay(struct console *con)
{
	size_t used = log_buf_len_used(), off = 0;
	unsigned int line = 0;
	char c;

	while (off < used && line < EARLY_LINES && log_head <= LOG_BUF_LEN) {
		log_buf_copy(&c, 1, off++);
		if (early_level[line] < console_loglevel)
			con->write(con, &c, 1);
		if (c == '\n')
			line++;
	}
}

/*
 * Adds con and prints the log so far on it (CON_PRINTBUFFER), unless a
 * boot console already showed it. A real console replaces the boot
 * consoles, as Linux does: "printk: console [ttyS0] enabled", then
 * "bootconsole [sbi0] disabled". Both drive the same wire here, so the
 * boot consoles go first (no line twice).
 */
void
register_console(struct console *con)
{
	static bool had_boot_console;
	struct console **pp;
	struct console *dropped = NULL;

	con->next = NULL;
	if (!con->boot) {
		for (pp = &console_drivers; *pp;) {
			struct console *c = *pp;

			if (c->boot) {
				*pp = c->next;
				c->next = dropped;
				dropped = c;
			} else {
				pp = &c->next;
			}
		}
	}
	for (pp = &console_drivers; *pp; pp = &(*pp)->next)
		;
	*pp = con;
	if (con->boot || !had_boot_console)
		console_replay(con);
	if (con->boot) {
		had_boot_console = true;
		printk(KERN_INFO "printk: bootconsole [%s%d] enabled\n", con->name, con->index);
		return;
	}
	printk(KERN_INFO "printk: console [%s%d] enabled\n", con->name, con->index);
	for (; dropped; dropped = dropped->next)
		printk(KERN_INFO "printk: bootconsole [%s%d] disabled\n", dropped->name,
		       dropped->index);
}
