/*
 * shell.h - the console shell: the command table (commands.c), the line
 * editor (readline.c) and the loop that ties them (shell.c).
 */
#ifndef KERNEL_SHELL_SHELL_H
#define KERNEL_SHELL_SHELL_H

#include "lib/types.h"

#define SHELL_MAX_ARGS 24
#define SHELL_LINE_MAX 256

struct shell_command {
	const char *name;
	int (*main)(int argc, char **argv);	/* returns the exit status */
	const char *help;			/* one line for "help" */
};

extern const struct shell_command shell_commands[];
extern const unsigned int shell_nr_commands;

/* Reads one edited line (no newline) into buf; returns its length. */
int readline(const char *prompt, char *buf, size_t size);
void shell_main(void) __attribute__((noreturn));

/* The commands (cmd_*.c). */
int help_main(int argc, char **argv);
int ls_main(int argc, char **argv);
int cat_main(int argc, char **argv);
int echo_main(int argc, char **argv);
int dmesg_main(int argc, char **argv);
int uname_main(int argc, char **argv);
int uptime_main(int argc, char **argv);
int free_main(int argc, char **argv);
int ifconfig_main(int argc, char **argv);
int reboot_main(int argc, char **argv);
int poweroff_main(int argc, char **argv);
int lsdev_main(int argc, char **argv);

#endif /* KERNEL_SHELL_SHELL_H */
