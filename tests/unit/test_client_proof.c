/*
 * test_client_proof.c: owner proofs for createMailbox, addDevice,
 * removeDevice and deleteMailbox: the documented byte layout (rebuilt here
 * by hand and checked with libsodium directly), every verification
 * failure, the time window's edges, cross-purpose replay, and tampering
 * with every byte.
 */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include <onionmsg/onionmsg.h>

#include "unit.h"

#define T0	1700000000ULL

static struct om_key	*owner, *other;
static uint8_t		 device[32];
static char		 onion[OM_ONION_LEN + 1], onion2[OM_ONION_LEN + 1];

static void	proof_setup(void);
static void	proof_teardown(void);

static const enum om_proof_kind kinds[] = {
	OM_PROOF_CREATE_MAILBOX, OM_PROOF_ADD_DEVICE, OM_PROOF_REMOVE_DEVICE,
	OM_PROOF_DELETE_MAILBOX,
};

static void
proof_setup(void)
{
	uint8_t	seed[32], pk[32];

	ck_assert_int_eq(om_init(), 0);
	memset(seed, 1, sizeof(seed));
	owner = om_key_from_seed(seed);
	memset(seed, 2, sizeof(seed));
	other = om_key_from_seed(seed);
	memset(device, 0x33, sizeof(device));
	memset(pk, 0x42, sizeof(pk));
	om_onion_address_from_pubkey(pk, onion);
	pk[0] ^= 1;
	om_onion_address_from_pubkey(pk, onion2);
}

static void
proof_teardown(void)
{
	om_key_free(owner);
	om_key_free(other);
}

START_TEST(proof_layout_is_as_documented)
{
	static const char	*ctx[] = {
		"onionmsg create-mailbox v1", "onionmsg add-device v1",
		"onionmsg remove-device v1", "onionmsg delete-mailbox v1",
	};
	uint8_t			 proof[OM_PROOF_LEN], msg[256];
	char			 id[OM_MAILBOX_ID_LEN + 1];
	size_t			 i, n;

	om_mailbox_id_from_owner(om_key_pubkey(owner), id);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(om_proof_sign(kinds[i], owner, onion, device,
		    T0, proof), 0);
		/* issued-at, big-endian */
		ck_assert_uint_eq(proof[0], 0);
		ck_assert_uint_eq(proof[4], 0x65);
		ck_assert_uint_eq(proof[7], 0x00);
		n = strlen(ctx[i]) + 1;
		memcpy(msg, ctx[i], n);
		memcpy(msg + n, onion, 56);
		memcpy(msg + n + 56, id, 32);
		memcpy(msg + n + 88, proof, 8);
		n += 96;
		if (kinds[i] != OM_PROOF_DELETE_MAILBOX) {
			memcpy(msg + n, device, 32);
			n += 32;
		}
		ck_assert_int_eq(crypto_sign_verify_detached(proof + 8, msg, n,
		    om_key_pubkey(owner)), 0);
	}
}
END_TEST

START_TEST(proof_sign_and_verify_each_kind)
{
	uint8_t	proof[OM_PROOF_LEN];
	size_t	i;

	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(om_proof_sign(kinds[i], owner, onion, device,
		    T0, proof), 0);
		ck_assert_int_eq(om_proof_verify(kinds[i],
		    om_key_pubkey(owner), onion, device, proof, sizeof(proof),
		    T0 + 5), OM_PROOF_OK);
	}
	/* deleteMailbox names no device */
	ck_assert_int_eq(om_proof_sign(OM_PROOF_DELETE_MAILBOX, owner, onion,
	    NULL, T0, proof), 0);
	ck_assert_int_eq(om_proof_verify(OM_PROOF_DELETE_MAILBOX,
	    om_key_pubkey(owner), onion, NULL, proof, sizeof(proof), T0),
	    OM_PROOF_OK);
}
END_TEST

