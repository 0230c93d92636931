/*
 * sha256.c - SHA-256 from FIPS 180-4: 64-byte blocks, 64 rounds, big-endian
 * message schedule. Written for clarity; purgatory hashes a few MiB at most.
 */
#include "lib/sha256.h"
#include "lib/string.h"

static const u32 sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline u32
ror32(u32 x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static void
sha256_block(u32 h[8], const u8 *p)
{
	u32 w[64], a, b, c, d, e, f, g, hh;

	for (int i = 0; i < 16; i++)
		w[i] = (u32)p[4 * i] << 24 | (u32)p[4 * i + 1] << 16 | (u32)p[4 * i + 2] << 8 |
		       p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		u32 s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
		u32 s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
	for (int i = 0; i < 64; i++) {
		u32 s1 = ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25);
		u32 ch = (e & f) ^ (~e & g);
		u32 t1 = hh + s1 + ch + sha256_k[i] + w[i];
		u32 s0 = ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22);
		u32 maj = (a & b) ^ (a & c) ^ (b & c);
		u32 t2 = s0 + maj;

		hh = g, g = f, f = e, e = d + t1;
		d = c, c = b, b = a, a = t1 + t2;
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d;
	h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
}

void
sha256_init(struct sha256_state *sctx)
{
	static const u32 iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(sctx->state, iv, sizeof(iv));
	sctx->count = 0;
}

void
sha256_update(struct sha256_state *sctx, const u8 *data, size_t len)
{
	size_t fill = (size_t)(sctx->count & (SHA256_BLOCK_SIZE - 1));

	sctx->count += len;
	if (fill) {
		size_t n = SHA256_BLOCK_SIZE - fill;

		if (len < n) {
			memcpy(sctx->buf + fill, data, len);
			return;
		}
		memcpy(sctx->buf + fill, data, n);
		sha256_block(sctx->state, sctx->buf);
		data += n;
		len -= n;
	}
	for (; len >= SHA256_BLOCK_SIZE; data += SHA256_BLOCK_SIZE, len -= SHA256_BLOCK_SIZE)
		sha256_block(sctx->state, data);
	memcpy(sctx->buf, data, len);
}

void
sha256_final(struct sha256_state *sctx, u8 out[SHA256_DIGEST_SIZE])
{
	u64 bits = sctx->count << 3;
	size_t fill = (size_t)(sctx->count & (SHA256_BLOCK_SIZE - 1));
	u8 pad[SHA256_BLOCK_SIZE * 2] = { 0x80 };
	size_t padlen = fill < 56 ? 56 - fill : 120 - fill;

	/* 0x80, zeros, then the message length in bits, big endian. */
	for (int i = 0; i < 8; i++)
		pad[padlen + i] = (u8)(bits >> (56 - 8 * i));
	sha256_update(sctx, pad, padlen + 8);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (u8)(sctx->state[i] >> 24);
		out[4 * i + 1] = (u8)(sctx->state[i] >> 16);
		out[4 * i + 2] = (u8)(sctx->state[i] >> 8);
		out[4 * i + 3] = (u8)sctx->state[i];
	}
	memset(sctx, 0, sizeof(*sctx));
}

void
sha256(const u8 *data, size_t len, u8 out[SHA256_DIGEST_SIZE])
{
	struct sha256_state sctx;

	sha256_init(&sctx);
	sha256_update(&sctx, data, len);
	sha256_final(&sctx, out);
}
