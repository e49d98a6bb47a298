/*
 * onionmsg/envelope.h: end-to-end encrypted envelopes, the opaque bytes
 * sendMessage carries. Only the recipient mailbox's owner key opens one;
 * the node sees its length and nothing else. An envelope is
 *   version 0x01 (1) || crypto_box_seal to X25519(recipient owner key) of
 *     ( sender public key (32) || signature (64) || plaintext )
 * with the sender's Ed25519 signature over
 *   "onionmsg envelope v1" || 0x00 || recipient owner public key (32)
 *     || BLAKE2b-512(plaintext)
 * so the recipient learns who wrote it, and cannot pass it on to a third
 * party as if it had been written for them. onionmsg(7) has the details.
 */
#ifndef ONIONMSG_ENVELOPE_H
#define ONIONMSG_ENVELOPE_H

#include <onionmsg/defs.h>
#include <onionmsg/key.h>

OM_BEGIN_DECLS

#define OM_ENVELOPE_VERSION	1
/* Envelope bytes beyond the plaintext: version, seal, sender, signature. */
#define OM_ENVELOPE_OVERHEAD	(1 + 48 + OM_PUBKEY_LEN + OM_SIG_LEN)

enum om_envelope_status {
	OM_ENVELOPE_OK = 0,
	OM_ENVELOPE_MALFORMED,		/* too short, or out too small */
	OM_ENVELOPE_BAD_VERSION,	/* an envelope version we do not know */
	OM_ENVELOPE_NOT_FOR_US,		/* does not decrypt with this key */
	OM_ENVELOPE_BAD_SIGNATURE,	/* the sender's signature fails */
};

/* Seal len bytes from sender to the owner public key of a mailbox; out
 * holds len + OM_ENVELOPE_OVERHEAD bytes. 0, or -1 on bad arguments. */
OM_API int	om_envelope_seal(const struct om_key *,
		    const uint8_t [OM_PUBKEY_LEN], const void *, size_t,
		    uint8_t *, size_t, size_t *);
/* Open an envelope of len bytes with the recipient owner key. out must
 * hold len - 49 bytes (the plaintext ends up at its start, *outlen long);
 * the sender's public key goes to sender. On failure out is wiped. */
OM_API enum om_envelope_status om_envelope_open(const struct om_key *,
		    const uint8_t *, size_t, uint8_t *, size_t, size_t *,
		    uint8_t [OM_PUBKEY_LEN]);
/* Return a sentence describing a status. */
OM_API const char *om_envelope_status_str(enum om_envelope_status);

OM_END_DECLS

#endif
