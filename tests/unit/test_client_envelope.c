/*
 * test_client_envelope.c: end-to-end envelopes. Round trips of many sizes,
 * the layout (version, overhead, sender signature over the documented
 * message, checked with libsodium directly), every opening failure,
 * tampering with every byte, a forged inner signature, re-sealing to a
 * third party (surreptitious forwarding), and buffer bounds.
 */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include <onionmsg/onionmsg.h>

#include "unit.h"

static struct om_key	*sam, *maya, *bob;

static void	env_setup(void);
static void	env_teardown(void);
static void	env_reseal(const uint8_t *, const uint8_t *, size_t, uint8_t *);

static void
env_setup(void)
{
	ck_assert_int_eq(om_init(), 0);
	sam = om_key_generate();
	maya = om_key_generate();
	bob = om_key_generate();
}

static void
env_teardown(void)
{
	om_key_free(sam);
	om_key_free(maya);
	om_key_free(bob);
}

/* Seal an arbitrary inner part to a recipient, as an attacker could. */
static void
env_reseal(const uint8_t *to, const uint8_t *inner, size_t len, uint8_t *out)
{
	uint8_t	xpk[32];

	ck_assert_int_eq(crypto_sign_ed25519_pk_to_curve25519(xpk, to), 0);
	out[0] = OM_ENVELOPE_VERSION;
	ck_assert_int_eq(crypto_box_seal(out + 1, inner, len, xpk), 0);
}

START_TEST(envelope_round_trips_many_sizes)
{
	static const size_t	 sizes[] = { 0, 1, 15, 64, 1000, 65536 };
	uint8_t			*msg, *env, *out, from[32];
	size_t			 i, n, m;

	msg = malloc(65536);
	env = malloc(65536 + OM_ENVELOPE_OVERHEAD);
	out = malloc(65536 + OM_ENVELOPE_OVERHEAD);
	randombytes_buf(msg, 65536);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		ck_assert_int_eq(om_envelope_seal(sam, om_key_pubkey(maya), msg,
		    sizes[i], env, sizes[i] + OM_ENVELOPE_OVERHEAD, &n), 0);
		ck_assert_uint_eq(n, sizes[i] + OM_ENVELOPE_OVERHEAD);
		ck_assert_uint_eq(env[0], 1);
		ck_assert_int_eq(om_envelope_open(maya, env, n, out, n - 49, &m,
		    from), OM_ENVELOPE_OK);
		ck_assert_uint_eq(m, sizes[i]);
		ck_assert(memcmp(out, msg, m) == 0);
		ck_assert(memcmp(from, om_key_pubkey(sam), 32) == 0);
	}
	free(msg);
	free(env);
	free(out);
}
END_TEST

START_TEST(envelope_layout_is_as_documented)
{
	uint8_t	env[200], xpk[32], xsk[32], inner[200], msg[21 + 32 + 64];
	uint8_t	seed[32], pk[32], sk[64];
	size_t	n;

	/* Open with libsodium alone, from Maya's seed. */
	om_key_seed(maya, seed);
	crypto_sign_seed_keypair(pk, sk, seed);
	ck_assert_int_eq(om_envelope_seal(sam, pk, "hi", 2, env, sizeof(env),
	    &n), 0);
	ck_assert_int_eq(crypto_sign_ed25519_pk_to_curve25519(xpk, pk), 0);
	ck_assert_int_eq(crypto_sign_ed25519_sk_to_curve25519(xsk, sk), 0);
	ck_assert_int_eq(crypto_box_seal_open(inner, env + 1, n - 1, xpk, xsk),
	    0);
	ck_assert(memcmp(inner, om_key_pubkey(sam), 32) == 0);
	ck_assert(memcmp(inner + 96, "hi", 2) == 0);
	memcpy(msg, "onionmsg envelope v1", 21);	/* with the NUL */
	memcpy(msg + 21, pk, 32);
	crypto_generichash(msg + 53, 64, (const uint8_t *)"hi", 2, NULL, 0);
	ck_assert_int_eq(crypto_sign_verify_detached(inner + 32, msg,
	    sizeof(msg), om_key_pubkey(sam)), 0);
	sodium_memzero(sk, sizeof(sk));
	sodium_memzero(xsk, sizeof(xsk));
}
END_TEST

START_TEST(envelope_is_for_its_recipient_only)
{
	uint8_t	env[200], out[200];
	size_t	n, m = 99;

	ck_assert_int_eq(om_envelope_seal(sam, om_key_pubkey(maya), "secret",
	    6, env, sizeof(env), &n), 0);
	memset(out, 0x77, sizeof(out));
	ck_assert_int_eq(om_envelope_open(bob, env, n, out, sizeof(out), &m,
	    NULL), OM_ENVELOPE_NOT_FOR_US);
	ck_assert_uint_eq(m, 0);
	ck_assert_int_eq(om_envelope_open(sam, env, n, out, sizeof(out), &m,
	    NULL), OM_ENVELOPE_NOT_FOR_US);
	ck_assert(memmem(out, sizeof(out), "secret", 6) == NULL);
}
END_TEST

