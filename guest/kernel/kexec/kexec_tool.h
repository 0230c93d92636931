/*
 * kexec_tool.h - the kexec user-space tool (kexec-tools, in our shell):
 * what its three files share. It talks to the kernel only through the
 * syscall layer (libc/unistd.h: open, read, reboot, syscall).
 */
#ifndef KERNEL_KEXEC_TOOL_H
#define KERNEL_KEXEC_TOOL_H

#include "kernel/kexec/kexec_uapi.h"
#include "lib/types.h"

#define MAX_MEMORY_RANGES	32

enum { RANGE_RAM = 0, RANGE_RESERVED = 1 };

/* [start, end], end inclusive, as kexec-tools keeps them. */
struct memory_range {
	unsigned long long start, end;
	int type;
};

struct kexec_info {
	struct kexec_segment segment[KEXEC_SEGMENT_MAX + 1];
	int nr_segments;
	struct memory_range memory_range[MAX_MEMORY_RANGES];
	int memory_ranges;
	unsigned long entry;		/* what kexec_load gets: purgatory */
	unsigned long kernel_entry;	/* where purgatory goes next */
	unsigned long kexec_flags;
	int skip_checks;
	unsigned long purgatory_base;	/* 0: no purgatory segment */
	u8 *purgatory_buf;		/* our copy of the purgatory blob */
	char *initrd_buf;		/* the initrd file, read by the riscv part */
	unsigned long trace_base;	/* from the DTB, for purgatory; 0 = none */
};

/* Options the riscv part reads (kexec-tools' struct riscv_opts). */
struct riscv_opts {
	char *cmdline;			/* the final command line, or NULL */
	const char *initrd_path;	/* --initrd */
	const char *fdt_path;		/* --dtb, else /sys/firmware/fdt */
};

extern int kexec_debug;
extern unsigned long long mem_min, mem_max;
extern struct riscv_opts arch_options;

/* kexec-tools prints errors on stderr and debug lines with -d. */
#define errprintf(...)	dprintf(STDERR_FILENO, __VA_ARGS__)
#define dbgprintf(...)	do { if (kexec_debug) errprintf(__VA_ARGS__); } while (0)

/* Long options without a short letter (kexec-tools' OPT_*). */
enum {
	OPT_MEM_MIN = 256,
	OPT_MEM_MAX,
	OPT_APPEND,
	OPT_CMDLINE,
	OPT_REUSE_CMDLINE,
	OPT_INITRD,
	OPT_DTB,
};

/* kexec_tool_getopt.c */
struct kexec_getopt_state {
	int optind;		/* next argv word; start at 1 */
	int nextchar;		/* position inside a "-le" cluster */
	const char *optarg;	/* the option's argument */
	int operands;		/* words that are no options ... */
	char **operand;		/* ... collected here (room for argc) */
};

/* The next option, -1 at the end, '?' (after the message) for a bad one. */
int kexec_getopt(int argc, char **argv, struct kexec_getopt_state *s);

/* kexec_tool.c */
void *xmalloc(size_t size);
void xfree(void *p);
/* Whole file into a fresh buffer; NULL (after the message) on failure. */
char *slurp_file(const char *filename, size_t *r_size);
/* base + " " + append, either alone, or NULL when neither (kexec-tools' concat_cmdline). */
char *concat_cmdline(const char *base, const char *append);

/* kexec_tool_mem.c */
int get_memory_ranges(struct kexec_info *info);
bool is_crashkernel_mem_reserved(void);
int valid_memory_range(struct kexec_info *info, unsigned long sstart, unsigned long send);
int sort_segments(struct kexec_info *info);
unsigned long locate_hole(struct kexec_info *info, unsigned long hole_size,
			  unsigned long hole_align, unsigned long hole_min,
			  unsigned long hole_max, int hole_end);
int add_segment(struct kexec_info *info, const void *buf, size_t bufsz, unsigned long base,
		size_t memsz);
/* Places a buffer with locate_hole; the base, or ULONG_MAX after "locate_hole failed". */
unsigned long add_buffer(struct kexec_info *info, const void *buf, unsigned long bufsz,
			 unsigned long memsz, unsigned long buf_align, unsigned long buf_min,
			 unsigned long buf_max, int buf_end);
void print_segments(int fd, struct kexec_info *info);

/* kexec_tool_riscv.c */
int elf_riscv_probe(const char *buf, size_t len);
int elf_riscv_load(const char *buf, size_t len, struct kexec_info *info);
int arch_process_options(const char *append, const char *cmdline);
void arch_usage(void);
void arch_cleanup(void);
void update_purgatory(struct kexec_info *info);

#endif /* KERNEL_KEXEC_TOOL_H */
