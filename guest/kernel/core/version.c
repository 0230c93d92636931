/*
 * version.c - the banner printed first at boot and served as /proc/version.
 * No build date or host in it: the images must be byte-reproducible.
 */
#include "kernel/core/version.h"

const char linux_banner[] =
	UTS_SYSNAME " version " UTS_RELEASE " (kestrel@kexec-lab) (clang version 19, LLD 19) "
	UTS_VERSION "\n";
