/*
 * csr.h - supervisor CSR names, their bits, and accessors (RISC-V
 * privileged spec). Only what an S-mode kernel touches.
 */
#ifndef KERNEL_ARCH_CSR_H
#define KERNEL_ARCH_CSR_H

#define SSTATUS_SIE	(1UL << 1)	/* supervisor interrupts enabled */
#define SSTATUS_SPIE	(1UL << 5)	/* SIE before the trap */
#define SSTATUS_SPP	(1UL << 8)	/* trapped from S-mode */
#define SSTATUS_SUM	(1UL << 18)	/* S-mode may touch U pages */

#define IRQ_S_SOFT	1
#define IRQ_S_TIMER	5
#define IRQ_S_EXT	9
#define SIE_SSIE	(1UL << IRQ_S_SOFT)
#define SIE_STIE	(1UL << IRQ_S_TIMER)	/* timer interrupt enable */
#define SIE_SEIE	(1UL << IRQ_S_EXT)	/* external (PLIC) interrupt enable */

#define CAUSE_IRQ_FLAG	(1UL << 31)	/* scause: interrupt, not exception */

#define SATP_MODE_SV32	(1UL << 31)
#define SATP_PPN_SHIFT	0

/* Sv32 page table entry bits */
#define _PAGE_PRESENT	(1UL << 0)	/* V */
#define _PAGE_READ	(1UL << 1)	/* R */
#define _PAGE_WRITE	(1UL << 2)	/* W */
#define _PAGE_EXEC	(1UL << 3)	/* X */
#define _PAGE_USER	(1UL << 4)	/* U */
#define _PAGE_GLOBAL	(1UL << 5)	/* G */
#define _PAGE_ACCESSED	(1UL << 6)	/* A: set, so no hardware update is needed */
#define _PAGE_DIRTY	(1UL << 7)	/* D: likewise */
#define _PAGE_PFN_SHIFT	10

#define PAGE_KERNEL_RWX	(_PAGE_PRESENT | _PAGE_READ | _PAGE_WRITE | _PAGE_EXEC | \
			 _PAGE_GLOBAL | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PAGE_KERNEL_IO	(_PAGE_PRESENT | _PAGE_READ | _PAGE_WRITE | \
			 _PAGE_GLOBAL | _PAGE_ACCESSED | _PAGE_DIRTY)

#ifndef __ASSEMBLER__
#define csr_read(csr) ({ unsigned long __v; \
	__asm__ volatile("csrr %0, " #csr : "=r"(__v) :: "memory"); __v; })
#define csr_write(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("csrw " #csr ", %0" :: "rK"(__v) : "memory"); })
#define csr_set(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("csrs " #csr ", %0" :: "rK"(__v) : "memory"); })
#define csr_clear(csr, val) ({ unsigned long __v = (unsigned long)(val); \
	__asm__ volatile("csrc " #csr ", %0" :: "rK"(__v) : "memory"); })

static inline void
local_irq_enable(void)
{
	csr_set(sstatus, SSTATUS_SIE);
}

static inline void
local_irq_disable(void)
{
	csr_clear(sstatus, SSTATUS_SIE);
}

/* Disables interrupts and returns the previous sstatus.SIE for local_irq_restore. */
static inline unsigned long
local_irq_save(void)
{
	unsigned long flags;

	__asm__ volatile("csrrc %0, sstatus, %1" : "=r"(flags) : "rK"(SSTATUS_SIE) : "memory");
	return flags & SSTATUS_SIE;
}

static inline void
local_irq_restore(unsigned long flags)
{
	csr_set(sstatus, flags & SSTATUS_SIE);
}

static inline void
wait_for_interrupt(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

static inline void
local_flush_tlb_all(void)
{
	__asm__ volatile("sfence.vma" ::: "memory");
}
#endif

#endif /* KERNEL_ARCH_CSR_H */
