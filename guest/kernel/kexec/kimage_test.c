/*
 * kimage_test.c - host test of kimage.c (gcc, run by kimage.test.ts): the
 * entry list and the page allocation rule, against the mock page allocator
 * of kimage_test_mock.h. Compiled only with -DKIMAGE_HOST_TEST: the kernel
 * build (every .c under guest/kernel) sees an empty file.
 */
#ifdef KIMAGE_HOST_TEST

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/kexec/kimage.h"
#include "kernel/kexec/kimage_test_mock.h"
/* The host's errno values are Linux's, like kernel/core/errno.h. */
#include <errno.h>

/* --- checks --- */

static int failures;

#define CHECK(cond, ...)							\
	do {									\
		if (!(cond)) {							\
			failures++;						\
			fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);				\
			fprintf(stderr, "\n");					\
		}								\
	} while (0)

/* A buffer whose every byte says where it comes from. */
static unsigned char *
make_buf(size_t size, unsigned int seed)
{
	unsigned char *buf = malloc(size ? size : 1);
	size_t i;

	for (i = 0; i < size; i++)
		buf[i] = (unsigned char)(seed * 131 + i * 7 + (i >> 12));
	return buf;
}

static struct kimage *
load_image(const struct kexec_segment *segs, unsigned long nr)
{
	struct kimage *image = NULL;
	unsigned long i;
	int ret;

	ret = kimage_alloc_init(&image, segs[0].mem, nr, segs, 0);
	CHECK(ret == 0, "kimage_alloc_init returned %d", ret);
	if (ret)
		return NULL;
	for (i = 0; i < nr; i++) {
		ret = kimage_load_segment(image, &segs[i]);
		CHECK(ret == 0, "kimage_load_segment(%lu) returned %d", i, ret);
	}
	kimage_terminate(image);
	return image;
}

/* Page of pa in any segment's destination? */
static bool
in_destination(const struct kimage *image, unsigned long pa)
{
	return kimage_is_destination_range(image, pa, pa + PAGE_SIZE);
}

/*
 * The invariants of a loaded image: the head is an INDIRECTION; list pages,
 * the control page and every source page that is not its own destination
 * lie outside every destination; no list page uses its last slot for data.
 */
static void
check_rule(struct kimage *image)
{
	kimage_entry_t *page = NULL, *ptr = &image->head;
	unsigned long cursor = 0, sources = 0;

	CHECK(image->head & IND_INDIRECTION, "head %#lx is not an INDIRECTION", image->head);
	CHECK(!in_destination(image, image->control_code_page), "control page %#lx is a destination",
	      image->control_code_page);

	for (;;) {
		kimage_entry_t e = *ptr;

		if (e & IND_INDIRECTION) {
			unsigned long pa = e & PAGE_MASK;

			CHECK(!in_destination(image, pa), "list page %#lx is a destination", pa);
			page = kimage_phys_to_virt(pa);
			ptr = page;
			continue;
		}
		if (page && ptr == page + KIMAGE_ENTRIES_PER_PAGE - 1)
			CHECK(e == IND_DONE || e == 0, "last slot of a list page holds %#lx", e);
		if (e & IND_DONE || e == 0)
			break;
		if (e & IND_DESTINATION) {
			cursor = e & PAGE_MASK;
		} else if (e & IND_SOURCE) {
			unsigned long pa = e & PAGE_MASK;

			CHECK(pa == cursor || !in_destination(image, pa),
			      "source %#lx for %#lx lies on another destination", pa, cursor);
			cursor += PAGE_SIZE;
			sources++;
		}
		ptr++;
	}
	CHECK(*ptr == IND_DONE, "list ends with %#lx, not IND_DONE", *ptr);
	(void)sources;
}

/*
 * Does what relocate_kernel.S does: walks the list and copies each source
 * page word by word to the cursor. It works on a copy of RAM (mock_after),
 * reading and writing there only, so a copy that clobbers a list or source
 * page still to be read shows up, while the real RAM keeps the kimage for
 * kimage_free (after a real exec nothing frees it). Returns pages copied.
 */
static unsigned char *mock_after;

static void *
after_virt(unsigned long pa)
{
	return mock_after + ((unsigned char *)kimage_phys_to_virt(pa) - mock_ram);
}

