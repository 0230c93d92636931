/*
 * kexec_tool_mem.c - the kexec tool's view of memory (kexec-tools
 * kexec/kexec.c and kexec-riscv.c): System RAM from /proc/iomem minus what
 * is reserved, the segment list kept sorted, and locate_hole, which finds
 * room for a buffer between the segments placed so far.
 */
#include "kernel/kexec/kexec_tool.h"
#include "kernel/libc/stdio.h"
#include "kernel/libc/unistd.h"
#include "lib/string.h"

#define ULONG_MAX_	(~0UL)

static void
mem_regions_add(struct kexec_info *info, unsigned long long start, unsigned long long end)
{
	if (info->memory_ranges >= MAX_MEMORY_RANGES)
		return;
	info->memory_range[info->memory_ranges].start = start;
	info->memory_range[info->memory_ranges].end = end;
	info->memory_range[info->memory_ranges].type = RANGE_RAM;
	info->memory_ranges++;
}

/* Cuts [start, end] out of every RAM range, splitting one if needed. */
static void
mem_regions_exclude(struct kexec_info *info, unsigned long long start, unsigned long long end)
{
	int i;

	for (i = 0; i < info->memory_ranges; i++) {
		struct memory_range *r = &info->memory_range[i];

		if (end < r->start || start > r->end)
			continue;
		if (start <= r->start && end >= r->end) {
			memmove(r, r + 1, (info->memory_ranges - i - 1) * sizeof(*r));
			info->memory_ranges--;
			i--;
		} else if (start <= r->start) {
			r->start = end + 1;
		} else if (end >= r->end) {
			r->end = start - 1;
		} else if (info->memory_ranges < MAX_MEMORY_RANGES) {
			memmove(r + 2, r + 1, (info->memory_ranges - i - 1) * sizeof(*r));
			r[1] = *r;
			r->end = start - 1;
			r[1].start = end + 1;
			info->memory_ranges++;
			i++;
		}
	}
}

/* "80400000-8057ffff : Kernel code": 0 with the fields, -1 for anything else. */
static int
iomem_parse_line(char *line, unsigned long long *start, unsigned long long *end, char **name)
{
	char *p = line, *q;

	while (*p == ' ')
		p++;
	*start = strtoul(p, &q, 16);
	if (q == p || *q != '-')
		return -1;
	p = q + 1;
	*end = strtoul(p, &q, 16);
	if (q == p || strncmp(q, " : ", 3) != 0)
		return -1;
	*name = q + 3;
	return 0;
}

static char *
iomem_next_line(char **cursor)
{
	char *line = *cursor, *nl;

	if (!*line)
		return NULL;
	nl = strchr(line, '\n');
	if (nl) {
		*nl = '\0';
		*cursor = nl + 1;
	} else {
		*cursor = line + strlen(line);
	}
	return line;
}

/*
 * Everything inside System RAM that is not the running kernel ("Kernel
 * code", "Kernel rodata", "Kernel data", "Kernel bss": the running kernel
 * IS where the new one goes) nor the crash kernel reservation: "Reserved".
 */
static bool
iomem_to_be_excluded(const char *name)
{
	return strncmp(name, "System RAM", 10) && strncmp(name, "Kernel ", 7) &&
	       strncmp(name, "Crash kernel", 12);
}

/* Two passes over /proc/iomem, as kexec-tools does on riscv: all System RAM, minus the rest. */
int
get_memory_ranges(struct kexec_info *info)
{
	unsigned long long start, end;
	char *text, *cursor, *line, *name;
	size_t size;
	int pass;

	text = slurp_file("/proc/iomem", &size);
	if (!text)
		return -1;
	info->memory_ranges = 0;
	for (pass = 0; pass < 2; pass++) {
		char *copy = xmalloc(size + 1);

		memcpy(copy, text, size);
		copy[size] = '\0';
		cursor = copy;
		while ((line = iomem_next_line(&cursor)) != NULL) {
			if (iomem_parse_line(line, &start, &end, &name))
				continue;
			if (pass == 0 && !strncmp(name, "System RAM", 10))
				mem_regions_add(info, start, end);
			if (pass == 1 && iomem_to_be_excluded(name))
				mem_regions_exclude(info, start, end);
		}
		xfree(copy);
	}
	xfree(text);

	dbgprintf("System RAM ranges;\n");
	for (pass = 0; pass < info->memory_ranges; pass++)
		dbgprintf("%016llx-%016llx (%d)\n", info->memory_range[pass].start,
			  info->memory_range[pass].end, info->memory_range[pass].type);
	return 0;
}

