/*
 * om_base64.c: strict base64 and base64url on top of libsodium's codec.
 * libsodium already refuses most sloppy input when given no "ignore" set;
 * on top of that every decoded value is encoded again and compared with
 * the input, so only the one canonical spelling of a byte string passes
 * (RFC 4648 section 3.5: spare bits zero; exact padding, or none for url).
 * The comparison runs block by block, so decoding needs no allocation.
 */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include <onionmsg/base64.h>

static int	base64_encode(const void *, size_t, char *, size_t, int);
static int	base64_decode(const char *, size_t, uint8_t *, size_t,
		    size_t *, int);
static int	base64_is_canonical(const char *, size_t, const uint8_t *,
		    size_t, int);

/* 48 bytes encode to 64 characters with no padding, in either variant. */
#define BASE64_BLOCK	48

static int
base64_encode(const void *in, size_t len, char *out, size_t outsize,
    int variant)
{
	if (out == NULL || outsize < sodium_base64_encoded_len(len, variant))
		return -1;
	sodium_bin2base64(out, outsize, in, len, variant);
	return 0;
}

static int
base64_is_canonical(const char *in, size_t inlen, const uint8_t *bin,
    size_t binlen, int variant)
{
	char	chunk[BASE64_BLOCK / 3 * 4 + 1];
	size_t	off, n, clen;

	for (off = 0; off < binlen; off += n) {
		n = binlen - off < BASE64_BLOCK ? binlen - off : BASE64_BLOCK;
		sodium_bin2base64(chunk, sizeof(chunk), bin + off, n, variant);
		clen = strlen(chunk);
		if (clen > inlen || memcmp(chunk, in, clen) != 0)
			return 0;
		in += clen;
		inlen -= clen;
	}
	return inlen == 0;
}

static int
base64_decode(const char *in, size_t inlen, uint8_t *out, size_t outsize,
    size_t *outlen, int variant)
{
	size_t	n = 0;

	if (outlen != NULL)
		*outlen = 0;
	if (in == NULL || (out == NULL && (outsize > 0 || inlen > 0)))
		return -1;
	if (inlen > 0 && sodium_base642bin(out, outsize, in, inlen, NULL, &n,
	    NULL, variant) != 0)
		return -1;
	if (!base64_is_canonical(in, inlen, out, n, variant))
		return -1;
	if (outlen != NULL)
		*outlen = n;
	return 0;
}

/* Encode len bytes as padded base64. */
int
om_base64_encode(const void *in, size_t len, char *out, size_t outsize)
{
	return base64_encode(in, len, out, outsize,
	    sodium_base64_VARIANT_ORIGINAL);
}

/* Decode canonical padded base64 into at most outsize bytes. */
int
om_base64_decode(const char *in, size_t inlen, uint8_t *out, size_t outsize,
    size_t *outlen)
{
	return base64_decode(in, inlen, out, outsize, outlen,
	    sodium_base64_VARIANT_ORIGINAL);
}

/* Encode len bytes as base64url without padding. */
int
om_base64url_encode(const void *in, size_t len, char *out, size_t outsize)
{
	return base64_encode(in, len, out, outsize,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* Decode canonical unpadded base64url into at most outsize bytes. */
int
om_base64url_decode(const char *in, size_t inlen, uint8_t *out,
    size_t outsize, size_t *outlen)
{
	return base64_decode(in, inlen, out, outsize, outlen,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}
