/*
 * version.h - who this kernel is: the banner ("Kestrel version 1.0 ...",
 * also /proc/version) and the uname fields. KESTREL_VERSION and
 * KESTREL_VERSION_MAJOR come from the build (guest/tools/build.ts).
 */
#ifndef KERNEL_CORE_VERSION_H
#define KERNEL_CORE_VERSION_H

#ifndef KESTREL_VERSION
#define KESTREL_VERSION "1.0"
#endif
#ifndef KESTREL_VERSION_MAJOR
#define KESTREL_VERSION_MAJOR 1
#endif

#define UTS_SYSNAME	"Kestrel"
#define UTS_NODENAME	"kestrel"
#define UTS_RELEASE	KESTREL_VERSION
#define UTS_VERSION	"#1"
#define UTS_MACHINE	"riscv32"

extern const char linux_banner[];	/* Linux's name for it */

#endif /* KERNEL_CORE_VERSION_H */
