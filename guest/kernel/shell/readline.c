/*
 * readline.c - line editing on a serial console: printable characters
 * echo, Backspace erases, Ctrl-C abandons the line, Ctrl-U clears it,
 * Up/Down (ESC [ A / ESC [ B) walk a small history; other escape
 * sequences (Left, Right, Delete, ...) are swallowed.
 */
#include "kernel/libc/unistd.h"
#include "kernel/shell/shell.h"
#include "lib/string.h"

#define HISTORY_SIZE 16

static char history[HISTORY_SIZE][SHELL_LINE_MAX];
static unsigned int history_count;	/* lines ever added */

static void
out(const char *s, size_t n)
{
	write(STDOUT_FILENO, s, n);
}

static void
erase_chars(size_t n)
{
	while (n--)
		out("\b \b", 3);
}

static void
history_add(const char *line)
{
	if (!*line)
		return;
	if (history_count && strcmp(history[(history_count - 1) % HISTORY_SIZE], line) == 0)
		return;
	strlcpy(history[history_count % HISTORY_SIZE], line, SHELL_LINE_MAX);
	history_count++;
}

static char
getch(void)
{
	char c = 0;

	while (read(STDIN_FILENO, &c, 1) != 1)
		;
	return c;
}

int
readline(const char *prompt, char *buf, size_t size)
{
	size_t len = 0;
	unsigned int hist = history_count;	/* == count: the line being typed */
	static bool last_cr;

	out(prompt, strlen(prompt));
	for (;;) {
		char c = getch();

		if (c == '\n' && last_cr) {	/* the \n of a \r\n pair */
			last_cr = false;
			continue;
		}
		last_cr = c == '\r';
		if (c == '\r' || c == '\n') {
			out("\n", 1);
			buf[len] = '\0';
			history_add(buf);
			return (int)len;
		} else if (c == 0x7f || c == '\b') {	/* Backspace */
			if (len) {
				len--;
				erase_chars(1);
			}
		} else if (c == 0x03) {			/* Ctrl-C */
			out("^C\n", 3);
			buf[0] = '\0';
			return 0;
		} else if (c == 0x15) {			/* Ctrl-U */
			erase_chars(len);
			len = 0;
		} else if (c == 0x1b) {			/* ESC [ A/B/C/D */
			char c1 = getch(), c2;
			const char *line = NULL;

			if (c1 != '[' && c1 != 'O')	/* CSI, or SS3 in application mode */
				continue;
			c2 = getch();
			if (c2 >= '0' && c2 <= '9') {	/* ESC [ 3 ~ (Delete) and kin: ignored */
				while (c2 != '~' && ((c2 >= '0' && c2 <= '9') || c2 == ';'))
					c2 = getch();
				continue;
			}
			if (c2 == 'A' && hist > 0 && history_count - hist < HISTORY_SIZE &&
			    hist > (history_count > HISTORY_SIZE ? history_count - HISTORY_SIZE : 0)) {
				hist--;
				line = history[hist % HISTORY_SIZE];
			} else if (c2 == 'B' && hist < history_count) {
				hist++;
				line = hist < history_count ? history[hist % HISTORY_SIZE] : "";
			}
			if (line) {
				erase_chars(len);
				len = strlcpy(buf, line, size);
				if (len >= size)
					len = size - 1;
				out(buf, len);
			}
		} else if ((unsigned char)c >= ' ' && len + 1 < size) {
			buf[len++] = c;
			out(&c, 1);
		}
	}
}
