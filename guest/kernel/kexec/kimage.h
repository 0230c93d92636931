/*
 * kimage.h - the staged kexec image (Linux kernel/kexec_core.c): the segment
 * list, the page list of IND_* entries that the relocation routine walks,
 * and the allocation rule that keeps source pages off every destination.
 * kimage.c is plain C over a four-function page interface, so the host
 * test (kimage_test.c) runs the very same code against a mock allocator.
 */
#ifndef KERNEL_KEXEC_KIMAGE_H
#define KERNEL_KEXEC_KIMAGE_H

#include "lib/types.h"
#include "kernel/kexec/kexec_uapi.h"

/*
 * The entry list: physical addresses with a flag in the low bits. Each
 * segment gives one DESTINATION and then one SOURCE per page; the last slot
 * of every list page is kept for the INDIRECTION link to the next one; the
 * list head (kimage.head) is itself an INDIRECTION entry.
 */
typedef unsigned long kimage_entry_t;

#define IND_DESTINATION	0x1	/* set the copy cursor to this address */
#define IND_INDIRECTION	0x2	/* the list continues on this page */
#define IND_DONE	0x4	/* end of list */
#define IND_SOURCE	0x8	/* copy this page to the cursor, cursor += PAGE_SIZE */
#define IND_FLAGS	(IND_DESTINATION | IND_INDIRECTION | IND_DONE | IND_SOURCE)

#define KIMAGE_ENTRIES_PER_PAGE	(PAGE_SIZE / sizeof(kimage_entry_t))
#define KIMAGE_NO_DEST		(~0UL)	/* kimage_alloc_page: any page that is no destination */
#define KEXEC_CONTROL_PAGE_SIZE	PAGE_SIZE

#define KEXEC_TYPE_DEFAULT	0

struct kimage {
	kimage_entry_t head;		/* IND_INDIRECTION | first list page */
	kimage_entry_t *entry;		/* next free slot (virtual) */
	kimage_entry_t *last_entry;	/* the link slot of the current list page */

	unsigned long start;		/* entry point: purgatory */
	unsigned long control_code_page;	/* physical; lies in no destination */

	unsigned long nr_segments;
	struct kexec_segment segment[KEXEC_SEGMENT_MAX];

	/*
	 * Pages the allocator handed us that are someone's destination: parked
	 * here (linked through their first word, physical) so nobody else gets
	 * them, and freed with the image.
	 */
	unsigned long dest_pages;
	unsigned long nr_dest_pages;

	unsigned int type;

	/* riscv's struct kimage_arch */
	unsigned long fdt_addr;		/* physical address of the DTB segment */
};

/*
 * What kimage.c needs from the memory manager (kexec_core.c in the kernel,
 * a mock in the host test). Addresses are physical; 0 means no memory.
 */
unsigned long kimage_alloc_pages(unsigned int order);
void kimage_free_pages(unsigned long pa, unsigned int order);
void *kimage_phys_to_virt(unsigned long pa);
unsigned long kimage_virt_to_phys(const void *va);
unsigned long kimage_totalram_pages(void);

/*
 * Allocates an image for these segments after sanity_check_segment_list and
 * allocates its control page. 0 or a negative errno.
 */
int kimage_alloc_init(struct kimage **rimage, unsigned long entry, unsigned long nr_segments,
		      const struct kexec_segment *segments, unsigned long flags);
int sanity_check_segment_list(struct kimage *image);
/* Pages of 2^order in no destination range; physical, 0 if memory ran out. */
unsigned long kimage_alloc_control_pages(struct kimage *image, unsigned int order);
/*
 * A page for destination (KIMAGE_NO_DEST: any). The result is either that
 * destination itself or a page that is no destination at all.
 */
unsigned long kimage_alloc_page(struct kimage *image, unsigned long destination);
int kimage_add_entry(struct kimage *image, kimage_entry_t entry);
/* Copies segment buf into fresh source pages, zero-filling to memsz. */
int kimage_load_segment(struct kimage *image, const struct kexec_segment *segment);
void kimage_terminate(struct kimage *image);
void kimage_free(struct kimage *image);
bool kimage_is_destination_range(const struct kimage *image, unsigned long start,
				 unsigned long end);

/* Walks every entry of the list, INDIRECTION links included, until IND_DONE. */
#define for_each_kimage_entry(image, ptr, e)					\
	for ((ptr) = &(image)->head; (ptr) && ((e) = *(ptr)) && !((e) & IND_DONE);	\
	     (ptr) = ((e) & IND_INDIRECTION) ?						\
		     (kimage_entry_t *)kimage_phys_to_virt((e) & PAGE_MASK) : (ptr) + 1)

#endif /* KERNEL_KEXEC_KIMAGE_H */
