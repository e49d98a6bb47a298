/*
 * om_token.c: stateless bearer tokens (layout in onionmsg/token.h and
 * onionmsg(7)). Verification runs cheapest-first where that reveals
 * nothing: size bound, strict base64url, version, length; then the
 * signature, so that every later verdict (audience, times) is about a
 * token its signer really made; then audience and times. Times are
 * compared without overflow for any 64-bit values.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include <sodium.h>

#include <onionmsg/base64.h>
#include <onionmsg/token.h>

#include "om_internal.h"

static size_t	token_message(const uint8_t *, uint8_t *);
static enum om_token_status token_check_times(uint64_t, uint64_t, uint64_t);

/* Offsets of the fields in the binary token. */
#define TOKEN_OFF_SIGNER	1
#define TOKEN_OFF_MAILBOX	(TOKEN_OFF_SIGNER + OM_PUBKEY_LEN)
#define TOKEN_OFF_AUDIENCE	(TOKEN_OFF_MAILBOX + OM_MAILBOX_ID_RAW_LEN)
#define TOKEN_OFF_ISSUED	(TOKEN_OFF_AUDIENCE + OM_PUBKEY_LEN)
#define TOKEN_OFF_EXPIRES	(TOKEN_OFF_ISSUED + 8)
#define TOKEN_OFF_SIG		(TOKEN_OFF_EXPIRES + 8)

static const char token_context[] = "onionmsg token v1";

/* The signed bytes: the context with its NUL, then the token up to the
 * signature. */
static size_t
token_message(const uint8_t *raw, uint8_t *out)
{
	memcpy(out, token_context, sizeof(token_context));
	memcpy(out + sizeof(token_context), raw, TOKEN_OFF_SIG);
	return sizeof(token_context) + TOKEN_OFF_SIG;
}

/* Sign a token. */
int
om_token_sign(const struct om_key *k, const char *mailbox_id,
    const char *audience, uint64_t issued_at, uint64_t lifetime, char *out,
    size_t outsize)
{
	uint8_t	raw[OM_TOKEN_RAW_LEN];
	uint8_t	msg[sizeof(token_context) + TOKEN_OFF_SIG];
	size_t	n;

	if (k == NULL || mailbox_id == NULL || audience == NULL ||
	    out == NULL || outsize < OM_TOKEN_LEN + 1 || lifetime == 0 ||
	    lifetime > OM_TOKEN_MAX_LIFETIME ||
	    issued_at > UINT64_MAX - lifetime ||
	    !om_onion_address_is_canonical(audience, strlen(audience)) ||
	    om_mailbox_id_decode(mailbox_id, strlen(mailbox_id),
	    raw + TOKEN_OFF_MAILBOX) == -1)
		return -1;
	raw[0] = OM_TOKEN_VERSION;
	memcpy(raw + TOKEN_OFF_SIGNER, om_key_pubkey(k), OM_PUBKEY_LEN);
	(void)om_onion_address_parse(audience, OM_ONION_LEN,
	    raw + TOKEN_OFF_AUDIENCE);
	om_be64_put(raw + TOKEN_OFF_ISSUED, issued_at);
	om_be64_put(raw + TOKEN_OFF_EXPIRES, issued_at + lifetime);
	n = token_message(raw, msg);
	om_key_sign(k, msg, n, raw + TOKEN_OFF_SIG);
	return om_base64url_encode(raw, sizeof(raw), out, outsize);
}

static enum om_token_status
token_check_times(uint64_t iat, uint64_t exp, uint64_t now)
{
	if (exp <= iat)
		return OM_TOKEN_MALFORMED;
	if (exp - iat > OM_TOKEN_MAX_LIFETIME)
		return OM_TOKEN_LIFETIME_TOO_LONG;
	if (iat > now && iat - now > OM_CLOCK_SKEW)
		return OM_TOKEN_NOT_YET_VALID;
	if (now >= exp && now - exp >= OM_CLOCK_SKEW)
		return OM_TOKEN_EXPIRED;
	return OM_TOKEN_OK;
}