static unsigned long
relocate(struct kimage *image)
{
	kimage_entry_t *ptr = after_virt(kimage_virt_to_phys(&image->head));
	unsigned long cursor = 0, copied = 0;

	memcpy(mock_after, mock_ram, MOCK_RAM_PAGES * PAGE_SIZE);
	for (;;) {
		kimage_entry_t e = *ptr++;

		if (e & IND_DESTINATION) {
			cursor = e & PAGE_MASK;
		} else if (e & IND_INDIRECTION) {
			ptr = after_virt(e & PAGE_MASK);
		} else if (e & IND_DONE) {
			break;
		} else if (e & IND_SOURCE) {
			u32 *src = after_virt(e & PAGE_MASK);
			u32 *dst = after_virt(cursor);
			unsigned long w;

			for (w = 0; w < PAGE_SIZE / 4; w++)
				dst[w] = src[w];
			cursor += PAGE_SIZE;
			copied++;
		} else {
			CHECK(0, "relocate: entry %#lx", e);
			break;
		}
	}
	return copied;
}

/* After relocate(): each destination holds buf, then zeros up to memsz. */
static void
check_destinations(const struct kexec_segment *segs, unsigned long nr)
{
	unsigned long i;

	for (i = 0; i < nr; i++) {
		const unsigned char *dst = after_virt(segs[i].mem);
		size_t off;

		CHECK(memcmp(dst, segs[i].buf, segs[i].bufsz) == 0, "segment %lu data differs", i);
		for (off = segs[i].bufsz; off < segs[i].memsz; off++) {
			if (dst[off]) {
				CHECK(dst[off] == 0, "segment %lu byte %#zx not zero-filled", i, off);
				break;
			}
		}
	}
}

static unsigned long
count_free(void)
{
	return mock_nr_free;
}

/* --- the tests --- */

/* Two segments, one of 700 pages: the list spans several list pages, all linked. */
static void
test_entry_list(void)
{
	struct kexec_segment segs[2];
	struct kimage *image;
	kimage_entry_t *ptr, e, expect_dest[2];
	unsigned long nr_ind = 0, nr_src[2] = { 0, 0 }, seg = 0, before;
	int nr_dest = 0;

	mock_reset(0, 0, 0, 0);
	before = count_free();
	segs[0] = (struct kexec_segment){ make_buf(700 * PAGE_SIZE - 100, 1), 700 * PAGE_SIZE - 100,
					  MOCK_PA(1024), 700 * PAGE_SIZE };
	segs[1] = (struct kexec_segment){ make_buf(3000, 2), 3000, MOCK_PA(2048), 2 * PAGE_SIZE };
	expect_dest[0] = segs[0].mem | IND_DESTINATION;
	expect_dest[1] = segs[1].mem | IND_DESTINATION;

	image = load_image(segs, 2);
	if (!image)
		return;
	check_rule(image);

	for_each_kimage_entry(image, ptr, e) {
		if (e & IND_INDIRECTION) {
			nr_ind++;
		} else if (e & IND_DESTINATION) {
			CHECK(nr_dest < 2 && e == expect_dest[nr_dest], "DESTINATION %#lx out of order", e);
			seg = (unsigned long)nr_dest++;
		} else if (e & IND_SOURCE) {
			CHECK(nr_dest > 0, "SOURCE %#lx before any DESTINATION", e);
			nr_src[seg]++;
		} else {
			CHECK(0, "unknown entry %#lx", e);
		}
	}
	CHECK(e == IND_DONE, "list ends with %#lx", e);
	CHECK(nr_dest == 2, "%d DESTINATION entries", nr_dest);
	CHECK(nr_src[0] == 700 && nr_src[1] == 2, "SOURCE entries %lu + %lu", nr_src[0], nr_src[1]);
	/* 704 entries + DONE at (slots per page - 1) per list page, plus the head. */
	CHECK(nr_ind == 1 + 705 / (KIMAGE_ENTRIES_PER_PAGE - 1), "%lu INDIRECTION entries", nr_ind);

	CHECK(relocate(image) == 702, "pages copied");
	check_destinations(segs, 2);
	kimage_free(image);
	CHECK(count_free() == before, "%lu pages leaked", before - count_free());
	free((void *)segs[0].buf);
	free((void *)segs[1].buf);
}

/*
 * The running kernel sits at page 1024 (0x8040_0000), 256 pages; the new
 * kernel's destination covers it and 128 free pages beyond, which the
 * allocator offers first. None may hold another page's data.
 */
