/*
 * bench.h - what start.S gives a benchmark: S-mode with Sv32 paging on, the image
 * identity-mapped by a superpage, and BENCH_DATA_SIZE bytes of data mapped with 4 KiB
 * pages at BENCH_DATA. bench_run() does a fixed amount of work and returns 0 when the
 * result checks out, else the number of the failed check (reported through tohost).
 */
#ifndef BENCH_H
#define BENCH_H

#include "lib/types.h"

#define BENCH_DATA	0x40000000UL	/* virtual; backed by physical 0x8040_0000 */
#define BENCH_DATA_PA	0x80400000UL
#define BENCH_DATA_SIZE	(4UL << 20)

int
bench_run(void);

#endif /* BENCH_H */
