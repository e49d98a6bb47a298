/*
 * om_internal.h: helpers shared by libonionmsg's files and not exported:
 * raw signing with a key pair, big-endian integers, guarded allocation.
 * The library stands alone (libsodium only), so it has its own tiny
 * versions of what the daemon takes from src/common.
 */
#ifndef OM_INTERNAL_H
#define OM_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include <onionmsg/key.h>

void	*om_secret_alloc(size_t);
void	 om_secret_free(void *);
int	 om_key_to_curve25519(const struct om_key *, uint8_t [32]);
void	 om_key_sign(const struct om_key *, const uint8_t *, size_t,
	    uint8_t [OM_SIG_LEN]);
int	 om_sig_verify(const uint8_t [OM_PUBKEY_LEN], const uint8_t *, size_t,
	    const uint8_t [OM_SIG_LEN]);

static inline void
om_be64_put(uint8_t *p, uint64_t v)
{
	int	i;

	for (i = 7; i >= 0; i--, v >>= 8)
		p[i] = (uint8_t)v;
}

static inline uint64_t
om_be64_get(const uint8_t *p)
{
	uint64_t	v = 0;
	int		i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

#endif
