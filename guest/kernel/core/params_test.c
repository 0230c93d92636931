/*
 * params_test.c - host unit tests of params.c: option lookup and the
 * __setup dispatch (compiled only with -DKESTREL_HOST_TEST, by params.test.ts).
 * Prints "ok <name>" per passing case; exits non-zero on the first failure.
 */
#ifdef KESTREL_HOST_TEST
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kernel/core/params.h"

static char printk_out[1024];

int
printk(const char *fmt, ...)
{
	va_list ap;
	size_t n = strlen(printk_out);
	int r;

	va_start(ap, fmt);
	r = vsnprintf(printk_out + n, sizeof(printk_out) - n, fmt, ap);
	va_end(ap);
	return r;
}

#define CHECK(cond) do { if (!(cond)) { \
	printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); exit(1); } } while (0)

static int quiet_calls;
static char loglevel_val[16], skip_val[16];

static int quiet_setup(char *v) { (void)v; quiet_calls++; return 0; }
static int loglevel_setup(char *v) { snprintf(loglevel_val, sizeof(loglevel_val), "%s", v); return 0; }
static int skip_setup(char *v) { snprintf(skip_val, sizeof(skip_val), "%s", v); return 0; }

/* The table the kernel's linker script gathers from .init.setup, spelled out. */
_Static_assert(sizeof(struct obs_kernel_param) == 16, "the end symbol below assumes 16");
const struct obs_kernel_param __setup_start[] = {
	{ "quiet", quiet_setup },
	{ "loglevel=", loglevel_setup },
	{ "kexec_debug.skip_shutdown=", skip_setup },
};
__asm__(".globl __setup_end\n.set __setup_end, __setup_start + 48");

static void
test_find_option(void)
{
	const char *cl = "console=ttyS0 kexec_debug.relocate_in_place=1 foo=\"a b\" consolex=9 x=1 x=2 quiet";
	char buf[32];

	CHECK(cmdline_find_option(cl, "console", buf, sizeof(buf)) == 5 && !strcmp(buf, "ttyS0"));
	CHECK(cmdline_find_option(cl, "kexec_debug.relocate_in_place", buf, sizeof(buf)) == 1);
	CHECK(!strcmp(buf, "1"));
	CHECK(cmdline_find_option(cl, "foo", buf, sizeof(buf)) == 3 && !strcmp(buf, "a b"));
	CHECK(cmdline_find_option(cl, "x", buf, sizeof(buf)) == 1 && !strcmp(buf, "2"));
	CHECK(cmdline_find_option(cl, "nope", buf, sizeof(buf)) == -1);
	CHECK(cmdline_find_option(cl, "quiet", buf, sizeof(buf)) == -1);	/* no value */
	CHECK(cmdline_find_option(cl, "console", buf, 3) == 5 && !strcmp(buf, "tt"));
	printf("ok find_option\n");
}

static void
test_find_option_bool(void)
{
	CHECK(cmdline_find_option_bool("console=ttyS0 quiet", "quiet") == 1);
	CHECK(cmdline_find_option_bool("quietx", "quiet") == 0);
	CHECK(cmdline_find_option_bool("kexec_debug.skip_shutdown=1", "kexec_debug.skip_shutdown") == 1);
	CHECK(cmdline_find_option_bool("kexec_debug.skip_shutdown=0", "kexec_debug.skip_shutdown") == 0);
	CHECK(cmdline_find_option_bool("a=1 kexec_debug.skip_shutdown=y", "kexec_debug.skip_shutdown") == 1);
	CHECK(cmdline_find_option_bool("", "quiet") == 0);
	printf("ok find_option_bool\n");
}

static void
test_parse_args(void)
{
	strcpy(boot_command_line, "console=ttyS0 quiet loglevel=7 kexec_debug.skip_shutdown=1 "
				  "mystery some.module=3 loglevel=\"8\"");
	printk_out[0] = '\0';
	parse_args();
	CHECK(quiet_calls == 1);
	CHECK(!strcmp(loglevel_val, "8"));	/* the later one, quotes dropped */
	CHECK(!strcmp(skip_val, "1"));
	/* console= has no handler here: reported with mystery; dotted words are not */
	CHECK(strstr(printk_out, "Unknown kernel command line parameters \"console=ttyS0 mystery\", will be passed to user space."));
	CHECK(!strstr(printk_out, "some.module"));
	printf("ok parse_args\n");
}

int
main(void)
{
	test_find_option();
	test_find_option_bool();
	test_parse_args();
	return 0;
}
#endif /* KESTREL_HOST_TEST */
