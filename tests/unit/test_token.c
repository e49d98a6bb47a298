/*
 * test_token.c: bearer tokens. The documented byte layout (decoded and
 * re-signed here with libsodium directly), claims after a round trip,
 * every verification verdict and its time edges, tampering with every
 * character and every bit, input bounds, signing's argument checks, and
 * the "Authorization: Bearer" value parser.
 */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include <onionmsg/onionmsg.h>

#include "unit.h"

#define T0	1700000000ULL

static struct om_key	*dev;
static uint8_t		 dev_sk[64];
static char		 onion[OM_ONION_LEN + 1], onion2[OM_ONION_LEN + 1];
static char		 mbox[OM_MAILBOX_ID_LEN + 1];

static void	token_setup(void);
static void	token_teardown(void);
static void	token_raw(const char *, uint8_t *);
static void	token_resign(uint8_t *, size_t, char *);
static enum om_token_status verify(const char *, const char *, uint64_t);

static void
token_setup(void)
{
	uint8_t	seed[32], pk[32];

	ck_assert_int_eq(om_init(), 0);
	memset(seed, 7, sizeof(seed));
	dev = om_key_from_seed(seed);
	crypto_sign_seed_keypair(pk, dev_sk, seed);
	memset(pk, 0x42, sizeof(pk));
	om_onion_address_from_pubkey(pk, onion);
	om_mailbox_id_from_owner(pk, mbox);
	pk[0] ^= 1;
	om_onion_address_from_pubkey(pk, onion2);
}

static void
token_teardown(void)
{
	om_key_free(dev);
	sodium_memzero(dev_sk, sizeof(dev_sk));
}

static void
token_raw(const char *tok, uint8_t *raw)
{
	size_t	n;

	ck_assert_int_eq(om_base64url_decode(tok, strlen(tok), raw,
	    OM_TOKEN_RAW_LEN, &n), 0);
	ck_assert_uint_eq(n, OM_TOKEN_RAW_LEN);
}

/* Sign the first len - 64 bytes of raw as documented, encode into out. */
static void
token_resign(uint8_t *raw, size_t len, char *out)
{
	uint8_t	msg[512];

	memcpy(msg, "onionmsg token v1", 18);	/* with the NUL */
	memcpy(msg + 18, raw, len - 64);
	crypto_sign_detached(raw + len - 64, NULL, msg, 18 + len - 64, dev_sk);
	ck_assert_int_eq(om_base64url_encode(raw, len, out, 512), 0);
}

static enum om_token_status
verify(const char *tok, const char *aud, uint64_t now)
{
	return om_token_verify(tok, strlen(tok), aud, now, NULL);
}

START_TEST(token_layout_is_as_documented)
{
	char	tok[OM_TOKEN_LEN + 1];
	uint8_t	raw[OM_TOKEN_RAW_LEN], msg[18 + 101], mraw[20], apk[32];

	ck_assert_int_eq(om_token_sign(dev, mbox, onion, T0, 3600, tok,
	    sizeof(tok)), 0);
	ck_assert_uint_eq(strlen(tok), OM_TOKEN_LEN);
	token_raw(tok, raw);
	ck_assert_uint_eq(raw[0], 1);
	ck_assert(memcmp(raw + 1, om_key_pubkey(dev), 32) == 0);
	ck_assert_int_eq(om_mailbox_id_decode(mbox, 32, mraw), 0);
	ck_assert(memcmp(raw + 33, mraw, 20) == 0);
	memset(apk, 0x42, sizeof(apk));
	ck_assert(memcmp(raw + 53, apk, 32) == 0);
	ck_assert(memcmp(raw + 85, "\0\0\0\0\x65\x53\xf1\x00", 8) == 0);
	ck_assert(memcmp(raw + 93, "\0\0\0\0\x65\x53\xff\x10", 8) == 0);
	memcpy(msg, "onionmsg token v1\0", 18);
	memcpy(msg + 18, raw, 101);
	ck_assert_int_eq(crypto_sign_verify_detached(raw + 101, msg,
	    sizeof(msg), om_key_pubkey(dev)), 0);
}
END_TEST

