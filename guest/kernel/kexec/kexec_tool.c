/*
 * kexec_tool.c - the `kexec` command: kexec-tools' kexec/kexec.c for our
 * shell. It reads files, builds the segment list and calls kexec_load(2)
 * and reboot(2) like any user-space program: through the syscall layer
 * only (libc/unistd.h), never into the kernel's kexec code directly.
 */
#include "kernel/core/errno.h"
#include "kernel/kexec/kexec_tool.h"
#include "kernel/libc/stdio.h"
#include "kernel/libc/unistd.h"
#include "kernel/mm/slab.h"
#include "lib/string.h"

#define KEXEC_LOADED_PATH	"/sys/kernel/kexec_loaded"

int kexec_debug;
unsigned long long mem_min = 0;
unsigned long long mem_max = ~0UL;
static unsigned long kexec_flags;

/*
 * Kestrel's libc has no malloc yet: kmalloc stands in for the heap that
 * brk/mmap would give a real process. Nothing else of the kernel is used.
 */
void *
xmalloc(size_t size)
{
	void *p = kmalloc(size ? size : 1);

	if (!p)
		errprintf("Cannot malloc %lu bytes: %s\n", (unsigned long)size, strerror(ENOMEM));
	return p;
}

void
xfree(void *p)
{
	if (p)
		kfree(p);
}

static char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = xmalloc(n);

	if (p)
		memcpy(p, s, n);
	return p;
}

/* kexec_load(2) through syscall(), as kexec-tools calls it: -1 and errno on failure. */
static long
kexec_load(unsigned long entry, unsigned long nr_segments, struct kexec_segment *segments,
	   unsigned long flags)
{
	long ret = syscall(__NR_kexec_load, entry, nr_segments, segments, flags);

	if (ret < 0) {
		errno = (int)-ret;
		return -1;
	}
	return ret;
}

char *
slurp_file(const char *filename, size_t *r_size)
{
	struct stat st;
	size_t progress = 0;
	char *buf;
	int fd;

	fd = open(filename, O_RDONLY);
	if (fd < 0) {
		errprintf("Cannot open `%s': %s\n", filename, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0) {
		errprintf("Cannot stat: %s: %s\n", filename, strerror(errno));
		close(fd);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return NULL;
	}
	while (progress < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + progress, (size_t)st.st_size - progress);

		if (n < 0) {
			errprintf("Read on %s failed: %s\n", filename, strerror(errno));
			xfree(buf);
			close(fd);
			return NULL;
		}
		if (n == 0)
			break;
		progress += (size_t)n;
	}
	close(fd);
	if (progress != (size_t)st.st_size) {
		errprintf("Read on %s ended before stat said it should\n", filename);
		xfree(buf);
		return NULL;
	}
	buf[progress] = '\0';
	*r_size = progress;
	return buf;
}

char *
concat_cmdline(const char *base, const char *append)
{
	char *cmdline;

	if (!base && !append)
		return NULL;
	if (append && !base)
		return xstrdup(append);
	if (base && !append)
		return xstrdup(base);
	cmdline = xmalloc(strlen(base) + 1 + strlen(append) + 1);
	if (cmdline) {
		strcpy(cmdline, base);
		strcpy(cmdline + strlen(base), " ");
		strcpy(cmdline + strlen(base) + 1, append);
	}
	return cmdline;
}

/* Removes the word param_name=... from a command line. */
static void
remove_parameter(char *line, const char *param_name)
{
	char *start = strstr(line, param_name), *end;

	if (!start || (start != line && start[-1] != ' '))
		return;
	end = strchr(start, ' ');
	if (!end)
		*start = '\0';
	else
		memmove(start, end + 1, strlen(end + 1) + 1);
}

/* /proc/cmdline for --reuse-cmdline, without BOOT_IMAGE (and crashkernel= for -p). */
static char *
get_command_line(void)
{
	size_t size;
	char *line = slurp_file("/proc/cmdline", &size);

	if (!line)
		return NULL;
	if (size && line[size - 1] == '\n')
		line[size - 1] = '\0';
	remove_parameter(line, "BOOT_IMAGE");
	if (kexec_flags & KEXEC_ON_CRASH)
		remove_parameter(line, "crashkernel");
	return line;
}

/* 1 or 0 from /sys/kernel/kexec_loaded; -1 if it cannot be read. */
static int
kexec_loaded(const char *file)
{
	char line[3];
	ssize_t n;
	int fd = open(file, O_RDONLY);

	if (fd < 0)
		return -1;
	n = read(fd, line, sizeof(line) - 1);
	close(fd);
	if (n <= 0 || line[0] < '0' || line[0] > '9')
		return -1;
	return line[0] - '0';
}

