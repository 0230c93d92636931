/*
 * printf.h - formatted output: snprintf into buffers and vcbprintf, which
 * feeds each character to a callback (the console printers use it).
 */
#ifndef LIB_PRINTF_H
#define LIB_PRINTF_H

#include "lib/types.h"

typedef void (*printf_out_fn)(char c, void *arg);

/*
 * Formats fmt into out(c, arg), one character at a time; returns the number
 * of characters produced. Supports %d %i %u %x %X %o %c %s %p %% with the
 * flags '-' and '0', a width (or '*'), a precision (or '.*'), and the length
 * modifiers h, l, ll (64-bit) and z. %p prints 0x%08x.
 */
int vcbprintf(printf_out_fn out, void *arg, const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* LIB_PRINTF_H */