START_TEST(token_round_trip_claims)
{
	struct om_token_claims	c;
	char			tok[OM_TOKEN_LEN + 1];

	ck_assert_int_eq(om_token_sign(dev, mbox, onion, T0, 900, tok,
	    sizeof(tok)), 0);
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(om_token_verify(tok, strlen(tok), onion, T0 + 10, &c),
	    OM_TOKEN_OK);
	ck_assert(memcmp(c.signer, om_key_pubkey(dev), 32) == 0);
	ck_assert_str_eq(c.mailbox_id, mbox);
	ck_assert_str_eq(c.audience, onion);
	ck_assert_uint_eq(c.issued_at, T0);
	ck_assert_uint_eq(c.expires, T0 + 900);
	/* the node may spell its own label with the suffix */
	ck_assert_int_eq(verify(tok, "IJBEEQSCIJBEEQSCIJBEEQSCIJBEEQSCIJBEEQ"
	    "SCIJBEEQSCIJBEZHID.onion", T0), OM_TOKEN_OK);
}
END_TEST

START_TEST(token_time_edges)
{
	char	tok[OM_TOKEN_LEN + 1];
	uint64_t exp = T0 + 3600;

	ck_assert_int_eq(om_token_sign(dev, mbox, onion, T0, 3600, tok,
	    sizeof(tok)), 0);
	ck_assert_int_eq(verify(tok, onion, T0), OM_TOKEN_OK);
	ck_assert_int_eq(verify(tok, onion, T0 - OM_CLOCK_SKEW), OM_TOKEN_OK);
	ck_assert_int_eq(verify(tok, onion, T0 - OM_CLOCK_SKEW - 1),
	    OM_TOKEN_NOT_YET_VALID);
	ck_assert_int_eq(verify(tok, onion, 0), OM_TOKEN_NOT_YET_VALID);
	ck_assert_int_eq(verify(tok, onion, exp - 1), OM_TOKEN_OK);
	ck_assert_int_eq(verify(tok, onion, exp + OM_CLOCK_SKEW - 1),
	    OM_TOKEN_OK);
	ck_assert_int_eq(verify(tok, onion, exp + OM_CLOCK_SKEW),
	    OM_TOKEN_EXPIRED);
	ck_assert_int_eq(verify(tok, onion, UINT64_MAX), OM_TOKEN_EXPIRED);
	/* at the very end of time nothing wraps */
	ck_assert_int_eq(om_token_sign(dev, mbox, onion, UINT64_MAX - 1, 1,
	    tok, sizeof(tok)), 0);
	ck_assert_int_eq(verify(tok, onion, UINT64_MAX), OM_TOKEN_OK);
	ck_assert_int_eq(verify(tok, onion, T0), OM_TOKEN_NOT_YET_VALID);
}
END_TEST

START_TEST(token_each_failure_reason)
{
	char	tok[OM_TOKEN_LEN + 1], bad[512];
	uint8_t	raw[OM_TOKEN_RAW_LEN + 3];

	ck_assert_int_eq(om_token_sign(dev, mbox, onion, T0, 600, tok,
	    sizeof(tok)), 0);
	/* WRONG_AUDIENCE: another node, or no valid node at all */
	ck_assert_int_eq(verify(tok, onion2, T0), OM_TOKEN_WRONG_AUDIENCE);
	ck_assert_int_eq(verify(tok, "nonsense", T0), OM_TOKEN_WRONG_AUDIENCE);
	ck_assert_int_eq(om_token_verify(tok, strlen(tok), NULL, T0, NULL),
	    OM_TOKEN_WRONG_AUDIENCE);
	/* BAD_SIGNATURE: names a key that did not sign it */
	token_raw(tok, raw);
	raw[1] ^= 0x01;
	ck_assert_int_eq(om_base64url_encode(raw, OM_TOKEN_RAW_LEN, bad,
	    sizeof(bad)), 0);
	ck_assert_int_eq(verify(bad, onion, T0), OM_TOKEN_BAD_SIGNATURE);
	/* BAD_VERSION, even when properly signed */
	token_raw(tok, raw);
	raw[0] = 2;
	token_resign(raw, OM_TOKEN_RAW_LEN, bad);
	ck_assert_int_eq(verify(bad, onion, T0), OM_TOKEN_BAD_VERSION);
	raw[0] = 0;
	token_resign(raw, OM_TOKEN_RAW_LEN, bad);
	ck_assert_int_eq(verify(bad, onion, T0), OM_TOKEN_BAD_VERSION);
	/* LIFETIME_TOO_LONG: 3601 s, signed by the device itself */
	token_raw(tok, raw);
	memcpy(raw + 93, "\0\0\0\0\x65\x53\xff\x11", 8);
	token_resign(raw, OM_TOKEN_RAW_LEN, bad);
	ck_assert_int_eq(verify(bad, onion, T0), OM_TOKEN_LIFETIME_TOO_LONG);
	memcpy(raw + 93, "\xff\xff\xff\xff\xff\xff\xff\xff", 8);
	token_resign(raw, OM_TOKEN_RAW_LEN, bad);
	ck_assert_int_eq(verify(bad, onion, T0), OM_TOKEN_LIFETIME_TOO_LONG);
	/* MALFORMED: expiry not after issue */
	memcpy(raw + 93, raw + 85, 8);
	token_resign(raw, OM_TOKEN_RAW_LEN, bad);
	ck_assert_int_eq(verify(bad, onion, T0), OM_TOKEN_MALFORMED);
	memset(raw + 93, 0, 8);
	token_resign(raw, OM_TOKEN_RAW_LEN, bad);
	ck_assert_int_eq(verify(bad, onion, T0), OM_TOKEN_MALFORMED);
	/* MALFORMED: a signed version 1 token of the wrong length */
	token_raw(tok, raw);
	token_resign(raw, OM_TOKEN_RAW_LEN - 1, bad);
	ck_assert_int_eq(verify(bad, onion, T0), OM_TOKEN_MALFORMED);
	memset(raw + OM_TOKEN_RAW_LEN, 0, 3);
	token_resign(raw, OM_TOKEN_RAW_LEN + 3, bad);
	ck_assert_int_eq(verify(bad, onion, T0), OM_TOKEN_MALFORMED);
}
END_TEST

