/*
 * test_client_sha3.c: libonionmsg's SHA3-256 and Keccak-f[1600] against
 * the FIPS 202 example values (NIST CSRC "SHA3-256" examples and the
 * SHA-3 test vectors: empty, "abc", 448 and 896 bits, one million 'a',
 * 1600 bits of 0xa3), the permutation of the zero state, and inputs that
 * straddle the 136-byte rate, fed whole and in every split.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "client/om_sha3.h"
#include "unit.h"

static void	sha3_hex(const uint8_t *, char *);
static void	sha3_check(const void *, size_t, const char *);

static void
sha3_hex(const uint8_t *d, char *out)
{
	int	i;

	for (i = 0; i < OM_SHA3_256_LEN; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void
sha3_check(const void *msg, size_t len, const char *want)
{
	uint8_t	d[OM_SHA3_256_LEN];
	char	hex[2 * OM_SHA3_256_LEN + 1];

	om_sha3_256(msg, len, d);
	sha3_hex(d, hex);
	ck_assert_str_eq(hex, want);
}

START_TEST(sha3_fips202_short_messages)
{
	sha3_check("", 0,
	    "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a");
	sha3_check("abc", 3,
	    "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532");
	sha3_check("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    56,
	    "41c0dba2a9d6240849100376a8235e2c82e1b9998a999e21db32dd97496d3376");
	sha3_check("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	    "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu", 112,
	    "916f6061fe879741ca6469b43971dfdb28b1a32dc36cb3254e812be27aad1d18");
	/* tor's hs_build_address.py checks its sha3 module with this. */
	sha3_check("Hello World", 11,
	    "e167f68d6563d75bb25f3aa49c29ef612d41352dc00606de7cbd630bb2665f51");
}
END_TEST

START_TEST(sha3_fips202_1600_bits_of_a3)
{
	uint8_t	msg[200];

	memset(msg, 0xa3, sizeof(msg));
	sha3_check(msg, sizeof(msg),
	    "79f38adec5c20307a98ef76e8324afbfd46cfd81b22e3973c65fa1bd9de31787");
}
END_TEST

START_TEST(sha3_fips202_million_a)
{
	struct om_sha3	ctx;
	uint8_t		chunk[1000], d[OM_SHA3_256_LEN];
	char		hex[2 * OM_SHA3_256_LEN + 1];
	int		i;

	/* In 1000 updates of 1000 bytes: the streaming path. */
	memset(chunk, 'a', sizeof(chunk));
	om_sha3_256_init(&ctx);
	for (i = 0; i < 1000; i++)
		om_sha3_256_update(&ctx, chunk, sizeof(chunk));
	om_sha3_256_final(&ctx, d);
	sha3_hex(d, hex);
	ck_assert_str_eq(hex,
	    "5c8875ae474a3634ba4fd55ec85bffd661f32aca75c6d699d0cdcb6c115891c1");
}
END_TEST

START_TEST(sha3_rate_boundaries_in_every_split)
{
	static const struct {
		size_t		 len;
		const char	*want;
	} v[] = {
		{ 135, "fded8fd9d6551c601eeb3b7c6bc5e5cf"
		    "d8aad1d015b7e9aaa9c9b9475231d5e2" },
		{ 136, "cf3ccff92480a29160c2d38317c430e1"
		    "4749bfee1788106957dfe73f8c4930e5" },
		{ 137, "ce9d7dc90913ee5d92745019479a5352"
		    "c6d6279bef18ed07dc0a83ee8084daca" },
		{ 272, "0b21ec4a8eff6d179e09ba9fe0ab0851"
		    "5b24e0923fbf419f5c30a38e64577db5" },
	};
	struct om_sha3	ctx;
	uint8_t		msg[272], d[OM_SHA3_256_LEN];
	char		hex[2 * OM_SHA3_256_LEN + 1];
	size_t		i, split;

	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (uint8_t)i;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		sha3_check(msg, v[i].len, v[i].want);
		for (split = 0; split <= v[i].len; split++) {
			om_sha3_256_init(&ctx);
			om_sha3_256_update(&ctx, msg, split);
			om_sha3_256_update(&ctx, msg + split, v[i].len - split);
			om_sha3_256_final(&ctx, d);
			sha3_hex(d, hex);
			ck_assert_str_eq(hex, v[i].want);
		}
	}
}
END_TEST

START_TEST(keccak_f1600_of_zero_state)
{
	/* The Keccak team's KeccakF-1600-IntermediateValues.txt. */
	uint64_t	a[25];

	memset(a, 0, sizeof(a));
	om_sha3_keccak_f1600(a);
	ck_assert_uint_eq(a[0], 0xf1258f7940e1dde7ULL);
	ck_assert_uint_eq(a[1], 0x84d5ccf933c0478aULL);
	ck_assert_uint_eq(a[2], 0xd598261ea65aa9eeULL);
	ck_assert_uint_eq(a[3], 0xbd1547306f80494dULL);
	ck_assert_uint_eq(a[4], 0x8b284e056253d057ULL);
	ck_assert_uint_eq(a[24], 0xeaf1ff7b5ceca249ULL);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("client_sha3");
	TCase	*tc = tcase_create("sha3");

	tcase_add_test(tc, sha3_fips202_short_messages);
	tcase_add_test(tc, sha3_fips202_1600_bits_of_a3);
	tcase_add_test(tc, sha3_fips202_million_a);
	tcase_add_test(tc, sha3_rate_boundaries_in_every_split);
	tcase_add_test(tc, keccak_f1600_of_zero_state);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
