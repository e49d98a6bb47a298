/*
 * test_client_vectors.c: the test vectors of onionmsg(7). From fixed seeds
 * this computes a node's onion address and tor key, a mailbox id and
 * Address, the four owner proofs and a token, opens a fixed envelope, and
 * writes them as the literal block the man page shows. The test asserts a few values outright
 * (so the protocol cannot drift unnoticed) and that the man page contains
 * the whole block verbatim (so the page stays true). It links the shared
 * libonionmsg.la and uses the public API only, as a client would.
 *
 *   test_client_vectors --print	writes the block for the man page
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <onionmsg/onionmsg.h>

#include "unit.h"

#define VEC_TIME	1700000000ULL	/* 2023-11-14T22:13:20Z */
#define VEC_MAX		8192

/* Check outside Check's runner too (--print): a failure aborts. */
#define VEC_CHECK(e) do {						\
	if (!(e)) {							\
		fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #e);	\
		abort();						\
	}								\
} while (0)

struct vec {
	char	text[VEC_MAX];
	size_t	len;
	char	onion[OM_ONION_LEN + 1];
	char	mailbox[OM_MAILBOX_ID_LEN + 1];
	char	token[OM_TOKEN_LEN + 1];
};

/* Sealed once (sealing is randomised) from the device to the owner key;
 * opened independently of libsodium by a Python script as well. */
static const char vec_envelope[] =
    "Af95lqd7IBZNjn9zsA8NQIRQX+veG6ZrbCdW/5D7QO1dPtgc6OT/61OxUv6D"
    "ddBaI4bQmYBhYDme/IKCPZ5OnwzwYGDqVLueaQ6rIqo+KO3ODxpsmvZ31JnA"
    "fz1qvafi8bMekhsvhHcOX3hwrouNKeTveiWk5x5Ik1u2jo1tgbiSDGjsBE11"
    "uuoUIVbRkSc3ct6UE/pfU+qT1FYVu3uqKg==";

