/*
 * om_address.c: the Address scalar "<mailbox-id>@<onion>.onion". The
 * mailbox id and the onion label are both base32 of fixed length, so the
 * whole address has exactly one shape; anything else (spaces, a trailing
 * dot, a second "@", a missing ".onion") is MALFORMED rather than guessed
 * at. Upper case is folded, as in e-mail domains, and the parts come back
 * canonical so they compare byte for byte.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include <onionmsg/address.h>


static void	address_lower(const char *, size_t, char *);

static void
address_lower(const char *s, size_t len, char *out)
{
	size_t	i;

	for (i = 0; i < len; i++)
		out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? s[i] - 'A' + 'a' : s[i];
	out[len] = '\0';
}

/* Parse "<mailbox-id>@<onion>.onion". */
enum om_address_status
om_address_parse(const char *s, size_t len, struct om_address *out)
{
	struct om_address	a;
	const char		*onion;
	enum om_onion_status	st;

	if (s == NULL || len != OM_ADDRESS_LEN || s[OM_MAILBOX_ID_LEN] != '@')
		return OM_ADDRESS_MALFORMED;
	onion = s + OM_MAILBOX_ID_LEN + 1;
	if (strncasecmp(onion + OM_ONION_LEN, ".onion", 6) != 0)
		return OM_ADDRESS_MALFORMED;
	address_lower(s, OM_MAILBOX_ID_LEN, a.mailbox_id);
	if (!om_mailbox_id_is_valid(a.mailbox_id, OM_MAILBOX_ID_LEN))
		return OM_ADDRESS_BAD_MAILBOX_ID;
	st = om_onion_address_parse(onion, OM_ONION_LEN, a.node_pubkey);
	if (st == OM_ONION_BAD_CHECKSUM)
		return OM_ADDRESS_BAD_CHECKSUM;
	if (st != OM_ONION_OK)
		return OM_ADDRESS_BAD_ONION;
	/*
	 * 35 bytes are exactly 56 base32 characters (no spare bits), so the
	 * label checked above, in lower case, is the canonical one.
	 */
	address_lower(onion, OM_ONION_LEN, a.onion);
	if (out != NULL)
		*out = a;
	return OM_ADDRESS_OK;
}

/* Format the canonical address of a mailbox on a node. */
int
om_address_format(const char *mailbox_id, const char *onion, char *out,
    size_t outsize)
{
	if (out == NULL || outsize < OM_ADDRESS_LEN + 1 ||
	    mailbox_id == NULL || onion == NULL ||
	    !om_mailbox_id_is_valid(mailbox_id, strlen(mailbox_id)) ||
	    !om_onion_address_is_canonical(onion, strlen(onion)))
		return -1;
	memcpy(out, mailbox_id, OM_MAILBOX_ID_LEN);
	out[OM_MAILBOX_ID_LEN] = '@';
	memcpy(out + OM_MAILBOX_ID_LEN + 1, onion, OM_ONION_LEN);
	memcpy(out + OM_MAILBOX_ID_LEN + 1 + OM_ONION_LEN, ".onion", 7);
	return 0;
}

/* Describe a parse result in words. */
const char *
om_address_status_str(enum om_address_status st)
{
	switch (st) {
	case OM_ADDRESS_OK:
		return "valid address";
	case OM_ADDRESS_MALFORMED:
		return "an address has the form <mailbox-id>@<56 characters>.onion";
	case OM_ADDRESS_BAD_MAILBOX_ID:
		return "the mailbox id has 32 characters a-z and 2-7";
	case OM_ADDRESS_BAD_ONION:
		return "not a valid version 3 onion address";
	case OM_ADDRESS_BAD_CHECKSUM:
		return "onion address checksum mismatch (mistyped?)";
	}
	return "unknown address status";
}
