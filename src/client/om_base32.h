/*
 * om_base32.h: RFC 4648 base32 without padding, lowercase, internal to
 * libonionmsg. Onion addresses and mailbox ids are both whole multiples of
 * 5 bytes, so no padding and no spare bits ever occur in them; the codec
 * still handles other lengths canonically (spare bits must be zero).
 */
#ifndef OM_BASE32_H
#define OM_BASE32_H

#include <stddef.h>
#include <stdint.h>

#define OM_BASE32_LEN(n)	(((n) * 8 + 4) / 5)	/* without NUL */

void	om_base32_encode(const uint8_t *, size_t, char *);
int	om_base32_decode(const char *, size_t, int, uint8_t *, size_t);

#endif
