/*
 * kexec_tool_riscv.c - the riscv part of the kexec tool (kexec-tools
 * kexec/arch/riscv/): the ELF kernel moved to a 4 MiB boundary, the new
 * DTB with /chosen bootargs and initrd, the initrd above the kernel and the
 * DTB just below it; then, unlike riscv kexec-tools and like x86's, a
 * purgatory that checks the SHA-256 of everything before the jump.
 */
#include "kernel/kexec/kexec_tool.h"
#include "kernel/libc/stdio.h"
#include "kernel/libc/unistd.h"
#include "kernel/core/errno.h"
#include "lib/elf.h"
#include "lib/fdt.h"
#include "lib/sha256.h"
#include "lib/string.h"
#include "lib/trace.h"
#include "purgatory/purgatory.h"

#define KERNEL_ALIGN	0x400000UL	/* RV32: 4 MiB (a megapage) */
#define ULONG_MAX_	(~0UL)

/* The purgatory image the kernel carries (purgatory_blob.S). */
extern const u8 kexec_purgatory[];
extern const u32 kexec_purgatory_size;

struct riscv_opts arch_options;

struct fdt_image {
	char *buf;
	size_t size;
};
static struct fdt_image provided_fdt;

/* Checks the ELF32 header and program headers; the header, or NULL. */
static const Elf32_Ehdr *
build_elf_exec_info(const char *buf, size_t len)
{
	const Elf32_Ehdr *ehdr = (const Elf32_Ehdr *)buf;

	if (len < sizeof(*ehdr) || memcmp(ehdr->e_ident, ELFMAG, SELFMAG) != 0) {
		dbgprintf("Not an ELF executable\n");
		return NULL;
	}
	if (ehdr->e_ident[EI_CLASS] != ELFCLASS32 || ehdr->e_ident[EI_DATA] != ELFDATA2LSB)
		return NULL;
	if (ehdr->e_type != ET_EXEC && ehdr->e_type != ET_DYN) {
		dbgprintf("Not ELF type ET_EXEC or ET_DYN\n");
		return NULL;
	}
	if (!ehdr->e_phnum || ehdr->e_phentsize != sizeof(Elf32_Phdr) ||
	    ehdr->e_phoff > len || (len - ehdr->e_phoff) / sizeof(Elf32_Phdr) < ehdr->e_phnum) {
		errprintf("No ELF program header\n");
		return NULL;
	}
	return ehdr;
}

static const Elf32_Phdr *
elf_phdr(const char *buf, const Elf32_Ehdr *ehdr, int i)
{
	return (const Elf32_Phdr *)(buf + ehdr->e_phoff) + i;
}

int
elf_riscv_probe(const char *buf, size_t len)
{
	const Elf32_Ehdr *ehdr = build_elf_exec_info(buf, len);

	if (!ehdr)
		return -1;
	if (ehdr->e_machine != EM_RISCV) {
		errprintf("Not for this architecture.\n");
		return -EINVAL;
	}
	return 0;
}

/* The first RAM range with room for size bytes from a 4 MiB boundary. */
static int
elf_riscv_find_pbase(struct kexec_info *info, unsigned long *addr, unsigned long size)
{
	int i;

	for (i = 0; i < info->memory_ranges; i++) {
		unsigned long long start = info->memory_range[i].start;
		unsigned long long end = info->memory_range[i].end;

		if (info->memory_range[i].type != RANGE_RAM)
			continue;
		start = ALIGN(start, (unsigned long long)KERNEL_ALIGN);
		if (end > start && end - start >= size) {
			*addr = start;
			return 0;
		}
	}
	return -EFBIG;
}

/* Finds the trace port in the DTB: purgatory reports through it too. */
static unsigned long
fdt_trace_base(const void *fdt)
{
	int node = fdt_node_offset_by_compatible(fdt, -1, TRACE_COMPATIBLE);
	u64 addr, size;

	if (node < 0 || fdt_get_reg(fdt, node, 0, &addr, &size))
		return 0;
	return (unsigned long)addr;
}

