/*
 * memcpy-pages.c - benchmark: page copies with guest/lib/string.c's memcpy, the way
 * kexec relocation moves an image: 256 pages (1 MiB) copied back and forth 16 times
 * between two paged buffers, each pass changing one word per page so that every pass
 * really moves new data. The final contents are checked word by word.
 */
#include "bench.h"
#include "lib/string.h"

#define COPY_PAGES	256
#define COPY_PASSES	16
#define WORDS_PER_PAGE	(PAGE_SIZE / 4)

int
bench_run(void)
{
	u32 *a = (u32 *)BENCH_DATA;
	u32 *b = (u32 *)(BENCH_DATA + COPY_PAGES * PAGE_SIZE);

	for (u32 i = 0; i < COPY_PAGES * WORDS_PER_PAGE; i++)
		a[i] = i ^ 0xa5a5a5a5u;
	for (u32 pass = 0; pass < COPY_PASSES; pass++) {
		u32 *src = pass & 1 ? b : a;
		u32 *dst = pass & 1 ? a : b;

		for (u32 p = 0; p < COPY_PAGES; p++) {
			memcpy(dst + p * WORDS_PER_PAGE, src + p * WORDS_PER_PAGE, PAGE_SIZE);
			dst[p * WORDS_PER_PAGE] += 1;	/* this pass's mark */
		}
	}
	/* After 16 passes the data is back in a, each page's first word bumped 16 times. */
	for (u32 i = 0; i < COPY_PAGES * WORDS_PER_PAGE; i++) {
		u32 want = (i ^ 0xa5a5a5a5u) + (i % WORDS_PER_PAGE == 0 ? COPY_PASSES : 0);

		if (a[i] != want)
			return 1;
	}
	return 0;
}
