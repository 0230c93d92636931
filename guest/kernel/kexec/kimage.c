/*
 * kimage.c - building a kexec image (Linux kernel/kexec_core.c): every page
 * of every segment is copied now into a SOURCE page, never onto its
 * destination, which is live memory (the running kernel). The list of
 * IND_* entries tells the relocation routine what to copy where at exec.
 */
#include "kernel/kexec/kimage.h"
#include "kernel/core/errno.h"
#include "lib/string.h"

#define PAGE_COUNT(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)

/* The image struct lives in a page of its own (the kernel has no kmalloc). */
_Static_assert(sizeof(struct kimage) <= PAGE_SIZE, "struct kimage fits a page");

static void
kimage_page_list_add(unsigned long *list, unsigned long pa)
{
	*(unsigned long *)kimage_phys_to_virt(pa) = *list;
	*list = pa;
}

/* Removes pa from the list; true when it was there. */
static bool
kimage_page_list_del(unsigned long *list, unsigned long pa)
{
	unsigned long *link = list;

	while (*link) {
		if (*link == pa) {
			*link = *(unsigned long *)kimage_phys_to_virt(pa);
			return true;
		}
		link = (unsigned long *)kimage_phys_to_virt(*link);
	}
	return false;
}

static void
kimage_free_page_list(unsigned long *list)
{
	while (*list) {
		unsigned long pa = *list;

		*list = *(unsigned long *)kimage_phys_to_virt(pa);
		kimage_free_pages(pa, 0);
	}
}

/*
 * Linux's checks, in Linux's order: every destination page aligned
 * (EADDRNOTAVAIL), no two destinations overlap (EINVAL), no buffer larger
 * than its memory (EINVAL), no segment and not all of them together larger
 * than half of RAM (EINVAL).
 */
int
sanity_check_segment_list(struct kimage *image)
{
	unsigned long nr_segments = image->nr_segments;
	unsigned long total_pages = 0;
	unsigned long nr_pages = kimage_totalram_pages();
	unsigned long i, j;

	for (i = 0; i < nr_segments; i++) {
		unsigned long mstart = image->segment[i].mem;
		unsigned long mend = mstart + image->segment[i].memsz;

		if (mstart > mend)
			return -EADDRNOTAVAIL;
		if ((mstart & ~PAGE_MASK) || (mend & ~PAGE_MASK))
			return -EADDRNOTAVAIL;
	}

	for (i = 0; i < nr_segments; i++) {
		unsigned long mstart = image->segment[i].mem;
		unsigned long mend = mstart + image->segment[i].memsz;

		for (j = 0; j < i; j++) {
			unsigned long pstart = image->segment[j].mem;
			unsigned long pend = pstart + image->segment[j].memsz;

			if (mend > pstart && mstart < pend)
				return -EINVAL;
		}
	}

	for (i = 0; i < nr_segments; i++) {
		if (image->segment[i].bufsz > image->segment[i].memsz)
			return -EINVAL;
	}

	for (i = 0; i < nr_segments; i++) {
		if (PAGE_COUNT(image->segment[i].memsz) > nr_pages / 2)
			return -EINVAL;
		total_pages += PAGE_COUNT(image->segment[i].memsz);
	}
	if (total_pages > nr_pages / 2)
		return -EINVAL;

	return 0;
}

/* True when [start, end) meets the destination of any segment. */
bool
kimage_is_destination_range(const struct kimage *image, unsigned long start, unsigned long end)
{
	unsigned long i;

	for (i = 0; i < image->nr_segments; i++) {
		unsigned long mstart = image->segment[i].mem;
		unsigned long mend = mstart + image->segment[i].memsz;

		if (end > mstart && start < mend)
			return true;
	}
	return false;
}

/*
 * The control page holds the relocation routine while it overwrites the
 * destinations, so it must lie in none of them: keep allocating until a
 * block does, then give back the ones that did not fit.
 */