/* Sets (or, with value NULL, removes) a /chosen property in a DTB we may grow. */
static int
dtb_set_chosen(struct fdt_image *fdt, const char *name, const void *value, int len)
{
	size_t bufsize = fdt->size + (value ? (size_t)len : 0) + 256;
	char *buf = xmalloc(bufsize);
	int chosen, ret;

	ret = fdt_open_into(fdt->buf, buf, (int)bufsize);
	if (ret < 0)
		goto fail;
	chosen = fdt_path_offset(buf, "/chosen");
	if (chosen < 0)
		chosen = fdt_add_subnode(buf, 0, "chosen");
	if (chosen < 0) {
		ret = chosen;
		goto fail;
	}
	if (value)
		ret = fdt_setprop(buf, chosen, name, value, len);
	else if (fdt_getprop(buf, chosen, name, NULL))
		ret = fdt_delprop(buf, chosen, name);
	if (ret < 0)
		goto fail;
	ret = fdt_pack(buf);
	if (ret < 0)
		goto fail;
	xfree(fdt->buf);
	fdt->buf = buf;
	fdt->size = fdt_totalsize(buf);
	return 0;
fail:
	xfree(buf);
	return ret;
}

static int
dtb_set_u64(struct fdt_image *fdt, const char *name, u64 v)
{
	u32 be[2] = { cpu_to_fdt32((u32)(v >> 32)), cpu_to_fdt32((u32)v) };

	return dtb_set_chosen(fdt, name, be, sizeof(be));
}

/*
 * After the kernel: the initrd as high as it goes, the DTB as high as it
 * goes below that, and purgatory below the DTB (kexec-tools' riscv
 * load_extra_segments, plus the purgatory of its x86 and arm64 ports).
 */
static int
load_extra_segments(struct kexec_info *info, unsigned long kernel_base, unsigned long kernel_size)
{
	struct fdt_image *fdt = &provided_fdt;
	unsigned long min_usable = kernel_base + kernel_size;
	unsigned long max_usable = ULONG_MAX_;
	unsigned long initrd_base, fdt_base, purg_base, purg_memsz;
	const struct purgatory_info *pi;
	char *initrd_buf;
	size_t initrd_size;

	dtb_set_chosen(fdt, "linux,elfcorehdr", NULL, 0);
	dtb_set_chosen(fdt, "linux,usable-memory-range", NULL, 0);

	if (!arch_options.initrd_path) {
		dtb_set_chosen(fdt, "linux,initrd-start", NULL, 0);
		dtb_set_chosen(fdt, "linux,initrd-end", NULL, 0);
	} else {
		initrd_buf = slurp_file(arch_options.initrd_path, &initrd_size);
		info->initrd_buf = initrd_buf;
		if (!initrd_buf) {
			errprintf("Couldn't read provided initrd\n");
			return -EINVAL;
		}
		initrd_base = add_buffer(info, initrd_buf, initrd_size, initrd_size, 0, min_usable,
					 max_usable, -1);
		if (initrd_base == ULONG_MAX_)
			return -EINVAL;
		dtb_set_u64(fdt, "linux,initrd-start", initrd_base);
		dtb_set_u64(fdt, "linux,initrd-end", initrd_base + initrd_size);
		dbgprintf("Base addr for initrd image: 0x%lX\n", initrd_base);
		max_usable = initrd_base;
	}

	/* Add device tree. */
	fdt_base = add_buffer(info, fdt->buf, fdt->size, fdt->size, 0, min_usable, max_usable, -1);
	if (fdt_base == ULONG_MAX_)
		return -EINVAL;
	dbgprintf("Base addr for dtb: 0x%lX\n", fdt_base);

	/* Purgatory: our own copy, so that update_purgatory can fill it in. */
	info->purgatory_buf = xmalloc(kexec_purgatory_size);
	memcpy(info->purgatory_buf, kexec_purgatory, kexec_purgatory_size);
	pi = (const struct purgatory_info *)(info->purgatory_buf + PURGATORY_INFO_OFFSET);
	if (pi->magic != PURGATORY_MAGIC) {
		errprintf("Purgatory image is corrupt\n");
		return -EINVAL;
	}
	purg_memsz = pi->memsz;
	purg_base = add_buffer(info, info->purgatory_buf, kexec_purgatory_size, purg_memsz, 0,
			       min_usable, fdt_base, -1);
	if (purg_base == ULONG_MAX_)
		return -EINVAL;
	dbgprintf("Base addr for purgatory: 0x%lX\n", purg_base);
	info->purgatory_base = purg_base;
	info->trace_base = fdt_trace_base(fdt->buf);
	/* kexec_load's entry is purgatory; purgatory goes on to the kernel. */
	info->entry = purg_base;
	return 0;
}

