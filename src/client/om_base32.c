/*
 * om_base32.c: RFC 4648 section 6 base32 with the lowercase alphabet
 * a-z 2-7 and no padding, as tor writes onion addresses. Decoding is strict:
 * the length must be one an encoder produces, spare bits must be zero, and
 * uppercase is accepted only when the caller asks to fold case.
 */
#include "config.h"

#include "om_base32.h"

static int	base32_value(char, int);

static const char base32_alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";

static int
base32_value(char c, int fold_case)
{
	if (c >= 'a' && c <= 'z')
		return c - 'a';
	if (fold_case && c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= '2' && c <= '7')
		return c - '2' + 26;
	return -1;
}

/* Encode len bytes into OM_BASE32_LEN(len) characters plus a NUL. */
void
om_base32_encode(const uint8_t *in, size_t len, char *out)
{
	uint32_t	acc = 0;
	unsigned	bits = 0;
	size_t		i;

	for (i = 0; i < len; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			*out++ = base32_alphabet[(acc >> bits) & 31];
		}
	}
	if (bits > 0)
		*out++ = base32_alphabet[(acc << (5 - bits)) & 31];
	*out = '\0';
}

/* Decode exactly outlen bytes from inlen characters; 0 or -1. */
int
om_base32_decode(const char *in, size_t inlen, int fold_case, uint8_t *out,
    size_t outlen)
{
	uint32_t	acc = 0;
	unsigned	bits = 0;
	size_t		i, n = 0;
	int		v;

	if (inlen != OM_BASE32_LEN(outlen))
		return -1;
	for (i = 0; i < inlen; i++) {
		if ((v = base32_value(in[i], fold_case)) == -1)
			return -1;
		acc = (acc << 5) | (uint32_t)v;
		bits += 5;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (uint8_t)(acc >> bits);
		}
	}
	/* Spare bits of the last character must be zero (canonical form). */
	if (bits > 0 && (acc & ((1U << bits) - 1)) != 0)
		return -1;
	return 0;
}
