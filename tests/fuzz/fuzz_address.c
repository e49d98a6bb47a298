/*
 * fuzz_address.c: libonionmsg's text parsers: onion labels, mailbox ids,
 * the Address scalar, strict base64 and base64url, and the Bearer header
 * value. Beyond not crashing, each accepted input must survive a round
 * trip: formatting what was parsed gives back the canonical spelling, and
 * a decoded base64 value encodes to exactly the input (one spelling per
 * value). A broken invariant aborts, which libFuzzer reports.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <onionmsg/onionmsg.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	fuzz_onion(const char *, size_t);
static void	fuzz_address(const char *, size_t);
static void	fuzz_base64(const char *, size_t);
static int	fuzz_lower_eq(const char *, const char *, size_t);

#define FUZZ_ASSERT(e)	do { if (!(e)) abort(); } while (0)

static int
fuzz_lower_eq(const char *a, const char *lower, size_t len)
{
	size_t	i;
	char	c;

	for (i = 0; i < len; i++) {
		c = a[i] >= 'A' && a[i] <= 'Z' ? a[i] - 'A' + 'a' : a[i];
		if (c != lower[i])
			return 0;
	}
	return 1;
}

static void
fuzz_onion(const char *s, size_t len)
{
	uint8_t	pk[OM_PUBKEY_LEN], pk2[OM_PUBKEY_LEN];
	char	label[OM_ONION_LEN + 1];

	if (om_onion_address_parse(s, len, pk) != OM_ONION_OK) {
		FUZZ_ASSERT(!om_onion_address_is_canonical(s, len));
		return;
	}
	om_onion_address_from_pubkey(pk, label);
	FUZZ_ASSERT(fuzz_lower_eq(s, label, OM_ONION_LEN));
	FUZZ_ASSERT(om_onion_address_parse(label, OM_ONION_LEN, pk2) ==
	    OM_ONION_OK);
	FUZZ_ASSERT(memcmp(pk, pk2, OM_PUBKEY_LEN) == 0);
	if (om_onion_address_is_canonical(s, len))
		FUZZ_ASSERT(memcmp(s, label, OM_ONION_LEN) == 0);
}

static void
fuzz_address(const char *s, size_t len)
{
	struct om_address	a;
	char			out[OM_ADDRESS_LEN + 1];
	uint8_t			raw[OM_MAILBOX_ID_RAW_LEN];
	char			id[OM_MAILBOX_ID_LEN + 1];

	if (om_mailbox_id_is_valid(s, len)) {
		FUZZ_ASSERT(om_mailbox_id_decode(s, len, raw) == 0);
		om_mailbox_id_encode(raw, id);
		FUZZ_ASSERT(memcmp(id, s, OM_MAILBOX_ID_LEN) == 0);
	}
	if (om_address_parse(s, len, &a) != OM_ADDRESS_OK)
		return;
	FUZZ_ASSERT(om_address_format(a.mailbox_id, a.onion, out,
	    sizeof(out)) == 0);
	FUZZ_ASSERT(fuzz_lower_eq(s, out, OM_ADDRESS_LEN));
	FUZZ_ASSERT(om_address_parse(out, OM_ADDRESS_LEN, NULL) ==
	    OM_ADDRESS_OK);
}

static void
fuzz_base64(const char *s, size_t len)
{
	uint8_t	bin[1024];
	char	enc[OM_BASE64_LEN(1024) + 1];
	size_t	n;

	if (len > 1300)
		return;
	if (om_base64_decode(s, len, bin, sizeof(bin), &n) == 0) {
		FUZZ_ASSERT(om_base64_encode(bin, n, enc, sizeof(enc)) == 0);
		FUZZ_ASSERT(strlen(enc) == len && memcmp(enc, s, len) == 0);
	}
	if (om_base64url_decode(s, len, bin, sizeof(bin), &n) == 0) {
		FUZZ_ASSERT(om_base64url_encode(bin, n, enc, sizeof(enc)) ==
		    0);
		FUZZ_ASSERT(strlen(enc) == len && memcmp(enc, s, len) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*s = (const char *)data, *tok;
	size_t		 toklen;

	fuzz_onion(s, size);
	fuzz_address(s, size);
	fuzz_base64(s, size);
	if (om_token_from_bearer(s, size, &tok, &toklen) == 0)
		FUZZ_ASSERT(tok > s && tok + toklen <= s + size && toklen > 0);
	return 0;
}