bool
is_crashkernel_mem_reserved(void)
{
	char *text;
	size_t size;
	bool found;

	text = slurp_file("/proc/iomem", &size);
	if (!text)
		return false;
	found = strstr(text, " : Crash kernel") != NULL;
	xfree(text);
	return found;
}

/* 1 when [sstart, send] lies inside one RAM range (adjacent ones merged). */
int
valid_memory_range(struct kexec_info *info, unsigned long sstart, unsigned long send)
{
	int i;

	if (sstart > send)
		return 0;
	if (send > mem_max || sstart < mem_min)
		return 0;
	for (i = 0; i < info->memory_ranges; i++) {
		unsigned long long mstart = info->memory_range[i].start;
		unsigned long long mend = info->memory_range[i].end;

		if (i < info->memory_ranges - 1 && mend + 1 == info->memory_range[i + 1].start)
			mend = info->memory_range[i + 1].end;
		if (mstart <= sstart && mend >= send)
			return 1;
	}
	return 0;
}

void
print_segments(int fd, struct kexec_info *info)
{
	int i;

	dprintf(fd, "nr_segments = %d\n", info->nr_segments);
	for (i = 0; i < info->nr_segments; i++) {
		dprintf(fd, "segment[%d].buf   = %p\n", i, info->segment[i].buf);
		dprintf(fd, "segment[%d].bufsz = 0x%zx\n", i, info->segment[i].bufsz);
		dprintf(fd, "segment[%d].mem   = %p\n", i, (void *)info->segment[i].mem);
		dprintf(fd, "segment[%d].memsz = 0x%zx\n", i, info->segment[i].memsz);
	}
}

/* Sorts by destination; -1 after "Overlapping memory segments at %p". */
int
sort_segments(struct kexec_info *info)
{
	unsigned long end = 0;
	int i, j;

	for (i = 0; i < info->nr_segments; i++) {
		int tidx = i;

		for (j = i + 1; j < info->nr_segments; j++) {
			if (info->segment[j].mem < info->segment[tidx].mem)
				tidx = j;
		}
		if (tidx != i) {
			struct kexec_segment temp = info->segment[tidx];

			info->segment[tidx] = info->segment[i];
			info->segment[i] = temp;
		}
	}
	for (i = 0; i < info->nr_segments; i++) {
		if (end > info->segment[i].mem) {
			errprintf("Overlapping memory segments at %p\n", (void *)end);
			return -1;
		}
		end = info->segment[i].mem + info->segment[i].memsz;
	}
	return 0;
}

/*
 * The free RAM between the (sorted) segments, filtered through mem_min,
 * mem_max, hole_min, hole_max and the alignment; the lowest fit when
 * hole_end > 0, the highest when hole_end < 0. ULONG_MAX when none fits.
 */
