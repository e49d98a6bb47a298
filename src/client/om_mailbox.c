/*
 * om_mailbox.c: mailbox ids, BLAKE2b-160 of a context string and the
 * owner's public key, in lowercase base32. 160 bits keep a second
 * preimage out of reach while the id stays 32 characters, short enough
 * to read aloud or type. The context string makes the hash specific to
 * this use of the key; "v1" leaves room for another derivation.
 */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include <onionmsg/mailbox.h>

#include "om_base32.h"

static const char mailbox_context[] = "onionmsg mailbox v1";

/* Derive the mailbox id of an owner public key. */
void
om_mailbox_id_from_owner(const uint8_t pk[OM_PUBKEY_LEN],
    char out[OM_MAILBOX_ID_LEN + 1])
{
	crypto_generichash_state	st;
	uint8_t				raw[OM_MAILBOX_ID_RAW_LEN];

	crypto_generichash_init(&st, NULL, 0, sizeof(raw));
	crypto_generichash_update(&st, (const uint8_t *)mailbox_context,
	    sizeof(mailbox_context) - 1);
	crypto_generichash_update(&st, pk, OM_PUBKEY_LEN);
	crypto_generichash_final(&st, raw, sizeof(raw));
	om_mailbox_id_encode(raw, out);
}

/* Decode a canonical mailbox id into its 20 bytes. */
int
om_mailbox_id_decode(const char *s, size_t len,
    uint8_t raw[OM_MAILBOX_ID_RAW_LEN])
{
	if (s == NULL || len != OM_MAILBOX_ID_LEN)
		return -1;
	return om_base32_decode(s, len, 0, raw, OM_MAILBOX_ID_RAW_LEN);
}

/* Encode 20 bytes as a mailbox id. */
void
om_mailbox_id_encode(const uint8_t raw[OM_MAILBOX_ID_RAW_LEN],
    char out[OM_MAILBOX_ID_LEN + 1])
{
	om_base32_encode(raw, OM_MAILBOX_ID_RAW_LEN, out);
}

/* Return 1 if s is a canonical mailbox id. */
int
om_mailbox_id_is_valid(const char *s, size_t len)
{
	uint8_t	raw[OM_MAILBOX_ID_RAW_LEN];

	return om_mailbox_id_decode(s, len, raw) == 0;
}

/* Return 1 if s is the mailbox id of pk (constant time in the id). */
int
om_mailbox_id_is_owner(const char *s, size_t len,
    const uint8_t pk[OM_PUBKEY_LEN])
{
	char	id[OM_MAILBOX_ID_LEN + 1];

	if (s == NULL || len != OM_MAILBOX_ID_LEN)
		return 0;
	om_mailbox_id_from_owner(pk, id);
	return sodium_memcmp(id, s, OM_MAILBOX_ID_LEN) == 0;
}
