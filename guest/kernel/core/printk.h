/*
 * printk.h - the kernel log: printk with Linux's log levels and
 * timestamps, the log_buf ring that dmesg reads, and the console list.
 */
#ifndef KERNEL_CORE_PRINTK_H
#define KERNEL_CORE_PRINTK_H

#include "kernel/core/version.h"
#include "lib/types.h"

#define KERN_SOH	"\001"		/* start of header: a level follows */
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"	/* continues the previous line */

#define CONSOLE_LOGLEVEL_DEFAULT	7	/* print everything but debug */
#define CONSOLE_LOGLEVEL_QUIET		4	/* "quiet": warnings and worse */
#define MESSAGE_LOGLEVEL_DEFAULT	4	/* printk without a level */

/*
 * The log ring, like Linux's CONFIG_LOG_BUF_SHIFT: 32 KiB in 1.0, 64 KiB in 2.0.
 * A side effect a kexec learner can see: everything after log_buf in .bss
 * (e.g. virtio-net's RX buffers) sits 32 KiB higher in 2.0, so a device
 * left running by 1.0 DMA-writes into other variables of 2.0.
 */
#if KESTREL_VERSION_MAJOR >= 2
#define LOG_BUF_SHIFT	16
#else
#define LOG_BUF_SHIFT	15
#endif
#define LOG_BUF_LEN	(1UL << LOG_BUF_SHIFT)

/* A console: printk writes every message at or above console_loglevel to each. */
struct console {
	const char *name;	/* "ttyS" */
	int index;		/* 0 for ttyS0 */
	bool boot;		/* a boot console, dropped when a real one registers */
	void (*write)(struct console *con, const char *s, size_t n);
	struct console *next;
};

extern int console_loglevel;

int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int vprintk(const char *fmt, va_list ap);
void register_console(struct console *con);

/* Copies the log ring, oldest first, into buf; returns the byte count. */
size_t log_buf_copy(char *buf, size_t len, size_t offset);
size_t log_buf_len_used(void);

#define pr_emerg(fmt, ...)	printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#endif /* KERNEL_CORE_PRINTK_H */
