/*
 * sha256-1m.c - benchmark: SHA-256 (guest/lib/sha256.c, the code purgatory uses) over
 * 1 MiB of paged data, as purgatory does over a kexec image. The data is a fixed
 * pattern; its digest was computed on the host (Python hashlib) and is checked here.
 */
#include "bench.h"
#include "lib/sha256.h"

#define SHA_BYTES	(1UL << 20)

static const u8 sha_expected[SHA256_DIGEST_SIZE] = {
	0x06, 0xe5, 0x9f, 0x6a, 0x8e, 0x60, 0x50, 0x45, 0x60, 0xf9, 0xf8, 0x47, 0x8e, 0x57, 0xcc, 0xd0,
	0x4a, 0x31, 0x49, 0x38, 0xb8, 0x10, 0xdb, 0x7e, 0x17, 0xdc, 0x1b, 0xa3, 0x7b, 0x7e, 0x56, 0xca,
};

int
bench_run(void)
{
	u32 *words = (u32 *)BENCH_DATA;
	u8 digest[SHA256_DIGEST_SIZE];

	/* word i = i * golden ratio + 0x12345, little endian */
	for (u32 i = 0; i < SHA_BYTES / 4; i++)
		words[i] = i * 0x9e3779b9u + 0x12345u;
	sha256((const u8 *)BENCH_DATA, SHA_BYTES, digest);
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
		if (digest[i] != sha_expected[i])
			return 1 + i;
	return 0;
}
