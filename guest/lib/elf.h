/*
 * elf.h - ELF32 structures and constants (System V gABI, RISC-V psABI) for
 * loading kernels (PT_LOAD) and writing kdump core headers (ET_CORE, PT_NOTE).
 */
#ifndef LIB_ELF_H
#define LIB_ELF_H

#include "lib/types.h"

typedef u32 Elf32_Addr;
typedef u16 Elf32_Half;
typedef u32 Elf32_Off;
typedef s32 Elf32_Sword;
typedef u32 Elf32_Word;

#define EI_NIDENT 16
#define EI_MAG0 0
#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define EI_OSABI 7
#define ELFMAG "\177ELF"
#define SELFMAG 4
#define ELFCLASS32 1
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define EV_CURRENT 1
#define ELFOSABI_NONE 0

#define ET_NONE 0
#define ET_REL 1
#define ET_EXEC 2
#define ET_DYN 3
#define ET_CORE 4

#define EM_RISCV 243

#define PT_NULL 0
#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3
#define PT_NOTE 4
#define PT_PHDR 6

#define PF_X 0x1
#define PF_W 0x2
#define PF_R 0x4

#define SHT_NULL 0
#define SHT_PROGBITS 1
#define SHT_SYMTAB 2
#define SHT_STRTAB 3
#define SHT_NOTE 7
#define SHT_NOBITS 8

#define SHF_WRITE 0x1
#define SHF_ALLOC 0x2
#define SHF_EXECINSTR 0x4

#define STB_LOCAL 0
#define STB_GLOBAL 1
#define STB_WEAK 2
#define STT_NOTYPE 0
#define STT_OBJECT 1
#define STT_FUNC 2
#define STT_SECTION 3
#define ELF32_ST_BIND(i) ((i) >> 4)
#define ELF32_ST_TYPE(i) ((i) & 0xf)

/* Note types of a kdump core (Linux include/uapi/linux/elf.h). */
#define NT_PRSTATUS 1
#define NT_PRPSINFO 3
#define NT_TASKSTRUCT 4
#define NT_VMCOREDD 0x700

typedef struct {
	unsigned char e_ident[EI_NIDENT];	/* \177ELF, class, data, version */
	Elf32_Half e_type;	/* ET_EXEC, ET_CORE, ... */
	Elf32_Half e_machine;	/* EM_RISCV */
	Elf32_Word e_version;
	Elf32_Addr e_entry;	/* virtual entry point */
	Elf32_Off e_phoff;	/* program headers */
	Elf32_Off e_shoff;	/* section headers */
	Elf32_Word e_flags;
	Elf32_Half e_ehsize;
	Elf32_Half e_phentsize;
	Elf32_Half e_phnum;
	Elf32_Half e_shentsize;
	Elf32_Half e_shnum;
	Elf32_Half e_shstrndx;
} Elf32_Ehdr;

typedef struct {
	Elf32_Word p_type;	/* PT_LOAD, PT_NOTE, ... */
	Elf32_Off p_offset;	/* file offset of the segment */
	Elf32_Addr p_vaddr;	/* where it runs */
	Elf32_Addr p_paddr;	/* where it is loaded */
	Elf32_Word p_filesz;	/* bytes in the file */
	Elf32_Word p_memsz;	/* bytes in memory (the rest is zeroed) */
	Elf32_Word p_flags;	/* PF_R | PF_W | PF_X */
	Elf32_Word p_align;
} Elf32_Phdr;

typedef struct {
	Elf32_Word sh_name;
	Elf32_Word sh_type;
	Elf32_Word sh_flags;
	Elf32_Addr sh_addr;
	Elf32_Off sh_offset;
	Elf32_Word sh_size;
	Elf32_Word sh_link;
	Elf32_Word sh_info;
	Elf32_Word sh_addralign;
	Elf32_Word sh_entsize;
} Elf32_Shdr;

typedef struct {
	Elf32_Word st_name;
	Elf32_Addr st_value;
	Elf32_Word st_size;
	unsigned char st_info;
	unsigned char st_other;
	Elf32_Half st_shndx;
} Elf32_Sym;

typedef struct {
	Elf32_Word n_namesz;	/* name length including the NUL ("CORE" = 5) */
	Elf32_Word n_descsz;	/* descriptor length */
	Elf32_Word n_type;	/* NT_PRSTATUS, ... */
} Elf32_Nhdr;

#endif /* LIB_ELF_H */
