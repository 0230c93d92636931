/*
 * sbitest.c - checks the firmware's contract with an S-mode kernel, from
 * the kernel's side: the entry state, the DTB it hands over, every SBI call
 * the firmware implements, trap delegation, counters and the timer. Runs on
 * QEMU and on our emulator alike; prints "sbitest: ok - ..." per check and
 * powers off through SBI SRST at the end.
 */
#include "lib/fdt.h"
#include "lib/printf.h"
#include "lib/sbi.h"
#include "lib/string.h"

#define SBITEST_CMDLINE "sbitest cmdline=1"	/* boot.cfg of the test disk says this */
#define FW_BASE 0x80000000u
#define FW_DTB_ADDR 0x801f0000u
#define FW_DTB_SIZE 0x10000u

#define SSTATUS_SIE (1u << 1)
#define SIE_STIE (1u << 5)
#define SIP_STIP (1u << 5)
#define SCAUSE_INTERRUPT (1u << 31)

#define csr_read(csr) ({ u32 __v; __asm__ volatile("csrr %0, " #csr : "=r"(__v)); __v; })
#define csr_set(csr, bits) __asm__ volatile("csrs " #csr ", %0" : : "r"(bits))
#define csr_clear(csr, bits) __asm__ volatile("csrc " #csr ", %0" : : "r"(bits))

static int checks, failures;
static volatile u32 last_cause, trap_count, timer_irqs;

void sbitest_main(u32 hartid, const void *dtb, u32 satp, u32 sstatus);
u32 sbitest_trap(u32 scause, u32 sepc, u32 stval);

static void
out(char c, void *arg)
{
	(void)arg;
	sbi_ecall(SBI_EXT_0_1_CONSOLE_PUTCHAR, 0, (u8)c, 0, 0, 0, 0, 0);
}

static void
say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcbprintf(out, NULL, fmt, ap);
	va_end(ap);
}

/* Records one check; got/want are printed on failure. */
static void
check(const char *what, bool ok, long got, long want)
{
	checks++;
	if (ok) {
		say("sbitest: ok - %s\n", what);
	} else {
		failures++;
		say("sbitest: FAIL - %s: got 0x%lx, want 0x%lx\n", what, got, want);
	}
}

#define CHECK_EQ(what, got, want) check(what, (long)(got) == (long)(want), (long)(got), (long)(want))

static struct sbiret
ecall(u32 eid, u32 fid, u32 a0, u32 a1)
{
	return sbi_ecall(eid, fid, a0, a1, 0, 0, 0, 0);
}

/* Synchronous traps resume after the 4-byte faulting instruction; the timer is disarmed. */
u32
sbitest_trap(u32 scause, u32 sepc, u32 stval)
{
	(void)stval;
	last_cause = scause;
	trap_count++;
	if (scause == (SCAUSE_INTERRUPT | 5)) {
		timer_irqs++;
		ecall(SBI_EXT_TIME, SBI_EXT_TIME_SET_TIMER, 0xffffffff, 0xffffffff);
		return sepc;
	}
	return sepc + 4;
}

static u64
rdtime64(void)
{
	u32 hi, lo, hi2;

	do {
		hi = csr_read(timeh);
		lo = csr_read(time);
		hi2 = csr_read(timeh);
	} while (hi != hi2);
	return (u64)hi << 32 | lo;
}

static void
test_entry_state(u32 hartid, const void *dtb, u32 satp, u32 sstatus)
{
	CHECK_EQ("entry: a0 is hart 0", hartid, 0);
	CHECK_EQ("entry: a1 is the firmware's DTB copy", (uintptr_t)dtb, FW_DTB_ADDR);
	CHECK_EQ("entry: satp = 0 (MMU off)", satp, 0);
	CHECK_EQ("entry: sstatus.SIE = 0", sstatus & SSTATUS_SIE, 0);
}

