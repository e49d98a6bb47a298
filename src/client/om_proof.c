/*
 * om_proof.c: owner-key proofs for mailbox and device changes.
 *
 * Every field after the context has a fixed length, and each context is
 * a distinct NUL-terminated string that no other onionmsg signature
 * (tokens: "onionmsg token v1") starts with, so a signature made for one
 * purpose can never be read as another's. The mailbox id is not an input:
 * it is derived from the owner key on both sides, so a proof cannot name a
 * mailbox its signer does not own.
 */
#include "config.h"

#include <string.h>

#include <onionmsg/mailbox.h>
#include <onionmsg/onion.h>
#include <onionmsg/proof.h>

#include "om_internal.h"

struct proof_kind {
	const char	*context;
	int		 has_device;
};

static const struct proof_kind	*proof_kind(enum om_proof_kind);
static size_t	proof_message(const struct proof_kind *, const uint8_t *,
		    const char *, const uint8_t *, const uint8_t *, uint8_t *);

static const struct proof_kind proof_kinds[] = {
	[OM_PROOF_CREATE_MAILBOX] = { "onionmsg create-mailbox v1", 1 },
	[OM_PROOF_ADD_DEVICE] = { "onionmsg add-device v1", 1 },
	[OM_PROOF_REMOVE_DEVICE] = { "onionmsg remove-device v1", 1 },
	[OM_PROOF_DELETE_MAILBOX] = { "onionmsg delete-mailbox v1", 0 },
};

#define PROOF_CONTEXT_MAX	32
#define PROOF_MESSAGE_MAX	(PROOF_CONTEXT_MAX + OM_ONION_LEN + \
	    OM_MAILBOX_ID_LEN + 8 + OM_PUBKEY_LEN)

static const struct proof_kind *
proof_kind(enum om_proof_kind kind)
{
	if ((unsigned)kind >= sizeof(proof_kinds) / sizeof(proof_kinds[0]))
		return NULL;
	return &proof_kinds[kind];
}

/* Build the signed bytes; the onion label must already be canonical. */
static size_t
proof_message(const struct proof_kind *pk, const uint8_t *owner,
    const char *onion, const uint8_t *when, const uint8_t *device,
    uint8_t *out)
{
	char	id[OM_MAILBOX_ID_LEN + 1];
	size_t	n;

	n = strlen(pk->context) + 1;			/* with its NUL */
	memcpy(out, pk->context, n);
	memcpy(out + n, onion, OM_ONION_LEN);
	n += OM_ONION_LEN;
	om_mailbox_id_from_owner(owner, id);
	memcpy(out + n, id, OM_MAILBOX_ID_LEN);
	n += OM_MAILBOX_ID_LEN;
	memcpy(out + n, when, 8);
	n += 8;
	if (pk->has_device) {
		memcpy(out + n, device, OM_PUBKEY_LEN);
		n += OM_PUBKEY_LEN;
	}
	return n;
}

/* Sign a proof of the owner key. */
int
om_proof_sign(enum om_proof_kind kind, const struct om_key *owner,
    const char *onion, const uint8_t *device, uint64_t now,
    uint8_t proof[OM_PROOF_LEN])
{
	const struct proof_kind	*pk;
	uint8_t			 msg[PROOF_MESSAGE_MAX];
	size_t			 n;

	if ((pk = proof_kind(kind)) == NULL || owner == NULL ||
	    onion == NULL || !om_onion_address_is_canonical(onion,
	    strlen(onion)) || (pk->has_device && device == NULL))
		return -1;
	om_be64_put(proof, now);
	n = proof_message(pk, om_key_pubkey(owner), onion, proof, device, msg);
	om_key_sign(owner, msg, n, proof + 8);
	return 0;
}

/* Check a proof of the owner key. */
enum om_proof_status
om_proof_verify(enum om_proof_kind kind, const uint8_t owner[OM_PUBKEY_LEN],
    const char *onion, const uint8_t *device, const uint8_t *proof,
    size_t len, uint64_t now)
{
	const struct proof_kind	*pk;
	uint8_t			 msg[PROOF_MESSAGE_MAX];
	uint64_t		 when;
	size_t			 n;

	if ((pk = proof_kind(kind)) == NULL || owner == NULL ||
	    onion == NULL || !om_onion_address_is_canonical(onion,
	    strlen(onion)) || (pk->has_device && device == NULL) ||
	    proof == NULL || len != OM_PROOF_LEN)
		return OM_PROOF_MALFORMED;
	n = proof_message(pk, owner, onion, proof, device, msg);
	if (om_sig_verify(owner, msg, n, proof + 8) == -1)
		return OM_PROOF_BAD_SIGNATURE;
	when = om_be64_get(proof);
	if (when > now && when - now > OM_CLOCK_SKEW)
		return OM_PROOF_NOT_YET_VALID;
	if (now > when && now - when > OM_PROOF_MAX_AGE)
		return OM_PROOF_EXPIRED;
	return OM_PROOF_OK;
}

/* Describe a verification result in words. */
const char *
om_proof_status_str(enum om_proof_status st)
{
	switch (st) {
	case OM_PROOF_OK:
		return "valid proof";
	case OM_PROOF_MALFORMED:
		return "malformed proof";
	case OM_PROOF_BAD_SIGNATURE:
		return "proof is not signed by the mailbox owner for this";
	case OM_PROOF_EXPIRED:
		return "proof is too old";
	case OM_PROOF_NOT_YET_VALID:
		return "proof is from the future (check the clock)";
	}
	return "unknown proof status";
}
