/*
 * om_onion.c: v3 onion addresses, computed from and parsed into Ed25519
 * public keys (rend-spec-v3 6.1). Parsing accepts what a person pastes:
 * the label with or without ".onion", in either case, since DNS names are
 * case-insensitive; the canonical form the protocol signs is the lowercase
 * label without suffix (om_onion_address_is_canonical()).
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include <onionmsg/onion.h>

#include "om_base32.h"
#include "om_sha3.h"

static void	onion_checksum(const uint8_t *, uint8_t, uint8_t *);
static int	onion_checksum_ok(const uint8_t *);

#define ONION_RAW_LEN	35	/* pubkey 32 || checksum 2 || version 1 */
#define ONION_SUFFIX	".onion"

static const char onion_checksum_prefix[] = ".onion checksum";

static void
onion_checksum(const uint8_t *pk, uint8_t version, uint8_t *out)
{
	struct om_sha3	ctx;
	uint8_t		digest[OM_SHA3_256_LEN];

	om_sha3_256_init(&ctx);
	om_sha3_256_update(&ctx, onion_checksum_prefix,
	    sizeof(onion_checksum_prefix) - 1);
	om_sha3_256_update(&ctx, pk, OM_PUBKEY_LEN);
	om_sha3_256_update(&ctx, &version, 1);
	om_sha3_256_final(&ctx, digest);
	memcpy(out, digest, 2);
}

/* Compute the onion label of a public key. */
void
om_onion_address_from_pubkey(const uint8_t pk[OM_PUBKEY_LEN],
    char out[OM_ONION_LEN + 1])
{
	uint8_t	raw[ONION_RAW_LEN];

	memcpy(raw, pk, OM_PUBKEY_LEN);
	onion_checksum(pk, OM_ONION_VERSION, raw + OM_PUBKEY_LEN);
	raw[ONION_RAW_LEN - 1] = OM_ONION_VERSION;
	om_base32_encode(raw, sizeof(raw), out);
}

/*
 * Whether raw's checksum is right. A node checks the same few addresses
 * again and again (every message names its recipient), and the SHA3-256
 * behind the checksum was 7% of the daemon's time under load: each
 * thread remembers the last few raw addresses it found right. Only a
 * byte-identical address skips the hash, so the answer never changes.
 */
#define ONION_SEEN	4
static int
onion_checksum_ok(const uint8_t *raw)
{
	static _Thread_local uint8_t	seen[ONION_SEEN][ONION_RAW_LEN];
	static _Thread_local unsigned	nseen, next;
	uint8_t				sum[2];
	unsigned			i;

	for (i = 0; i < nseen; i++)
		if (memcmp(seen[i], raw, ONION_RAW_LEN) == 0)
			return 1;
	onion_checksum(raw, raw[ONION_RAW_LEN - 1], sum);
	if (memcmp(sum, raw + OM_PUBKEY_LEN, 2) != 0)
		return 0;
	memcpy(seen[next], raw, ONION_RAW_LEN);
	next = (next + 1) % ONION_SEEN;
	if (nseen < ONION_SEEN)
		nseen++;
	return 1;
}

/* Parse an onion label and recover its public key. */
enum om_onion_status
om_onion_address_parse(const char *s, size_t len, uint8_t pk[OM_PUBKEY_LEN])
{
	uint8_t	raw[ONION_RAW_LEN];
	size_t	slen = sizeof(ONION_SUFFIX) - 1;

	if (s == NULL)
		return OM_ONION_BAD_LENGTH;
	if (len == OM_ONION_LEN + slen &&
	    strncasecmp(s + OM_ONION_LEN, ONION_SUFFIX, slen) == 0)
		len = OM_ONION_LEN;
	if (len != OM_ONION_LEN)
		return OM_ONION_BAD_LENGTH;
	if (om_base32_decode(s, len, 1, raw, sizeof(raw)) == -1)
		return OM_ONION_BAD_CHAR;
	if (raw[ONION_RAW_LEN - 1] != OM_ONION_VERSION)
		return OM_ONION_BAD_VERSION;
	if (!onion_checksum_ok(raw))
		return OM_ONION_BAD_CHECKSUM;
	if (pk != NULL)
		memcpy(pk, raw, OM_PUBKEY_LEN);
	return OM_ONION_OK;
}

/* Return 1 if s is a valid lowercase 56-character label, else 0. */
int
om_onion_address_is_canonical(const char *s, size_t len)
{
	size_t	i;

	if (s == NULL || len != OM_ONION_LEN)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			return 0;
	return om_onion_address_parse(s, len, NULL) == OM_ONION_OK;
}

/* Describe a parse result in words. */
const char *
om_onion_status_str(enum om_onion_status st)
{
	switch (st) {
	case OM_ONION_OK:
		return "valid onion address";
	case OM_ONION_BAD_LENGTH:
		return "an onion address has 56 characters before .onion";
	case OM_ONION_BAD_CHAR:
		return "an onion address has only the letters a-z and digits 2-7";
	case OM_ONION_BAD_VERSION:
		return "not a version 3 onion address";
	case OM_ONION_BAD_CHECKSUM:
		return "onion address checksum mismatch (mistyped?)";
	}
	return "unknown onion address status";
}