int
elf_riscv_load(const char *buf, size_t len, struct kexec_info *info)
{
	const Elf32_Ehdr *ehdr = build_elf_exec_info(buf, len);
	unsigned long old_base_addr = ULONG_MAX_, old_start_addr = ULONG_MAX_;
	unsigned long kernel_size = 0, new_base_addr = 0;
	int i, ret;

	if (!ehdr) {
		errprintf("ELF exec parse failed\n");
		return -EINVAL;
	}

	/* The memory footprint, base physical and start address of the image. */
	for (i = 0; i < ehdr->e_phnum; i++) {
		const Elf32_Phdr *phdr = elf_phdr(buf, ehdr, i);

		if (phdr->p_type != PT_LOAD)
			continue;
		if (old_base_addr > phdr->p_paddr)
			old_base_addr = phdr->p_paddr;
		if (phdr->p_vaddr == ehdr->e_entry || phdr->p_paddr == ehdr->e_entry)
			old_start_addr = phdr->p_paddr;
		kernel_size += ALIGN((unsigned long)phdr->p_memsz, PAGE_SIZE);
	}
	if (old_base_addr == ULONG_MAX_ || kernel_size == 0) {
		errprintf("No loadable segments present on the provided ELF image\n");
		return -EINVAL;
	}
	if (old_start_addr == ULONG_MAX_) {
		errprintf("Could not find the entry point address of provided ELF image\n");
		return -EINVAL;
	}
	dbgprintf("Got ELF with total memsz %luKB\nBase paddr: 0x%lX, start_addr: 0x%lX\n",
		  kernel_size / 1024, old_base_addr, old_start_addr);

	ret = elf_riscv_find_pbase(info, &new_base_addr, kernel_size);
	if (ret < 0) {
		errprintf("Could not find a memory region for the provided ELF image\n");
		return ret;
	}
	dbgprintf("New base paddr for the ELF: 0x%lX\n", new_base_addr);

	/* Move every PT_LOAD, and the entry, by the same amount: one segment each. */
	info->kernel_entry = old_start_addr - old_base_addr + new_base_addr;
	dbgprintf("New entry point for the ELF: 0x%lX\n", info->kernel_entry);

	for (i = 0; i < ehdr->e_phnum; i++) {
		const Elf32_Phdr *phdr = elf_phdr(buf, ehdr, i);
		unsigned long paddr;
		size_t size;

		if (phdr->p_type != PT_LOAD || !phdr->p_memsz)
			continue;
		if (phdr->p_offset > len || len - phdr->p_offset < phdr->p_filesz) {
			errprintf("ELF segment %d lies outside the file\n", i);
			return -EINVAL;
		}
		paddr = phdr->p_paddr - old_base_addr + new_base_addr;
		size = min_t(size_t, phdr->p_filesz, phdr->p_memsz);
		if (add_segment(info, buf + phdr->p_offset, size, paddr, phdr->p_memsz))
			return -EINVAL;
	}

	return load_extra_segments(info, new_base_addr, kernel_size);
}

/*
 * The command line and the DTB (kexec-tools' riscv arch_process_options):
 * --append alone becomes the whole command line; the DTB is the running
 * one from /sys/firmware/fdt unless --dtb names another.
 */
