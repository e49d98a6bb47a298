/*
 * fuzz_gql_scalar.c: the Base64 scalar's decoder on arbitrary bytes,
 * against libsodium's (sodium_base642bin, the original alphabet, padded,
 * nothing ignored) as the reference: both must take or refuse the same
 * texts and give the same bytes. Not for bytes past 0x7f: there
 * libsodium 1.0.18's constant-time digit test misreads some as digits
 * (it takes "Z\xf4\xff\xe2\xe2\xe2\xe2\xe2"), and the decoder must
 * refuse any such text. What decodes must encode back to the
 * very same text (the scalar takes canonical base64 only), and the input
 * read as bytes must encode and decode back to itself.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "common/buf.h"
#include "graphql/gql_arena.h"
#include "graphql/gql_scalar.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	fuzz_reference(const char *, size_t, int, const char *,
		    size_t);

/* libsodium must agree with the decoder's verdict rc and bytes. */
static void
fuzz_reference(const char *s, size_t len, int rc, const char *out,
    size_t outlen)
{
	unsigned char	*bin = malloc(len / 4 * 3 + 3);
	const char	*end = NULL;
	size_t		 binlen = 0;
	int		 ok;

	if (bin == NULL)
		abort();
	ok = sodium_base642bin(bin, len / 4 * 3 + 3, s, len, NULL, &binlen,
	    &end, sodium_base64_VARIANT_ORIGINAL) == 0 && end == s + len;
	if (ok != (rc == 0))
		abort();	/* one takes what the other refuses */
	if (ok && (binlen != outlen || memcmp(bin, out, outlen) != 0))
		abort();	/* different bytes */
	free(bin);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct gql_arena	*a;
	struct buf		 b = BUF_INIT;
	const char		*out = NULL;
	size_t			 outlen, i;
	int			 rc;

	if (len > 65536)
		return 0;
	a = gql_arena_new(4096);
	rc = gql_scalar_base64_decode((const char *)data, len, a, &out,
	    &outlen);
	for (i = 0; i < len && data[i] < 0x80; i++)
		;
	if (i < len && rc == 0)
		abort();	/* took a byte that is no base64 digit */
	if (i == len)
		fuzz_reference((const char *)data, len, rc, out,
		    rc == 0 ? outlen : 0);
	if (rc == 0) {
		gql_scalar_base64_encode(out, outlen, &b);
		if (b.len != len || (len > 0 && memcmp(b.data, data, len) != 0))
			abort();	/* not canonical, or not this text */
	}
	buf_reset(&b);
	gql_scalar_base64_encode(data, len, &b);
	if (gql_scalar_base64_decode(b.data, b.len, a, &out, &outlen) != 0 ||
	    outlen != len || (len > 0 && memcmp(out, data, len) != 0))
		abort();	/* the encoding does not decode back */
	buf_free(&b);
	gql_arena_free(a);
	return 0;
}