static void
test_destination_overlaps_running_kernel(void)
{
	struct kexec_segment seg;
	struct kimage *image;
	unsigned long before, n;
	unsigned char *kernel_before;

	mock_reset(1024, 256, 1024, 384);
	before = count_free();
	kernel_before = malloc(256 * PAGE_SIZE);
	memcpy(kernel_before, kimage_phys_to_virt(MOCK_PA(1024)), 256 * PAGE_SIZE);

	seg = (struct kexec_segment){ make_buf(300 * PAGE_SIZE + 5, 3), 300 * PAGE_SIZE + 5,
				      MOCK_PA(1024), 384 * PAGE_SIZE };
	image = load_image(&seg, 1);
	if (!image)
		return;
	check_rule(image);
	/* Loading leaves the running kernel alone: only exec overwrites it. */
	CHECK(memcmp(kernel_before, kimage_phys_to_virt(MOCK_PA(1024)), 256 * PAGE_SIZE) == 0,
	      "loading wrote into the running kernel");
	/* The free destination pages were either used as their own source or parked. */
	for (n = 1024 + 256; n < 1024 + 384; n++)
		CHECK(mock_in_use[n], "destination page %#lx was given back early", MOCK_PA(n));
	/*
	 * Page 1280 went to the struct kimage (allocated before the segments are
	 * known, like Linux's kzalloc); the other 127 were parked when offered
	 * and then taken as their own destination's source page.
	 */
	{
		kimage_entry_t *ptr, e;
		unsigned long cursor = 0, own = 0;

		for_each_kimage_entry(image, ptr, e) {
			if (e & IND_DESTINATION) {
				cursor = e & PAGE_MASK;
			} else if (e & IND_SOURCE) {
				own += (e & PAGE_MASK) == cursor;
				cursor += PAGE_SIZE;
			}
		}
		CHECK(own == 127, "%lu source pages are their own destination, expected 127", own);
		CHECK(image->nr_dest_pages == 0, "%lu pages still parked", image->nr_dest_pages);
	}

	CHECK(relocate(image) == 384, "pages copied");
	check_destinations(&seg, 1);
	kimage_free(image);
	CHECK(count_free() == before, "%lu pages leaked", before - count_free());
	free((void *)seg.buf);
	free(kernel_before);
}

/* The allocator offers exactly the wanted destination: the source is its own destination. */
static void
test_source_is_own_destination(void)
{
	struct kexec_segment seg;
	struct kimage *image = NULL;
	kimage_entry_t *ptr, e;
	unsigned long cursor = 0, own = 0, before, n;
	int ret;

	mock_reset(0, 0, 0, 0);
	before = count_free();
	seg = (struct kexec_segment){ make_buf(4 * PAGE_SIZE, 4), 4 * PAGE_SIZE, MOCK_PA(2048),
				      4 * PAGE_SIZE };
	ret = kimage_alloc_init(&image, seg.mem, 1, &seg, 0);
	CHECK(ret == 0, "kimage_alloc_init %d", ret);
	if (ret)
		return;
	/*
	 * Next out: 2048..2051. The first list page must not be one of them, so
	 * all four get parked, and each is then found as its own destination.
	 */
	for (n = 2052; n-- > 2048;)
		mock_prefer(MOCK_PA(n));
	CHECK(kimage_load_segment(image, &seg) == 0, "load");
	kimage_terminate(image);
	check_rule(image);
	for_each_kimage_entry(image, ptr, e) {
		if (e & IND_DESTINATION) {
			cursor = e & PAGE_MASK;
		} else if (e & IND_SOURCE) {
			if ((e & PAGE_MASK) == cursor)
				own++;
			cursor += PAGE_SIZE;
		}
	}
	CHECK(own == 4, "%lu of 4 source pages are their own destination", own);
	CHECK(image->nr_dest_pages == 0, "%lu pages still parked", image->nr_dest_pages);
	CHECK(relocate(image) == 4, "pages copied");
	check_destinations(&seg, 1);
	kimage_free(image);
	CHECK(count_free() == before, "%lu pages leaked", before - count_free());
	free((void *)seg.buf);
}

/*
 * Page D0's data is staged in a plain page S; later the allocator offers D0
 * while a page for D1 is wanted: D0 takes its own data, S goes on to D1.
 */
