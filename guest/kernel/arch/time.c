/*
 * time.c - the RISC-V timer: reads the time CSR (rdtime/rdtimeh) for
 * printk timestamps and uptime, and keeps a HZ tick by asking the firmware
 * (SBI set_timer) for the next timer interrupt each time one arrives.
 */
#include "kernel/arch/time.h"
#include "kernel/arch/csr.h"
#include "kernel/arch/sbi.h"
#include "kernel/core/printk.h"

u32 riscv_timebase = 10000000;
volatile unsigned long jiffies;
static u64 next_tick;

u64
get_cycles64(void)
{
	u32 hi, lo, hi2;

	do {
		hi = csr_read(timeh);
		lo = csr_read(time);
		hi2 = csr_read(timeh);
	} while (hi != hi2);
	return ((u64)hi << 32) | lo;
}

u64
local_clock_ns(void)
{
	u64 t = get_cycles64();

	if (riscv_timebase == 10000000)
		return t * 100;
	return t * 1000000000ULL / riscv_timebase;
}

void
time_init(void)
{
	pr_info("riscv-timer: riscv_timer_init_dt: Registering clocksource cpuid [0] hartid [0]\n");
	pr_info("sched_clock: 64 bits at %luMHz, resolution %luns\n",
		(unsigned long)(riscv_timebase / 1000000),
		(unsigned long)(1000000000UL / riscv_timebase));
	next_tick = get_cycles64() + riscv_timebase / HZ;
	sbi_set_timer(next_tick);
	csr_set(sie, SIE_STIE);
}

void
timer_interrupt(void)
{
	u64 now = get_cycles64();

	/* Catch up without a storm if we were away (WFI skips idle time). */
	while (next_tick <= now) {
		next_tick += riscv_timebase / HZ;
		jiffies++;
	}
	sbi_set_timer(next_tick);
}