static void
test_dtb(const void *dtb)
{
	int chosen, fw, len;
	const char *bootargs;
	u64 addr = 0, size = 0;

	CHECK_EQ("dtb: valid header", fdt_check_header(dtb), 0);
	CHECK_EQ("dtb: packed, fits its 64 KiB buffer", fdt_totalsize(dtb) <= FW_DTB_SIZE, 1);
	chosen = fdt_path_offset(dtb, "/chosen");
	bootargs = fdt_getprop(dtb, chosen, "bootargs", &len);
	check("dtb: /chosen/bootargs from boot.cfg", bootargs && !strcmp(bootargs, SBITEST_CMDLINE),
	      len, (long)sizeof(SBITEST_CMDLINE));
	fw = fdt_path_offset(dtb, "/reserved-memory/firmware@80000000");
	CHECK_EQ("dtb: /reserved-memory/firmware@80000000 exists", fw >= 0, 1);
	fdt_get_reg(dtb, fw, 0, &addr, &size);
	CHECK_EQ("dtb: firmware reservation starts at 0x80000000", addr, FW_BASE);
	CHECK_EQ("dtb: firmware reservation ends below the DTB", addr + size, FW_DTB_ADDR);
	CHECK_EQ("dtb: firmware reservation is no-map", fdt_getprop(dtb, fw, "no-map", &len) != NULL, 1);
	addr = size = 0;
	fdt_get_mem_rsv(dtb, 0, &addr, &size);
	CHECK_EQ("dtb: /memreserve/ covers the DTB", addr == FW_DTB_ADDR && size == FW_DTB_SIZE, 1);
	CHECK_EQ("dtb: the serial port is still described",
		 fdt_node_offset_by_compatible(dtb, -1, "ns16550a") >= 0, 1);
}

static void
test_base(void)
{
	struct sbiret r;

	r = ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_SPEC_VERSION, 0, 0);
	CHECK_EQ("base: spec version 2.0", r.error == 0 ? r.value : -1, 2 << 24);
	r = ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_IMP_ID, 0, 0);
	CHECK_EQ("base: implementation id", r.value, SBI_IMPL_ID_KEXEC_LAB);
	r = ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_IMP_VERSION, 0, 0);
	CHECK_EQ("base: implementation version 1.0", r.value, 0x10000);
	CHECK_EQ("base: probe TIME", ecall(SBI_EXT_BASE, SBI_EXT_BASE_PROBE_EXT, SBI_EXT_TIME, 0).value, 1);
	CHECK_EQ("base: probe SRST", ecall(SBI_EXT_BASE, SBI_EXT_BASE_PROBE_EXT, SBI_EXT_SRST, 0).value, 1);
	CHECK_EQ("base: probe HSM", ecall(SBI_EXT_BASE, SBI_EXT_BASE_PROBE_EXT, SBI_EXT_HSM, 0).value, 1);
	CHECK_EQ("base: probe DBCN", ecall(SBI_EXT_BASE, SBI_EXT_BASE_PROBE_EXT, SBI_EXT_DBCN, 0).value, 1);
	CHECK_EQ("base: probe IPI is absent", ecall(SBI_EXT_BASE, SBI_EXT_BASE_PROBE_EXT, SBI_EXT_IPI, 0).value, 0);
	CHECK_EQ("base: mvendorid call succeeds", ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_MVENDORID, 0, 0).error, 0);
	CHECK_EQ("base: unknown function", ecall(SBI_EXT_BASE, 99, 0, 0).error, SBI_ERR_NOT_SUPPORTED);
	CHECK_EQ("unknown extension", ecall(0x12345678, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED);
	CHECK_EQ("IPI extension not supported", ecall(SBI_EXT_IPI, 0, 0, 0).error, SBI_ERR_NOT_SUPPORTED);
	CHECK_EQ("TIME: unknown function", ecall(SBI_EXT_TIME, 1, 0, 0).error, SBI_ERR_NOT_SUPPORTED);
}

static void
test_hsm_dbcn(void)
{
	static const char msg[] = "sbitest: (DBCN console_write)\n";
	struct sbiret r;

	r = ecall(SBI_EXT_HSM, SBI_EXT_HSM_HART_GET_STATUS, 0, 0);
	CHECK_EQ("HSM: hart 0 is STARTED", r.error == 0 ? r.value : -1, SBI_HSM_STATE_STARTED);
	CHECK_EQ("HSM: hart 7 does not exist", ecall(SBI_EXT_HSM, SBI_EXT_HSM_HART_GET_STATUS, 7, 0).error,
		 SBI_ERR_INVALID_PARAM);
	CHECK_EQ("HSM: hart_start not supported", ecall(SBI_EXT_HSM, SBI_EXT_HSM_HART_START, 1, 0).error,
		 SBI_ERR_NOT_SUPPORTED);
	r = sbi_ecall(SBI_EXT_DBCN, SBI_EXT_DBCN_CONSOLE_WRITE, sizeof(msg) - 1, (uintptr_t)msg, 0, 0, 0, 0);
	CHECK_EQ("DBCN: console_write returns the byte count", r.error == 0 ? r.value : -1, sizeof(msg) - 1);
	CHECK_EQ("DBCN: console_write_byte", ecall(SBI_EXT_DBCN, SBI_EXT_DBCN_CONSOLE_WRITE_BYTE, '.', 0).error, 0);
	CHECK_EQ("legacy console_putchar returns 0",
		 sbi_ecall(SBI_EXT_0_1_CONSOLE_PUTCHAR, 0, '.', 0, 0, 0, 0, 0).error, 0);
	CHECK_EQ("legacy console_getchar: nothing typed", sbi_ecall(SBI_EXT_0_1_CONSOLE_GETCHAR, 0, 0, 0, 0, 0, 0, 0).error, -1);
}

