/*
 * test_onion.c: v3 onion addresses and the node's onion key. Vectors from
 * tor (src/test/test_hs_common.c: the 0x42 key, a valid address, the
 * prop224 bad-checksum examples), rend-spec-v3's example addresses, the
 * draft-josefsson EdDSA key of tor's hs_build_address.py, and a
 * seed / address / ADD_ONION blob triple published by micro-key-producer
 * (also checked against Python's hashlib); then every parse failure,
 * case and suffix handling, and random round trips.
 */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include <onionmsg/onionmsg.h>

#include "unit.h"

static void	unhex(const char *, uint8_t *, size_t);
static enum om_onion_status onion_parse(const char *, uint8_t *);

static void
unhex(const char *hex, uint8_t *out, size_t len)
{
	size_t	n;

	ck_assert_int_eq(sodium_hex2bin(out, len, hex, strlen(hex), NULL, &n,
	    NULL), 0);
	ck_assert_uint_eq(n, len);
}

static enum om_onion_status
onion_parse(const char *s, uint8_t *pk)
{
	return om_onion_address_parse(s, strlen(s), pk);
}

START_TEST(onion_tor_test_vector_0x42)
{
	uint8_t	pk[32], back[32];
	char	addr[OM_ONION_LEN + 1];

	memset(pk, 0x42, sizeof(pk));
	om_onion_address_from_pubkey(pk, addr);
	ck_assert_str_eq(addr,
	    "ijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbezhid");
	ck_assert_int_eq(onion_parse(addr, back), OM_ONION_OK);
	ck_assert(memcmp(pk, back, 32) == 0);
}
END_TEST

START_TEST(onion_known_keys_and_addresses)
{
	static const struct {
		const char	*pk, *addr;
	} v[] = {
		/* tor's src/test/hs_build_address.py */
		{ "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
		  "25njqamcweflpvkl73j4szahhihoc4xt3ktcgjnpaingr5yhkenl5sid" },
		/* micro-key-producer's tor test */
		{ "b858d727e5f97d316dc2089cc1cc3d9966146526213557daec62097b914f88b4",
		  "xbmnoj7f7f6tc3ocbcomdtb5tftbizjgee2vpwxmmiexxekprc2o76yd" },
	};
	uint8_t	pk[32], back[32];
	char	addr[OM_ONION_LEN + 1];
	size_t	i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		unhex(v[i].pk, pk, sizeof(pk));
		om_onion_address_from_pubkey(pk, addr);
		ck_assert_str_eq(addr, v[i].addr);
		ck_assert_int_eq(onion_parse(v[i].addr, back), OM_ONION_OK);
		ck_assert(memcmp(pk, back, 32) == 0);
	}
}
END_TEST

START_TEST(onion_valid_addresses_round_trip)
{
	static const char *v[] = {
		/* tor's test_validate_address */
		"p3xnclpu4mu22dwaurjtsybyqk4xfjmcfz6z62yl24uwmhjatiwnlnad",
		/* rend-spec-v3 6.1 examples */
		"pg6mmjiyjmcrsslvykfwnntlaru7p5svn6y2ymmju6nubxndf4pscryd",
		"sp3k262uwy4r2k3ycr5awluarykdpag6a7y33jxop4cs2lu5uz5sseqd",
		"xa4r2iadxm55fbnqgwwi5mymqdcofiu3w6rpbtqn7b2dyn7mgwj64jyd",
	};
	uint8_t	pk[32];
	char	addr[OM_ONION_LEN + 1];
	size_t	i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		ck_assert_int_eq(onion_parse(v[i], pk), OM_ONION_OK);
		om_onion_address_from_pubkey(pk, addr);
		ck_assert_str_eq(addr, v[i]);
		ck_assert(om_onion_address_is_canonical(v[i], strlen(v[i])));
	}
}
END_TEST