START_TEST(proof_is_bound_to_owner_node_device_and_purpose)
{
	uint8_t	proof[OM_PROOF_LEN], dev2[32];
	size_t	i, j;

	memcpy(dev2, device, 32);
	dev2[31] ^= 0x80;
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(om_proof_sign(kinds[i], owner, onion, device,
		    T0, proof), 0);
		ck_assert_int_eq(om_proof_verify(kinds[i],
		    om_key_pubkey(other), onion, device, proof, sizeof(proof),
		    T0), OM_PROOF_BAD_SIGNATURE);
		ck_assert_int_eq(om_proof_verify(kinds[i],
		    om_key_pubkey(owner), onion2, device, proof, sizeof(proof),
		    T0), OM_PROOF_BAD_SIGNATURE);
		if (kinds[i] != OM_PROOF_DELETE_MAILBOX)
			ck_assert_int_eq(om_proof_verify(kinds[i],
			    om_key_pubkey(owner), onion, dev2, proof,
			    sizeof(proof), T0), OM_PROOF_BAD_SIGNATURE);
		/* a proof for one mutation is no proof for another */
		for (j = 0; j < 4; j++)
			if (j != i)
				ck_assert_int_eq(om_proof_verify(kinds[j],
				    om_key_pubkey(owner), onion, device, proof,
				    sizeof(proof), T0),
				    OM_PROOF_BAD_SIGNATURE);
	}
}
END_TEST

START_TEST(proof_time_window_edges)
{
	uint8_t		proof[OM_PROOF_LEN];
	const uint8_t	*pk = om_key_pubkey(owner);

	ck_assert_int_eq(om_proof_sign(OM_PROOF_ADD_DEVICE, owner, onion,
	    device, T0, proof), 0);
	ck_assert_int_eq(om_proof_verify(OM_PROOF_ADD_DEVICE, pk, onion,
	    device, proof, sizeof(proof), T0 + OM_PROOF_MAX_AGE), OM_PROOF_OK);
	ck_assert_int_eq(om_proof_verify(OM_PROOF_ADD_DEVICE, pk, onion,
	    device, proof, sizeof(proof), T0 + OM_PROOF_MAX_AGE + 1),
	    OM_PROOF_EXPIRED);
	ck_assert_int_eq(om_proof_verify(OM_PROOF_ADD_DEVICE, pk, onion,
	    device, proof, sizeof(proof), T0 - OM_CLOCK_SKEW), OM_PROOF_OK);
	ck_assert_int_eq(om_proof_verify(OM_PROOF_ADD_DEVICE, pk, onion,
	    device, proof, sizeof(proof), T0 - OM_CLOCK_SKEW - 1),
	    OM_PROOF_NOT_YET_VALID);
	ck_assert_int_eq(om_proof_verify(OM_PROOF_ADD_DEVICE, pk, onion,
	    device, proof, sizeof(proof), 0), OM_PROOF_NOT_YET_VALID);
	ck_assert_int_eq(om_proof_verify(OM_PROOF_ADD_DEVICE, pk, onion,
	    device, proof, sizeof(proof), UINT64_MAX), OM_PROOF_EXPIRED);
	/* extreme issue times do not wrap */
	ck_assert_int_eq(om_proof_sign(OM_PROOF_ADD_DEVICE, owner, onion,
	    device, UINT64_MAX, proof), 0);
	ck_assert_int_eq(om_proof_verify(OM_PROOF_ADD_DEVICE, pk, onion,
	    device, proof, sizeof(proof), T0), OM_PROOF_NOT_YET_VALID);
	ck_assert_int_eq(om_proof_verify(OM_PROOF_ADD_DEVICE, pk, onion,
	    device, proof, sizeof(proof), UINT64_MAX), OM_PROOF_OK);
}
END_TEST

