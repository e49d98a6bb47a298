/*
 * onionmsg/proof.h: proofs of the owner key for the mutations that change
 * who may use a mailbox: createMailbox, addDevice, removeDevice and
 * deleteMailbox. A proof is 72 bytes, sent as the Base64 `proof` argument:
 *   issued-at (8, big-endian unix seconds) || Ed25519 signature (64)
 * by the owner key over
 *   context || 0x00 || node onion label (56) || mailbox id (32)
 *     || issued-at (8) [|| device public key (32)]
 * with context "onionmsg create-mailbox v1", "onionmsg add-device v1",
 * "onionmsg remove-device v1" or "onionmsg delete-mailbox v1" (the last
 * has no device key). The onion label binds a proof to one node, the
 * mailbox id (derived from the owner key) to one mailbox, and issued-at
 * limits replay: a proof is good for OM_PROOF_MAX_AGE seconds. onionmsg(7)
 * has the byte layout and test vectors.
 */
#ifndef ONIONMSG_PROOF_H
#define ONIONMSG_PROOF_H

#include <onionmsg/defs.h>
#include <onionmsg/key.h>

OM_BEGIN_DECLS

#define OM_PROOF_LEN		72
#define OM_PROOF_MAX_AGE	600	/* seconds */

enum om_proof_kind {
	OM_PROOF_CREATE_MAILBOX = 0,
	OM_PROOF_ADD_DEVICE,
	OM_PROOF_REMOVE_DEVICE,
	OM_PROOF_DELETE_MAILBOX,
};

enum om_proof_status {
	OM_PROOF_OK = 0,
	OM_PROOF_MALFORMED,	/* wrong length, or bad arguments */
	OM_PROOF_BAD_SIGNATURE,	/* not signed by this owner for this */
	OM_PROOF_EXPIRED,	/* issued more than OM_PROOF_MAX_AGE ago */
	OM_PROOF_NOT_YET_VALID,	/* issued in the future (clock skew) */
};

/* Sign a proof with the owner key for the node whose onion label is given,
 * at time now; device is the device public key (NULL for
 * OM_PROOF_DELETE_MAILBOX). 0, or -1 on bad arguments. */
OM_API int	om_proof_sign(enum om_proof_kind, const struct om_key *,
		    const char *, const uint8_t *, uint64_t,
		    uint8_t [OM_PROOF_LEN]);
/* Check a proof of len bytes against the owner public key, this node's
 * onion label, the device public key (or NULL) and the time now. */
OM_API enum om_proof_status om_proof_verify(enum om_proof_kind,
		    const uint8_t [OM_PUBKEY_LEN], const char *, const uint8_t *,
		    const uint8_t *, size_t, uint64_t);
/* Return a sentence describing a status. */
OM_API const char *om_proof_status_str(enum om_proof_status);

OM_END_DECLS

#endif