START_TEST(onion_parse_failures_each_reason)
{
	uint8_t	pk[32];

	memset(pk, 0xee, sizeof(pk));
	/* tor's test_validate_address: too short, too long */
	ck_assert_int_eq(onion_parse("blah", pk), OM_ONION_BAD_LENGTH);
	ck_assert_int_eq(onion_parse(
	    "p3xnclpu4mu22dwaurjtsybyqk4xfjmcfz6z62yl24uwmhjatiwnlnadb", pk),
	    OM_ONION_BAD_LENGTH);
	ck_assert_int_eq(onion_parse("", pk), OM_ONION_BAD_LENGTH);
	ck_assert_int_eq(om_onion_address_parse(NULL, 56, pk),
	    OM_ONION_BAD_LENGTH);
	/* prop224's invalid checksum examples */
	ck_assert_int_eq(onion_parse(
	    "l5satjgud6gucryazcyvyvhuxhr74u6ygigiuyixe3a6ysis67ororad", pk),
	    OM_ONION_BAD_CHECKSUM);
	ck_assert_int_eq(onion_parse(
	    "btojiu7nu5y5iwut64eufevogqdw4wmqzugnoluw232r4t3ecsfv37ad", pk),
	    OM_ONION_BAD_CHECKSUM);
	/* not base32 */
	ck_assert_int_eq(onion_parse(
	    "????????????????????????????????????????????????????????", pk),
	    OM_ONION_BAD_CHAR);
	ck_assert_int_eq(onion_parse(
	    "p3xnclpu4mu22dwaurjtsybyqk4xfjmcfz6z62yl24uwmhjatiwnlna1", pk),
	    OM_ONION_BAD_CHAR);
	ck_assert_int_eq(om_onion_address_parse(
	    "p3xnclpu4mu22dwaurjtsybyqk4xfjmcfz6z62yl24uwmhjatiwnl\0ad", 56,
	    pk), OM_ONION_BAD_CHAR);
	/* the 0x42 key with version 4 and a checksum made for version 4 */
	ck_assert_int_eq(onion_parse(
	    "ijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbbbiie", pk),
	    OM_ONION_BAD_VERSION);
	/* a version 2 address is too short */
	ck_assert_int_eq(onion_parse("expyuzz4wqqyqhjn.onion", pk),
	    OM_ONION_BAD_LENGTH);
	/* nothing written on failure */
	ck_assert_uint_eq(pk[0], 0xee);
	ck_assert_str_ne(om_onion_status_str(OM_ONION_BAD_CHECKSUM),
	    om_onion_status_str(OM_ONION_BAD_CHAR));
}
END_TEST

START_TEST(onion_accepts_suffix_and_either_case)
{
	uint8_t	pk[32], want[32];

	memset(want, 0x42, sizeof(want));
	ck_assert_int_eq(onion_parse("ijbeeqscijbeeqscijbeeqscijbeeqsc"
	    "ijbeeqscijbeeqscijbezhid.onion", pk), OM_ONION_OK);
	ck_assert(memcmp(pk, want, 32) == 0);
	ck_assert_int_eq(onion_parse("IJBEEQSCIJBEEQSCIJBEEQSCIJBEEQSC"
	    "IJBEEQSCIJBEEQSCIJBEZHID.ONION", pk), OM_ONION_OK);
	ck_assert(memcmp(pk, want, 32) == 0);
	/* ... but only that suffix, once */
	ck_assert_int_eq(onion_parse("ijbeeqscijbeeqscijbeeqscijbeeqsc"
	    "ijbeeqscijbeeqscijbezhid.onion.", pk), OM_ONION_BAD_LENGTH);
	ck_assert_int_eq(onion_parse("ijbeeqscijbeeqscijbeeqscijbeeqsc"
	    "ijbeeqscijbeeqscijbezhid.onio", pk), OM_ONION_BAD_LENGTH);
	ck_assert_int_eq(onion_parse("ijbeeqscijbeeqscijbeeqscijbeeqsc"
	    "ijbeeqscijbeeqscijbezhid_onion", pk), OM_ONION_BAD_LENGTH);
	/* canonical means lowercase, bare label */
	ck_assert(!om_onion_address_is_canonical("IJBEEQSCIJBEEQSCIJBEEQSC"
	    "IJBEEQSCIJBEEQSCIJBEEQSCIJBEZHID", 56));
	ck_assert(!om_onion_address_is_canonical("ijbeeqscijbeeqscijbeeqsc"
	    "ijbeeqscijbeeqscijbeeqscijbezhid.onion", 62));
	ck_assert(!om_onion_address_is_canonical(NULL, 56));
}
END_TEST

START_TEST(onion_random_keys_round_trip_and_detect_typos)
{
	struct om_key	*k;
	uint8_t		 pk[32];
	char		 addr[OM_ONION_LEN + 1], old;
	int		 i, pos, typos_caught = 0;

	ck_assert_int_eq(om_init(), 0);
	for (i = 0; i < 200; i++) {
		k = om_key_generate();
		ck_assert_ptr_nonnull(k);
		om_onion_address_from_pubkey(om_key_pubkey(k), addr);
		ck_assert_uint_eq(strlen(addr), OM_ONION_LEN);
		ck_assert(addr[55] == 'd');	/* version 3 shows as "d" */
		ck_assert_int_eq(onion_parse(addr, pk), OM_ONION_OK);
		ck_assert(memcmp(pk, om_key_pubkey(k), 32) == 0);
		/* change one character of the key part */
		pos = (int)randombytes_uniform(51);
		old = addr[pos];
		addr[pos] = old == 'a' ? 'b' : 'a';
		if (onion_parse(addr, pk) == OM_ONION_BAD_CHECKSUM)
			typos_caught++;
		addr[pos] = old;
		om_key_free(k);
	}
	/* A 16-bit checksum misses one typo in 65536. */
	ck_assert_int_ge(typos_caught, 199);
}
END_TEST

