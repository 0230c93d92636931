/*
 * branchy.c - benchmark: a loop whose branches depend on the data, the Collatz
 * trajectories of 1..100000 (every step an unpredictable odd/even branch). The step
 * total and the largest value reached are known (computed on the host) and checked.
 */
#include "bench.h"

#define COLLATZ_N		100000u
#define COLLATZ_STEPS		10753840u
#define COLLATZ_PEAK		1570824736u	/* fits in 32 bits for n <= 100000 */

int
bench_run(void)
{
	u32 steps = 0, peak = 0;

	for (u32 n = 1; n <= COLLATZ_N; n++) {
		u32 x = n;

		while (x != 1) {
			if (x & 1)
				x = 3 * x + 1;
			else
				x >>= 1;
			if (x > peak)
				peak = x;
			steps++;
		}
	}
	if (steps != COLLATZ_STEPS)
		return 1;
	if (peak != COLLATZ_PEAK)
		return 2;
	return 0;
}
