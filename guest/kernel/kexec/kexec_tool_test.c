/*
 * kexec_tool_test.c - host test of the kexec tool's memory logic
 * (kexec_tool_mem.c, gcc, run by kexec_tool.test.ts): /proc/iomem parsing,
 * segment sorting and its overlap message, locate_hole and placement.
 * Compiled only with -DKEXEC_TOOL_HOST_TEST: the kernel build sees nothing.
 */
#ifdef KEXEC_TOOL_HOST_TEST

#include <stdlib.h>
#include <string.h>

#include "kernel/kexec/kexec_tool.h"

int dprintf(int fd, const char *fmt, ...);
int printf(const char *fmt, ...);

int kexec_debug;
unsigned long long mem_min = 0;
unsigned long long mem_max = ~0UL;
struct riscv_opts arch_options;

/*
 * /proc/iomem as Kestrel prints it on the default 64 MiB machine (the
 * firmware's /reserved-memory node, the DTB's /memreserve/), plus a
 * reservation at the top and a device line.
 */
static const char iomem_text[] =
	"10000000-100000ff : serial\n"
	"80000000-83ffffff : System RAM\n"
	"  80000000-801effff : Reserved\n"
	"  801f0000-801fffff : Reserved\n"
	"  80400000-8041296f : Kernel code\n"
	"  80413000-8041cd3f : Kernel rodata\n"
	"  8041e000-8041e04f : Kernel data\n"
	"  8041f000-8043afff : Kernel bss\n"
	"  83ff0000-83ffffff : Reserved\n";

void *
xmalloc(size_t size)
{
	return malloc(size ? size : 1);
}

void
xfree(void *p)
{
	free(p);
}

char *
slurp_file(const char *filename, size_t *r_size)
{
	char *buf;

	if (strcmp(filename, "/proc/iomem") != 0)
		return NULL;
	*r_size = sizeof(iomem_text) - 1;
	buf = xmalloc(sizeof(iomem_text));
	memcpy(buf, iomem_text, sizeof(iomem_text));
	return buf;
}

static struct kexec_info info;

static void
print_ranges(void)
{
	int i;

	for (i = 0; i < info.memory_ranges; i++)
		printf("%llx-%llx\n", info.memory_range[i].start, info.memory_range[i].end);
}

/* System RAM minus Reserved; the running kernel's ranges stay in. */
static int
test_ranges(void)
{
	if (get_memory_ranges(&info))
		return 1;
	print_ranges();
	return 0;
}

/*
 * The kernel at 0x8040_0000 (over the running one), then the initrd as high
 * as it goes, the DTB below it and purgatory below that.
 */
static int
test_placement(void)
{
	static const char kernel[16], initrd[16], dtb[16], purg[16];
	unsigned long initrd_base, dtb_base, purg_base;

	get_memory_ranges(&info);
	if (add_segment(&info, kernel, sizeof(kernel), 0x80400000, 0x3b000))
		return 1;
	initrd_base = add_buffer(&info, initrd, sizeof(initrd), 0x25000, 0, 0x8043b000, ~0UL, -1);
	dtb_base = add_buffer(&info, dtb, sizeof(dtb), 0x1000, 0, 0x8043b000, initrd_base, -1);
	purg_base = add_buffer(&info, purg, sizeof(purg), 0x8000, 0, 0x8043b000, dtb_base, -1);
	printf("initrd %lx dtb %lx purgatory %lx\n", initrd_base, dtb_base, purg_base);
	if (sort_segments(&info))
		return 1;
	for (int i = 0; i < info.nr_segments; i++)
		printf("%lx+%zx\n", info.segment[i].mem, info.segment[i].memsz);
	return 0;
}

/* Two ELF segments that overlap: kexec-tools' message names where. */
static int
test_overlap(void)
{
	static const char a[16], b[16];

	get_memory_ranges(&info);
	add_segment(&info, b, sizeof(b), 0x80402000, 0x2000);
	add_segment(&info, a, sizeof(a), 0x80400000, 0x3000);
	return sort_segments(&info) == -1 ? 0 : 1;
}

/* Nothing fits below --mem-max: both messages, and ULONG_MAX back. */
static int
test_no_hole(void)
{
	static const char kernel[16], initrd[16];

	get_memory_ranges(&info);
	mem_max = 0x80440000;
	add_segment(&info, kernel, sizeof(kernel), 0x80400000, 0x3b000);
	return add_buffer(&info, initrd, sizeof(initrd), 0x25000, 0, 0x8043b000, ~0UL, -1) == ~0UL ?
		       0 : 1;
}

/* A segment outside RAM is refused before any syscall. */
static int
test_invalid_segment(void)
{
	static const char a[16];

	get_memory_ranges(&info);
	return add_segment(&info, a, sizeof(a), 0x80000000, 0x1000) == -1 ? 0 : 1;
}

static const struct {
	const char *name;
	int (*fn)(void);
} tests[] = {
	{ "ranges", test_ranges },
	{ "placement", test_placement },
	{ "overlap", test_overlap },
	{ "no_hole", test_no_hole },
	{ "invalid_segment", test_invalid_segment },
};

int
main(int argc, char **argv)
{
	size_t i;

	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (argc < 2)
			printf("%s\n", tests[i].name);
		else if (!strcmp(argv[1], tests[i].name))
			return tests[i].fn();
	}
	return argc < 2 ? 0 : 2;
}

#endif /* KEXEC_TOOL_HOST_TEST */
