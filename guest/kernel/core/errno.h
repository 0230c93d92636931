/*
 * errno.h - error numbers with Linux's values (asm-generic/errno*.h), and
 * strerror() with glibc's messages, for the shell and the kexec tool.
 */
#ifndef KERNEL_CORE_ERRNO_H
#define KERNEL_CORE_ERRNO_H

#define EPERM		1	/* Operation not permitted */
#define ENOENT		2	/* No such file or directory */
#define ESRCH		3
#define EINTR		4
#define EIO		5	/* Input/output error */
#define ENXIO		6
#define E2BIG		7	/* Argument list too long */
#define ENOEXEC		8	/* Exec format error */
#define EBADF		9	/* Bad file descriptor */
#define ECHILD		10
#define EAGAIN		11
#define ENOMEM		12	/* Cannot allocate memory */
#define EACCES		13	/* Permission denied */
#define EFAULT		14	/* Bad address */
#define ENOTBLK		15
#define EBUSY		16	/* Device or resource busy */
#define EEXIST		17	/* File exists */
#define EXDEV		18
#define ENODEV		19	/* No such device */
#define ENOTDIR		20	/* Not a directory */
#define EISDIR		21	/* Is a directory */
#define EINVAL		22	/* Invalid argument */
#define ENFILE		23
#define EMFILE		24	/* Too many open files */
#define ENOTTY		25
#define ETXTBSY		26
#define EFBIG		27	/* File too large */
#define ENOSPC		28	/* No space left on device */
#define ESPIPE		29	/* Illegal seek */
#define EROFS		30	/* Read-only file system */
#define EMLINK		31
#define EPIPE		32
#define EDOM		33
#define ERANGE		34	/* Numerical result out of range */
#define EDEADLK		35
#define ENAMETOOLONG	36	/* File name too long */
#define ENOLCK		37
#define ENOSYS		38	/* Function not implemented */
#define ENOTEMPTY	39
#define ELOOP		40
#define ENODATA		61	/* No data available */
#define ETIME		62
#define EBADMSG		74	/* Bad message */
#define EOVERFLOW	75
#define EOPNOTSUPP	95	/* Operation not supported */
#define ENOTSUP		EOPNOTSUPP
#define EADDRINUSE	98
#define EADDRNOTAVAIL	99	/* Cannot assign requested address */
#define ENETDOWN	100
#define ETIMEDOUT	110
#define ECANCELED	125
#define ENOKEY		126	/* Required key not available */
#define EKEYEXPIRED	127
#define EKEYREVOKED	128
#define EKEYREJECTED	129	/* Key was rejected by service */

#define MAX_ERRNO	4095
#define IS_ERR_VALUE(x)	((unsigned long)(x) >= (unsigned long)-MAX_ERRNO)

/* glibc's text for errnum ("No such file or directory"), "Unknown error N" otherwise.
 * A negative errnum (a kernel return value) is read as -errnum. */
const char *strerror(int errnum);

#endif /* KERNEL_CORE_ERRNO_H */
