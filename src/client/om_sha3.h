/*
 * om_sha3.h: SHA3-256 (FIPS 202), internal to libonionmsg. libsodium has no
 * SHA3, and the v3 onion address checksum needs it (rend-spec-v3 6.1).
 */
#ifndef OM_SHA3_H
#define OM_SHA3_H

#include <stddef.h>
#include <stdint.h>

#define OM_SHA3_256_LEN		32
#define OM_SHA3_256_RATE	136	/* (1600 - 2 * 256) / 8 bytes */

struct om_sha3 {
	uint64_t	state[25];	/* lane (x, y) is state[x + 5 * y] */
	size_t		used;		/* bytes absorbed into the current block */
};

void	om_sha3_256_init(struct om_sha3 *);
void	om_sha3_256_update(struct om_sha3 *, const void *, size_t);
void	om_sha3_256_final(struct om_sha3 *, uint8_t [OM_SHA3_256_LEN]);
void	om_sha3_256(const void *, size_t, uint8_t [OM_SHA3_256_LEN]);
void	om_sha3_keccak_f1600(uint64_t [25]);

#endif
