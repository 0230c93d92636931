/*
 * cmd_fs.c - the file commands: ls, cat, echo. Written like user space:
 * only syscalls (via libc) and vfs_readdir for directory listings.
 */
#include "kernel/core/errno.h"
#include "kernel/fs/fs.h"
#include "kernel/libc/stdio.h"
#include "kernel/libc/unistd.h"
#include "kernel/shell/shell.h"
#include "lib/string.h"

static void
mode_string(u32 mode, char *s)
{
	static const char rwx[] = "rwxrwxrwx";

	s[0] = S_ISDIR(mode) ? 'd' : '-';
	for (int i = 0; i < 9; i++)
		s[1 + i] = (mode & (0400 >> i)) ? rwx[i] : '-';
	s[10] = '\0';
}

struct ls_ctx {
	bool long_format;
	int count;
};

static void
ls_entry(const char *name, u32 mode, size_t size, void *arg)
{
	struct ls_ctx *c = arg;
	char m[11];

	if (c->long_format) {
		mode_string(mode, m);
		printf("%s %2d root     root     %8lu %s\n", m, S_ISDIR(mode) ? 2 : 1,
		       (unsigned long)size, name);
	} else {
		printf("%s%s", c->count ? "  " : "", name);
	}
	c->count++;
}

static int
ls_one(const char *path, bool long_format, bool header)
{
	struct stat st;
	struct ls_ctx c = { long_format, 0 };
	int err;

	if (stat(path, &st) < 0) {
		dprintf(STDERR_FILENO, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		ls_entry(path, st.st_mode, (size_t)st.st_size, &c);
		if (!long_format)
			printf("\n");
		return 0;
	}
	if (header)
		printf("%s:\n", path);
	err = vfs_readdir(path, ls_entry, &c);
	if (err) {
		dprintf(STDERR_FILENO, "ls: %s: %s\n", path, strerror(-err));
		return 1;
	}
	if (!long_format && c.count)
		printf("\n");
	return 0;
}

int
ls_main(int argc, char **argv)
{
	bool long_format = false;
	int first = 1, status = 0, npaths;

	while (first < argc && argv[first][0] == '-' && argv[first][1]) {
		for (const char *o = argv[first] + 1; *o; o++) {
			if (*o == 'l')
				long_format = true;
			else if (*o != 'a' && *o != '1') {
				dprintf(STDERR_FILENO, "ls: invalid option -- '%c'\n", *o);
				return 1;
			}
		}
		first++;
	}
	npaths = argc - first;
	if (npaths == 0)
		return ls_one("/", long_format, false);
	for (int i = first; i < argc; i++) {
		if (i > first)
			printf("\n");
		status |= ls_one(argv[i], long_format, npaths > 1);
	}
	return status;
}

int
cat_main(int argc, char **argv)
{
	static char buf[1024];
	int status = 0;

	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);
		ssize_t n;

		if (fd < 0) {
			dprintf(STDERR_FILENO, "cat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		while ((n = read(fd, buf, sizeof(buf))) > 0)
			write(STDOUT_FILENO, buf, n);
		if (n < 0) {
			dprintf(STDERR_FILENO, "cat: %s: %s\n", argv[i], strerror(errno));
			status = 1;
		}
		close(fd);
	}
	return status;
}

int
echo_main(int argc, char **argv)
{
	static char buf[SHELL_LINE_MAX];
	bool newline = true;
	size_t n = 0;
	int i = 1;

	if (i < argc && strcmp(argv[i], "-n") == 0) {
		newline = false;
		i++;
	}
	for (; i < argc; i++)
		n += snprintf(buf + n, sizeof(buf) - n, "%s%s", n ? " " : "", argv[i]);
	if (newline && n < sizeof(buf) - 1)
		buf[n++] = '\n';
	/* One write, so a /sys store() sees the whole value at once. */
	if (write(STDOUT_FILENO, buf, n) < 0) {
		dprintf(STDERR_FILENO, "sh: echo: write error: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
