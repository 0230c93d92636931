/*
 * purgatory.c - the stop between the old and the new kernel (kexec-tools
 * purgatory/purgatory.c): re-hash the segments where relocation put them,
 * and jump to the new kernel only if they arrived intact. Output goes
 * through the firmware's SBI console, which is still resident in M-mode.
 */
#include "lib/sbi.h"
#include "lib/sha256.h"
#include "lib/string.h"
#include "lib/trace.h"
#include "purgatory/purgatory.h"

extern struct purgatory_info purgatory_info;

unsigned long purgatory(unsigned long hartid, unsigned long dtb);

static void
purgatory_putchar(char c)
{
	sbi_ecall(SBI_EXT_0_1_CONSOLE_PUTCHAR, 0, (unsigned char)c, 0, 0, 0, 0, 0);
}

static void
purgatory_puts(const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			purgatory_putchar('\r');
		purgatory_putchar(*s);
	}
}

/* Each byte as kexec-tools prints it: "%hhx " (no leading zero). */
static void
purgatory_print_digest(const char *label, const u8 *d)
{
	static const char hex[] = "0123456789abcdef";
	int i;

	purgatory_puts(label);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++) {
		if (d[i] >> 4)
			purgatory_putchar(hex[d[i] >> 4]);
		purgatory_putchar(hex[d[i] & 0xf]);
		purgatory_putchar(' ');
	}
	purgatory_puts("\n");
}

/* 0 when the regions hash to sha256_digest; otherwise says so and returns -1. */
static int
verify_sha256_digest(void)
{
	const struct sha256_region *r = purgatory_info.sha256_regions;
	struct sha256_state sctx;
	u8 digest[SHA256_DIGEST_SIZE];
	int i;

	sha256_init(&sctx);
	for (i = 0; i < SHA256_REGIONS; i++)
		sha256_update(&sctx, (const u8 *)(uintptr_t)r[i].start, r[i].len);
	sha256_final(&sctx, digest);

	if (memcmp(digest, purgatory_info.sha256_digest, sizeof(digest)) != 0) {
		purgatory_puts("sha256 digests do not match :(\n");
		purgatory_print_digest("       digest: ", digest);
		purgatory_print_digest("sha256_digest: ", purgatory_info.sha256_digest);
		return -1;
	}
	return 0;
}

/*
 * Called from entry.S with the MMU off. Returns the new kernel's entry
 * (entry.S jumps there with a0 = hartid, a1 = dtb); hangs on a mismatch.
 */
unsigned long
purgatory(unsigned long hartid, unsigned long dtb)
{
	volatile void *trace = (volatile void *)(uintptr_t)purgatory_info.trace_base;

	(void)hartid;
	(void)dtb;
	trace_phase(trace, TRACE_PHASE_PURGATORY, purgatory_info.kernel_entry);
	purgatory_puts("I'm in purgatory\n");

	if (!purgatory_info.skip_checks) {
		if (verify_sha256_digest() != 0) {
			trace_event(trace, TRACE_EVENT_DIGEST_MISMATCH, 0, 0);
			for (;;)
				__asm__ volatile("wfi");
		}
		trace_event(trace, TRACE_EVENT_DIGEST_OK, 0, 0);
	}
	return purgatory_info.kernel_entry;
}