unsigned long
kimage_alloc_control_pages(struct kimage *image, unsigned int order)
{
	unsigned long extra_pages = 0;
	unsigned long size = PAGE_SIZE << order;
	unsigned long pa;

	for (;;) {
		pa = kimage_alloc_pages(order);
		if (!pa)
			break;
		if (!kimage_is_destination_range(image, pa, pa + size))
			break;
		/* Keep the rejected block out of the allocator until we are done. */
		*(unsigned long *)kimage_phys_to_virt(pa) = extra_pages;
		extra_pages = pa;
	}

	while (extra_pages) {
		unsigned long next = *(unsigned long *)kimage_phys_to_virt(extra_pages);

		kimage_free_pages(extra_pages, order);
		extra_pages = next;
	}
	return pa;
}

int
kimage_alloc_init(struct kimage **rimage, unsigned long entry, unsigned long nr_segments,
		  const struct kexec_segment *segments, unsigned long flags)
{
	struct kimage *image;
	unsigned long pa;
	int ret;

	(void)flags;
	if (nr_segments > KEXEC_SEGMENT_MAX)
		return -EINVAL;

	pa = kimage_alloc_pages(0);
	if (!pa)
		return -ENOMEM;
	image = kimage_phys_to_virt(pa);
	memset(image, 0, sizeof(*image));
	image->head = 0;
	image->entry = &image->head;
	image->last_entry = &image->head;
	image->start = entry;
	image->type = KEXEC_TYPE_DEFAULT;
	image->nr_segments = nr_segments;
	memcpy(image->segment, segments, nr_segments * sizeof(segments[0]));

	ret = sanity_check_segment_list(image);
	if (ret)
		goto out_free;

	image->control_code_page = kimage_alloc_control_pages(image, 0);
	if (!image->control_code_page) {
		ret = -ENOMEM;
		goto out_free;
	}

	*rimage = image;
	return 0;

out_free:
	kimage_free_pages(pa, 0);
	return ret;
}

/*
 * Appends one entry. When the current list page is full but for its last
 * slot, a new page (no destination) is linked there as IND_INDIRECTION.
 * The list always stays terminated by a 0 entry.
 */
int
kimage_add_entry(struct kimage *image, kimage_entry_t entry)
{
	if (*image->entry != 0)
		image->entry++;

	if (image->entry == image->last_entry) {
		unsigned long pa = kimage_alloc_page(image, KIMAGE_NO_DEST);
		kimage_entry_t *ind_page;

		if (!pa)
			return -ENOMEM;
		ind_page = kimage_phys_to_virt(pa);
		*image->entry = pa | IND_INDIRECTION;
		image->entry = ind_page;
		image->last_entry = ind_page + KIMAGE_ENTRIES_PER_PAGE - 1;
	}
	*image->entry = entry;
	image->entry++;
	*image->entry = 0;
	return 0;
}

static int
kimage_set_destination(struct kimage *image, unsigned long destination)
{
	return kimage_add_entry(image, (destination & PAGE_MASK) | IND_DESTINATION);
}

static int
kimage_add_page(struct kimage *image, unsigned long page)
{
	return kimage_add_entry(image, (page & PAGE_MASK) | IND_SOURCE);
}

void
kimage_terminate(struct kimage *image)
{
	if (*image->entry != 0)
		image->entry++;
	*image->entry = IND_DONE;
}

/* The SOURCE entry whose data goes to destination page, or NULL. */
static kimage_entry_t *
kimage_dst_used(struct kimage *image, unsigned long page)
{
	unsigned long destination = 0;
	kimage_entry_t *ptr, e;

	for_each_kimage_entry(image, ptr, e) {
		if (e & IND_DESTINATION) {
			destination = e & PAGE_MASK;
		} else if (e & IND_SOURCE) {
			if (page == destination)
				return ptr;
			destination += PAGE_SIZE;
		}
	}
	return NULL;
}

