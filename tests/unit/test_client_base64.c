/*
 * test_client_base64.c: libonionmsg's codecs. Base64 and base64url
 * against RFC 4648 section 10, strictness (every non-canonical spelling is
 * refused: spare bits, padding, whitespace, the other alphabet), buffer
 * bounds, and random round trips; base32 against RFC 4648 (lowercase).
 */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include <onionmsg/base64.h>

#include "client/om_base32.h"
#include "unit.h"

static int	b64_dec(const char *, uint8_t *, size_t, size_t *);
static int	b64url_dec(const char *, uint8_t *, size_t, size_t *);

static int
b64_dec(const char *s, uint8_t *out, size_t outsize, size_t *n)
{
	return om_base64_decode(s, strlen(s), out, outsize, n);
}

static int
b64url_dec(const char *s, uint8_t *out, size_t outsize, size_t *n)
{
	return om_base64url_decode(s, strlen(s), out, outsize, n);
}

static const struct {
	const char	*plain, *b64, *b64url, *b32;
} rfc4648[] = {
	{ "", "", "", "" },
	{ "f", "Zg==", "Zg", "my" },
	{ "fo", "Zm8=", "Zm8", "mzxq" },
	{ "foo", "Zm9v", "Zm9v", "mzxw6" },
	{ "foob", "Zm9vYg==", "Zm9vYg", "mzxw6yq" },
	{ "fooba", "Zm9vYmE=", "Zm9vYmE", "mzxw6ytb" },
	{ "foobar", "Zm9vYmFy", "Zm9vYmFy", "mzxw6ytboi" },
};

START_TEST(base64_rfc4648_vectors)
{
	char	out[64];
	uint8_t	bin[64];
	size_t	i, n, len;

	for (i = 0; i < sizeof(rfc4648) / sizeof(rfc4648[0]); i++) {
		len = strlen(rfc4648[i].plain);
		ck_assert_int_eq(om_base64_encode(rfc4648[i].plain, len, out,
		    sizeof(out)), 0);
		ck_assert_str_eq(out, rfc4648[i].b64);
		ck_assert_uint_eq(strlen(out), OM_BASE64_LEN(len));
		ck_assert_int_eq(b64_dec(out, bin, sizeof(bin), &n), 0);
		ck_assert_uint_eq(n, len);
		ck_assert(memcmp(bin, rfc4648[i].plain, len) == 0);

		ck_assert_int_eq(om_base64url_encode(rfc4648[i].plain, len,
		    out, sizeof(out)), 0);
		ck_assert_str_eq(out, rfc4648[i].b64url);
		ck_assert_uint_eq(strlen(out), OM_BASE64URL_LEN(len));
		ck_assert_int_eq(b64url_dec(out, bin, sizeof(bin), &n), 0);
		ck_assert_uint_eq(n, len);
		ck_assert(memcmp(bin, rfc4648[i].plain, len) == 0);
	}
}
END_TEST