START_TEST(key_tor_forms_match_published_vector)
{
	uint8_t		 seed[32], pk[32], file[OM_TOR_SECRET_FILE_LEN];
	uint8_t		 pubfile[OM_TOR_PUBLIC_FILE_LEN], exp[64];
	char		 blob[OM_TOR_KEY_BLOB_LEN + 1];
	struct om_key	*k;
	size_t		 n;

	ck_assert_int_eq(om_init(), 0);
	unhex("87e09c06a31743bb594cd0d6294c358883fb3ef2269f6e48816339eccb0d6489",
	    seed, sizeof(seed));
	unhex("b858d727e5f97d316dc2089cc1cc3d9966146526213557daec62097b914f88b4",
	    pk, sizeof(pk));
	k = om_key_from_seed(seed);
	ck_assert(memcmp(om_key_pubkey(k), pk, 32) == 0);
	ck_assert_int_eq(om_key_tor_blob(k, blob, sizeof(blob)), 0);
	ck_assert_str_eq(blob, "ED25519-V3:QP35WyM1BIJZyos8sqwGmEnrlWWo55YA3i"
	    "hmYoS1LFWp8m1L0NTpiiHH2H4K9cSz7RMN82YKi8YPgqUD7P+sdA==");
	ck_assert_uint_eq(strlen(blob), OM_TOR_KEY_BLOB_LEN);
	ck_assert_int_eq(om_key_tor_blob(k, blob, OM_TOR_KEY_BLOB_LEN), -1);

	/* hs_ed25519_secret_key: the tag, NUL padding, the same 64 bytes */
	om_key_tor_secret_file(k, file);
	ck_assert(memcmp(file, "== ed25519v1-secret: type0 ==\0\0\0", 32) == 0);
	ck_assert_int_eq(om_base64_decode(blob + 11, strlen(blob + 11), exp,
	    sizeof(exp), &n), 0);
	ck_assert_uint_eq(n, 64);
	ck_assert(memcmp(file + 32, exp, 64) == 0);
	/* the clamping of the scalar half */
	ck_assert_uint_eq(exp[0] & 7, 0);
	ck_assert_uint_eq(exp[31] & 0xc0, 0x40);

	om_key_tor_public_file(pk, pubfile);
	ck_assert(memcmp(pubfile, "== ed25519v1-public: type0 ==\0\0\0",
	    32) == 0);
	ck_assert(memcmp(pubfile + 32, pk, 32) == 0);
	om_key_free(k);
}
END_TEST

START_TEST(key_seed_round_trip_and_free)
{
	struct om_key	*a, *b;
	uint8_t		 seed[32];

	ck_assert_int_eq(om_init(), 0);
	a = om_key_generate();
	b = om_key_generate();
	ck_assert(memcmp(om_key_pubkey(a), om_key_pubkey(b), 32) != 0);
	om_key_seed(a, seed);
	om_key_free(b);
	b = om_key_from_seed(seed);
	sodium_memzero(seed, sizeof(seed));
	ck_assert(memcmp(om_key_pubkey(a), om_key_pubkey(b), 32) == 0);
	om_key_free(a);
	om_key_free(b);
	om_key_free(NULL);
	ck_assert_str_eq(om_version(), PACKAGE_VERSION);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("onion");
	TCase	*tc = tcase_create("address");
	TCase	*tk = tcase_create("key");

	tcase_add_test(tc, onion_tor_test_vector_0x42);
	tcase_add_test(tc, onion_known_keys_and_addresses);
	tcase_add_test(tc, onion_valid_addresses_round_trip);
	tcase_add_test(tc, onion_parse_failures_each_reason);
	tcase_add_test(tc, onion_accepts_suffix_and_either_case);
	tcase_add_test(tc, onion_random_keys_round_trip_and_detect_typos);
	suite_add_tcase(s, tc);
	tcase_add_test(tk, key_tor_forms_match_published_vector);
	tcase_add_test(tk, key_seed_round_trip_and_free);
	suite_add_tcase(s, tk);
	return unit_run(s);
}
