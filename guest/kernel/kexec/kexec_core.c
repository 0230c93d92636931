/*
 * kexec_core.c - the generic half of kexec (Linux kernel/kexec.c and
 * kernel/kexec_core.c): the kexec_load system call with its checks in
 * Linux's order, and kernel_kexec(), which quiesces the machine and hands
 * it to machine_kexec. Also the glue that gives kimage.c its pages.
 */
#define pr_fmt(fmt) "kexec_core: " fmt

#include "kernel/core/errno.h"
#include "kernel/core/printk.h"
#include "kernel/core/hooks.h"
#include "kernel/core/init.h"
#include "kernel/core/params.h"
#include "kernel/drivers/device.h"
#include "kernel/drivers/trace.h"
#include "kernel/fs/fs.h"
#include "kernel/kexec/kexec_internal.h"
#include "kernel/memlayout.h"
#include "kernel/mm/page_alloc.h"
#include "lib/printf.h"
#include "lib/string.h"

#define KEXEC_FLAGS	0	/* KEXEC_ON_CRASH arrives with kdump; nothing else on riscv */
#define KEXEC_ARCH	KEXEC_ARCH_RISCV

struct kimage *kexec_image;
/* /proc/sys/kernel/kexec_load_disabled: once 1, stays 1. */
int kexec_load_disabled;
bool kexec_debug_relocate_in_place;
bool kexec_debug_skip_shutdown;
static bool kexec_mutex_held;

/* --- kimage.c's memory interface over the page allocator --- */

unsigned long
kimage_alloc_pages(unsigned int order)
{
	void *va = alloc_pages(order);

	return va ? __pa(va) : 0;
}

void
kimage_free_pages(unsigned long pa, unsigned int order)
{
	ktrace_role(pa, 1UL << order, TRACE_ROLE_FREE);
	free_pages(__va(pa), order);
}

void *
kimage_phys_to_virt(unsigned long pa)
{
	return __va(pa);
}

unsigned long
kimage_virt_to_phys(const void *va)
{
	return __pa(va);
}

unsigned long
kimage_totalram_pages(void)
{
	return totalram_pages();
}

/* --- the lock (one hart, but a load must not race an exec all the same) --- */

static bool
kexec_trylock(void)
{
	if (kexec_mutex_held)
		return false;
	kexec_mutex_held = true;
	return true;
}

static void
kexec_unlock(void)
{
	kexec_mutex_held = false;
}

/* Tells the trace port what each page of a loaded image is for. */
static void
kimage_trace_roles(struct kimage *image)
{
	kimage_entry_t *ptr, e;
	unsigned long n;

	/* Only parked pages are tagged DESTINATION: the rest of a destination is live memory. */
	for (n = image->dest_pages; n; n = *(unsigned long *)__va(n))
		ktrace_role(n, 1, TRACE_ROLE_KEXEC_DESTINATION);
	for_each_kimage_entry(image, ptr, e) {
		if (e & IND_INDIRECTION)
			ktrace_role(e & PAGE_MASK, 1, TRACE_ROLE_KEXEC_INDIRECTION);
		else if (e & IND_SOURCE)
			ktrace_role(e & PAGE_MASK, 1, TRACE_ROLE_KEXEC_SOURCE);
	}
	ktrace_role(image->control_code_page, 1, TRACE_ROLE_KEXEC_CONTROL);
}

/*
 * Permission first (CAP_SYS_BOOT: the shell is root; kexec_load_disabled),
 * then the flags and the segment count: Linux's kexec_load_check().
 */
static int
kexec_load_check(unsigned long nr_segments, unsigned long flags)
{
	if (kexec_load_disabled)
		return -EPERM;
	if ((flags & KEXEC_FLAGS) != (flags & ~KEXEC_ARCH_MASK))
		return -EINVAL;
	if (nr_segments > KEXEC_SEGMENT_MAX)
		return -EINVAL;
	return 0;
}

static int
do_kexec_load(unsigned long entry, unsigned long nr_segments,
	      const struct kexec_segment *segments, unsigned long flags)
{
	struct kimage *image = NULL;
	unsigned long i;
	int ret;

	if (!kexec_trylock())
		return -EBUSY;

	if (nr_segments == 0) {
		/* Uninstall the image. */
		image = kexec_image;
		kexec_image = NULL;
		if (image)
			ktrace_event(TRACE_EVENT_KEXEC_UNLOADED, 0, 0);
		ret = 0;
		goto out;
	}

	ktrace_phase(TRACE_PHASE_KEXEC_LOAD, entry);
	ret = kimage_alloc_init(&image, entry, nr_segments, segments, flags);
	if (ret)
		goto out_unlock;

	ret = machine_kexec_prepare(image);
	if (ret)
		goto out;

	for (i = 0; i < nr_segments; i++) {
		ret = kimage_load_segment(image, &image->segment[i]);
		if (ret)
			goto out;
	}
	kimage_terminate(image);
	kimage_trace_roles(image);

	/* Install the new kernel and uninstall the old. */
	{
		struct kimage *old = kexec_image;

		kexec_image = image;
		image = old;
	}
	ktrace_event(TRACE_EVENT_KEXEC_LOADED, entry, nr_segments);
#if KESTREL_VERSION_MAJOR >= 2
	/*
	 * New in Kestrel 2.0: each load is logged. (It also moves 2.0's
	 * riscv_kexec_relocate a few bytes away from where 1.0 has it, as any
	 * real new kernel would: kexec_debug.relocate_in_place depends on it.)
	 */
	pr_info("kexec_load: %lu segments, entry %08lx, control page %08lx\n", nr_segments, entry,
		kexec_image->control_code_page);
#endif
out:
	if (image) {
		machine_kexec_cleanup(image);
		kimage_free(image);
	}
out_unlock:
	kexec_unlock();
	return ret;
}

