/*
 * kexec_tool_getopt.c - the kexec tool's option table and a small
 * getopt_long over it, with glibc's messages for bad options. Kestrel's
 * libc has no getopt; this is the part of it the tool needs.
 */
#include "kernel/kexec/kexec_tool.h"
#include "kernel/libc/stdio.h"
#include "kernel/libc/unistd.h"
#include "lib/string.h"

struct kexec_option {
	const char *name;	/* long name */
	int has_arg;
	int val;		/* the short letter, or OPT_* */
};

static const struct kexec_option kexec_options[] = {
	{ "help", 0, 'h' },		{ "version", 0, 'v' },	 { "force", 0, 'f' },
	{ "no-checks", 0, 'i' },	{ "no-ifdown", 0, 'x' }, { "no-sync", 0, 'y' },
	{ "load", 0, 'l' },		{ "load-panic", 0, 'p' }, { "unload", 0, 'u' },
	{ "exec", 0, 'e' },		{ "debug", 0, 'd' },	 { "mem-min", 1, OPT_MEM_MIN },
	{ "mem-max", 1, OPT_MEM_MAX },	{ "append", 1, OPT_APPEND }, { "command-line", 1, OPT_CMDLINE },
	{ "reuse-cmdline", 0, OPT_REUSE_CMDLINE }, { "initrd", 1, OPT_INITRD }, { "dtb", 1, OPT_DTB },
};

/*
 * A small getopt_long: "--name=value", "--name value" and clusters of short
 * flags; other words are operands. Returns the option, -1 at the end, '?'
 * after glibc's message for a bad one.
 */
int
kexec_getopt(int argc, char **argv, struct kexec_getopt_state *s)
{
	const char *arg;
	size_t i;

	for (;;) {
		if (s->optind >= argc)
			return -1;
		arg = argv[s->optind];
		if (arg[0] != '-' || arg[1] == '\0') {
			s->operand[s->operands++] = argv[(s->optind)++];
			continue;
		}
		break;
	}

	if (arg[1] == '-') {
		const char *name = arg + 2, *eq = strchr(name, '=');
		size_t len = eq ? (size_t)(eq - name) : strlen(name);

		(s->optind)++;
		for (i = 0; i < ARRAY_SIZE(kexec_options); i++) {
			const struct kexec_option *o = &kexec_options[i];

			if (strlen(o->name) != len || strncmp(o->name, name, len))
				continue;
			s->optarg = NULL;
			if (o->has_arg) {
				if (eq) {
					s->optarg = eq + 1;
				} else if (s->optind < argc) {
					s->optarg = argv[(s->optind)++];
				} else {
					errprintf("kexec: option '--%s' requires an argument\n", o->name);
					return '?';
				}
			} else if (eq) {
				errprintf("kexec: option '--%s' doesn't allow an argument\n", o->name);
				return '?';
			}
			return o->val;
		}
		errprintf("kexec: unrecognized option '%s'\n", arg);
		return '?';
	}

	/* A cluster of short flags: "-le". */
	{
		char c = arg[1 + s->nextchar];

		s->nextchar++;
		if (arg[1 + s->nextchar] == '\0') {
			s->nextchar = 0;
			(s->optind)++;
		}
		for (i = 0; i < ARRAY_SIZE(kexec_options); i++) {
			if (kexec_options[i].val == c && kexec_options[i].val < OPT_MEM_MIN)
				return c;
		}
		errprintf("kexec: invalid option -- '%c'\n", c);
		return '?';
	}
}

