/*
 * sbi.c - the Supervisor Binary Interface as our firmware implements it:
 * Base, TIME (CLINT mtimecmp), SRST (syscon), HSM status, DBCN and the
 * legacy console calls. Anything else answers SBI_ERR_NOT_SUPPORTED.
 */
#include "firmware/sbi.h"
#include "firmware/console/console.h"
#include "firmware/console/uart.h"
#include "firmware/csr.h"
#include "firmware/platform.h"
#include "lib/sbi.h"

#define CLINT_MTIMECMP 0x4000	/* + 8 * hartid */
#define CLINT_MTIME 0xbff8

/* Programs mtimecmp for this hart: high word first parked at ~0 so no spurious match. */
static void
sbi_set_timer(u64 when)
{
	volatile u32 *cmp = (volatile u32 *)(platform.clint + CLINT_MTIMECMP + 8 * platform.hartid);

	cmp[1] = 0xffffffff;
	cmp[0] = (u32)when;
	cmp[1] = (u32)(when >> 32);
	csr_clear(mip, MIP_STIP);
	csr_set(mie, MIP_MTIP);
}

static void __attribute__((noreturn))
sbi_system_reset(u32 type)
{
	if (type == SBI_SRST_RESET_TYPE_SHUTDOWN) {
		printf("\nfirmware: SBI system reset: power off\n");
		platform_poweroff();
	}
	printf("\nfirmware: SBI system reset: %s reboot through the syscon\n",
	       type == SBI_SRST_RESET_TYPE_WARM_REBOOT ? "warm" : "cold");
	platform_reset();
}

static bool
sbi_probe_extension(u32 eid)
{
	switch (eid) {
	case SBI_EXT_0_1_SET_TIMER:
	case SBI_EXT_0_1_CONSOLE_PUTCHAR:
	case SBI_EXT_0_1_CONSOLE_GETCHAR:
	case SBI_EXT_0_1_SHUTDOWN:
	case SBI_EXT_BASE:
	case SBI_EXT_TIME:
	case SBI_EXT_SRST:
	case SBI_EXT_HSM:
	case SBI_EXT_DBCN:
		return true;
	default:
		return false;
	}
}

static struct sbiret
sbi_base(u32 fid, u32 a0)
{
	struct sbiret ret = { SBI_SUCCESS, 0 };

	switch (fid) {
	case SBI_EXT_BASE_GET_SPEC_VERSION:
		ret.value = 2 << SBI_SPEC_VERSION_MAJOR_SHIFT;	/* 2.0 */
		break;
	case SBI_EXT_BASE_GET_IMP_ID:
		ret.value = SBI_IMPL_ID_KEXEC_LAB;
		break;
	case SBI_EXT_BASE_GET_IMP_VERSION:
		ret.value = FW_SBI_IMPL_VERSION;
		break;
	case SBI_EXT_BASE_PROBE_EXT:
		ret.value = sbi_probe_extension(a0);
		break;
	case SBI_EXT_BASE_GET_MVENDORID:
		ret.value = (long)csr_read(mvendorid);
		break;
	case SBI_EXT_BASE_GET_MARCHID:
		ret.value = (long)csr_read(marchid);
		break;
	case SBI_EXT_BASE_GET_MIMPID:
		ret.value = (long)csr_read(mimpid);
		break;
	default:
		ret.error = SBI_ERR_NOT_SUPPORTED;
	}
	return ret;
}

/* DBCN: the buffer is a physical address; M-mode reads it directly. */
static struct sbiret
sbi_dbcn(u32 fid, u32 a0, u32 a1, u32 a2)
{
	struct sbiret ret = { SBI_SUCCESS, 0 };
	char *buf = (char *)(uintptr_t)a1;

	if (fid != SBI_EXT_DBCN_CONSOLE_WRITE_BYTE && a2 != 0)
		return (struct sbiret){ SBI_ERR_INVALID_PARAM, 0 };	/* above 4 GiB */
	switch (fid) {
	case SBI_EXT_DBCN_CONSOLE_WRITE:
		for (u32 i = 0; i < a0; i++)
			uart_putc(buf[i]);
		ret.value = (long)a0;
		break;
	case SBI_EXT_DBCN_CONSOLE_READ:
		for (u32 i = 0; i < a0; i++) {
			int c = uart_getc();

			if (c < 0)
				break;
			buf[i] = (char)c;
			ret.value++;
		}
		break;
	case SBI_EXT_DBCN_CONSOLE_WRITE_BYTE:
		uart_putc((char)a0);
		break;
	default:
		ret.error = SBI_ERR_NOT_SUPPORTED;
	}
	return ret;
}

void
sbi_ecall_handler(struct trap_frame *tf)
{
	u32 eid = tf->regs[REG_A7], fid = tf->regs[REG_A6];
	u32 a0 = tf->regs[REG_A0], a1 = tf->regs[REG_A1], a2 = tf->regs[12];
	struct sbiret ret = { SBI_ERR_NOT_SUPPORTED, 0 };

	switch (eid) {
	/* Legacy calls return only a0. */
	case SBI_EXT_0_1_SET_TIMER:
		sbi_set_timer((u64)a1 << 32 | a0);
		tf->regs[REG_A0] = 0;
		return;
	case SBI_EXT_0_1_CONSOLE_PUTCHAR:
		uart_putc((char)a0);
		tf->regs[REG_A0] = 0;
		return;
	case SBI_EXT_0_1_CONSOLE_GETCHAR:
		tf->regs[REG_A0] = (u32)uart_getc();
		return;
	case SBI_EXT_0_1_SHUTDOWN:
		sbi_system_reset(SBI_SRST_RESET_TYPE_SHUTDOWN);
	case SBI_EXT_BASE:
		ret = sbi_base(fid, a0);
		break;
	case SBI_EXT_TIME:
		if (fid == SBI_EXT_TIME_SET_TIMER) {
			sbi_set_timer((u64)a1 << 32 | a0);
			ret = (struct sbiret){ SBI_SUCCESS, 0 };
		}
		break;
	case SBI_EXT_SRST:
		if (fid != SBI_EXT_SRST_RESET)
			break;
		if (a0 > SBI_SRST_RESET_TYPE_WARM_REBOOT) {
			ret.error = SBI_ERR_INVALID_PARAM;
			break;
		}
		sbi_system_reset(a0);
	case SBI_EXT_HSM:
		if (fid == SBI_EXT_HSM_HART_GET_STATUS) {
			if (a0 == platform.hartid)
				ret = (struct sbiret){ SBI_SUCCESS, SBI_HSM_STATE_STARTED };
			else
				ret.error = SBI_ERR_INVALID_PARAM;
		}
		break;
	case SBI_EXT_DBCN:
		ret = sbi_dbcn(fid, a0, a1, a2);
		break;
	default:
		break;
	}
	tf->regs[REG_A0] = (u32)ret.error;
	tf->regs[REG_A1] = (u32)ret.value;
}

void
sbi_print_info(void)
{
	printf("  SBI: specification 2.0, implementation 0x%x version %u.%u\n", SBI_IMPL_ID_KEXEC_LAB,
	       FW_SBI_IMPL_VERSION >> 16, FW_SBI_IMPL_VERSION & 0xffff);
	printf("  SBI extensions: BASE TIME SRST HSM DBCN, legacy console and timer\n");
}
