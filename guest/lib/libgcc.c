/*
 * libgcc.c - 64-bit division helpers the compiler calls on rv32 (there is
 * no compiler-rt for this target here). Shift-and-subtract long division.
 */
#include "lib/types.h"

u64 __udivdi3(u64 n, u64 d);
u64 __umoddi3(u64 n, u64 d);
s64 __divdi3(s64 n, s64 d);
s64 __moddi3(s64 n, s64 d);

/* Returns n / d and stores n % d in *rem. Division by zero returns all ones, like RISC-V divu. */
static u64
udivmod64(u64 n, u64 d, u64 *rem)
{
	u64 q = 0, r = 0;

	if (d == 0) {
		*rem = n;
		return ~0ULL;
	}
	if (n >> 32 == 0 && d >> 32 == 0) {
		*rem = (u32)n % (u32)d;
		return (u32)n / (u32)d;
	}
	for (int i = 63; i >= 0; i--) {
		u64 carry = r >> 63;	/* r << 1 overflows only when d > 2^63 */

		r = (r << 1) | ((n >> i) & 1);
		if (carry || r >= d) {
			r -= d;
			q |= 1ULL << i;
		}
	}
	*rem = r;
	return q;
}

u64
__udivdi3(u64 n, u64 d)
{
	u64 r;

	return udivmod64(n, d, &r);
}

u64
__umoddi3(u64 n, u64 d)
{
	u64 r;

	udivmod64(n, d, &r);
	return r;
}

s64
__divdi3(s64 n, s64 d)
{
	u64 r, q;
	bool neg = (n < 0) != (d < 0);

	q = udivmod64(n < 0 ? -(u64)n : (u64)n, d < 0 ? -(u64)d : (u64)d, &r);
	return neg ? -(s64)q : (s64)q;
}

s64
__moddi3(s64 n, s64 d)
{
	u64 r;

	udivmod64(n < 0 ? -(u64)n : (u64)n, d < 0 ? -(u64)d : (u64)d, &r);
	return n < 0 ? -(s64)r : (s64)r;
}
