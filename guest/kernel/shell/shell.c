/*
 * shell.c - the console shell's loop: prompt, read a line, split it into
 * words (quotes group, "> file" and ">> file" redirect stdout), run the
 * command from the table with stdout pointing where it should.
 */
#include "kernel/core/errno.h"
#include "kernel/core/version.h"
#include "kernel/libc/stdio.h"
#include "kernel/libc/unistd.h"
#include "kernel/shell/shell.h"
#include "lib/string.h"

#define SHELL_PROMPT "# "

/*
 * Splits line into words (quotes group and are dropped); "> file" or
 * ">> file" sets *redir. Returns argc, or -1 on a syntax error. The words
 * live in a static buffer until the next call.
 */
static int
shell_parse(const char *line, char **argv, char **redir)
{
	static char words[SHELL_LINE_MAX * 2];
	char *d = words;
	const char *s = line;
	bool want_redir = false;
	int argc = 0;

	*redir = NULL;
	for (;;) {
		char quote = 0, *word = d;

		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s)
			break;
		if (*s == '>') {
			if (want_redir)
				goto syntax;
			s += s[1] == '>' ? 2 : 1;	/* ">>" appends: the same for our files */
			want_redir = true;
			continue;
		}
		while (*s && (quote || (*s != ' ' && *s != '\t' && *s != '>'))) {
			if (!quote && (*s == '"' || *s == '\''))
				quote = *s++;
			else if (quote && *s == quote)
				quote = 0, s++;
			else
				*d++ = *s++;
		}
		*d++ = '\0';
		if (want_redir) {
			*redir = word;
			want_redir = false;
		} else if (argc < SHELL_MAX_ARGS - 1) {
			argv[argc++] = word;
		}
	}
	if (want_redir)
		goto syntax;
	argv[argc] = NULL;
	return argc;
syntax:
	dprintf(STDERR_FILENO, "sh: syntax error: unexpected newline\n");
	return -1;
}

static const struct shell_command *
find_command(const char *name)
{
	for (unsigned int i = 0; i < shell_nr_commands; i++)
		if (strcmp(shell_commands[i].name, name) == 0)
			return &shell_commands[i];
	return NULL;
}

static void
run_line(char *line)
{
	char *argv[SHELL_MAX_ARGS];
	char *redir;
	const struct shell_command *cmd;
	int argc = shell_parse(line, argv, &redir);
	int saved = -1, fd;

	if (argc <= 0)
		return;
	cmd = find_command(argv[0]);
	if (!cmd) {
		dprintf(STDERR_FILENO, "sh: %s: not found\n", argv[0]);
		return;
	}
	if (redir) {
		fd = open(redir, O_WRONLY | O_CREAT | O_TRUNC);
		if (fd < 0) {
			dprintf(STDERR_FILENO, "sh: can't create %s: %s\n", redir, strerror(errno));
			return;
		}
		saved = (int)sys_dup(STDOUT_FILENO);
		sys_dup2(fd, STDOUT_FILENO);
		close(fd);
	}
	cmd->main(argc, argv);
	if (saved >= 0) {
		sys_dup2(saved, STDOUT_FILENO);
		close(saved);
	}
}

static void
print_motd(void)
{
#if KESTREL_VERSION_MAJOR >= 2
	printf("\nWelcome to Kestrel 2.0! New in this release: 'lsdev' shows the device list.\n"
	       "Type 'help' for the commands.\n\n");
#else
	printf("\nWelcome to Kestrel 1.0. Type 'help' for the commands.\n\n");
#endif
}

void
shell_main(void)
{
	static char line[SHELL_LINE_MAX];

	print_motd();
	for (;;) {
		readline(SHELL_PROMPT, line, sizeof(line));
		run_line(line);
	}
}
