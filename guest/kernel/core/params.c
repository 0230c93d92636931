/*
 * params.c - splits the command line into words and hands each to the
 * __setup handler whose name matches; unknown words are left for "init"
 * (here: shown by the warning Linux prints). Also the lookup helpers.
 */
#include "kernel/core/init.h"
#include "kernel/core/params.h"
#include "kernel/core/printk.h"
#include "lib/printf.h"
#include "lib/string.h"

char boot_command_line[COMMAND_LINE_SIZE];

extern const struct obs_kernel_param __setup_start[], __setup_end[];

/* Next word of s (quotes group words, as Linux's next_arg); NULL at the end. */
static const char *
next_word(const char *s, const char **word, size_t *len)
{
	bool quoted = false;
	const char *w;

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (!*s)
		return NULL;
	w = s;
	while (*s && (quoted || (*s != ' ' && *s != '\t' && *s != '\n'))) {
		if (*s == '"')
			quoted = !quoted;
		s++;
	}
	*word = w;
	*len = s - w;
	return s;
}

static bool __init
do_setup(const char *word, size_t len)
{
	char buf[128];

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, word, len);
	buf[len] = '\0';
	for (const struct obs_kernel_param *p = __setup_start; p < __setup_end; p++) {
		size_t n = strlen(p->str);
		bool has_eq = n && p->str[n - 1] == '=';

		if (has_eq ? strncmp(buf, p->str, n) == 0
			   : strcmp(buf, p->str) == 0) {
			char *val = buf + n;

			/* strip quotes around the value: foo="a b" */
			if (*val == '"') {
				size_t vl = strlen(++val);

				if (vl && val[vl - 1] == '"')
					val[vl - 1] = '\0';
			}
			p->setup_func(val);
			return true;
		}
	}
	return false;
}

void __init
parse_early_params(void)
{
	pr_notice("Kernel command line: %s\n", boot_command_line);
}

void __init
parse_args(void)
{
	const char *s = boot_command_line, *word;
	char unknown[256];
	size_t len, ulen = 0;

	unknown[0] = '\0';
	while ((s = next_word(s, &word, &len))) {
		if (do_setup(word, len))
			continue;
		/* Words with a '.' are module parameters: not ours to judge. */
		if (memchr(word, '.', len) || ulen + len + 4 >= sizeof(unknown))
			continue;
		ulen += snprintf(unknown + ulen, sizeof(unknown) - ulen, "%s%.*s",
				 ulen ? " " : "", (int)len, word);
	}
	if (ulen)
		pr_notice("Unknown kernel command line parameters \"%s\", will be passed to user space.\n",
			  unknown);
}

int
cmdline_find_option(const char *cmdline, const char *option, char *buffer, int bufsize)
{
	const char *s = cmdline, *word;
	size_t len, olen = strlen(option);
	int found = -1;

	while ((s = next_word(s, &word, &len))) {
		if (len > olen && strncmp(word, option, olen) == 0 && word[olen] == '=') {
			const char *v = word + olen + 1;
			size_t vl = len - olen - 1;

			if (vl >= 2 && v[0] == '"' && v[vl - 1] == '"') {
				v++;
				vl -= 2;
			}
			found = (int)vl;
			if (buffer && bufsize > 0) {
				size_t n = min(vl, (size_t)bufsize - 1);

				memcpy(buffer, v, n);
				buffer[n] = '\0';
			}
		}
	}
	return found;
}

int
cmdline_find_option_bool(const char *cmdline, const char *option)
{
	const char *s = cmdline, *word;
	size_t len, olen = strlen(option);
	char val[8];
	int ret = 0;

	while ((s = next_word(s, &word, &len)))
		if (len == olen && strncmp(word, option, olen) == 0)
			ret = 1;
	if (cmdline_find_option(cmdline, option, val, sizeof(val)) >= 0)
		ret = !strcmp(val, "1") || !strcmp(val, "y") || !strcmp(val, "on") ||
		      !strcmp(val, "yes") || !strcmp(val, "true");
	return ret;
}
