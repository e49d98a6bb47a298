/*
 * onionmsg/token.h: bearer tokens. A token is signed by a device key (or
 * the owner key) and bound to one node (its onion address, the audience),
 * one mailbox and a lifetime of at most OM_TOKEN_MAX_LIFETIME seconds; a
 * node verifies it without any state, then checks in its store that the
 * signer belongs to the mailbox. It travels as
 *   HTTP:       Authorization: Bearer <token>
 *   WebSocket:  connection_init payload {"authorization": "<token>"}
 * The token is base64url without padding (220 characters) of 165 bytes:
 *   version 0x01 (1) || signer public key (32) || mailbox id, raw (20)
 *     || audience: node onion public key (32) || issued-at (8, BE)
 *     || expires (8, BE) || Ed25519 signature (64)
 * the signature covering "onionmsg token v1" || 0x00 || the first 101
 * bytes. onionmsg(7) has the details and a test vector.
 */
#ifndef ONIONMSG_TOKEN_H
#define ONIONMSG_TOKEN_H

#include <onionmsg/defs.h>
#include <onionmsg/key.h>
#include <onionmsg/mailbox.h>
#include <onionmsg/onion.h>

OM_BEGIN_DECLS

#define OM_TOKEN_VERSION	1
#define OM_TOKEN_RAW_LEN	165	/* bytes */
#define OM_TOKEN_LEN		220	/* characters */
#define OM_TOKEN_MAX_INPUT	1024	/* longer input is refused unread */
#define OM_TOKEN_MAX_LIFETIME	3600	/* seconds */

enum om_token_status {
	OM_TOKEN_OK = 0,
	OM_TOKEN_MALFORMED,		/* not a token: encoding, length */
	OM_TOKEN_BAD_VERSION,		/* a token version we do not know */
	OM_TOKEN_BAD_SIGNATURE,		/* not signed by the key it names */
	OM_TOKEN_WRONG_AUDIENCE,	/* made for another node */
	OM_TOKEN_NOT_YET_VALID,		/* issued in the future */
	OM_TOKEN_EXPIRED,		/* past its expiry */
	OM_TOKEN_LIFETIME_TOO_LONG,	/* expires - issued-at > 1 hour */
};

/* What a valid token says, for the caller to check against its store. */
struct om_token_claims {
	uint8_t		signer[OM_PUBKEY_LEN];		/* device or owner */
	char		mailbox_id[OM_MAILBOX_ID_LEN + 1];
	char		audience[OM_ONION_LEN + 1];	/* onion label */
	uint64_t	issued_at;			/* unix seconds */
	uint64_t	expires;			/* unix seconds */
};

/* Sign a token for mailbox_id on the node with onion label audience,
 * issued at issued_at and valid for lifetime seconds (1 to 3600). out
 * holds OM_TOKEN_LEN + 1 bytes. 0, or -1 on bad arguments. */
OM_API int	om_token_sign(const struct om_key *, const char *, const char *,
		    uint64_t, uint64_t, char *, size_t);
/* Verify a token of len characters for this node (its onion label) at
 * time now, allowing OM_CLOCK_SKEW seconds of clock difference. On
 * OM_TOKEN_OK fill *claims (which may be NULL). A pure function. */
OM_API enum om_token_status om_token_verify(const char *, size_t,
		    const char *, uint64_t, struct om_token_claims *);
/* Find the token in an Authorization header value "Bearer <token>" (the
 * scheme in any case); 0 and the token's start and length, or -1. */
OM_API int	om_token_from_bearer(const char *, size_t, const char **,
		    size_t *);
/* Return a sentence describing a status (never the token itself). */
OM_API const char *om_token_status_str(enum om_token_status);

OM_END_DECLS

#endif
