/*
 * time.h - the clock (the time CSR, counting at the DTB's
 * timebase-frequency) and the periodic tick (HZ) driven by SBI set_timer.
 */
#ifndef KERNEL_ARCH_TIME_H
#define KERNEL_ARCH_TIME_H

#include "lib/types.h"

#define HZ 100

extern u32 riscv_timebase;		/* ticks per second, 10 MHz by default */
extern volatile unsigned long jiffies;	/* ticks of HZ since time_init */

u64 get_cycles64(void);			/* the time CSR, 64 bits */
u64 local_clock_ns(void);		/* nanoseconds since reset */
void time_init(void);			/* prints the clocksource, starts the tick */
void timer_interrupt(void);

#endif /* KERNEL_ARCH_TIME_H */