static void	vec_add(struct vec *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
static void	vec_value(struct vec *, const char *, const char *);
static void	vec_hex(struct vec *, const char *, const uint8_t *, size_t);
static void	vec_b64(struct vec *, const char *, const uint8_t *, size_t);
static struct om_key *vec_key(uint8_t);
static void	vec_keys(struct vec *, struct om_key *, struct om_key *,
		    struct om_key *);
static void	vec_proofs(struct vec *, struct om_key *, struct om_key *);
static void	vec_token(struct vec *, struct om_key *);
static void	vec_envelope_open(struct vec *, struct om_key *, struct om_key *);
static void	vec_make(struct vec *);

static void
vec_add(struct vec *v, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(v->text + v->len, sizeof(v->text) - v->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(v->text) - v->len)
		abort();
	v->len += (size_t)n;
}

/* A label line, then the value in indented lines of at most 64. */
static void
vec_value(struct vec *v, const char *label, const char *s)
{
	size_t	len = strlen(s), off;

	vec_add(v, "%s:\n", label);
	for (off = 0; off < len; off += 64)
		vec_add(v, "  %.*s\n", (int)(len - off < 64 ? len - off : 64),
		    s + off);
}

static void
vec_hex(struct vec *v, const char *label, const uint8_t *p, size_t len)
{
	char	hex[2 * 256 + 1];
	size_t	i;

	for (i = 0; i < len; i++)
		snprintf(hex + 2 * i, 3, "%02x", p[i]);
	vec_value(v, label, hex);
}

static void
vec_b64(struct vec *v, const char *label, const uint8_t *p, size_t len)
{
	char	b64[OM_BASE64_LEN(256) + 1];

	VEC_CHECK(om_base64_encode(p, len, b64, sizeof(b64)) == 0);
	vec_value(v, label, b64);
}

/* The key whose seed is the 32 bytes first, first + 1, ... */
static struct om_key *
vec_key(uint8_t first)
{
	uint8_t	seed[OM_SEED_LEN];
	int	i;

	for (i = 0; i < OM_SEED_LEN; i++)
		seed[i] = (uint8_t)(first + i);
	return om_key_from_seed(seed);
}

static void
vec_keys(struct vec *v, struct om_key *node, struct om_key *owner,
    struct om_key *device)
{
	char	blob[OM_TOR_KEY_BLOB_LEN + 1], addr[OM_ADDRESS_LEN + 1];
	uint8_t	seed[OM_SEED_LEN];

	om_key_seed(node, seed);
	vec_hex(v, "node seed", seed, sizeof(seed));
	vec_hex(v, "node public key", om_key_pubkey(node), OM_PUBKEY_LEN);
	om_onion_address_from_pubkey(om_key_pubkey(node), v->onion);
	vec_value(v, "node onion label", v->onion);
	VEC_CHECK(om_key_tor_blob(node, blob, sizeof(blob)) == 0);
	vec_value(v, "ADD_ONION key", blob);
	om_key_seed(owner, seed);
	vec_hex(v, "owner seed", seed, sizeof(seed));
	vec_hex(v, "owner public key", om_key_pubkey(owner), OM_PUBKEY_LEN);
	om_mailbox_id_from_owner(om_key_pubkey(owner), v->mailbox);
	vec_value(v, "mailbox id", v->mailbox);
	VEC_CHECK(om_address_format(v->mailbox, v->onion, addr,
	    sizeof(addr)) == 0);
	vec_value(v, "Address", addr);
	om_key_seed(device, seed);
	vec_hex(v, "device seed", seed, sizeof(seed));
	vec_hex(v, "device public key", om_key_pubkey(device), OM_PUBKEY_LEN);
}

static void
vec_proofs(struct vec *v, struct om_key *owner, struct om_key *device)
{
	static const struct {
		enum om_proof_kind	 kind;
		const char		*name;
	} p[] = {
		{ OM_PROOF_CREATE_MAILBOX, "createMailbox proof" },
		{ OM_PROOF_ADD_DEVICE, "addDevice proof" },
		{ OM_PROOF_REMOVE_DEVICE, "removeDevice proof" },
		{ OM_PROOF_DELETE_MAILBOX, "deleteMailbox proof" },
	};
	uint8_t	proof[OM_PROOF_LEN];
	size_t	i;

	for (i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		VEC_CHECK(om_proof_sign(p[i].kind, owner, v->onion,
		    om_key_pubkey(device), VEC_TIME, proof) == 0);
		VEC_CHECK(om_proof_verify(p[i].kind,
		    om_key_pubkey(owner), v->onion, om_key_pubkey(device),
		    proof, sizeof(proof), VEC_TIME) == OM_PROOF_OK);
		vec_b64(v, p[i].name, proof, sizeof(proof));
	}
}

static void
vec_token(struct vec *v, struct om_key *device)
{
	uint8_t	raw[OM_TOKEN_RAW_LEN];
	size_t	n;

	VEC_CHECK(om_token_sign(device, v->mailbox, v->onion, VEC_TIME,
	    3600, v->token, sizeof(v->token)) == 0);
	VEC_CHECK(om_base64url_decode(v->token, OM_TOKEN_LEN, raw,
	    sizeof(raw), &n) == 0);
	vec_hex(v, "token bytes 0-100 (version .. expires)", raw, 101);
	vec_hex(v, "token bytes 101-164 (signature)", raw + 101, 64);
	vec_value(v, "token", v->token);
}

static void
vec_envelope_open(struct vec *v, struct om_key *owner, struct om_key *device)
{
	uint8_t	env[256], out[256], from[OM_PUBKEY_LEN];
	size_t	n, m;

	VEC_CHECK(om_base64_decode(vec_envelope, strlen(vec_envelope), env,
	    sizeof(env), &n) == 0);
	VEC_CHECK(om_envelope_open(owner, env, n, out, sizeof(out), &m,
	    from) == OM_ENVELOPE_OK);
	VEC_CHECK(m == 15 && memcmp(out, "hello, onionmsg", 15) == 0);
	VEC_CHECK(memcmp(from, om_key_pubkey(device), OM_PUBKEY_LEN) == 0);
	vec_value(v, "envelope from the device key to the owner key, "
	    "plaintext \"hello, onionmsg\"", vec_envelope);
}

static void
vec_make(struct vec *v)
{
	struct om_key	*node, *owner, *device;

	memset(v, 0, sizeof(*v));
	VEC_CHECK(om_init() == 0);
	node = vec_key(0x00);
	owner = vec_key(0x20);
	device = vec_key(0x40);
	vec_add(v, "time: %llu (2023-11-14T22:13:20Z)\n",
	    (unsigned long long)VEC_TIME);
	vec_keys(v, node, owner, device);
	vec_proofs(v, owner, device);
	vec_token(v, device);
	vec_envelope_open(v, owner, device);
	om_key_free(node);
	om_key_free(owner);
	om_key_free(device);
}

START_TEST(vectors_are_stable)
{
	struct vec		v;
	struct om_token_claims	c;

	vec_make(&v);
	ck_assert_str_eq(v.onion,
	    "aoqqpp7tzyil4hlq3umoos6atft6jvrqtosq2xy53sdgiesvgg4bqead");
	ck_assert_str_eq(v.mailbox, "oov5gzm7kfkgix42pweufr7tcuvjdd2s");
	ck_assert_int_eq(om_token_verify(v.token, strlen(v.token), v.onion,
	    VEC_TIME, &c), OM_TOKEN_OK);
	ck_assert_str_eq(c.mailbox_id, v.mailbox);
	/* Ed25519 is deterministic: the token is one exact string (also
	 * produced independently with Node's crypto and Python's hashlib). */
	ck_assert_str_eq(v.token,
	    "ASVDuS_xCVURR2rcg2nbbdyTNmWhGXjdoUBO4QZsqVWdc6vTZZ9RVGRfmn2JQsfz"
	    "FSqRj1IDoQe_884Qvh1w3RjnS8CZZ-TWMJulDV8d3IZkElUxuAAAAABlU_EAAAAA"
	    "AGVT_xBYv5-BExfLNykRJmt_24Ibg_aDzVPlouClgKuVR8XPLX6_RNanLLtp9xPH"
	    "QuIjD0hf8kZeqzScBZj_Fd-gYGMD");
}
END_TEST

START_TEST(vectors_appear_in_the_man_page)
{
	struct vec	 v;
	FILE		*f;
	char		*page;
	size_t		 len;

	vec_make(&v);
	f = fopen(TOP_SRCDIR "/man/onionmsg.7", "r");
	ck_assert_ptr_nonnull(f);
	page = calloc(1, 256 * 1024);
	ck_assert_ptr_nonnull(page);
	len = fread(page, 1, 256 * 1024 - 1, f);
	fclose(f);
	ck_assert_uint_gt(len, 0);
	ck_assert_msg(strstr(page, v.text) != NULL,
	    "man/onionmsg.7 lacks the vectors; regenerate them with "
	    "tests/unit/test_client_vectors --print");
	free(page);
}
END_TEST

int
main(int argc, char *argv[])
{
	Suite		*s;
	TCase		*tc;
	struct vec	 v;

	if (argc > 1 && strcmp(argv[1], "--print") == 0) {
		vec_make(&v);
		fputs(v.text, stdout);
		return 0;
	}
	s = suite_create("client_vectors");
	tc = tcase_create("vectors");
	tcase_add_test(tc, vectors_are_stable);
	tcase_add_test(tc, vectors_appear_in_the_man_page);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
