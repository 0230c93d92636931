/*
 * init.h - boot-only code and data (__init, __initdata: freed after boot,
 * "Freeing unused kernel image (initmem) memory"), and initcalls: functions
 * other subsystems (e.g. kexec/) register to run once the drivers are up.
 */
#ifndef KERNEL_CORE_INIT_H
#define KERNEL_CORE_INIT_H

#define __init		__attribute__((section(".init.text"), noinline))
#define __initdata	__attribute__((section(".init.data")))

typedef int (*initcall_t)(void);

/* Runs fn after the devices are probed and before the root is mounted. */
#define __initcall(fn)							\
	static const initcall_t __initcall_##fn				\
	__attribute__((used, section(".initcall"), aligned(4))) = fn
#define late_initcall(fn) __initcall(fn)

/* Kernel image boundaries from kernel.ld (virtual addresses). */
extern char _text[], _stext[], _etext[], __start_rodata[], __end_rodata[];
extern char __init_begin[], __init_end[], _sdata[], _edata[];
extern char __bss_start[], __bss_stop[], _end[];
extern char swapper_pg_dir[], init_stack[], init_stack_top[];

void do_initcalls(void);

#endif /* KERNEL_CORE_INIT_H */
