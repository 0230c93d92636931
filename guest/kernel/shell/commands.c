/*
 * commands.c - every shell command, in one table: name, entry point, help.
 * A new command is one line here (its main in its own file).
 */
#include "kernel/core/hooks.h"
#include "kernel/core/version.h"
#include "kernel/shell/shell.h"

const struct shell_command shell_commands[] = {
	{ "cat", cat_main, "print files" },
	{ "dmesg", dmesg_main, "print the kernel log" },
	{ "echo", echo_main, "print arguments (echo 1 > /sys/... writes a setting)" },
	{ "free", free_main, "show memory usage" },
	{ "help", help_main, "list the commands" },
	{ "ifconfig", ifconfig_main, "show network interfaces" },
	{ "kexec", kexec_main, "load or boot a new kernel without firmware" },
	{ "ls", ls_main, "list directory contents" },
#if KESTREL_VERSION_MAJOR >= 2
	{ "lsdev", lsdev_main, "list devices, newest first (the device_shutdown order)" },
#endif
	{ "poweroff", poweroff_main, "power the machine off" },
	{ "reboot", reboot_main, "cold reboot through the firmware" },
	{ "uname", uname_main, "print system information" },
	{ "uptime", uptime_main, "time since reset" },
};

const unsigned int shell_nr_commands = sizeof(shell_commands) / sizeof(shell_commands[0]);
