/*
 * trap.c - what stays in M-mode once the kernel runs: SBI calls (ecall
 * from S) and the machine timer, turned into the supervisor timer
 * interrupt. Every other trap is delegated to S-mode, as OpenSBI does.
 */
#include "firmware/trap.h"
#include "firmware/console/console.h"
#include "firmware/csr.h"
#include "firmware/sbi.h"

extern char fw_trap_vector[], fw_probe_vector[];

/* Exceptions S-mode handles itself: faults, breakpoints, ecalls from U-mode. */
#define FW_MEDELEG ((1u << CAUSE_MISALIGNED_FETCH) | (1u << CAUSE_FETCH_ACCESS) |	\
		    (1u << CAUSE_ILLEGAL_INSTRUCTION) | (1u << CAUSE_BREAKPOINT) |	\
		    (1u << CAUSE_MISALIGNED_LOAD) | (1u << CAUSE_LOAD_ACCESS) |		\
		    (1u << CAUSE_MISALIGNED_STORE) | (1u << CAUSE_STORE_ACCESS) |	\
		    (1u << CAUSE_USER_ECALL) | (1u << CAUSE_FETCH_PAGE_FAULT) |		\
		    (1u << CAUSE_LOAD_PAGE_FAULT) | (1u << CAUSE_STORE_PAGE_FAULT))
/* Interrupts S-mode takes directly: software, timer (raised by us), external (PLIC). */
#define FW_MIDELEG (MIP_SSIP | MIP_STIP | MIP_SEIP)

/*
 * Writes a CSR that a hart may not implement. Returns false when the write
 * trapped: fw_probe_vector skips the instruction and clears tp.
 */
#define csr_try_write(csr, val)                                                        \
	({                                                                             \
		u32 __ok;                                                              \
		csr_write(mtvec, (uintptr_t)fw_probe_vector);                          \
		__asm__ volatile("li tp, 1\n\tcsrw " #csr ", %1\n\tmv %0, tp"         \
				 : "=r"(__ok) : "r"(val) : "tp", "memory");            \
		csr_write(mtvec, (uintptr_t)fw_trap_vector);                           \
		__ok != 0;                                                             \
	})

void
trap_init(void)
{
	csr_write(mtvec, (uintptr_t)fw_trap_vector);
	csr_write(medeleg, FW_MEDELEG);
	csr_write(mideleg, FW_MIDELEG);
	printf("  delegation: medeleg=0x%08x mideleg=0x%08x (S-mode handles its own faults)\n",
	       csr_read(medeleg), csr_read(mideleg));
	/* PMP entry 0: all of memory, RWX, NAPOT. Without one, S-mode may access nothing. */
	if (csr_try_write(pmpaddr0, 0xffffffffu) && csr_try_write(pmpcfg0, PMP_A_NAPOT | PMP_R | PMP_W | PMP_X))
		printf("  PMP: entry 0 = all memory, RWX for S/U-mode\n");
	else
		printf("  PMP: not implemented by this hart, nothing to open\n");
	if (csr_try_write(mcounteren, MCOUNTEREN_CY | MCOUNTEREN_TM | MCOUNTEREN_IR))
		printf("  counters: S-mode may read cycle, time, instret\n");
	csr_write(mie, 0);
	csr_clear(mip, MIP_STIP | MIP_SSIP);
}

static const char *const fw_cause_names[] = {
	[CAUSE_MISALIGNED_FETCH] = "instruction address misaligned",
	[CAUSE_FETCH_ACCESS] = "instruction access fault",
	[CAUSE_ILLEGAL_INSTRUCTION] = "illegal instruction",
	[CAUSE_BREAKPOINT] = "breakpoint",
	[CAUSE_MISALIGNED_LOAD] = "load address misaligned",
	[CAUSE_LOAD_ACCESS] = "load access fault",
	[CAUSE_MISALIGNED_STORE] = "store address misaligned",
	[CAUSE_STORE_ACCESS] = "store access fault",
	[CAUSE_USER_ECALL] = "ecall from U-mode",
	[CAUSE_SUPERVISOR_ECALL] = "ecall from S-mode",
	[CAUSE_MACHINE_ECALL] = "ecall from M-mode",
	[CAUSE_FETCH_PAGE_FAULT] = "instruction page fault",
	[CAUSE_LOAD_PAGE_FAULT] = "load page fault",
	[CAUSE_STORE_PAGE_FAULT] = "store page fault",
};

static void
fw_trap_report(const char *where, struct trap_frame *tf)
{
	u32 cause = csr_read(mcause);
	const char *name = "?";

	if (!(cause & CAUSE_INTERRUPT) && cause < ARRAY_SIZE(fw_cause_names) && fw_cause_names[cause])
		name = fw_cause_names[cause];
	printf("\nfirmware: unexpected trap %s: mcause=0x%08x (%s) mepc=0x%08x mtval=0x%08x\n",
	       where, cause, name, tf->mepc, csr_read(mtval));
	printf("firmware: ra=0x%08x a0=0x%08x a1=0x%08x\n", tf->regs[1], tf->regs[REG_A0],
	       tf->regs[REG_A1]);
}

void
fw_trap_fatal(struct trap_frame *tf)
{
	fw_trap_report("in the firmware", tf);
	panic("firmware bug");
}

/* Called from fw_trap_vector for every trap out of S- or U-mode. */
void
fw_trap(struct trap_frame *tf)
{
	u32 cause = csr_read(mcause);

	if (cause == (CAUSE_INTERRUPT | IRQ_M_TIMER)) {
		/* The kernel's deadline passed: hand it on as STIP until the next set_timer. */
		csr_clear(mie, MIP_MTIP);
		csr_set(mip, MIP_STIP);
		return;
	}
	if (cause == CAUSE_SUPERVISOR_ECALL) {
		sbi_ecall_handler(tf);
		tf->mepc += 4;
		return;
	}
	fw_trap_report("from S-mode", tf);
	panic("cannot continue");
}