static void
test_delegation(void)
{
	u32 before = trap_count;

	__asm__ volatile("ebreak" ::: "memory");
	CHECK_EQ("delegation: ebreak reaches S-mode (scause 3)", last_cause, 3);
	__asm__ volatile("csrr t0, mstatus" ::: "t0", "memory");
	CHECK_EQ("delegation: M-mode CSR from S is an illegal instruction in S (scause 2)", last_cause, 2);
	__asm__ volatile("lw t0, 0(zero)" ::: "t0", "memory");
	CHECK_EQ("delegation: load from unmapped 0x0 is a load access fault in S (scause 5)", last_cause, 5);
	CHECK_EQ("delegation: three traps taken", trap_count - before, 3);
}

static void
test_counters_and_timer(void)
{
	u32 before = trap_count;
	u64 t0 = rdtime64(), deadline;

	(void)csr_read(cycle);
	(void)csr_read(instret);
	CHECK_EQ("counters: time, cycle, instret readable from S", trap_count - before, 0);
	CHECK_EQ("counters: time advances", rdtime64() > t0, 1);

	/* 1 ms ahead at 10 MHz, then wait with interrupts on for at most 100 ms. */
	csr_set(sie, SIE_STIE);
	ecall(SBI_EXT_TIME, SBI_EXT_TIME_SET_TIMER, (u32)(t0 + 10000), (u32)((t0 + 10000) >> 32));
	CHECK_EQ("timer: no interrupt before the deadline", timer_irqs, 0);
	/*
	 * Wait with sstatus.SIE clear and take the interrupt in a short window after each
	 * wfi. With SIE set around the loop, an interrupt taken between the test and the
	 * wfi (its handler disarms the timer) left the wfi waiting for ever: a lost wakeup,
	 * seen as a rare 30 s hang on QEMU. wfi wakes on a pending STIP that sie enables,
	 * whatever sstatus.SIE says.
	 */
	deadline = rdtime64() + 1000000;
	while (!timer_irqs && rdtime64() < deadline) {
		__asm__ volatile("wfi");
		csr_set(sstatus, SSTATUS_SIE);
		csr_clear(sstatus, SSTATUS_SIE);
	}
	CHECK_EQ("timer: one supervisor timer interrupt", timer_irqs, 1);
	CHECK_EQ("timer: it came after the deadline", rdtime64() >= t0 + 10000, 1);
	CHECK_EQ("timer: set_timer(~0) cleared sip.STIP", csr_read(sip) & SIP_STIP, 0);

	/* A deadline in the past fires at once; the legacy call works too. */
	sbi_ecall(SBI_EXT_0_1_SET_TIMER, 0, 0, 0, 0, 0, 0, 0);
	csr_set(sstatus, SSTATUS_SIE);
	__asm__ volatile("nop");
	csr_clear(sstatus, SSTATUS_SIE);
	CHECK_EQ("timer: legacy set_timer(0) fires immediately", timer_irqs, 2);
	csr_clear(sie, SIE_STIE);
}

void
sbitest_main(u32 hartid, const void *dtb, u32 satp, u32 sstatus)
{
	say("sbitest: the firmware contract, checked from S-mode\n");
	test_entry_state(hartid, dtb, satp, sstatus);
	test_dtb(dtb);
	test_base();
	test_hsm_dbcn();
	test_delegation();
	test_counters_and_timer();
	if (failures)
		say("sbitest: %d of %d checks FAILED\n", failures, checks);
	else
		say("sbitest: all %d checks passed\n", checks);
	ecall(SBI_EXT_SRST, SBI_EXT_SRST_RESET, SBI_SRST_RESET_TYPE_SHUTDOWN, 0);
	say("sbitest: FAIL - SRST shutdown returned\n");
}