START_TEST(base64_refuses_non_canonical_input)
{
	static const char *bad[] = {
		"Zh==",		/* spare bits set: "f" is Zg== */
		"Zm9=",		/* spare bits set: "fo" is Zm8= */
		"Zg",		/* padding missing */
		"Zg=",		/* padding short */
		"Zg===",	/* padding long */
		"Zg==Zg==",	/* padding inside */
		"Zm9v====",	/* padding after a full group */
		"Z",		/* impossible length */
		"Zm9vY",	/* impossible length */
		" Zm9v",	/* whitespace */
		"Zm9v\n",
		"Zm 9v",
		"Zm9v-_==",	/* base64url alphabet */
		"Zm9\x80",	/* not ASCII */
		"====",
		"=",
	};
	static const char *badurl[] = {
		"Zg==",		/* padding is not allowed */
		"Zh",		/* spare bits */
		"Zm9",		/* spare bits */
		"Z",
		"Zm9v+/",	/* standard alphabet */
		"Zm9v ",
	};
	uint8_t	bin[64];
	size_t	i, n;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(b64_dec(bad[i], bin, sizeof(bin), &n) == -1,
		    "accepted \"%s\"", bad[i]);
	for (i = 0; i < sizeof(badurl) / sizeof(badurl[0]); i++)
		ck_assert_msg(b64url_dec(badurl[i], bin, sizeof(bin), &n) ==
		    -1, "accepted \"%s\"", badurl[i]);
	/* An embedded NUL is not part of any encoding. */
	ck_assert_int_eq(om_base64_decode("Zm\0v", 4, bin, sizeof(bin), &n),
	    -1);
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(base64_respects_buffer_sizes)
{
	char	out[9];
	uint8_t	bin[6];
	size_t	n;

	/* "foobar" needs 8 characters and a NUL. */
	ck_assert_int_eq(om_base64_encode("foobar", 6, out, 8), -1);
	ck_assert_int_eq(om_base64_encode("foobar", 6, out, 9), 0);
	ck_assert_int_eq(om_base64url_encode("foobar", 6, out, 8), -1);
	ck_assert_int_eq(b64_dec("Zm9vYmFy", bin, 5, &n), -1);
	ck_assert_int_eq(b64_dec("Zm9vYmFy", bin, 6, &n), 0);
	ck_assert_uint_eq(n, 6);
	ck_assert_int_eq(b64_dec("Zm9vYmFy", NULL, 0, &n), -1);
	ck_assert_int_eq(om_base64_decode(NULL, 0, bin, sizeof(bin), &n), -1);
	ck_assert_int_eq(b64_dec("", NULL, 0, &n), 0);
	ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(base64_random_round_trips)
{
	uint8_t	in[300], bin[300];
	char	enc[OM_BASE64_LEN(300) + 1];
	size_t	len, n;
	int	round;

	ck_assert_int_ne(sodium_init(), -1);
	for (round = 0; round < 2000; round++) {
		len = randombytes_uniform(sizeof(in) + 1);
		randombytes_buf(in, len);
		ck_assert_int_eq(om_base64_encode(in, len, enc, sizeof(enc)),
		    0);
		ck_assert_int_eq(b64_dec(enc, bin, sizeof(bin), &n), 0);
		ck_assert_uint_eq(n, len);
		ck_assert(memcmp(in, bin, len) == 0);
		ck_assert_int_eq(om_base64url_encode(in, len, enc,
		    sizeof(enc)), 0);
		ck_assert_int_eq(b64url_dec(enc, bin, sizeof(bin), &n), 0);
		ck_assert_uint_eq(n, len);
		ck_assert(memcmp(in, bin, len) == 0);
		/* Every one-character change is refused or decodes to other
		 * bytes: a value has one spelling only. */
		if (len > 0) {
			size_t	pos = randombytes_uniform(strlen(enc));
			char	old = enc[pos];

			enc[pos] = old == 'A' ? 'B' : 'A';
			if (b64url_dec(enc, bin, sizeof(bin), &n) == 0)
				ck_assert(n != len ||
				    memcmp(in, bin, len) != 0);
			enc[pos] = old;
		}
	}
}
END_TEST

START_TEST(base32_rfc4648_vectors_lowercase)
{
	char	out[64];
	uint8_t	bin[16];
	size_t	i, len;

	for (i = 0; i < sizeof(rfc4648) / sizeof(rfc4648[0]); i++) {
		len = strlen(rfc4648[i].plain);
		om_base32_encode((const uint8_t *)rfc4648[i].plain, len, out);
		ck_assert_str_eq(out, rfc4648[i].b32);
		ck_assert_uint_eq(strlen(out), OM_BASE32_LEN(len));
		ck_assert_int_eq(om_base32_decode(out, strlen(out), 0, bin,
		    len), 0);
		ck_assert(memcmp(bin, rfc4648[i].plain, len) == 0);
	}
}
END_TEST

START_TEST(base32_is_strict)
{
	uint8_t	bin[8];

	/* Upper case only when folding. */
	ck_assert_int_eq(om_base32_decode("MZXW6", 5, 0, bin, 3), -1);
	ck_assert_int_eq(om_base32_decode("MZXW6", 5, 1, bin, 3), 0);
	ck_assert(memcmp(bin, "foo", 3) == 0);
	/* Spare bits of the last character must be zero: "f" is "my". */
	ck_assert_int_eq(om_base32_decode("mz", 2, 0, bin, 1), -1);
	/* Outside the alphabet: 0, 1, 8, 9, padding. */
	ck_assert_int_eq(om_base32_decode("mzxw0", 5, 1, bin, 3), -1);
	ck_assert_int_eq(om_base32_decode("mzxw1", 5, 1, bin, 3), -1);
	ck_assert_int_eq(om_base32_decode("mzxw8", 5, 1, bin, 3), -1);
	ck_assert_int_eq(om_base32_decode("my======", 8, 1, bin, 1), -1);
	/* Wrong length for the byte count. */
	ck_assert_int_eq(om_base32_decode("mzxw6y", 6, 0, bin, 3), -1);
	ck_assert_int_eq(om_base32_decode("mzxw", 4, 0, bin, 3), -1);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("client_base64");
	TCase	*tc = tcase_create("codecs");

	tcase_add_test(tc, base64_rfc4648_vectors);
	tcase_add_test(tc, base64_refuses_non_canonical_input);
	tcase_add_test(tc, base64_respects_buffer_sizes);
	tcase_add_test(tc, base64_random_round_trips);
	tcase_add_test(tc, base32_rfc4648_vectors_lowercase);
	tcase_add_test(tc, base32_is_strict);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
