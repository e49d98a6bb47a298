/*
 * onionmsg/address.h: the Address scalar, "<mailbox-id>@<onion>.onion":
 * a 32-character mailbox id, "@", a 56-character v3 onion label and
 * ".onion", 95 characters in all. Parsing accepts either case and returns
 * the canonical lowercase parts; formatting writes the canonical form.
 */
#ifndef ONIONMSG_ADDRESS_H
#define ONIONMSG_ADDRESS_H

#include <onionmsg/defs.h>
#include <onionmsg/mailbox.h>
#include <onionmsg/onion.h>

OM_BEGIN_DECLS

#define OM_ADDRESS_LEN	(OM_MAILBOX_ID_LEN + 1 + OM_ONION_LEN + 6)

struct om_address {
	char	mailbox_id[OM_MAILBOX_ID_LEN + 1];	/* canonical */
	char	onion[OM_ONION_LEN + 1];		/* label, canonical */
	uint8_t	node_pubkey[OM_PUBKEY_LEN];		/* the node's key */
};

enum om_address_status {
	OM_ADDRESS_OK = 0,
	OM_ADDRESS_MALFORMED,		/* not mailbox@onion.onion */
	OM_ADDRESS_BAD_MAILBOX_ID,	/* the part before "@" */
	OM_ADDRESS_BAD_ONION,		/* length, alphabet or version */
	OM_ADDRESS_BAD_CHECKSUM,	/* onion checksum: a typo */
};

/* Parse an address; on success fill *out (which may be NULL). */
OM_API enum om_address_status om_address_parse(const char *, size_t,
		    struct om_address *);
/* Write "<mailbox-id>@<onion>.onion"; out holds OM_ADDRESS_LEN + 1 bytes.
 * The parts must be canonical; 0, or -1 if they are not. */
OM_API int	om_address_format(const char *, const char *, char *, size_t);
/* Return a sentence describing a status. */
OM_API const char *om_address_status_str(enum om_address_status);

OM_END_DECLS

#endif