unsigned long
locate_hole(struct kexec_info *info, unsigned long hole_size, unsigned long hole_align,
	    unsigned long hole_min, unsigned long hole_max, int hole_end)
{
	struct memory_range mem_range[MAX_MEMORY_RANGES + KEXEC_SEGMENT_MAX + 1];
	unsigned long hole_base = ULONG_MAX_;
	int i, j, mem_ranges = 0;

	if (hole_align < PAGE_SIZE)
		hole_align = PAGE_SIZE;

	for (j = 0, i = 0; i < info->memory_ranges; i++) {
		unsigned long long mstart = info->memory_range[i].start;
		unsigned long long mend = info->memory_range[i].end;

		if (info->memory_range[i].type != RANGE_RAM)
			continue;
		while (j < info->nr_segments && info->segment[j].mem <= mend) {
			unsigned long long sstart = info->segment[j].mem;
			unsigned long long send = sstart + info->segment[j].memsz - 1;

			if (mstart < sstart) {
				mem_range[mem_ranges].start = mstart;
				mem_range[mem_ranges].end = sstart - 1;
				mem_range[mem_ranges].type = RANGE_RAM;
				mem_ranges++;
			}
			mstart = send + 1;
			j++;
		}
		if (mstart < mend) {
			mem_range[mem_ranges].start = mstart;
			mem_range[mem_ranges].end = mend;
			mem_range[mem_ranges].type = RANGE_RAM;
			mem_ranges++;
		}
	}

	for (i = 0; i < mem_ranges; i++) {
		unsigned long long start = mem_range[i].start, end = mem_range[i].end, size;

		if (start < mem_min)
			start = mem_min;
		if (start < hole_min)
			start = hole_min;
		start = ALIGN(start, (unsigned long long)hole_align);
		if (end > mem_max)
			end = mem_max;
		if (end > hole_max)
			end = hole_max;
		if (start >= end || start >= mem_max || end <= mem_min)
			continue;
		size = end - start;
		if (!hole_size || size >= hole_size - 1) {
			if (hole_end > 0) {
				hole_base = start;
				break;
			}
			hole_base = ALIGN_DOWN(end - hole_size + 1, (unsigned long long)hole_align);
		}
	}
	if (hole_base == ULONG_MAX_) {
		errprintf("Could not find a free area of memory of 0x%lx bytes...\n", hole_size);
		return ULONG_MAX_;
	}
	if (hole_size && hole_base + hole_size - 1 > hole_max) {
		errprintf("Could not find a free area of memory below: 0x%lx...\n", hole_max);
		return ULONG_MAX_;
	}
	return hole_base;
}

/* Adds a segment at a fixed, page-aligned base; -1 after kexec-tools' message. */
int
add_segment(struct kexec_info *info, const void *buf, size_t bufsz, unsigned long base,
	    size_t memsz)
{
	unsigned long last;

	if (bufsz > memsz)
		bufsz = memsz;
	if (memsz == 0)
		return 0;
	memsz = ALIGN(memsz, PAGE_SIZE);
	if (base & (PAGE_SIZE - 1)) {
		errprintf("Base address: 0x%lx is not page aligned\n", base);
		return -1;
	}
	last = base + memsz - 1;
	if (!valid_memory_range(info, base, last)) {
		errprintf("Invalid memory segment %p - %p\n", (void *)base, (void *)last);
		return -1;
	}
	if (info->nr_segments >= KEXEC_SEGMENT_MAX + 1) {
		errprintf("Too many segments\n");
		return -1;
	}
	info->segment[info->nr_segments].buf = buf;
	info->segment[info->nr_segments].bufsz = bufsz;
	info->segment[info->nr_segments].mem = base;
	info->segment[info->nr_segments].memsz = memsz;
	info->nr_segments++;
	if (info->nr_segments > KEXEC_SEGMENT_MAX)
		errprintf("Warning: kernel segment limit reached. This will likely fail\n");
	return 0;
}

unsigned long
add_buffer(struct kexec_info *info, const void *buf, unsigned long bufsz, unsigned long memsz,
	   unsigned long buf_align, unsigned long buf_min, unsigned long buf_max, int buf_end)
{
	unsigned long base;

	if (sort_segments(info) < 0) {
		errprintf("sort_segments failed\n");
		return ULONG_MAX_;
	}
	memsz = ALIGN(memsz, PAGE_SIZE);
	base = locate_hole(info, memsz, buf_align, buf_min, buf_max, buf_end);
	if (base == ULONG_MAX_) {
		errprintf("locate_hole failed\n");
		return ULONG_MAX_;
	}
	if (add_segment(info, buf, bufsz, base, memsz))
		return ULONG_MAX_;
	return base;
}