START_TEST(token_malformed_encodings)
{
	char	tok[OM_TOKEN_LEN + 4], big[OM_TOKEN_MAX_INPUT + 2];

	ck_assert_int_eq(om_token_sign(dev, mbox, onion, T0, 600, tok,
	    sizeof(tok)), 0);
	ck_assert_int_eq(verify("", onion, T0), OM_TOKEN_MALFORMED);
	ck_assert_int_eq(om_token_verify(NULL, 5, onion, T0, NULL),
	    OM_TOKEN_MALFORMED);
	ck_assert_int_eq(om_token_verify(tok, OM_TOKEN_LEN - 1, onion, T0,
	    NULL), OM_TOKEN_MALFORMED);		/* truncated */
	ck_assert_int_eq(om_token_verify(tok, OM_TOKEN_LEN - 4, onion, T0,
	    NULL), OM_TOKEN_MALFORMED);		/* shorter, decodable */
	strcat(tok, "==");
	ck_assert_int_eq(verify(tok, onion, T0), OM_TOKEN_MALFORMED);
	tok[OM_TOKEN_LEN] = ' ';
	tok[OM_TOKEN_LEN + 1] = '\0';
	ck_assert_int_eq(verify(tok, onion, T0), OM_TOKEN_MALFORMED);
	tok[OM_TOKEN_LEN] = '\0';
	tok[10] = '+';				/* standard alphabet */
	ck_assert_int_eq(verify(tok, onion, T0), OM_TOKEN_MALFORMED);
	/* input past the bound is refused unread */
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	ck_assert_int_eq(verify(big, onion, T0), OM_TOKEN_MALFORMED);
	ck_assert_int_eq(om_token_verify(big, SIZE_MAX, onion, T0, NULL),
	    OM_TOKEN_MALFORMED);
}
END_TEST

START_TEST(token_tampering_any_character_fails)
{
	static const char	 alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_";
	char			 tok[OM_TOKEN_LEN + 1], old;
	size_t			 i, j;

	ck_assert_int_eq(om_token_sign(dev, mbox, onion, T0, 600, tok,
	    sizeof(tok)), 0);
	for (i = 0; i < OM_TOKEN_LEN; i++) {
		old = tok[i];
		for (j = 0; j < sizeof(alphabet) - 1; j++) {
			if (alphabet[j] == old)
				continue;
			tok[i] = alphabet[j];
			ck_assert_int_ne(verify(tok, onion, T0), OM_TOKEN_OK);
		}
		tok[i] = old;
	}
	ck_assert_int_eq(verify(tok, onion, T0), OM_TOKEN_OK);
}
END_TEST

