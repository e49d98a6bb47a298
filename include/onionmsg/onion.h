/*
 * onionmsg/onion.h: tor v3 onion addresses (rend-spec-v3 section 6.1,
 * "[ONIONADDRESS]"). The 56-character label is
 *   base32(PUBKEY || CHECKSUM || VERSION), lowercase, no padding,
 *   CHECKSUM = SHA3-256(".onion checksum" || PUBKEY || VERSION)[:2],
 *   VERSION = 0x03,
 * so a node knows its address from its Ed25519 public key alone.
 */
#ifndef ONIONMSG_ONION_H
#define ONIONMSG_ONION_H

#include <onionmsg/defs.h>

OM_BEGIN_DECLS

#define OM_ONION_LEN		56	/* the label, without ".onion" */
#define OM_ONION_VERSION	3

enum om_onion_status {
	OM_ONION_OK = 0,
	OM_ONION_BAD_LENGTH,	/* not 56 characters (plus ".onion") */
	OM_ONION_BAD_CHAR,	/* outside the base32 alphabet */
	OM_ONION_BAD_VERSION,	/* a version other than 3 */
	OM_ONION_BAD_CHECKSUM,	/* most likely a typing mistake */
};

/* Write the 56-character label of a public key, NUL-terminated. */
OM_API void	om_onion_address_from_pubkey(const uint8_t [OM_PUBKEY_LEN],
		    char [OM_ONION_LEN + 1]);
/* Parse a label, with or without ".onion", in either case; on success
 * store the public key (the last argument may be NULL). */
OM_API enum om_onion_status om_onion_address_parse(const char *, size_t,
		    uint8_t [OM_PUBKEY_LEN]);
/* Return whether a string is a canonical label: lowercase, no suffix. */
OM_API int	om_onion_address_is_canonical(const char *, size_t);
/* Return a sentence describing a status. */
OM_API const char *om_onion_status_str(enum om_onion_status);

OM_END_DECLS

#endif