static void
test_swap_into_own_destination(void)
{
	struct kexec_segment seg;
	struct kimage *image;
	kimage_entry_t *ptr, e;
	unsigned long cursor = 0, before, d0 = MOCK_PA(3000), d0_src = 0, d1_src = 0;

	mock_reset(0, 0, 0, 0);
	before = count_free();
	seg = (struct kexec_segment){ make_buf(2 * PAGE_SIZE, 5), 2 * PAGE_SIZE, d0, 2 * PAGE_SIZE };

	/* Allocation order: image page, control page, list page, S for D0, then D0 (wanted: D1). */
	{
		struct kimage *img = NULL;
		int ret = kimage_alloc_init(&img, seg.mem, 1, &seg, 0);

		CHECK(ret == 0, "kimage_alloc_init %d", ret);
		if (ret)
			return;
		image = img;
	}
	/* The next allocations: list page, S (low page, no destination), then D0. */
	mock_prefer(d0);
	mock_prefer(MOCK_PA(10));
	mock_prefer(MOCK_PA(11));
	CHECK(kimage_load_segment(image, &seg) == 0, "load");
	kimage_terminate(image);
	check_rule(image);

	for_each_kimage_entry(image, ptr, e) {
		if (e & IND_DESTINATION) {
			cursor = e & PAGE_MASK;
		} else if (e & IND_SOURCE) {
			if (cursor == d0)
				d0_src = e & PAGE_MASK;
			else
				d1_src = e & PAGE_MASK;
			cursor += PAGE_SIZE;
		}
	}
	CHECK(d0_src == d0, "D0's data sits in %#lx, not in D0 itself", d0_src);
	CHECK(d1_src == MOCK_PA(10), "D1's data sits in %#lx, not in the reused page", d1_src);
	CHECK(relocate(image) == 2, "pages copied");
	check_destinations(&seg, 1);
	kimage_free(image);
	CHECK(count_free() == before, "%lu pages leaked", before - count_free());
	free((void *)seg.buf);
}

/* The control page is never a destination, however often the allocator offers one. */
static void
test_control_page(void)
{
	struct kexec_segment seg = { NULL, 0, MOCK_PA(100), 64 * PAGE_SIZE };
	struct kimage *image = NULL;
	unsigned long before;
	int ret;

	mock_reset(0, 0, 99, 66);	/* pages 99..164 first: 99 for the image, then 100.. */
	before = count_free();
	ret = kimage_alloc_init(&image, seg.mem, 1, &seg, 0);
	CHECK(ret == 0, "kimage_alloc_init %d", ret);
	if (ret)
		return;
	CHECK(!in_destination(image, image->control_code_page), "control page %#lx",
	      image->control_code_page);
	CHECK(image->control_code_page == MOCK_PA(164), "control page %#lx, expected the first non-destination",
	      image->control_code_page);
	kimage_terminate(image);
	kimage_free(image);
	CHECK(count_free() == before, "%lu pages leaked", before - count_free());
}

static int
try_load(const struct kexec_segment *segs, unsigned long nr)
{
	struct kimage *image = NULL;
	unsigned long before = count_free();
	int ret = kimage_alloc_init(&image, 0, nr, segs, 0);

	if (!ret)
		kimage_free(image);
	CHECK(count_free() == before, "%lu pages leaked on error", before - count_free());
	return ret;
}

