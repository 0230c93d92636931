/*
 * irq.h - device interrupts: drivers request_irq(); the interrupt
 * controller driver (PLIC) registers itself as the root handler.
 */
#ifndef KERNEL_CORE_IRQ_H
#define KERNEL_CORE_IRQ_H

#include "lib/types.h"

#define NR_IRQS 128

typedef void (*irq_handler_t)(int irq, void *dev_id);

struct irq_chip {
	const char *name;
	void (*irq_enable)(int irq);
	void (*irq_disable)(int irq);
	/* Claims and handles every pending interrupt (calls generic_handle_irq). */
	void (*handle)(void);
};

/* 0 on success, -EINVAL / -EBUSY otherwise; enables the line at the controller. */
int request_irq(int irq, irq_handler_t handler, const char *name, void *dev_id);
void free_irq(int irq, void *dev_id);
void set_irq_chip(struct irq_chip *chip);
void generic_handle_irq(int irq);
void handle_arch_irq(void);
/* For /proc/interrupts: false if nobody requested irq, else its name and count. */
bool irq_get_stats(int irq, const char **name, unsigned long *count);

#endif /* KERNEL_CORE_IRQ_H */
