/*
 * onionmsg/base64.h: the two base64 forms of the protocol. Standard
 * padded base64 (RFC 4648 section 4) is the GraphQL Base64 scalar; base64url
 * without padding (section 5) carries bearer tokens. Both decoders are
 * strict: they accept only the canonical encoding of some byte string (no
 * whitespace, exact padding, zero spare bits), so every value has exactly
 * one text form.
 */
#ifndef ONIONMSG_BASE64_H
#define ONIONMSG_BASE64_H

#include <onionmsg/defs.h>

OM_BEGIN_DECLS

/* Characters needed for n bytes, without the terminating NUL. */
#define OM_BASE64_LEN(n)	((((n) + 2) / 3) * 4)
#define OM_BASE64URL_LEN(n)	(((n) * 4 + 2) / 3)
/* Most bytes n characters can decode to. */
#define OM_BASE64_DECODED_MAX(n)	(((n) / 4) * 3 + 2)

/* Encode; out must hold OM_BASE64_LEN(len) + 1 bytes. 0, or -1 if not. */
OM_API int	om_base64_encode(const void *, size_t, char *, size_t);
/* Decode canonical padded base64; 0, or -1 if invalid or out too small. */
OM_API int	om_base64_decode(const char *, size_t, uint8_t *, size_t,
		    size_t *) OM_WARN_UNUSED;
/* Encode as base64url without padding (OM_BASE64URL_LEN(len) + 1 bytes). */
OM_API int	om_base64url_encode(const void *, size_t, char *, size_t);
/* Decode canonical unpadded base64url; 0 or -1. */
OM_API int	om_base64url_decode(const char *, size_t, uint8_t *, size_t,
		    size_t *) OM_WARN_UNUSED;

OM_END_DECLS

#endif
