/*
 * irq.c - the table of device interrupt handlers, one per line, and the
 * step from the trap handler into the interrupt controller driver.
 */
#include "kernel/core/irq.h"
#include "kernel/core/errno.h"
#include "kernel/core/printk.h"

struct irq_desc {
	irq_handler_t handler;
	void *dev_id;
	const char *name;
	unsigned long count;
};

static struct irq_desc irq_desc[NR_IRQS];
static struct irq_chip *irq_chip;

void
set_irq_chip(struct irq_chip *chip)
{
	irq_chip = chip;
}

int
request_irq(int irq, irq_handler_t handler, const char *name, void *dev_id)
{
	if (irq <= 0 || irq >= NR_IRQS || !handler)
		return -EINVAL;
	if (irq_desc[irq].handler)
		return -EBUSY;
	irq_desc[irq] = (struct irq_desc){ handler, dev_id, name, 0 };
	if (irq_chip && irq_chip->irq_enable)
		irq_chip->irq_enable(irq);
	return 0;
}

void
free_irq(int irq, void *dev_id)
{
	if (irq <= 0 || irq >= NR_IRQS || irq_desc[irq].dev_id != dev_id)
		return;
	if (irq_chip && irq_chip->irq_disable)
		irq_chip->irq_disable(irq);
	irq_desc[irq].handler = NULL;
	irq_desc[irq].dev_id = NULL;
}

void
generic_handle_irq(int irq)
{
	struct irq_desc *desc = irq > 0 && irq < NR_IRQS ? &irq_desc[irq] : NULL;

	if (!desc || !desc->handler) {
		pr_warn("irq %d: nobody cared\n", irq);
		return;
	}
	desc->count++;
	desc->handler(irq, desc->dev_id);
}

void
handle_arch_irq(void)
{
	if (irq_chip)
		irq_chip->handle();
}

bool
irq_get_stats(int irq, const char **name, unsigned long *count)
{
	if (irq <= 0 || irq >= NR_IRQS || !irq_desc[irq].handler)
		return false;
	*name = irq_desc[irq].name;
	*count = irq_desc[irq].count;
	return true;
}