START_TEST(proof_tampering_any_byte_fails)
{
	uint8_t		proof[OM_PROOF_LEN];
	const uint8_t	*pk = om_key_pubkey(owner);
	size_t		i;
	int		bit;

	ck_assert_int_eq(om_proof_sign(OM_PROOF_CREATE_MAILBOX, owner, onion,
	    device, T0, proof), 0);
	for (i = 0; i < sizeof(proof); i++)
		for (bit = 0; bit < 8; bit++) {
			proof[i] ^= (uint8_t)(1 << bit);
			ck_assert_int_eq(om_proof_verify(
			    OM_PROOF_CREATE_MAILBOX, pk, onion, device, proof,
			    sizeof(proof), T0), OM_PROOF_BAD_SIGNATURE);
			proof[i] ^= (uint8_t)(1 << bit);
		}
	ck_assert_int_eq(om_proof_verify(OM_PROOF_CREATE_MAILBOX, pk, onion,
	    device, proof, sizeof(proof), T0), OM_PROOF_OK);
}
END_TEST

START_TEST(proof_malformed_arguments)
{
	uint8_t		proof[OM_PROOF_LEN + 1];
	const uint8_t	*pk = om_key_pubkey(owner);

	ck_assert_int_eq(om_proof_sign(OM_PROOF_ADD_DEVICE, owner, onion,
	    device, T0, proof), 0);
	ck_assert_int_eq(om_proof_verify(OM_PROOF_ADD_DEVICE, pk, onion,
	    device, proof, OM_PROOF_LEN - 1, T0), OM_PROOF_MALFORMED);
	ck_assert_int_eq(om_proof_verify(OM_PROOF_ADD_DEVICE, pk, onion,
	    device, proof, OM_PROOF_LEN + 1, T0), OM_PROOF_MALFORMED);
	ck_assert_int_eq(om_proof_verify(OM_PROOF_ADD_DEVICE, pk, onion,
	    NULL, proof, OM_PROOF_LEN, T0), OM_PROOF_MALFORMED);
	ck_assert_int_eq(om_proof_verify(OM_PROOF_ADD_DEVICE, pk,
	    "IJBEEQSCIJBEEQSCIJBEEQSCIJBEEQSCIJBEEQSCIJBEEQSCIJBEZHID",
	    device, proof, OM_PROOF_LEN, T0), OM_PROOF_MALFORMED);
	ck_assert_int_eq(om_proof_verify((enum om_proof_kind)4, pk, onion,
	    device, proof, OM_PROOF_LEN, T0), OM_PROOF_MALFORMED);
	ck_assert_int_eq(om_proof_verify(OM_PROOF_ADD_DEVICE, pk, onion,
	    device, NULL, OM_PROOF_LEN, T0), OM_PROOF_MALFORMED);
	ck_assert_int_eq(om_proof_sign(OM_PROOF_ADD_DEVICE, owner, onion,
	    NULL, T0, proof), -1);
	ck_assert_int_eq(om_proof_sign(OM_PROOF_ADD_DEVICE, NULL, onion,
	    device, T0, proof), -1);
	ck_assert_int_eq(om_proof_sign(OM_PROOF_ADD_DEVICE, owner,
	    "ijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbeeqscijbezhie",
	    device, T0, proof), -1);
	ck_assert_int_eq(om_proof_sign((enum om_proof_kind)-1, owner, onion,
	    device, T0, proof), -1);
	ck_assert_str_eq(om_proof_status_str(OM_PROOF_EXPIRED),
	    "proof is too old");
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("client_proof");
	TCase	*tc = tcase_create("proof");

	tcase_add_checked_fixture(tc, proof_setup, proof_teardown);
	tcase_add_test(tc, proof_layout_is_as_documented);
	tcase_add_test(tc, proof_sign_and_verify_each_kind);
	tcase_add_test(tc, proof_is_bound_to_owner_node_device_and_purpose);
	tcase_add_test(tc, proof_time_window_edges);
	tcase_add_test(tc, proof_tampering_any_byte_fails);
	tcase_add_test(tc, proof_malformed_arguments);
	suite_add_tcase(s, tc);
	return unit_run(s);
}
