/*
 * plic.c - the RISC-V Platform-Level Interrupt Controller. Kestrel takes
 * interrupts in the S-mode context of its hart (found from the DTB's
 * interrupts-extended: the context whose cause is 9, S external).
 */
#include "kernel/arch/csr.h"
#include "kernel/core/errno.h"
#include "kernel/core/irq.h"
#include "kernel/core/printk.h"
#include "kernel/drivers/device.h"
#include "kernel/drivers/of.h"
#include "lib/fdt.h"

#define PLIC_PRIORITY(irq)	(4 * (irq))			/* source priority */
#define PLIC_ENABLE(ctx)	(0x2000 + 0x80 * (ctx))		/* enable bits, per context */
#define PLIC_THRESHOLD(ctx)	(0x200000 + 0x1000 * (ctx))	/* priority threshold */
#define PLIC_CLAIM(ctx)		(0x200004 + 0x1000 * (ctx))	/* claim / complete */

static volatile u8 *plic_base;
static int plic_ctx = 1;	/* QEMU virt: hart 0 has context 0 = M, 1 = S */
static u32 plic_ndev;

static void
plic_irq_enable(int irq)
{
	volatile u8 *en = plic_base + PLIC_ENABLE(plic_ctx) + 4 * (irq / 32);

	writel(1, plic_base + PLIC_PRIORITY(irq));
	writel(readl(en) | (1U << (irq % 32)), en);
}

static void
plic_irq_disable(int irq)
{
	volatile u8 *en = plic_base + PLIC_ENABLE(plic_ctx) + 4 * (irq / 32);

	writel(readl(en) & ~(1U << (irq % 32)), en);
}

/* Claim, handle, complete, until nothing is pending. */
static void
plic_handle_irq(void)
{
	u32 irq;

	while ((irq = readl(plic_base + PLIC_CLAIM(plic_ctx))) != 0) {
		generic_handle_irq(irq);
		writel(irq, plic_base + PLIC_CLAIM(plic_ctx));
	}
}

static struct irq_chip plic_chip = {
	.name = "riscv-plic",
	.irq_enable = plic_irq_enable,
	.irq_disable = plic_irq_disable,
	.handle = plic_handle_irq,
};

/* The index of the (phandle, 9) pair in interrupts-extended: our S context. */
static int
plic_find_s_context(const void *fdt, int node, int *nr_contexts)
{
	int len;
	const u32 *ie = fdt_getprop(fdt, node, "interrupts-extended", &len);
	int ctx = -1;

	*nr_contexts = 0;
	if (!ie)
		return -1;
	for (int i = 0; i + 1 < len / 4; i += 2) {
		if (fdt32_to_cpu(ie[i + 1]) == IRQ_S_EXT && ctx < 0)
			ctx = i / 2;
		(*nr_contexts)++;
	}
	return ctx;
}

static int
plic_probe(struct device *dev)
{
	const void *fdt = initial_boot_params;
	int ctx, nr_contexts;

	if (plic_base)
		return -EBUSY;
	plic_base = ioremap(dev->base, dev->size);
	if (!plic_base)
		return -ENOMEM;
	fdt_getprop_u32(fdt, dev->of_node, "riscv,ndev", &plic_ndev);
	ctx = plic_find_s_context(fdt, dev->of_node, &nr_contexts);
	if (ctx >= 0)
		plic_ctx = ctx;
	for (u32 i = 0; i <= plic_ndev / 32; i++)	/* everything off ... */
		writel(0, plic_base + PLIC_ENABLE(plic_ctx) + 4 * i);
	writel(0, plic_base + PLIC_THRESHOLD(plic_ctx));	/* ... any priority passes */
	set_irq_chip(&plic_chip);
	pr_info("riscv-plic: %s: mapped %u interrupts with 1 handlers for %d contexts.\n",
		fdt_get_name(fdt, dev->of_node, NULL), plic_ndev, nr_contexts ? nr_contexts : 2);
	csr_set(sie, SIE_SEIE);
	return 0;
}

/* Masks every source, so no interrupt from a device reaches the next kernel early. */
static void
plic_shutdown(struct device *dev)
{
	(void)dev;
	for (u32 i = 0; i <= plic_ndev / 32; i++)
		writel(0, plic_base + PLIC_ENABLE(plic_ctx) + 4 * i);
}

static const char *const plic_of_match[] = { "riscv,plic0", "sifive,plic-1.0.0", NULL };

const struct device_driver plic_driver = {
	.name = "riscv-plic",
	.of_match_table = plic_of_match,
	.probe = plic_probe,
	.shutdown = plic_shutdown,
};
