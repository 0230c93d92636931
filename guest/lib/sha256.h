/*
 * sha256.h - SHA-256 (FIPS 180-4), used by purgatory to check that the
 * kexec segments arrived intact and by the kernel to compute the digest.
 */
#ifndef LIB_SHA256_H
#define LIB_SHA256_H

#include "lib/types.h"

#define SHA256_DIGEST_SIZE 32
#define SHA256_BLOCK_SIZE 64

struct sha256_state {
	u32 state[8];		/* H0..H7 */
	u64 count;		/* bytes hashed so far */
	u8 buf[SHA256_BLOCK_SIZE];	/* partial block */
};

void sha256_init(struct sha256_state *sctx);
void sha256_update(struct sha256_state *sctx, const u8 *data, size_t len);
void sha256_final(struct sha256_state *sctx, u8 out[SHA256_DIGEST_SIZE]);
/* One-shot digest of len bytes at data. */
void sha256(const u8 *data, size_t len, u8 out[SHA256_DIGEST_SIZE]);

#endif /* LIB_SHA256_H */