/* Load the new kernel (kexec-tools' my_load). */
static int
my_load(const char *kernel, int skip_checks)
{
	struct kexec_info *info;
	char *kernel_buf;
	size_t kernel_size;
	int i, result;

	info = xmalloc(sizeof(*info));
	if (!info)
		return -1;
	memset(info, 0, sizeof(*info));
	info->kexec_flags = kexec_flags;
	info->skip_checks = skip_checks;

	kernel_buf = slurp_file(kernel, &kernel_size);
	if (!kernel_buf) {
		xfree(info);
		return -1;
	}
	dbgprintf("kernel: %p kernel_size: 0x%lx\n", kernel_buf, (unsigned long)kernel_size);

	result = -1;
	if (get_memory_ranges(info) < 0 || info->memory_ranges == 0) {
		errprintf("Could not get memory layout\n");
		goto out;
	}
	if (elf_riscv_probe(kernel_buf, kernel_size) != 0) {
		errprintf("Cannot determine the file type of %s\n", kernel);
		goto out;
	}
	info->kexec_flags |= KEXEC_ARCH_RISCV;

	result = elf_riscv_load(kernel_buf, kernel_size, info);
	if (result < 0) {
		errprintf("Cannot load %s\n", kernel);
		goto out;
	}
	/* Verify all of the segments load to a valid location in memory. */
	for (i = 0; i < info->nr_segments; i++) {
		unsigned long sstart = info->segment[i].mem;

		if (!valid_memory_range(info, sstart, sstart + info->segment[i].memsz - 1)) {
			errprintf("Invalid memory segment %p - %p\n", (void *)sstart,
				  (void *)(sstart + info->segment[i].memsz));
			result = -1;
			goto out;
		}
	}
	/* Sort the segments and verify we don't have overlaps. */
	if (sort_segments(info) < 0) {
		result = -1;
		goto out;
	}
	update_purgatory(info);

	dbgprintf("kexec_load: entry = %p flags = 0x%lx\n", (void *)info->entry, info->kexec_flags);
	if (kexec_debug)
		print_segments(STDERR_FILENO, info);

	result = (int)kexec_load(info->entry, (unsigned long)info->nr_segments, info->segment,
				 info->kexec_flags);
	if (result != 0) {
		/* The load failed, print some debugging information. */
		errprintf("kexec_load failed: %s\n", strerror(errno));
		errprintf("entry       = %p flags = 0x%lx\n", (void *)info->entry, info->kexec_flags);
		print_segments(STDERR_FILENO, info);
	}
out:
	/* The kernel copied every segment: our buffers can go. */
	xfree(info->purgatory_buf);
	xfree(info->initrd_buf);
	xfree(kernel_buf);
	xfree(info);
	return result;
}

static int
k_unload(unsigned long flags)
{
	long result = kexec_load(0, 0, NULL, flags | KEXEC_ARCH_RISCV);

	if (result != 0)
		errprintf("kexec unload failed: %s\n", strerror(errno));
	return (int)result;
}

/* Exec the new kernel (reboot); returns only on failure. */
static int
my_exec(void)
{
	reboot(LINUX_REBOOT_CMD_KEXEC);
	/* I have failed if I make it here. */
	errprintf("kexec failed: %s\n", strerror(errno));
	return -1;
}

static void
usage(void)
{
	printf("kexec (kexec-lab) 1.0, after kexec-tools\n"
	       "Usage: kexec [OPTION]... [kernel]\n"
	       "Directly reboot into a new kernel\n"
	       "\n"
	       " -h, --help           Print this help.\n"
	       " -v, --version        Print the version of kexec.\n"
	       " -f, --force          Force an immediate kexec,\n"
	       "                      don't call shutdown.\n"
	       " -i, --no-checks      Fast reboot, no memory integrity checks.\n"
	       " -x, --no-ifdown      Don't bring down network interfaces.\n"
	       " -y, --no-sync        Don't sync filesystems before kexec.\n"
	       " -l, --load           Load the new kernel into the\n"
	       "                      current kernel.\n"
	       " -p, --load-panic     Load the new kernel for use on panic.\n"
	       " -u, --unload         Unload the current kexec target kernel.\n"
	       " -e, --exec           Execute a currently loaded kernel.\n"
	       "     --mem-min=<addr> Specify the lowest memory address to\n"
	       "                      load code into.\n"
	       "     --mem-max=<addr> Specify the highest memory address to\n"
	       "                      load code into.\n"
	       " -d, --debug          Enable debugging to help spot a failure.\n"
	       "\n"
	       "Supported kernel file types and options: \n"
	       "elf-riscv\n"
	       "Architecture options: \n");
	arch_usage();
	printf("\n");
}

static int
parse_addr(const char *opt, const char *arg, unsigned long long *out)
{
	char *end;

	*out = strtoul(arg, &end, 0);
	if (*end || end == arg) {
		errprintf("Bad option value in --%s=%s\n", opt, arg);
		usage();
		return -1;
	}
	return 0;
}

