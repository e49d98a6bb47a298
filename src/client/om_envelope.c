/*
 * om_envelope.c: envelopes, signed then sealed (layout in
 * onionmsg/envelope.h). The Ed25519 keys double as X25519 keys through
 * libsodium's birational map (crypto_sign_ed25519_*_to_curve25519), so a
 * mailbox needs one published key. The signature covers a BLAKE2b-512
 * digest of the plaintext rather than the plaintext itself, so the signed
 * message has a fixed size; and it names the recipient, so an envelope
 * re-sealed to someone else no longer verifies (no surreptitious
 * forwarding). Plaintext copies live in guarded memory; opening decrypts
 * into the caller's buffer and wipes it if anything is wrong.
 */
#include "config.h"

#include <string.h>

#include <sodium.h>

#include <onionmsg/envelope.h>

#include "om_internal.h"

static void	envelope_message(const uint8_t *, const uint8_t *, size_t,
		    uint8_t *);
static int	envelope_decrypt(const struct om_key *, const uint8_t *,
		    size_t, uint8_t *);

static const char envelope_context[] = "onionmsg envelope v1";

#define ENVELOPE_SEAL	crypto_box_SEALBYTES		/* 48 */
#define ENVELOPE_INNER	(OM_PUBKEY_LEN + OM_SIG_LEN)	/* sender, sig */
#define ENVELOPE_HASH	crypto_generichash_BYTES_MAX	/* 64 */
#define ENVELOPE_MSG_LEN \
	(sizeof(envelope_context) + OM_PUBKEY_LEN + ENVELOPE_HASH)

/* context || 0x00 || recipient || BLAKE2b-512(plaintext) */
static void
envelope_message(const uint8_t *recipient, const uint8_t *plain, size_t len,
    uint8_t *out)
{
	size_t	off = sizeof(envelope_context);

	memcpy(out, envelope_context, off);
	memcpy(out + off, recipient, OM_PUBKEY_LEN);
	crypto_generichash(out + off + OM_PUBKEY_LEN, ENVELOPE_HASH, plain,
	    len, NULL, 0);
}

/* Seal a message to a mailbox owner. */
int
om_envelope_seal(const struct om_key *sender,
    const uint8_t recipient[OM_PUBKEY_LEN], const void *plain, size_t len,
    uint8_t *out, size_t outsize, size_t *outlen)
{
	uint8_t		 xpk[crypto_box_PUBLICKEYBYTES];
	uint8_t		 msg[ENVELOPE_MSG_LEN];
	uint8_t		*inner;
	int		 rc;

	if (sender == NULL || recipient == NULL || out == NULL ||
	    (plain == NULL && len > 0) ||
	    len > SIZE_MAX - OM_ENVELOPE_OVERHEAD ||
	    outsize < len + OM_ENVELOPE_OVERHEAD ||
	    crypto_sign_ed25519_pk_to_curve25519(xpk, recipient) != 0)
		return -1;
	inner = om_secret_alloc(ENVELOPE_INNER + len);
	memcpy(inner, om_key_pubkey(sender), OM_PUBKEY_LEN);
	if (len > 0)
		memcpy(inner + ENVELOPE_INNER, plain, len);
	envelope_message(recipient, inner + ENVELOPE_INNER, len, msg);
	om_key_sign(sender, msg, sizeof(msg), inner + OM_PUBKEY_LEN);
	out[0] = OM_ENVELOPE_VERSION;
	rc = crypto_box_seal(out + 1, inner, ENVELOPE_INNER + len, xpk);
	om_secret_free(inner);
	if (rc != 0)
		return -1;
	if (outlen != NULL)
		*outlen = len + OM_ENVELOPE_OVERHEAD;
	return 0;
}

/* Decrypt the sealed part into out with the X25519 form of the key. */
static int
envelope_decrypt(const struct om_key *k, const uint8_t *sealed, size_t len,
    uint8_t *out)
{
	uint8_t	 xpk[crypto_box_PUBLICKEYBYTES];
	uint8_t	*xsk;
	int	 rc = -1;

	xsk = om_secret_alloc(crypto_box_SECRETKEYBYTES);
	if (crypto_sign_ed25519_pk_to_curve25519(xpk, om_key_pubkey(k)) == 0 &&
	    om_key_to_curve25519(k, xsk) == 0)
		rc = crypto_box_seal_open(out, sealed, len, xpk, xsk);
	om_secret_free(xsk);
	return rc == 0 ? 0 : -1;
}

/* Open an envelope with the recipient owner key. */
enum om_envelope_status
om_envelope_open(const struct om_key *k, const uint8_t *env, size_t len,
    uint8_t *out, size_t outsize, size_t *outlen,
    uint8_t sender[OM_PUBKEY_LEN])
{
	uint8_t	msg[ENVELOPE_MSG_LEN];
	size_t	plen;

	if (outlen != NULL)
		*outlen = 0;
	if (k == NULL || env == NULL || out == NULL || len < 1)
		return OM_ENVELOPE_MALFORMED;
	if (env[0] != OM_ENVELOPE_VERSION)
		return OM_ENVELOPE_BAD_VERSION;
	if (len < OM_ENVELOPE_OVERHEAD || outsize < len - 1 - ENVELOPE_SEAL)
		return OM_ENVELOPE_MALFORMED;
	if (envelope_decrypt(k, env + 1, len - 1, out) == -1) {
		sodium_memzero(out, len - 1 - ENVELOPE_SEAL);
		return OM_ENVELOPE_NOT_FOR_US;
	}
	plen = len - OM_ENVELOPE_OVERHEAD;
	envelope_message(om_key_pubkey(k), out + ENVELOPE_INNER, plen, msg);
	if (om_sig_verify(out, msg, sizeof(msg), out + OM_PUBKEY_LEN) == -1) {
		sodium_memzero(out, len - 1 - ENVELOPE_SEAL);
		return OM_ENVELOPE_BAD_SIGNATURE;
	}
	if (sender != NULL)
		memcpy(sender, out, OM_PUBKEY_LEN);
	memmove(out, out + ENVELOPE_INNER, plen);
	sodium_memzero(out + plen, ENVELOPE_INNER);
	if (outlen != NULL)
		*outlen = plen;
	return OM_ENVELOPE_OK;
}

/* Describe an opening result in words. */
const char *
om_envelope_status_str(enum om_envelope_status st)
{
	switch (st) {
	case OM_ENVELOPE_OK:
		return "valid envelope";
	case OM_ENVELOPE_MALFORMED:
		return "malformed envelope";
	case OM_ENVELOPE_BAD_VERSION:
		return "unsupported envelope version";
	case OM_ENVELOPE_NOT_FOR_US:
		return "envelope is not addressed to this key";
	case OM_ENVELOPE_BAD_SIGNATURE:
		return "envelope sender signature does not verify";
	}
	return "unknown envelope status";
}