START_TEST(envelope_tampering_any_byte_fails)
{
	uint8_t	env[256], out[256];
	size_t	n, m, i;
	enum om_envelope_status st;

	ck_assert_int_eq(om_envelope_seal(sam, om_key_pubkey(maya), "tamper",
	    6, env, sizeof(env), &n), 0);
	for (i = 0; i < n; i++) {
		env[i] ^= 0x01;
		st = om_envelope_open(maya, env, n, out, sizeof(out), &m, NULL);
		ck_assert_int_eq(st, i == 0 ? OM_ENVELOPE_BAD_VERSION :
		    OM_ENVELOPE_NOT_FOR_US);
		env[i] ^= 0x01;
	}
	ck_assert_int_eq(om_envelope_open(maya, env, n - 1, out, sizeof(out),
	    &m, NULL), OM_ENVELOPE_NOT_FOR_US);
	ck_assert_int_eq(om_envelope_open(maya, env, n, out, sizeof(out), &m,
	    NULL), OM_ENVELOPE_OK);
}
END_TEST

START_TEST(envelope_forged_or_forwarded_fails_signature)
{
	uint8_t	env[200], out[200], inner[200], xpk[32], xsk[32], seed[32];
	uint8_t	pk[32], sk[64];
	size_t	n, m;

	/* Someone claims to be Sam without his key. */
	memcpy(inner, om_key_pubkey(sam), 32);
	memset(inner + 32, 0x11, 64);
	memcpy(inner + 96, "i am sam", 8);
	env_reseal(om_key_pubkey(maya), inner, 104, env);
	memset(out, 0, sizeof(out));
	ck_assert_int_eq(om_envelope_open(maya, env, 1 + 48 + 104, out,
	    sizeof(out), &m, NULL), OM_ENVELOPE_BAD_SIGNATURE);
	ck_assert(memmem(out, sizeof(out), "i am sam", 8) == NULL);

	/* Maya opens Sam's envelope and re-seals it to Bob. */
	ck_assert_int_eq(om_envelope_seal(sam, om_key_pubkey(maya), "for maya",
	    8, env, sizeof(env), &n), 0);
	om_key_seed(maya, seed);
	crypto_sign_seed_keypair(pk, sk, seed);
	ck_assert_int_eq(crypto_sign_ed25519_pk_to_curve25519(xpk, pk), 0);
	ck_assert_int_eq(crypto_sign_ed25519_sk_to_curve25519(xsk, sk), 0);
	ck_assert_int_eq(crypto_box_seal_open(inner, env + 1, n - 1, xpk, xsk),
	    0);
	env_reseal(om_key_pubkey(bob), inner, n - 49, env);
	ck_assert_int_eq(om_envelope_open(bob, env, n, out, sizeof(out), &m,
	    NULL), OM_ENVELOPE_BAD_SIGNATURE);
	sodium_memzero(sk, sizeof(sk));
	sodium_memzero(xsk, sizeof(xsk));
}
END_TEST

START_TEST(envelope_bad_arguments_and_sizes)
{
	uint8_t	env[256], out[256], badpk[32];
	size_t	n, m;

	ck_assert_int_eq(om_envelope_seal(sam, om_key_pubkey(maya), "x", 1,
	    env, OM_ENVELOPE_OVERHEAD, &n), -1);
	ck_assert_int_eq(om_envelope_seal(NULL, om_key_pubkey(maya), "x", 1,
	    env, sizeof(env), &n), -1);
	ck_assert_int_eq(om_envelope_seal(sam, om_key_pubkey(maya), NULL, 1,
	    env, sizeof(env), &n), -1);
	/* not a point on the curve: no X25519 key for it */
	memset(badpk, 0, sizeof(badpk));
	ck_assert_int_eq(om_envelope_seal(sam, badpk, "x", 1, env, sizeof(env),
	    &n), -1);
	ck_assert_int_eq(om_envelope_seal(sam, om_key_pubkey(maya), "x", 1,
	    env, sizeof(env), &n), 0);
	/* out must hold len - 49 bytes */
	ck_assert_int_eq(om_envelope_open(maya, env, n, out, n - 50, &m, NULL),
	    OM_ENVELOPE_MALFORMED);
	ck_assert_int_eq(om_envelope_open(maya, env, n, out, n - 49, &m, NULL),
	    OM_ENVELOPE_OK);
	ck_assert_int_eq(om_envelope_open(maya, env, 0, out, sizeof(out), &m,
	    NULL), OM_ENVELOPE_MALFORMED);
	ck_assert_int_eq(om_envelope_open(maya, env, OM_ENVELOPE_OVERHEAD - 1,
	    out, sizeof(out), &m, NULL), OM_ENVELOPE_MALFORMED);
	env[0] = 2;
	ck_assert_int_eq(om_envelope_open(maya, env, n, out, sizeof(out), &m,
	    NULL), OM_ENVELOPE_BAD_VERSION);
	ck_assert_int_eq(om_envelope_open(NULL, env, n, out, sizeof(out), &m,
	    NULL), OM_ENVELOPE_MALFORMED);
	ck_assert_str_eq(om_envelope_status_str(OM_ENVELOPE_NOT_FOR_US),
	    "envelope is not addressed to this key");
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("client_envelope");
	TCase	*tc = tcase_create("envelope");

	tcase_add_checked_fixture(tc, env_setup, env_teardown);
	tcase_add_test(tc, envelope_round_trips_many_sizes);
	tcase_add_test(tc, envelope_layout_is_as_documented);
	tcase_add_test(tc, envelope_is_for_its_recipient_only);
	tcase_add_test(tc, envelope_tampering_any_byte_fails);
	tcase_add_test(tc, envelope_forged_or_forwarded_fails_signature);
	tcase_add_test(tc, envelope_bad_arguments_and_sizes);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
