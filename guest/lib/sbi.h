/*
 * sbi.h - the RISC-V Supervisor Binary Interface (SBI 2.0): extension and
 * function IDs, error codes, and the ecall wrapper the kernel uses to call
 * the M-mode firmware (a7 = EID, a6 = FID, a0..a5 = arguments).
 */
#ifndef LIB_SBI_H
#define LIB_SBI_H

#include "lib/types.h"

#define SBI_SPEC_VERSION_MAJOR_SHIFT 24
#define SBI_SPEC_VERSION_MAJOR_MASK 0x7f
#define SBI_SPEC_VERSION_MINOR_MASK 0xffffff

/* Legacy extensions (SBI 0.1): EID is the function. */
#define SBI_EXT_0_1_SET_TIMER 0x00
#define SBI_EXT_0_1_CONSOLE_PUTCHAR 0x01
#define SBI_EXT_0_1_CONSOLE_GETCHAR 0x02
#define SBI_EXT_0_1_SHUTDOWN 0x08

/* Base extension. */
#define SBI_EXT_BASE 0x10
#define SBI_EXT_BASE_GET_SPEC_VERSION 0
#define SBI_EXT_BASE_GET_IMP_ID 1
#define SBI_EXT_BASE_GET_IMP_VERSION 2
#define SBI_EXT_BASE_PROBE_EXT 3
#define SBI_EXT_BASE_GET_MVENDORID 4
#define SBI_EXT_BASE_GET_MARCHID 5
#define SBI_EXT_BASE_GET_MIMPID 6

/* Timer. */
#define SBI_EXT_TIME 0x54494D45	/* "TIME" */
#define SBI_EXT_TIME_SET_TIMER 0

/* IPI and remote fence (not implemented by our firmware: one hart). */
#define SBI_EXT_IPI 0x735049	/* "sPI" */
#define SBI_EXT_RFENCE 0x52464E43	/* "RFNC" */

/* Hart state management. */
#define SBI_EXT_HSM 0x48534D	/* "HSM" */
#define SBI_EXT_HSM_HART_START 0
#define SBI_EXT_HSM_HART_STOP 1
#define SBI_EXT_HSM_HART_GET_STATUS 2
#define SBI_EXT_HSM_HART_SUSPEND 3
#define SBI_HSM_STATE_STARTED 0
#define SBI_HSM_STATE_STOPPED 1
#define SBI_HSM_STATE_START_PENDING 2
#define SBI_HSM_STATE_STOP_PENDING 3

/* System reset. */
#define SBI_EXT_SRST 0x53525354	/* "SRST" */
#define SBI_EXT_SRST_RESET 0
#define SBI_SRST_RESET_TYPE_SHUTDOWN 0
#define SBI_SRST_RESET_TYPE_COLD_REBOOT 1
#define SBI_SRST_RESET_TYPE_WARM_REBOOT 2
#define SBI_SRST_RESET_REASON_NONE 0
#define SBI_SRST_RESET_REASON_SYS_FAILURE 1

/* Debug console. */
#define SBI_EXT_DBCN 0x4442434E	/* "DBCN" */
#define SBI_EXT_DBCN_CONSOLE_WRITE 0
#define SBI_EXT_DBCN_CONSOLE_READ 1
#define SBI_EXT_DBCN_CONSOLE_WRITE_BYTE 2

/* Error codes (returned in a0). */
#define SBI_SUCCESS 0
#define SBI_ERR_FAILED -1
#define SBI_ERR_NOT_SUPPORTED -2
#define SBI_ERR_INVALID_PARAM -3
#define SBI_ERR_DENIED -4
#define SBI_ERR_INVALID_ADDRESS -5
#define SBI_ERR_ALREADY_AVAILABLE -6
#define SBI_ERR_ALREADY_STARTED -7
#define SBI_ERR_ALREADY_STOPPED -8

/* Our firmware's implementation ID (not a registered one; registered IDs are 0..10). */
#define SBI_IMPL_ID_KEXEC_LAB 0x4b58	/* "KX" */

struct sbiret {
	long error;	/* SBI_SUCCESS or SBI_ERR_* */
	long value;
};

static inline struct sbiret
sbi_ecall(unsigned long ext, unsigned long fid, unsigned long arg0, unsigned long arg1,
	  unsigned long arg2, unsigned long arg3, unsigned long arg4, unsigned long arg5)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = arg1;
	register unsigned long a2 __asm__("a2") = arg2;
	register unsigned long a3 __asm__("a3") = arg3;
	register unsigned long a4 __asm__("a4") = arg4;
	register unsigned long a5 __asm__("a5") = arg5;
	register unsigned long a6 __asm__("a6") = fid;
	register unsigned long a7 __asm__("a7") = ext;

	__asm__ volatile("ecall"
			 : "+r"(a0), "+r"(a1)
			 : "r"(a2), "r"(a3), "r"(a4), "r"(a5), "r"(a6), "r"(a7)
			 : "memory");
	return (struct sbiret){ .error = (long)a0, .value = (long)a1 };
}

#endif /* LIB_SBI_H */
