/*
 * onionmsg/key.h: Ed25519 key pairs (owner, device and node onion keys).
 * A struct om_key keeps its secret half in libsodium's guarded memory
 * (sodium_malloc, read-only while unused) and wipes it when freed. The
 * secret leaves the structure only as the 32-byte seed for storage, or in
 * the two forms tor takes for an onion service key.
 */
#ifndef ONIONMSG_KEY_H
#define ONIONMSG_KEY_H

#include <onionmsg/defs.h>

OM_BEGIN_DECLS

struct om_key;

/* "ED25519-V3:" and the base64 of the 64-byte expanded secret key. */
#define OM_TOR_KEY_BLOB_LEN	99
/* tor's hs_ed25519_secret_key: 32-byte tagged header, expanded key. */
#define OM_TOR_SECRET_FILE_LEN	96
/* tor's hs_ed25519_public_key: 32-byte tagged header, public key. */
#define OM_TOR_PUBLIC_FILE_LEN	64

/* Make a fresh random key pair; NULL if the library is not initialised. */
OM_API struct om_key	*om_key_generate(void);
/* Make the key pair of a 32-byte seed (RFC 8032 private key). */
OM_API struct om_key	*om_key_from_seed(const uint8_t [OM_SEED_LEN]);
/* Wipe and free a key pair; NULL is a no-op. */
OM_API void		 om_key_free(struct om_key *);
/* Return the 32-byte public key, valid as long as the key pair. */
OM_API const uint8_t	*om_key_pubkey(const struct om_key *);
/* Copy the seed out for storage; the caller keeps it secret and wipes it. */
OM_API void		 om_key_seed(const struct om_key *, uint8_t [OM_SEED_LEN]);
/* Write tor's ADD_ONION key argument "ED25519-V3:<base64>", NUL-terminated;
 * out must hold OM_TOR_KEY_BLOB_LEN + 1 bytes. 0 or -1. */
OM_API int		 om_key_tor_blob(const struct om_key *, char *, size_t);
/* Write the content of tor's hs_ed25519_secret_key file. */
OM_API void		 om_key_tor_secret_file(const struct om_key *,
			    uint8_t [OM_TOR_SECRET_FILE_LEN]);
/* Write the content of tor's hs_ed25519_public_key file. */
OM_API void		 om_key_tor_public_file(const uint8_t [OM_PUBKEY_LEN],
			    uint8_t [OM_TOR_PUBLIC_FILE_LEN]);

OM_END_DECLS

#endif