/*
 * The allocation rule: the page returned is either destination itself or
 * lies in no destination range. Pages the allocator hands out that are
 * someone else's destination are parked on image->dest_pages; if one of
 * them already has a source page holding its data, that data moves into
 * the page (now its own destination) and the old source page is reused.
 */
unsigned long
kimage_alloc_page(struct kimage *image, unsigned long destination)
{
	unsigned long pa;

	/* A page parked earlier may be exactly the one wanted. */
	if (destination != KIMAGE_NO_DEST &&
	    kimage_page_list_del(&image->dest_pages, destination)) {
		image->nr_dest_pages--;
		return destination;
	}

	for (;;) {
		kimage_entry_t *old;

		pa = kimage_alloc_pages(0);
		if (!pa)
			return 0;

		/* Its own destination: the final copy will be a no-op. */
		if (pa == destination)
			break;
		/* No destination at all: safe to hold data until exec. */
		if (!kimage_is_destination_range(image, pa, pa + PAGE_SIZE))
			break;

		/* pa is someone's destination. Has its data been staged already? */
		old = kimage_dst_used(image, pa);
		if (old) {
			unsigned long old_pa = *old & PAGE_MASK;

			memcpy(kimage_phys_to_virt(pa), kimage_phys_to_virt(old_pa), PAGE_SIZE);
			*old = pa | (*old & ~PAGE_MASK);
			/* old_pa was a valid source page, so it is no destination. */
			pa = old_pa;
			break;
		}

		kimage_page_list_add(&image->dest_pages, pa);
		image->nr_dest_pages++;
	}
	return pa;
}

int
kimage_load_segment(struct kimage *image, const struct kexec_segment *segment)
{
	const u8 *buf = segment->buf;
	unsigned long maddr = segment->mem;
	size_t ubytes = segment->bufsz;
	size_t mbytes = segment->memsz;
	int ret;

	ret = kimage_set_destination(image, maddr);
	if (ret)
		return ret;

	while (mbytes) {
		unsigned long page = kimage_alloc_page(image, maddr & PAGE_MASK);
		size_t mchunk, uchunk;
		u8 *ptr;

		if (!page)
			return -ENOMEM;
		ret = kimage_add_page(image, page);
		if (ret) {
			kimage_free_pages(page, 0);
			return ret;
		}

		ptr = kimage_phys_to_virt(page);
		memset(ptr, 0, PAGE_SIZE);
		ptr += maddr & ~PAGE_MASK;
		mchunk = min_t(size_t, mbytes, PAGE_SIZE - (maddr & ~PAGE_MASK));
		uchunk = min_t(size_t, ubytes, mchunk);
		if (uchunk) {
			memcpy(ptr, buf, uchunk);
			buf += uchunk;
		}
		ubytes -= uchunk;
		maddr += mchunk;
		mbytes -= mchunk;
	}
	return 0;
}

/* Frees the source pages, the list pages, the parked pages, the control page and the image. */
void
kimage_free(struct kimage *image)
{
	kimage_entry_t *ptr, e;
	kimage_entry_t ind = 0;

	if (!image)
		return;

	kimage_free_page_list(&image->dest_pages);
	image->nr_dest_pages = 0;

	for_each_kimage_entry(image, ptr, e) {
		if (e & IND_INDIRECTION) {
			/* The previous list page is done with; this one is still being read. */
			if (ind & IND_INDIRECTION)
				kimage_free_pages(ind & PAGE_MASK, 0);
			ind = e;
		} else if (e & IND_SOURCE) {
			kimage_free_pages(e & PAGE_MASK, 0);
		}
	}
	if (ind & IND_INDIRECTION)
		kimage_free_pages(ind & PAGE_MASK, 0);

	if (image->control_code_page)
		kimage_free_pages(image->control_code_page, 0);
	kimage_free_pages(kimage_virt_to_phys(image), 0);
}
