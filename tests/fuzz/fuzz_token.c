/*
 * fuzz_token.c: bearer token, owner proof and envelope verification. The first
 * input byte picks a mode:
 *   0: the rest is token text, verified as a node would;
 *   1: the rest is raw token bytes, base64url-encoded first, so the
 *      fuzzer reaches the checks after decoding;
 *   2: as 1, but the bytes are signed with a fixed device key first, so
 *      it also reaches the audience and time checks; an accepted token
 *      must then be exactly what om_token_sign() makes of its claims;
 *   3: the rest is an owner proof for each of the four mutations;
 *   4: the rest is an envelope, opened with a fixed owner key;
 *   5: the rest is the inner part of an envelope, sealed to that key
 *      first, so the fuzzer reaches the sender signature check.
 * The verdict must be one of the enum's values, and an accepted token's
 * claims must keep the promises of token.h.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include <onionmsg/onionmsg.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void	fuzz_init(void);
static void	fuzz_verify(const char *, size_t, int);
static void	fuzz_raw(const uint8_t *, size_t, int);
static void	fuzz_proof(const uint8_t *, size_t);
static void	fuzz_envelope(const uint8_t *, size_t, int);

#define FUZZ_ASSERT(e)	do { if (!(e)) abort(); } while (0)
#define FUZZ_NOW	1700000000ULL
#define FUZZ_RAW_MAX	600

static struct om_key	*fuzz_key;
static uint8_t		 fuzz_sk[64];
static char		 fuzz_onion[OM_ONION_LEN + 1];

static void
fuzz_init(void)
{
	uint8_t	seed[OM_SEED_LEN], pk[OM_PUBKEY_LEN];

	if (fuzz_key != NULL)
		return;
	FUZZ_ASSERT(om_init() == 0);
	memset(seed, 0x40, sizeof(seed));
	fuzz_key = om_key_from_seed(seed);
	crypto_sign_seed_keypair(pk, fuzz_sk, seed);
	memset(pk, 0x42, sizeof(pk));
	om_onion_address_from_pubkey(pk, fuzz_onion);
}

static void
fuzz_verify(const char *s, size_t len, int signed_by_us)
{
	struct om_token_claims	c;
	enum om_token_status	st;
	char			again[OM_TOKEN_LEN + 1];

	st = om_token_verify(s, len, fuzz_onion, FUZZ_NOW, &c);
	FUZZ_ASSERT(st >= OM_TOKEN_OK && st <= OM_TOKEN_LIFETIME_TOO_LONG);
	FUZZ_ASSERT(om_token_status_str(st) != NULL);
	if (st != OM_TOKEN_OK)
		return;
	FUZZ_ASSERT(len == OM_TOKEN_LEN);
	FUZZ_ASSERT(c.expires > c.issued_at);
	FUZZ_ASSERT(c.expires - c.issued_at <= OM_TOKEN_MAX_LIFETIME);
	FUZZ_ASSERT(strcmp(c.audience, fuzz_onion) == 0);
	FUZZ_ASSERT(om_mailbox_id_is_valid(c.mailbox_id, OM_MAILBOX_ID_LEN));
	if (!signed_by_us)
		return;
	FUZZ_ASSERT(om_token_sign(fuzz_key, c.mailbox_id, c.audience,
	    c.issued_at, c.expires - c.issued_at, again, sizeof(again)) == 0);
	FUZZ_ASSERT(memcmp(again, s, OM_TOKEN_LEN) == 0);
}

static void
fuzz_raw(const uint8_t *data, size_t size, int sign)
{
	uint8_t	raw[FUZZ_RAW_MAX], msg[18 + FUZZ_RAW_MAX];
	char	text[OM_BASE64URL_LEN(FUZZ_RAW_MAX) + 1];

	if (size > FUZZ_RAW_MAX)
		return;
	memcpy(raw, data, size);
	/* Sign as the token format says, whatever the version byte. */
	if (sign && size >= OM_TOKEN_RAW_LEN) {
		memcpy(raw + 1, fuzz_sk + 32, OM_PUBKEY_LEN);
		memcpy(msg, "onionmsg token v1", 18);
		memcpy(msg + 18, raw, 101);
		crypto_sign_detached(raw + 101, NULL, msg, 18 + 101, fuzz_sk);
	}
	FUZZ_ASSERT(om_base64url_encode(raw, size, text, sizeof(text)) == 0);
	fuzz_verify(text, strlen(text), sign);
}

static void
fuzz_proof(const uint8_t *data, size_t size)
{
	static const uint8_t	device[OM_PUBKEY_LEN] = { 1, 2, 3 };
	enum om_proof_status	st;
	int			kind;

	for (kind = OM_PROOF_CREATE_MAILBOX; kind <= OM_PROOF_DELETE_MAILBOX;
	    kind++) {
		st = om_proof_verify((enum om_proof_kind)kind,
		    om_key_pubkey(fuzz_key), fuzz_onion, device, data, size,
		    FUZZ_NOW);
		FUZZ_ASSERT(st >= OM_PROOF_OK && st <= OM_PROOF_NOT_YET_VALID);
		FUZZ_ASSERT(om_proof_status_str(st) != NULL);
	}
}

static void
fuzz_envelope(const uint8_t *data, size_t size, int seal)
{
	uint8_t			env[1 + 48 + FUZZ_RAW_MAX], out[FUZZ_RAW_MAX];
	uint8_t			xpk[32], from[OM_PUBKEY_LEN];
	enum om_envelope_status	st;
	size_t			n = size, m;

	if (size > FUZZ_RAW_MAX)
		return;
	if (seal) {
		FUZZ_ASSERT(crypto_sign_ed25519_pk_to_curve25519(xpk,
		    fuzz_sk + 32) == 0);
		env[0] = OM_ENVELOPE_VERSION;
		FUZZ_ASSERT(crypto_box_seal(env + 1, data, size, xpk) == 0);
		n = size + 1 + 48;
	} else
		memcpy(env, data, size);
	st = om_envelope_open(fuzz_key, env, n, out, sizeof(out), &m, from);
	FUZZ_ASSERT(st >= OM_ENVELOPE_OK && st <= OM_ENVELOPE_BAD_SIGNATURE);
	FUZZ_ASSERT(om_envelope_status_str(st) != NULL);
	if (st == OM_ENVELOPE_OK)
		FUZZ_ASSERT(m + OM_ENVELOPE_OVERHEAD == n);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_init();
	if (size == 0)
		return 0;
	switch (data[0] % 6) {
	case 0:
		fuzz_verify((const char *)data + 1, size - 1, 0);
		break;
	case 1:
		fuzz_raw(data + 1, size - 1, 0);
		break;
	case 2:
		fuzz_raw(data + 1, size - 1, 1);
		break;
	case 3:
		fuzz_proof(data + 1, size - 1);
		break;
	case 4:
		fuzz_envelope(data + 1, size - 1, 0);
		break;
	case 5:
		fuzz_envelope(data + 1, size - 1, 1);
		break;
	}
	return 0;
}