/* Verify a token for this node at time now. */
enum om_token_status
om_token_verify(const char *s, size_t len, const char *audience, uint64_t now,
    struct om_token_claims *claims)
{
	uint8_t			raw[OM_BASE64_DECODED_MAX(OM_TOKEN_MAX_INPUT)];
	uint8_t			msg[sizeof(token_context) + TOKEN_OFF_SIG];
	uint8_t			aud[OM_PUBKEY_LEN];
	uint64_t		iat, exp;
	size_t			n;
	enum om_token_status	st;

	if (s == NULL || len == 0 || len > OM_TOKEN_MAX_INPUT ||
	    om_base64url_decode(s, len, raw, sizeof(raw), &n) == -1 || n == 0)
		return OM_TOKEN_MALFORMED;
	if (raw[0] != OM_TOKEN_VERSION)
		return OM_TOKEN_BAD_VERSION;
	if (n != OM_TOKEN_RAW_LEN)
		return OM_TOKEN_MALFORMED;
	if (om_sig_verify(raw + TOKEN_OFF_SIGNER, msg, token_message(raw, msg),
	    raw + TOKEN_OFF_SIG) == -1)
		return OM_TOKEN_BAD_SIGNATURE;
	if (audience == NULL || om_onion_address_parse(audience,
	    strlen(audience), aud) != OM_ONION_OK ||
	    sodium_memcmp(aud, raw + TOKEN_OFF_AUDIENCE, OM_PUBKEY_LEN) != 0)
		return OM_TOKEN_WRONG_AUDIENCE;
	iat = om_be64_get(raw + TOKEN_OFF_ISSUED);
	exp = om_be64_get(raw + TOKEN_OFF_EXPIRES);
	if ((st = token_check_times(iat, exp, now)) != OM_TOKEN_OK)
		return st;
	if (claims != NULL) {
		memcpy(claims->signer, raw + TOKEN_OFF_SIGNER, OM_PUBKEY_LEN);
		om_mailbox_id_encode(raw + TOKEN_OFF_MAILBOX,
		    claims->mailbox_id);
		om_onion_address_from_pubkey(aud, claims->audience);
		claims->issued_at = iat;
		claims->expires = exp;
	}
	return OM_TOKEN_OK;
}

/* Find the token in "Bearer <token>" (RFC 6750 2.1). */
int
om_token_from_bearer(const char *v, size_t len, const char **tok,
    size_t *toklen)
{
	size_t	i = 6;

	if (v == NULL || len < 7 || strncasecmp(v, "Bearer", 6) != 0 ||
	    v[6] != ' ')
		return -1;
	while (i < len && v[i] == ' ')
		i++;
	while (len > i && (v[len - 1] == ' ' || v[len - 1] == '\t'))
		len--;
	if (i == len || memchr(v + i, ' ', len - i) != NULL)
		return -1;
	*tok = v + i;
	*toklen = len - i;
	return 0;
}

/* Describe a verification result in words. */
const char *
om_token_status_str(enum om_token_status st)
{
	switch (st) {
	case OM_TOKEN_OK:
		return "valid token";
	case OM_TOKEN_MALFORMED:
		return "malformed token";
	case OM_TOKEN_BAD_VERSION:
		return "unsupported token version";
	case OM_TOKEN_BAD_SIGNATURE:
		return "token signature does not verify";
	case OM_TOKEN_WRONG_AUDIENCE:
		return "token was made for another node";
	case OM_TOKEN_NOT_YET_VALID:
		return "token is not valid yet (check the clock)";
	case OM_TOKEN_EXPIRED:
		return "token has expired";
	case OM_TOKEN_LIFETIME_TOO_LONG:
		return "token lifetime exceeds one hour";
	}
	return "unknown token status";
}
