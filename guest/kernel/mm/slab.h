/*
 * slab.h - kmalloc: small objects carved from pages in power-of-two size
 * classes, large ones as whole pages from the page allocator.
 */
#ifndef KERNEL_MM_SLAB_H
#define KERNEL_MM_SLAB_H

#include "lib/types.h"

void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(const void *p);
char *kstrdup(const char *s);

#endif /* KERNEL_MM_SLAB_H */
