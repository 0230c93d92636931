/*
 * printf.c - a small printf engine. One formatter (vcbprintf) writes through
 * a callback, so buffers (vsnprintf) and consoles share the same code.
 */
#include "lib/printf.h"
#include "lib/string.h"

struct fmt_spec {
	bool left;		/* '-': pad on the right */
	bool zero;		/* '0': pad numbers with zeros */
	int width;		/* minimum field width */
	int precision;		/* -1 when absent */
};

struct printf_ctx {
	printf_out_fn out;
	void *arg;
	int count;
};

static void
emit(struct printf_ctx *ctx, char c)
{
	ctx->out(c, ctx->arg);
	ctx->count++;
}

static void
emit_pad(struct printf_ctx *ctx, char c, int n)
{
	while (n-- > 0)
		emit(ctx, c);
}

static void
emit_string(struct printf_ctx *ctx, const struct fmt_spec *spec, const char *s)
{
	int len;

	if (!s)
		s = "(null)";
	len = (int)strnlen(s, spec->precision >= 0 ? (size_t)spec->precision : (size_t)-1);
	if (!spec->left)
		emit_pad(ctx, ' ', spec->width - len);
	for (int i = 0; i < len; i++)
		emit(ctx, s[i]);
	if (spec->left)
		emit_pad(ctx, ' ', spec->width - len);
}

/* Formats one unsigned value in base 8, 10 or 16, with an optional minus sign. */
static void
emit_number(struct printf_ctx *ctx, const struct fmt_spec *spec, u64 v, unsigned base,
	    bool upper, bool negative)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0, len, zeros = 0;

	if (base == 16) {
		/* Split in halves: no 64-bit division needed for hex. */
		do {
			tmp[n++] = digits[v & 15];
			v >>= 4;
		} while (v);
	} else if (v >> 32 == 0) {
		u32 w = (u32)v;
		do {
			tmp[n++] = digits[w % base];
			w /= base;
		} while (w);
	} else {
		do {
			tmp[n++] = digits[v % base];
			v /= base;
		} while (v);
	}
	if (spec->precision > n)
		zeros = spec->precision - n;
	len = n + zeros + (negative ? 1 : 0);
	if (!spec->left && spec->zero && spec->precision < 0 && spec->width > len) {
		zeros += spec->width - len;
		len = spec->width;
	}
	if (!spec->left)
		emit_pad(ctx, ' ', spec->width - len);
	if (negative)
		emit(ctx, '-');
	emit_pad(ctx, '0', zeros);
	while (n)
		emit(ctx, tmp[--n]);
	if (spec->left)
		emit_pad(ctx, ' ', spec->width - len);
}

int
vcbprintf(printf_out_fn out, void *arg, const char *fmt, va_list ap)
{
	struct printf_ctx ctx = { .out = out, .arg = arg, .count = 0 };

	for (; *fmt; fmt++) {
		struct fmt_spec spec = { .precision = -1 };
		int lng = 0;	/* 0 int, 1 long, 2 long long, -1 short */
		bool size_t_arg = false;
		u64 v;
		s64 sv;

		if (*fmt != '%') {
			emit(&ctx, *fmt);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				spec.left = true;
			else if (*fmt == '0')
				spec.zero = true;
			else
				break;
		}
		if (*fmt == '*') {
			spec.width = va_arg(ap, int);
			if (spec.width < 0) {
				spec.left = true;
				spec.width = -spec.width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				spec.width = spec.width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			spec.precision = 0;
			if (*fmt == '*') {
				spec.precision = va_arg(ap, int);
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					spec.precision = spec.precision * 10 + (*fmt++ - '0');
			}
		}
		for (;; fmt++) {
			if (*fmt == 'l')
				lng++;
			else if (*fmt == 'h')
				lng = -1;
			else if (*fmt == 'z')
				size_t_arg = true;
			else
				break;
		}

		switch (*fmt) {
		case 'd':
		case 'i':
			if (lng >= 2)
				sv = va_arg(ap, long long);
			else if (lng == 1)
				sv = va_arg(ap, long);
			else if (size_t_arg)
				sv = (s64)va_arg(ap, ptrdiff_t);
			else if (lng == -1)
				sv = (short)va_arg(ap, int);
			else
				sv = va_arg(ap, int);
			emit_number(&ctx, &spec, sv < 0 ? (u64)-sv : (u64)sv, 10, false, sv < 0);
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			if (lng >= 2)
				v = va_arg(ap, unsigned long long);
			else if (lng == 1)
				v = va_arg(ap, unsigned long);
			else if (size_t_arg)
				v = va_arg(ap, size_t);
			else if (lng == -1)
				v = (unsigned short)va_arg(ap, unsigned int);
			else
				v = va_arg(ap, unsigned int);
			emit_number(&ctx, &spec, v, *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16,
				    *fmt == 'X', false);
			break;
		case 'p':
			emit(&ctx, '0');
			emit(&ctx, 'x');
			spec = (struct fmt_spec){ .zero = true, .width = 8, .precision = -1 };
			emit_number(&ctx, &spec, (uintptr_t)va_arg(ap, void *), 16, false, false);
			break;
		case 'c':
			spec.precision = -1;
			if (!spec.left)
				emit_pad(&ctx, ' ', spec.width - 1);
			emit(&ctx, (char)va_arg(ap, int));
			if (spec.left)
				emit_pad(&ctx, ' ', spec.width - 1);
			break;
		case 's':
			emit_string(&ctx, &spec, va_arg(ap, const char *));
			break;
		case '%':
			emit(&ctx, '%');
			break;
		case '\0':
			return ctx.count;
		default:
			/* Unknown conversion: print it as written, as Linux does. */
			emit(&ctx, '%');
			emit(&ctx, *fmt);
			break;
		}
	}
	return ctx.count;
}

struct snprintf_buf {
	char *buf;
	size_t size;
	size_t pos;
};

static void
snprintf_out(char c, void *arg)
{
	struct snprintf_buf *b = arg;

	if (b->pos + 1 < b->size)
		b->buf[b->pos] = c;
	b->pos++;
}

/* Like C99: returns the length the full output would have; always terminates if size > 0. */
int
vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct snprintf_buf b = { .buf = buf, .size = size, .pos = 0 };
	int n = vcbprintf(snprintf_out, &b, fmt, ap);

	if (size)
		buf[b.pos < size ? b.pos : size - 1] = '\0';
	return n;
}

int
snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
