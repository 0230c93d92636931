/*
 * boot.c - the boot loader proper: read /boot/boot.cfg, load the kernel's
 * ELF segments where their program headers say (p_paddr), and enter it in
 * S-mode the way RISC-V Linux expects: a0 = hartid, a1 = DTB, MMU off.
 */
#include "firmware/boot.h"
#include "firmware/console/console.h"
#include "firmware/csr.h"
#include "firmware/disk.h"
#include "firmware/memlayout.h"
#include "firmware/platform.h"
#include "lib/elf.h"
#include "lib/string.h"

#define BOOT_CFG_PATH "/boot/boot.cfg"
#define BOOT_MAX_PHDRS 16

extern char fw_stack_top[];

static char cfg_text[2048];

/* Reads "key=value" lines into cfg, echoing each; '#' starts a comment line. */
static void
boot_cfg_parse(char *text, struct boot_cfg *cfg)
{
	char *line = text;

	while (*line) {
		char *end = strchr(line, '\n');
		char *eq;

		if (end)
			*end = '\0';
		if (end && end > line && end[-1] == '\r')
			end[-1] = '\0';
		eq = strchr(line, '=');
		if (line[0] != '#' && eq) {
			*eq = '\0';
			printf("    %s = %s\n", line, eq + 1);
			if (!strcmp(line, "default"))
				strlcpy(cfg->image, eq + 1, sizeof(cfg->image));
			else if (!strcmp(line, "cmdline"))
				strlcpy(cfg->cmdline, eq + 1, sizeof(cfg->cmdline));
			else
				printf("    (unknown key \"%s\" ignored)\n", line);
		}
		if (!end)
			break;
		line = end + 1;
	}
}

int
boot_read_cfg(struct boot_cfg *cfg)
{
	struct disk_file f;

	if (disk_find(BOOT_CFG_PATH, &f) < 0) {
		printf("  %s not found, using defaults\n", BOOT_CFG_PATH);
		return -1;
	}
	printf("  reading %s (%u bytes)\n", BOOT_CFG_PATH, f.size);
	if (f.size >= sizeof(cfg_text) || disk_read_file(&f, 0, cfg_text, f.size) < 0) {
		printf("  %s is unreadable or too large\n", BOOT_CFG_PATH);
		return -1;
	}
	cfg_text[f.size] = '\0';
	boot_cfg_parse(cfg_text, cfg);
	return 0;
}

/* Prints why the image cannot be booted; returns -1 for the caller to pass on. */
static int
boot_reject(const char *why)
{
	printf("  cannot boot this image: %s\n", why);
	return -1;
}

/* Checks that the file is an ELF32 little-endian RISC-V executable. */
static int
boot_check_ehdr(const Elf32_Ehdr *eh)
{
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return boot_reject("not an ELF file");
	if (eh->e_ident[EI_CLASS] != ELFCLASS32 || eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_machine != EM_RISCV || eh->e_type != ET_EXEC)
		return boot_reject("not an ELF32 little-endian RISC-V executable");
	if (eh->e_phentsize != sizeof(Elf32_Phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > BOOT_MAX_PHDRS)
		return boot_reject("unexpected program header table");
	return 0;
}

/* A segment may land anywhere in RAM above the firmware's reserved range. */
static int
boot_check_segment(const Elf32_Phdr *ph)
{
	u64 end = (u64)ph->p_paddr + ph->p_memsz;

	if (ph->p_filesz > ph->p_memsz)
		return boot_reject("a segment's file size exceeds its memory size");
	if (ph->p_paddr < FW_BASE + FW_SIZE || end > (u64)platform.ram_base + platform.ram_size) {
		printf("    segment 0x%08x-0x%08x\n", ph->p_paddr, (u32)(end - 1));
		return boot_reject("the segment is outside the RAM a kernel may use");
	}
	return 0;
}

int
boot_load_kernel(const char *path, struct boot_kernel *k)
{
	static Elf32_Phdr ph[BOOT_MAX_PHDRS];
	struct disk_file f;
	Elf32_Ehdr eh;
	bool entry_found = false;

	if (disk_find(path, &f) < 0) {
		printf("  %s: not on the disk\n", path);
		return -1;
	}
	printf("  loading %s (%u bytes)\n", path, f.size);
	if (disk_read_file(&f, 0, &eh, sizeof(eh)) < 0 || boot_check_ehdr(&eh) < 0)
		return -1;
	if (disk_read_file(&f, eh.e_phoff, ph, eh.e_phnum * sizeof(Elf32_Phdr)) < 0)
		return -1;
	k->start = ~0u;
	k->end = 0;
	for (int i = 0; i < eh.e_phnum; i++) {
		const Elf32_Phdr *p = &ph[i];

		if (p->p_type != PT_LOAD || p->p_memsz == 0)
			continue;
		if (boot_check_segment(p) < 0)
			return -1;
		printf("    PT_LOAD 0x%08x-0x%08x (virtual 0x%08x): %u bytes from the file, "
		       "%u zeroed\n",
		       p->p_paddr, p->p_paddr + p->p_memsz - 1, p->p_vaddr, p->p_filesz,
		       p->p_memsz - p->p_filesz);
		if (disk_read_file(&f, p->p_offset, (void *)(uintptr_t)p->p_paddr, p->p_filesz) < 0)
			return -1;
		memset((void *)(uintptr_t)(p->p_paddr + p->p_filesz), 0, p->p_memsz - p->p_filesz);
		k->start = min(k->start, p->p_paddr);
		k->end = max(k->end, p->p_paddr + p->p_memsz);
		/* e_entry may be physical (MMU off at entry) or the linked virtual address. */
		if (eh.e_entry >= p->p_paddr && eh.e_entry - p->p_paddr < p->p_memsz) {
			k->entry = eh.e_entry;
			entry_found = true;
		} else if (!entry_found && eh.e_entry >= p->p_vaddr &&
			   eh.e_entry - p->p_vaddr < p->p_memsz) {
			k->entry = eh.e_entry - p->p_vaddr + p->p_paddr;
			entry_found = true;
		}
	}
	if (!entry_found) {
		printf("  entry point 0x%08x is in no loaded segment\n", eh.e_entry);
		return -1;
	}
	__asm__ volatile("fence.i" ::: "memory");
	printf("  kernel at 0x%08x-0x%08x, entry 0x%08x\n", k->start, k->end - 1, k->entry);
	return 0;
}

void
boot_enter_kernel(u32 entry, u32 hartid, void *dtb)
{
	register u32 a0 __asm__("a0") = hartid;
	register u32 a1 __asm__("a1") = (u32)(uintptr_t)dtb;
	u32 mstatus = csr_read(mstatus);

	/* After mret: S-mode (MPP = S), S interrupts off (SIE = 0) until the kernel enables them. */
	mstatus &= ~(MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_MPRV);
	mstatus |= MSTATUS_MPP_S;
	csr_write(mstatus, mstatus);
	csr_write(mepc, entry);
	csr_write(satp, 0);
	csr_write(stvec, 0);
	csr_write(sscratch, 0);
	csr_write(sie, 0);
	/* From now on a trap from S-mode switches to the firmware stack through mscratch. */
	csr_write(mscratch, (uintptr_t)fw_stack_top);
	__asm__ volatile("fence.i\n\tmret" : : "r"(a0), "r"(a1) : "memory");
	__builtin_unreachable();
}