START_TEST(token_tampering_any_bit_fails)
{
	char	tok[OM_TOKEN_LEN + 1], bad[OM_TOKEN_LEN + 1];
	uint8_t	raw[OM_TOKEN_RAW_LEN];
	size_t	i;
	int	bit;
	enum om_token_status st;

	ck_assert_int_eq(om_token_sign(dev, mbox, onion, T0, 600, tok,
	    sizeof(tok)), 0);
	token_raw(tok, raw);
	for (i = 0; i < OM_TOKEN_RAW_LEN; i++)
		for (bit = 0; bit < 8; bit++) {
			raw[i] ^= (uint8_t)(1 << bit);
			ck_assert_int_eq(om_base64url_encode(raw, sizeof(raw),
			    bad, sizeof(bad)), 0);
			st = verify(bad, onion, T0);
			ck_assert_int_eq(st, i == 0 ? OM_TOKEN_BAD_VERSION :
			    OM_TOKEN_BAD_SIGNATURE);
			raw[i] ^= (uint8_t)(1 << bit);
		}
}
END_TEST

START_TEST(token_sign_refuses_bad_arguments)
{
	char	tok[OM_TOKEN_LEN + 1];

	ck_assert_int_eq(om_token_sign(dev, mbox, onion, T0, 0, tok,
	    sizeof(tok)), -1);
	ck_assert_int_eq(om_token_sign(dev, mbox, onion, T0,
	    OM_TOKEN_MAX_LIFETIME + 1, tok, sizeof(tok)), -1);
	ck_assert_int_eq(om_token_sign(dev, mbox, onion, UINT64_MAX, 1, tok,
	    sizeof(tok)), -1);
	ck_assert_int_eq(om_token_sign(dev, "M2PXHJEQM5TOI7HJYR4SY3WOFBKWKFV7",
	    onion, T0, 60, tok, sizeof(tok)), -1);
	ck_assert_int_eq(om_token_sign(dev, mbox,
	    "IJBEEQSCIJBEEQSCIJBEEQSCIJBEEQSCIJBEEQSCIJBEEQSCIJBEZHID", T0, 60,
	    tok, sizeof(tok)), -1);
	ck_assert_int_eq(om_token_sign(dev, mbox, onion, T0, 60, tok,
	    OM_TOKEN_LEN), -1);
	ck_assert_int_eq(om_token_sign(NULL, mbox, onion, T0, 60, tok,
	    sizeof(tok)), -1);
	ck_assert_int_eq(om_token_sign(dev, NULL, onion, T0, 60, tok,
	    sizeof(tok)), -1);
}
END_TEST

START_TEST(token_from_bearer_header)
{
	const char	*t;
	size_t		 n;

	ck_assert_int_eq(om_token_from_bearer("Bearer abc", 10, &t, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert(strncmp(t, "abc", 3) == 0);
	ck_assert_int_eq(om_token_from_bearer("bearer   abc  ", 14, &t, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert(strncmp(t, "abc", 3) == 0);
	ck_assert_int_eq(om_token_from_bearer("BEARER abc\t", 11, &t, &n), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(om_token_from_bearer("Basic abc", 9, &t, &n), -1);
	ck_assert_int_eq(om_token_from_bearer("Bearerabc", 9, &t, &n), -1);
	ck_assert_int_eq(om_token_from_bearer("Bearer ", 7, &t, &n), -1);
	ck_assert_int_eq(om_token_from_bearer("Bearer    ", 10, &t, &n), -1);
	ck_assert_int_eq(om_token_from_bearer("Bearer a b", 10, &t, &n), -1);
	ck_assert_int_eq(om_token_from_bearer("Bearer", 6, &t, &n), -1);
	ck_assert_int_eq(om_token_from_bearer(NULL, 10, &t, &n), -1);
	ck_assert_str_eq(om_token_status_str(OM_TOKEN_WRONG_AUDIENCE),
	    "token was made for another node");
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("token");
	TCase	*tc = tcase_create("token");

	tcase_add_checked_fixture(tc, token_setup, token_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, token_layout_is_as_documented);
	tcase_add_test(tc, token_round_trip_claims);
	tcase_add_test(tc, token_time_edges);
	tcase_add_test(tc, token_each_failure_reason);
	tcase_add_test(tc, token_malformed_encodings);
	tcase_add_test(tc, token_tampering_any_character_fails);
	tcase_add_test(tc, token_tampering_any_bit_fails);
	tcase_add_test(tc, token_sign_refuses_bad_arguments);
	tcase_add_test(tc, token_from_bearer_header);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
