/*
 * post.c - the power-on self test: a memory test over all RAM. Each word
 * gets a pattern derived from its own address, so a stuck bit or an address
 * line that aliases two words shows up when the pattern is read back.
 * The firmware itself and the DTB it was given are spared.
 */
#include "firmware/post.h"
#include "firmware/console/console.h"
#include "firmware/memlayout.h"
#include "firmware/platform.h"
#include "lib/fdt.h"
#include "lib/string.h"
#include "lib/trace.h"

#define POST_CHUNK (1u << 20)	/* test one MiB at a time */
/*
 * Word a holds a ^ POST_PATTERN. The pattern's low 4 bits are 0, so for a
 * 16-byte aligned a the four words of a line hold e, e + 4, e + 8, e + 12
 * with e = a ^ POST_PATTERN: one XOR per line, not per word.
 */
#define POST_PATTERN 0xa5a5a5a0u

extern char _fw_start[], _fw_end[];

struct post_range {
	u32 start, end;	/* [start, end), 16-byte aligned */
};

static inline u32
post_pattern(u32 addr)
{
	return addr ^ POST_PATTERN;
}

/*
 * Writes then verifies the 16-byte lines at start, start + stride, ... below
 * end: every line (stride 16) or one per page (stride 4096, quick mode).
 * Returns the first bad address or 0.
 */
static u32
post_test_range(u32 start, u32 end, u32 stride)
{
	for (u32 a = start; a < end; a += stride) {
		volatile u32 *p = (volatile u32 *)(uintptr_t)a;
		u32 e = post_pattern(a);

		p[0] = e;
		p[1] = e + 4;
		p[2] = e + 8;
		p[3] = e + 12;
	}
	for (u32 a = start; a < end; a += stride) {
		volatile u32 *p = (volatile u32 *)(uintptr_t)a;

		/* p[i] ^ a == POST_PATTERN + 4 * i when the line is intact. */
		if ((p[0] ^ a) != POST_PATTERN || (p[1] ^ a) != POST_PATTERN + 4 ||
		    (p[2] ^ a) != POST_PATTERN + 8 || (p[3] ^ a) != POST_PATTERN + 12) {
			for (int i = 0; i < 4; i++)
				if (p[i] != post_pattern(a + 4 * i))
					return a + 4 * i;
		}
	}
	return 0;
}

/* Tests [start, end) minus the spared ranges. */
static u32
post_test_chunk(u32 start, u32 end, const struct post_range *spare, int nspare, u32 stride)
{
	for (int i = 0; i < nspare && start < end; i++) {
		u32 bad;

		if (spare[i].end <= start || spare[i].start >= end)
			continue;
		if (spare[i].start > start && (bad = post_test_range(start, spare[i].start, stride)))
			return bad;
		start = spare[i].end;
	}
	return start < end ? post_test_range(start, end, stride) : 0;
}

/*
 * How thorough: /chosen "kexec-lab,post" in the given DTB may say "quick"
 * (one line per page, like a PC firmware's fast boot) or "off"; the default
 * and QEMU's case is "full", every word.
 */
static u32
post_stride(void)
{
	int chosen = fdt_path_offset(platform.dtb, "/chosen");
	const char *mode = chosen >= 0 ? fdt_getprop(platform.dtb, chosen, "kexec-lab,post", NULL) : NULL;

	if (mode && !strcmp(mode, "off"))
		return 0;
	if (mode && !strcmp(mode, "quick"))
		return PAGE_SIZE;
	return 16;
}

void
post_memtest(void)
{
	struct post_range fw = { (u32)(uintptr_t)_fw_start, (u32)(uintptr_t)_fw_end };
	struct post_range dtb = { (u32)(uintptr_t)platform.dtb & ~15u,
				  ALIGN((u32)(uintptr_t)platform.dtb + platform.dtb_size, 16) };
	struct post_range spare[2];
	int nspare = 0;
	u32 base = platform.ram_base, size = platform.ram_size;
	u32 step = size > (256u << 20) ? 64u << 20 : 16u << 20;
	u32 stride = post_stride();

	if (!stride) {
		printf("POST: memory test skipped (/chosen kexec-lab,post = \"off\")\n");
		return;
	}
	/* The spared ranges, in address order. */
	if (platform.dtb_size && dtb.start < fw.start)
		spare[nspare++] = dtb;
	spare[nspare++] = fw;
	if (platform.dtb_size && dtb.start >= fw.start)
		spare[nspare++] = dtb;

	if (stride == 16)
		printf("POST: memory test of %u MiB at 0x%08x, a pattern derived from each word's "
		       "address\n", size >> 20, base);
	else
		printf("POST: quick memory test of %u MiB at 0x%08x (/chosen kexec-lab,post = "
		       "\"quick\"): one line per 4 KiB page\n", size >> 20, base);
	printf("  sparing the firmware 0x%08x-0x%08x", fw.start, fw.end - 1);
	if (platform.dtb_size)
		printf(" and the DTB 0x%08x-0x%08x", dtb.start, dtb.end - 1);
	printf("\nMemory test:");
	for (u32 done = 0; done < size; done += POST_CHUNK) {
		u32 end = done + POST_CHUNK < size ? base + done + POST_CHUNK : base + size;
		u32 bad = post_test_chunk(base + done, end, spare, nspare, stride);

		if (bad)
			panic("memory test failed at 0x%08x: wrote 0x%08x, read 0x%08x", bad,
			      post_pattern(bad), *(volatile u32 *)(uintptr_t)bad);
		if ((done + POST_CHUNK) % step == 0 || done + POST_CHUNK >= size)
			printf(" %u MiB ...", (end - base) >> 20);
	}
	printf(" ok\n");
}