int
arch_process_options(const char *append, const char *cmdline)
{
	struct stat st;
	size_t size;
	char *tmp;

	if (append && !cmdline)
		errprintf("Warning: No cmdline provided, using append string as cmdline\n");
	if (!append && !cmdline)
		errprintf("Warning: No cmdline or append string provided\n");
	arch_options.cmdline = concat_cmdline(cmdline, append);

	if (!arch_options.fdt_path) {
		if (stat("/sys/firmware/fdt", &st)) {
			errprintf("No dtb provided and /sys/firmware/fdt is not present\n");
			return -EINVAL;
		}
		errprintf("Warning: No dtb provided, using /sys/firmware/fdt\n");
		arch_options.fdt_path = "/sys/firmware/fdt";
	}

	tmp = slurp_file(arch_options.fdt_path, &size);
	if (!tmp) {
		errprintf("Couldn't read provided fdt\n");
		return -EINVAL;
	}
	if (size < sizeof(struct fdt_header) || fdt_check_header(tmp)) {
		errprintf("Got an ivalid fdt image !\n");
		xfree(tmp);
		return -EINVAL;
	}
	provided_fdt.buf = tmp;
	provided_fdt.size = size;

	if (arch_options.cmdline &&
	    dtb_set_chosen(&provided_fdt, "bootargs", arch_options.cmdline,
			   (int)strlen(arch_options.cmdline) + 1) < 0) {
		errprintf("Could not set bootargs on the fdt image\n");
		return -EINVAL;
	}
	return 0;
}

/* Frees what arch_process_options kept (a process would just exit). */
void
arch_cleanup(void)
{
	xfree(provided_fdt.buf);
	provided_fdt.buf = NULL;
	provided_fdt.size = 0;
	xfree(arch_options.cmdline);
	arch_options.cmdline = NULL;
}

void
arch_usage(void)
{
	printf("\t--append=STRING\t\tAppend STRING to the kernel command line.\n"
	       "\t--dtb=FILE\t\tUse FILE as the device tree blob.\n"
	       "\t--initrd=FILE\t\tUse FILE as the kernel initial ramdisk.\n"
	       "\t--command-line=STRING\tUse STRING as the kernel's command line.\n"
	       "\t--reuse-cmdline\t\tUse kernel command line from running system.\n");
}

/*
 * Fills in purgatory: where the kernel is and where the trace port is, and
 * (unless -i) one SHA-256 over every other segment, memsz - bufsz counted
 * as zeros, with the list of regions it covers (kexec-tools' update_purgatory).
 */
void
update_purgatory(struct kexec_info *info)
{
	static const u8 null_buf[256];
	struct purgatory_info *pi;
	struct sha256_state sctx;
	int i, j;

	if (!info->purgatory_base)
		return;
	pi = (struct purgatory_info *)(info->purgatory_buf + PURGATORY_INFO_OFFSET);
	pi->kernel_entry = info->kernel_entry;
	pi->trace_base = info->trace_base;
	if (info->skip_checks) {
		pi->skip_checks = 1;
		return;
	}

	memset(pi->sha256_regions, 0, sizeof(pi->sha256_regions));
	sha256_init(&sctx);
	for (i = j = 0; i < info->nr_segments; i++) {
		const struct kexec_segment *seg = &info->segment[i];
		size_t nullsz;

		/* Not purgatory itself: its stack changes, and the digest is poked into it. */
		if (seg->mem == info->purgatory_base)
			continue;
		sha256_update(&sctx, seg->buf, seg->bufsz);
		for (nullsz = seg->memsz - seg->bufsz; nullsz;) {
			size_t bytes = min_t(size_t, nullsz, sizeof(null_buf));

			sha256_update(&sctx, null_buf, bytes);
			nullsz -= bytes;
		}
		if (j < SHA256_REGIONS) {
			pi->sha256_regions[j].start = seg->mem;
			pi->sha256_regions[j].len = seg->memsz;
			j++;
		}
	}
	sha256_final(&sctx, pi->sha256_digest);
}
