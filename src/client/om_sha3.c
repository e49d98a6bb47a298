/*
 * om_sha3.c: SHA3-256 as specified by FIPS 202: the Keccak-f[1600]
 * permutation (section 3.3, the five step mappings theta, rho, pi, chi and
 * iota written out one by one) inside a sponge of rate 1088 bits, with the
 * SHA3 domain suffix 01 and pad10*1 (section 5.1, B.2: the bytes 0x06 ...
 * 0x80). Lanes are read and written little-endian, whatever the host.
 * Written for clarity, not speed: the onion checksum hashes 48 bytes.
 */
#include "config.h"

#include <string.h>

#include "om_sha3.h"

static uint64_t	sha3_rol(uint64_t, unsigned);
static void	sha3_xor_byte(uint64_t [25], size_t, uint8_t);

/* Round constants RC[i] of iota (FIPS 202 3.2.5, computed by rc(t)). */
static const uint64_t sha3_rc[24] = {
	0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL,
	0x8000000080008000ULL, 0x000000000000808bULL, 0x0000000080000001ULL,
	0x8000000080008081ULL, 0x8000000000008009ULL, 0x000000000000008aULL,
	0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
	0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL,
	0x8000000000008003ULL, 0x8000000000008002ULL, 0x8000000000000080ULL,
	0x000000000000800aULL, 0x800000008000000aULL, 0x8000000080008081ULL,
	0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
};

/* Rotation offsets of rho for lane (x, y), indexed x + 5 * y (Table 2). */
static const unsigned sha3_rho[25] = {
	0, 1, 62, 28, 27,
	36, 44, 6, 55, 20,
	3, 10, 43, 25, 39,
	41, 45, 15, 21, 8,
	18, 2, 61, 56, 14,
};

static uint64_t
sha3_rol(uint64_t v, unsigned n)
{
	n &= 63;
	return n == 0 ? v : (v << n) | (v >> (64 - n));
}

/* XOR one byte into the state at byte offset i (lanes are little-endian). */
static void
sha3_xor_byte(uint64_t a[25], size_t i, uint8_t b)
{
	a[i / 8] ^= (uint64_t)b << (8 * (i % 8));
}

/* Apply Keccak-f[1600]: 24 rounds of theta, rho and pi, chi, iota. */
void
om_sha3_keccak_f1600(uint64_t a[25])
{
	uint64_t	c[5], d[5], b[25];
	unsigned	round, x, y;

	for (round = 0; round < 24; round++) {
		/* theta: XOR each lane with the parities of two columns. */
		for (x = 0; x < 5; x++)
			c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^
			    a[x + 20];
		for (x = 0; x < 5; x++)
			d[x] = c[(x + 4) % 5] ^ sha3_rol(c[(x + 1) % 5], 1);
		for (y = 0; y < 5; y++)
			for (x = 0; x < 5; x++)
				a[x + 5 * y] ^= d[x];
		/* rho and pi: rotate lane (x, y), move it to (y, 2x + 3y). */
		for (y = 0; y < 5; y++)
			for (x = 0; x < 5; x++)
				b[y + 5 * ((2 * x + 3 * y) % 5)] =
				    sha3_rol(a[x + 5 * y], sha3_rho[x + 5 * y]);
		/* chi: the only non-linear step, along each row. */
		for (y = 0; y < 5; y++)
			for (x = 0; x < 5; x++)
				a[x + 5 * y] = b[x + 5 * y] ^
				    (~b[(x + 1) % 5 + 5 * y] &
				    b[(x + 2) % 5 + 5 * y]);
		/* iota: break the symmetry with the round constant. */
		a[0] ^= sha3_rc[round];
	}
}

/* Start a SHA3-256 computation. */
void
om_sha3_256_init(struct om_sha3 *ctx)
{
	memset(ctx, 0, sizeof(*ctx));
}

/* Absorb len bytes. */
void
om_sha3_256_update(struct om_sha3 *ctx, const void *data, size_t len)
{
	const uint8_t	*p = data;
	size_t		 i;

	for (i = 0; i < len; i++) {
		sha3_xor_byte(ctx->state, ctx->used++, p[i]);
		if (ctx->used == OM_SHA3_256_RATE) {
			om_sha3_keccak_f1600(ctx->state);
			ctx->used = 0;
		}
	}
}

/* Pad, squeeze the 32-byte digest and wipe the state. */
void
om_sha3_256_final(struct om_sha3 *ctx, uint8_t out[OM_SHA3_256_LEN])
{
	size_t	i;

	/* Suffix 01 then pad10*1; both may land in the same byte (0x86). */
	sha3_xor_byte(ctx->state, ctx->used, 0x06);
	sha3_xor_byte(ctx->state, OM_SHA3_256_RATE - 1, 0x80);
	om_sha3_keccak_f1600(ctx->state);
	for (i = 0; i < OM_SHA3_256_LEN; i++)
		out[i] = (uint8_t)(ctx->state[i / 8] >> (8 * (i % 8)));
	memset(ctx, 0, sizeof(*ctx));
}

/* Hash len bytes in one call. */
void
om_sha3_256(const void *data, size_t len, uint8_t out[OM_SHA3_256_LEN])
{
	struct om_sha3	ctx;

	om_sha3_256_init(&ctx);
	om_sha3_256_update(&ctx, data, len);
	om_sha3_256_final(&ctx, out);
}
