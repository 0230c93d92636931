/*
 * devices.h - printing what the DTB describes.
 */
#ifndef FW_DEVICES_H
#define FW_DEVICES_H

/* Harts, then every node with a reg: name, range, irq, compatible. */
void devices_print(const void *dtb);

#endif /* FW_DEVICES_H */