/* The shell's `kexec`: kexec-tools' main(). */
int
kexec_main(int argc, char **argv)
{
	int do_load = 1, do_exec = 0, do_shutdown = 1, do_sync = 1, do_ifdown = 0, do_unload = 0;
	int skip_checks = 0, skip_sync = 0, skip_ifdown = 0;
	const char *append = NULL, *optarg;
	char *cmdline = NULL, *reused = NULL;
	char *operand[argc > 0 ? argc : 1];
	struct kexec_getopt_state gs = { .optind = 1, .operand = operand };
	int opt, result = 0;
	struct stat st;

	kexec_debug = 0;
	kexec_flags = 0;
	mem_min = 0;
	mem_max = ~0UL;
	memset(&arch_options, 0, sizeof(arch_options));

	while ((opt = kexec_getopt(argc, argv, &gs)) != -1) {
		optarg = gs.optarg;
		switch (opt) {
		case '?':
			usage();
			result = -1;
			goto out;
		case 'h':
			usage();
			goto out;
		case 'v':
			printf("kexec (kexec-lab) 1.0\n");
			goto out;
		case 'd':
			kexec_debug = 1;
			skip_ifdown = 1;	/* kexec-tools falls through here too */
			break;
		case 'x':
			skip_ifdown = 1;
			break;
		case 'y':
			skip_sync = 1;
			break;
		case 'f':
			do_load = 1;
			do_shutdown = 0;
			do_sync = 1;
			do_ifdown = 1;
			do_exec = 1;
			break;
		case 'l':
			do_load = 1;
			do_exec = 0;
			do_shutdown = 0;
			break;
		case 'u':
			do_load = 0;
			do_shutdown = 0;
			do_sync = 0;
			do_unload = 1;
			break;
		case 'e':
			do_load = 0;
			do_shutdown = 0;
			do_sync = 1;
			do_ifdown = 1;
			do_exec = 1;
			break;
		case 'p':
			do_load = 1;
			do_exec = 0;
			do_shutdown = 0;
			do_sync = 0;
			kexec_flags = KEXEC_ON_CRASH;
			break;
		case 'i':
			skip_checks = 1;
			break;
		case OPT_MEM_MIN:
			if (parse_addr("mem-min", optarg, &mem_min)) {
				result = -1;
				goto out;
			}
			break;
		case OPT_MEM_MAX:
			if (parse_addr("mem-max", optarg, &mem_max)) {
				result = -1;
				goto out;
			}
			break;
		case OPT_APPEND:
			append = optarg;
			break;
		case OPT_CMDLINE:
			if (cmdline)
				errprintf("Warning: Kernel's cmdline set twice !\n");
			cmdline = (char *)optarg;
			break;
		case OPT_REUSE_CMDLINE:
			if (cmdline)
				errprintf("Warning: Kernel's cmdline set twice !\n");
			xfree(reused);
			cmdline = reused = get_command_line();
			break;
		case OPT_INITRD:
			if (stat(optarg, &st)) {
				errprintf("Could not find the provided initrd image !\n");
				result = -EINVAL;
			}
			arch_options.initrd_path = optarg;
			break;
		case OPT_DTB:
			if (stat(optarg, &st)) {
				errprintf("Could not find the provided dtb !\n");
				result = -EINVAL;
			}
			arch_options.fdt_path = optarg;
			break;
		}
	}
	if (skip_ifdown)
		do_ifdown = 0;
	if (skip_sync)
		do_sync = 0;

	if (do_load && (kexec_flags & KEXEC_ON_CRASH) && !is_crashkernel_mem_reserved()) {
		errprintf("Memory for crashkernel is not reserved\n"
			  "Please reserve memory by passing\"crashkernel=X@Y\" parameter to kernel\n"
			  "Then try to loading kdump kernel\n");
		result = -1;
		goto out;
	}

	/* The riscv options only matter for a load (kexec-tools parses them always). */
	if (do_load && result == 0)
		result = arch_process_options(append, cmdline);

	if (do_unload)
		result = k_unload(kexec_flags);
	if (do_load && result == 0) {
		if (gs.operands == 0) {
			errprintf("No kernel specified\n");
			usage();
			result = -1;
			goto out;
		}
		result = my_load(operand[0], skip_checks);
	}
	/* Don't shutdown unless there is something to reboot to! */
	if (result == 0 && (do_shutdown || do_exec) && kexec_loaded(KEXEC_LOADED_PATH) != 1) {
		errprintf("Nothing has been loaded!\n");
		result = -1;
		goto out;
	}
	if (result == 0 && do_shutdown) {
		/* kexec-tools runs shutdown -r now; our shell has no init to ask. */
		errprintf("shutdown: %s\n", strerror(ENOENT));
		result = -1;
	}
	/* do_sync: the root file system is read-only, nothing to write back. */
	(void)do_sync;
	/* do_ifdown: virtio-net has no separate "down": device_shutdown() stops it. */
	(void)do_ifdown;
	if (result == 0 && do_exec)
		result = my_exec();
out:
	arch_cleanup();
	xfree(reused);
	return result == 0 ? 0 : 1;
}