long
sys_kexec_load(unsigned long entry, unsigned long nr_segments, void *segments,
	       unsigned long flags)
{
	struct kexec_segment ksegments[KEXEC_SEGMENT_MAX];
	int ret;

	ret = kexec_load_check(nr_segments, flags);
	if (ret)
		return ret;

	/* Verify we are on the appropriate architecture. */
	if ((flags & KEXEC_ARCH_MASK) != KEXEC_ARCH &&
	    (flags & KEXEC_ARCH_MASK) != KEXEC_ARCH_DEFAULT)
		return -EINVAL;

	if (nr_segments && !segments)
		return -EFAULT;
	memcpy(ksegments, segments, nr_segments * sizeof(ksegments[0]));
	return do_kexec_load(entry, nr_segments, ksegments, flags);
}

/*
 * reboot(LINUX_REBOOT_CMD_KEXEC): quiesce every device (that is what stops
 * their DMA), then this hart, then jump. Returns only if nothing is loaded.
 */
int
kernel_kexec(void)
{
	if (!kexec_trylock())
		return -EBUSY;
	if (!kexec_image) {
		kexec_unlock();
		return -EINVAL;
	}

	/* kernel_restart_prepare(): no reboot notifiers here, then the devices. */
	if (kexec_debug_skip_shutdown) {
		pr_warn("kexec_debug: skipping device_shutdown(), devices keep running\n");
	} else {
		ktrace_phase(TRACE_PHASE_DEVICE_SHUTDOWN, 0);
		device_shutdown();
	}

	pr_notice("Starting new kernel\n");
	machine_shutdown();
	machine_kexec(kexec_image);
}

/* --- /sys/kernel/kexec_loaded, the fault switches, kexec_load_disabled --- */

static ssize_t
kexec_show_flag(char *buf, size_t len, int value)
{
	return snprintf(buf, len, "%d\n", value);
}

/* Accepts "0" or "1" (with an optional newline), as a bool sysfs file does. */
static ssize_t
kexec_store_flag(const char *buf, size_t len, bool *flag)
{
	if (len >= 1 && (buf[0] == '0' || buf[0] == '1') &&
	    (len == 1 || (len == 2 && buf[1] == '\n'))) {
		*flag = buf[0] == '1';
		return (ssize_t)len;
	}
	return -EINVAL;
}

static ssize_t
kexec_loaded_show(char *buf, size_t len)
{
	return kexec_show_flag(buf, len, kexec_image != NULL);
}

static ssize_t
relocate_in_place_show(char *buf, size_t len)
{
	return kexec_show_flag(buf, len, kexec_debug_relocate_in_place);
}

static ssize_t
relocate_in_place_store(const char *buf, size_t len)
{
	return kexec_store_flag(buf, len, &kexec_debug_relocate_in_place);
}

static ssize_t
skip_shutdown_show(char *buf, size_t len)
{
	return kexec_show_flag(buf, len, kexec_debug_skip_shutdown);
}

static ssize_t
skip_shutdown_store(const char *buf, size_t len)
{
	return kexec_store_flag(buf, len, &kexec_debug_skip_shutdown);
}

static ssize_t
kexec_load_disabled_show(char *buf, size_t len)
{
	return kexec_show_flag(buf, len, kexec_load_disabled);
}

/* Like the sysctl: 1 disables kexec_load for good; 0 cannot undo it. */
static ssize_t
kexec_load_disabled_store(const char *buf, size_t len)
{
	bool v = kexec_load_disabled;
	ssize_t ret = kexec_store_flag(buf, len, &v);

	if (ret < 0)
		return ret;
	if (kexec_load_disabled && !v)
		return -EPERM;
	kexec_load_disabled = v;
	return ret;
}

static int
kexec_debug_relocate_in_place_setup(char *val)
{
	kexec_debug_relocate_in_place = val[0] == '1' || val[0] == 'y' || val[0] == 'Y';
	return 1;
}
__setup("kexec_debug.relocate_in_place=", kexec_debug_relocate_in_place_setup);

static int
kexec_debug_skip_shutdown_setup(char *val)
{
	kexec_debug_skip_shutdown = val[0] == '1' || val[0] == 'y' || val[0] == 'Y';
	return 1;
}
__setup("kexec_debug.skip_shutdown=", kexec_debug_skip_shutdown_setup);

/* Called once at boot, after the file system is up. */
int
kexec_core_init(void)
{
	sysfs_create_file("/sys/kernel/kexec_loaded", kexec_loaded_show, NULL);
	sysfs_create_file("/sys/kernel/debug/kexec/relocate_in_place", relocate_in_place_show,
			  relocate_in_place_store);
	sysfs_create_file("/sys/kernel/debug/kexec/skip_shutdown", skip_shutdown_show,
			  skip_shutdown_store);
	sysfs_create_file("/proc/sys/kernel/kexec_load_disabled", kexec_load_disabled_show,
			  kexec_load_disabled_store);
	return 0;
}
late_initcall(kexec_core_init);
