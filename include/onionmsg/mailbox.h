/*
 * onionmsg/mailbox.h: mailbox identifiers. A mailbox id is derived from its
 * owner's Ed25519 public key, so it certifies itself: anyone holding the
 * owner key can check the id, and nobody can claim an id for another key.
 *   id = base32(BLAKE2b-160("onionmsg mailbox v1" || owner public key))
 * BLAKE2b-160 is unkeyed BLAKE2b with a 20-byte digest (RFC 7693; libsodium
 * crypto_generichash with outlen 20); base32 is RFC 4648, lowercase, no
 * padding: 32 characters [a-z2-7]. See onionmsg(7).
 */
#ifndef ONIONMSG_MAILBOX_H
#define ONIONMSG_MAILBOX_H

#include <onionmsg/defs.h>

OM_BEGIN_DECLS

#define OM_MAILBOX_ID_LEN	32	/* characters */
#define OM_MAILBOX_ID_RAW_LEN	20	/* bytes */

/* Derive the mailbox id of an owner public key, NUL-terminated. */
OM_API void	om_mailbox_id_from_owner(const uint8_t [OM_PUBKEY_LEN],
		    char [OM_MAILBOX_ID_LEN + 1]);
/* Return 1 if s is a well-formed canonical (lowercase) mailbox id. */
OM_API int	om_mailbox_id_is_valid(const char *, size_t);
/* Return 1 if id is the mailbox id of owner public key pk. */
OM_API int	om_mailbox_id_is_owner(const char *, size_t,
		    const uint8_t [OM_PUBKEY_LEN]);
/* Convert between the text and the 20-byte form; 0 or -1. */
OM_API int	om_mailbox_id_decode(const char *, size_t,
		    uint8_t [OM_MAILBOX_ID_RAW_LEN]);
OM_API void	om_mailbox_id_encode(const uint8_t [OM_MAILBOX_ID_RAW_LEN],
		    char [OM_MAILBOX_ID_LEN + 1]);

OM_END_DECLS

#endif