/* sanity_check_segment_list's errnos, each one alone. */
static void
test_segment_checks(void)
{
	static const char data[64];
	struct kexec_segment s[KEXEC_SEGMENT_MAX + 1];
	int ret, i;

	mock_reset(0, 0, 0, 0);
	s[0] = (struct kexec_segment){ data, 64, MOCK_PA(8), PAGE_SIZE };
	CHECK((ret = try_load(s, 1)) == 0, "a good segment: %d", ret);

	s[0] = (struct kexec_segment){ data, 64, MOCK_PA(8) + 0x10, PAGE_SIZE };
	CHECK((ret = try_load(s, 1)) == -EADDRNOTAVAIL, "unaligned mem: %d", ret);
	s[0] = (struct kexec_segment){ data, 64, MOCK_PA(8), PAGE_SIZE + 8 };
	CHECK((ret = try_load(s, 1)) == -EADDRNOTAVAIL, "unaligned memsz: %d", ret);

	s[0] = (struct kexec_segment){ data, 64, MOCK_PA(8), 2 * PAGE_SIZE };
	s[1] = (struct kexec_segment){ data, 64, MOCK_PA(9), PAGE_SIZE };
	CHECK((ret = try_load(s, 2)) == -EINVAL, "overlapping destinations: %d", ret);
	s[1] = (struct kexec_segment){ data, 64, MOCK_PA(10), PAGE_SIZE };
	CHECK((ret = try_load(s, 2)) == 0, "adjacent destinations: %d", ret);

	s[0] = (struct kexec_segment){ data, PAGE_SIZE + 1, MOCK_PA(8), PAGE_SIZE };
	CHECK((ret = try_load(s, 1)) == -EINVAL, "bufsz > memsz: %d", ret);

	s[0] = (struct kexec_segment){ NULL, 0, MOCK_PA(0), (MOCK_RAM_PAGES / 2 + 1) * PAGE_SIZE };
	CHECK((ret = try_load(s, 1)) == -EINVAL, "more than half of RAM: %d", ret);
	s[0] = (struct kexec_segment){ NULL, 0, MOCK_PA(0), MOCK_RAM_PAGES / 4 * PAGE_SIZE };
	s[1] = (struct kexec_segment){ NULL, 0, MOCK_PA(2048), (MOCK_RAM_PAGES / 4 + 1) * PAGE_SIZE };
	CHECK((ret = try_load(s, 2)) == -EINVAL, "more than half of RAM in total: %d", ret);

	for (i = 0; i <= KEXEC_SEGMENT_MAX; i++)
		s[i] = (struct kexec_segment){ data, 64, MOCK_PA(8 + 2 * i), PAGE_SIZE };
	CHECK((ret = try_load(s, KEXEC_SEGMENT_MAX)) == 0, "16 segments: %d", ret);
	CHECK((ret = try_load(s, KEXEC_SEGMENT_MAX + 1)) == -EINVAL, "17 segments: %d", ret);
}

/* Memory runs out halfway: the error comes back and every page is returned. */
static void
test_out_of_memory(void)
{
	struct kexec_segment seg;
	struct kimage *image = NULL;
	unsigned long before, saved;
	int ret;

	mock_reset(0, 0, 0, 0);
	before = count_free();
	seg = (struct kexec_segment){ make_buf(100 * PAGE_SIZE, 6), 100 * PAGE_SIZE, MOCK_PA(1024),
				      100 * PAGE_SIZE };
	ret = kimage_alloc_init(&image, seg.mem, 1, &seg, 0);
	CHECK(ret == 0, "kimage_alloc_init %d", ret);
	if (ret)
		return;
	/* Leave only 50 pages to hand out. */
	saved = mock_nr_free;
	memmove(mock_free, mock_free + (saved - 50), 50 * sizeof(mock_free[0]));
	mock_nr_free = 50;
	ret = kimage_load_segment(image, &seg);
	CHECK(ret == -ENOMEM, "load with 50 free pages: %d", ret);
	kimage_terminate(image);
	kimage_free(image);
	CHECK(count_free() == 50 + 2, "%lu pages free after the failed load, expected 52", count_free());
	(void)before;
	free((void *)seg.buf);
}

static const struct {
	const char *name;
	void (*fn)(void);
} tests[] = {
	{ "entry_list", test_entry_list },
	{ "destination_overlaps_running_kernel", test_destination_overlaps_running_kernel },
	{ "source_is_own_destination", test_source_is_own_destination },
	{ "swap_into_own_destination", test_swap_into_own_destination },
	{ "control_page", test_control_page },
	{ "segment_checks", test_segment_checks },
	{ "out_of_memory", test_out_of_memory },
};

int
main(int argc, char **argv)
{
	size_t i;
	int ran = 0;

	mock_ram = malloc(MOCK_RAM_PAGES * PAGE_SIZE);
	mock_after = malloc(MOCK_RAM_PAGES * PAGE_SIZE);
	for (i = 0; i < sizeof(tests) / sizeof(tests[0]); i++) {
		if (argc > 1 && !strcmp(argv[1], "list")) {
			printf("%s\n", tests[i].name);
			continue;
		}
		if (argc > 1 && strcmp(argv[1], tests[i].name))
			continue;
		tests[i].fn();
		ran++;
	}
	if (argc > 1 && !strcmp(argv[1], "list"))
		return 0;
	if (!ran) {
		fprintf(stderr, "no test named %s\n", argv[1]);
		return 2;
	}
	printf("%d test(s), %d failure(s)\n", ran, failures);
	return failures ? 1 : 0;
}

#endif /* KIMAGE_HOST_TEST */
