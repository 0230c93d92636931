/*
 * params.h - the kernel command line: the text from /chosen bootargs,
 * handlers registered with __setup("name=", fn) or __setup("flag", fn)
 * (a table the linker gathers, as in Linux), and lookups for code that
 * wants to read an option directly (x86 Linux's cmdline_find_option).
 */
#ifndef KERNEL_CORE_PARAMS_H
#define KERNEL_CORE_PARAMS_H

#include "lib/types.h"

#define COMMAND_LINE_SIZE 1024

extern char boot_command_line[COMMAND_LINE_SIZE];

struct obs_kernel_param {
	const char *str;		/* "quiet" or "loglevel=" (with the '=') */
	int (*setup_func)(char *val);	/* val: text after the '=', or "" */
};

#define __setup_cat2(a, b) a##b
#define __setup_cat(a, b) __setup_cat2(a, b)
#define __setup(str, fn)						\
	static const struct obs_kernel_param __setup_cat(__setup_, __LINE__)	\
	__attribute__((used, section(".init.setup"), aligned(4))) = { str, fn }

/* Runs the __setup handlers over boot_command_line; prints "Kernel command line: ...". */
void parse_early_params(void);
void parse_args(void);

/*
 * Finds "option=value" in cmdline (word by word; the last one wins) and
 * copies value into buffer (NUL-terminated, bufsize bytes at most).
 * Returns the value's length, or -1 when option is absent.
 */
int cmdline_find_option(const char *cmdline, const char *option, char *buffer, int bufsize);
/* 1 if the bare word option (or option=1/on/y) is present, 0 otherwise. */
int cmdline_find_option_bool(const char *cmdline, const char *option);

#endif /* KERNEL_CORE_PARAMS_H */
