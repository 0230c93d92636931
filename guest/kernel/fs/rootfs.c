/*
 * rootfs.c - the root file system: the newc cpio archive on vda, read into
 * memory at boot (headers first, to learn its length, then the whole
 * archive in large reads), and an initramfs if the boot loader (or kexec
 * --initrd) passed one in /chosen.
 */
#include "kernel/core/init.h"
#include "kernel/core/errno.h"
#include "kernel/core/printk.h"
#include "kernel/drivers/block.h"
#include "kernel/drivers/of.h"
#include "kernel/fs/fs.h"
#include "kernel/mm/page_alloc.h"
#include "kernel/mm/slab.h"
#include "lib/cpio.h"
#include "lib/string.h"

#define READ_CHUNK_SECTORS 512	/* 256 KiB per request */

static u32 __init
hex8(const char *s)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];

		v = (v << 4) | (c >= 'a' ? c - 'a' + 10 : c >= 'A' ? c - 'A' + 10 : c - '0');
	}
	return v;
}

/* Archive length from its headers alone: one 4 KiB read per entry. */
static long __init
cpio_archive_length(char *scratch)
{
	u64 cap = block_capacity() * SECTOR_SIZE;
	u64 pos = 0;

	while (pos + CPIO_HDR_SIZE <= cap) {
		u64 sector = pos / SECTOR_SIZE;
		size_t off = pos % SECTOR_SIZE;
		u32 nsect = min_t(u64, 8, cap / SECTOR_SIZE - sector);
		u32 namesize, filesize;

		if (block_read(sector, scratch, nsect))
			return -EIO;
		if (memcmp(scratch + off, CPIO_NEWC_MAGIC, 6) != 0)
			return -EINVAL;
		filesize = hex8(scratch + off + 54);
		namesize = hex8(scratch + off + 94);
		if (off + CPIO_HDR_SIZE + namesize > nsect * SECTOR_SIZE)
			return -EINVAL;
		pos += ALIGN(CPIO_HDR_SIZE + namesize, 4);
		if (strcmp(scratch + off + CPIO_HDR_SIZE, CPIO_TRAILER) == 0)
			return pos;
		pos += ALIGN(filesize, 4);
	}
	return -EINVAL;
}

static void __init
initramfs_init(void)
{
	size_t size = initrd_end_pa - initrd_start_pa;
	const void *data = __va(initrd_start_pa);

	if (!initrd_start_pa)
		return;
	pr_info("Trying to unpack rootfs image as initramfs...\n");
	if (memcmp(data, CPIO_NEWC_MAGIC, 6) != 0) {
		pr_err("Initramfs unpacking failed: invalid magic at start of compressed archive\n");
		return;
	}
	rootfs_add_cpio(data, size, "initramfs");
}

int __init
mount_root(void)
{
	char *scratch = kmalloc(8 * SECTOR_SIZE);
	unsigned int order = 0;
	long len;
	char *archive;

	initramfs_init();
	if (!scratch)
		return -ENOMEM;
	len = block_capacity() ? cpio_archive_length(scratch) : -ENODEV;
	kfree(scratch);
	if (len < 0) {
		pr_err("VFS: Cannot open root device \"vda\" or unknown-block(254,0): error %ld\n",
		       len);
		return (int)len;
	}
	while ((PAGE_SIZE << order) < (size_t)len)
		order++;
	archive = alloc_pages(order);
	if (!archive)
		return -ENOMEM;
	for (long done = 0; done < len; done += READ_CHUNK_SECTORS * SECTOR_SIZE) {
		u32 n = min_t(long, READ_CHUNK_SECTORS, DIV_ROUND_UP(len - done, SECTOR_SIZE));

		if (block_read(done / SECTOR_SIZE, archive + done, n))
			return -EIO;
	}
	rootfs_add_cpio(archive, len, "vda");
	pr_info("VFS: Mounted root (cpio filesystem) readonly on device 254:0.\n");
	return 0;
}
