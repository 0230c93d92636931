/*
 * sbi.c - Kestrel's side of the SBI: probes the firmware at boot (printing
 * what Linux prints), and wraps the calls the rest of the kernel makes.
 */
#include "kernel/core/init.h"
#include "kernel/arch/sbi.h"
#include "kernel/core/printk.h"

static bool sbi_has_time, sbi_has_srst;

bool
sbi_probe_extension(unsigned long ext)
{
	struct sbiret ret = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_PROBE_EXT, ext, 0, 0, 0, 0, 0);

	return ret.error == SBI_SUCCESS && ret.value != 0;
}

void __init
sbi_init(void)
{
	struct sbiret ver = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_SPEC_VERSION, 0, 0, 0, 0, 0, 0);
	struct sbiret id, impl;

	if (ver.error != SBI_SUCCESS) {
		pr_info("SBI specification v0.1 detected\n");
		return;
	}
	pr_info("SBI specification v%lu.%lu detected\n",
		(ver.value >> SBI_SPEC_VERSION_MAJOR_SHIFT) & SBI_SPEC_VERSION_MAJOR_MASK,
		ver.value & SBI_SPEC_VERSION_MINOR_MASK);
	id = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_IMP_ID, 0, 0, 0, 0, 0, 0);
	impl = sbi_ecall(SBI_EXT_BASE, SBI_EXT_BASE_GET_IMP_VERSION, 0, 0, 0, 0, 0, 0);
	pr_info("SBI implementation ID=0x%lx Version=0x%lx\n", id.value, impl.value);
	sbi_has_time = sbi_probe_extension(SBI_EXT_TIME);
	if (sbi_has_time)
		pr_info("SBI TIME extension detected\n");
	sbi_has_srst = sbi_probe_extension(SBI_EXT_SRST);
	if (sbi_has_srst)
		pr_info("SBI SRST extension detected\n");
}

void
sbi_console_putchar(int ch)
{
	sbi_ecall(SBI_EXT_0_1_CONSOLE_PUTCHAR, 0, ch, 0, 0, 0, 0, 0);
}

void
sbi_set_timer(u64 stime_value)
{
	if (sbi_has_time)
		sbi_ecall(SBI_EXT_TIME, SBI_EXT_TIME_SET_TIMER, (u32)stime_value,
			  (u32)(stime_value >> 32), 0, 0, 0, 0);
	else
		sbi_ecall(SBI_EXT_0_1_SET_TIMER, 0, (u32)stime_value,
			  (u32)(stime_value >> 32), 0, 0, 0, 0);
}

void
sbi_system_reset(u32 type, u32 reason)
{
	sbi_ecall(SBI_EXT_SRST, SBI_EXT_SRST_RESET, type, reason, 0, 0, 0, 0);
}

static void
sbi_earlycon_write(struct console *con, const char *s, size_t n)
{
	(void)con;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			sbi_console_putchar('\r');
		sbi_console_putchar(s[i]);
	}
}

static struct console sbi_early_console = {
	.name = "sbi",
	.index = 0,
	.boot = true,
	.write = sbi_earlycon_write,
};

/* earlycon=sbi: the firmware's console until the UART driver probes. */
void
sbi_earlycon_init(void)
{
	pr_info("earlycon: sbi0 at I/O port 0x0 (options '')\n");
	register_console(&sbi_early_console);
}
