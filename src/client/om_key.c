/*
 * om_key.c: Ed25519 key pairs in guarded memory, signing, and the two
 * forms of a secret key that tor accepts for an onion service.
 *
 * tor does not store the RFC 8032 seed: it keeps the "expanded" secret key,
 * SHA-512(seed) with the scalar half clamped (a[0] &= 248; a[31] &= 63;
 * a[31] |= 64), 64 bytes. ADD_ONION takes it as "ED25519-V3:" + base64
 * (control-spec 3.27), and a HiddenServiceDir holds it in
 * hs_ed25519_secret_key behind the 32-byte NUL-padded tag
 * "== ed25519v1-secret: type0 ==" (tor's crypto_write_tagged_contents_to_
 * file). Both therefore derive from the same seed libsodium signs with, and
 * the onion address follows from the public key alone.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include <onionmsg/base64.h>
#include <onionmsg/key.h>

#include "om_internal.h"

struct om_key {
	uint8_t	sk[crypto_sign_SECRETKEYBYTES];	/* seed || public key */
};

static struct om_key	*key_new(const uint8_t *);
static void		 key_expand(const struct om_key *, uint8_t *);
static void		 key_tagged(const char *, uint8_t *);

#define KEY_EXPANDED_LEN	64

/* Allocate len bytes of guarded, locked memory; abort if there is none. */
void *
om_secret_alloc(size_t len)
{
	void	*p;

	if ((p = sodium_malloc(len)) == NULL)
		abort();
	return p;
}

/* Wipe and release memory from om_secret_alloc(). */
void
om_secret_free(void *p)
{
	sodium_free(p);		/* wipes, and accepts NULL */
}

static struct om_key *
key_new(const uint8_t *seed)
{
	struct om_key	*k;
	uint8_t		 pk[crypto_sign_PUBLICKEYBYTES];

	k = om_secret_alloc(sizeof(*k));
	if (seed != NULL)
		crypto_sign_seed_keypair(pk, k->sk, seed);
	else
		crypto_sign_keypair(pk, k->sk);
	sodium_mprotect_readonly(k);
	return k;
}

/* Make a fresh random key pair. */
struct om_key *
om_key_generate(void)
{
	if (sodium_init() == -1)
		return NULL;
	return key_new(NULL);
}

/* Make the key pair of a 32-byte seed. */
struct om_key *
om_key_from_seed(const uint8_t seed[OM_SEED_LEN])
{
	if (sodium_init() == -1)
		return NULL;
	return key_new(seed);
}

/* Wipe and free a key pair. */
void
om_key_free(struct om_key *k)
{
	om_secret_free(k);
}

/* Return the public half of a key pair. */
const uint8_t *
om_key_pubkey(const struct om_key *k)
{
	return k->sk + crypto_sign_SEEDBYTES;
}

/* Copy out the seed. */
void
om_key_seed(const struct om_key *k, uint8_t seed[OM_SEED_LEN])
{
	memcpy(seed, k->sk, OM_SEED_LEN);
}

/* Sign len bytes (callers add their own context string first). */
void
om_key_sign(const struct om_key *k, const uint8_t *msg, size_t len,
    uint8_t sig[OM_SIG_LEN])
{
	crypto_sign_detached(sig, NULL, msg, len, k->sk);
}

/* Write the X25519 secret key of a key pair (for sealed boxes). */
int
om_key_to_curve25519(const struct om_key *k, uint8_t out[32])
{
	return crypto_sign_ed25519_sk_to_curve25519(out, k->sk) == 0 ? 0 : -1;
}

/* Check an Ed25519 signature; 0 if valid, -1 if not. */
int
om_sig_verify(const uint8_t pk[OM_PUBKEY_LEN], const uint8_t *msg, size_t len,
    const uint8_t sig[OM_SIG_LEN])
{
	return crypto_sign_verify_detached(sig, msg, len, pk) == 0 ? 0 : -1;
}

/* tor's expanded secret key: SHA-512 of the seed, scalar half clamped. */
static void
key_expand(const struct om_key *k, uint8_t *out)
{
	crypto_hash_sha512(out, k->sk, crypto_sign_SEEDBYTES);
	out[0] &= 248;
	out[31] &= 63;
	out[31] |= 64;
}

/* Write tor's ADD_ONION key argument. */
int
om_key_tor_blob(const struct om_key *k, char *out, size_t outsize)
{
	static const char	 prefix[] = "ED25519-V3:";
	uint8_t			*x;

	if (outsize < OM_TOR_KEY_BLOB_LEN + 1)
		return -1;
	x = om_secret_alloc(KEY_EXPANDED_LEN);
	key_expand(k, x);
	memcpy(out, prefix, sizeof(prefix) - 1);
	om_base64_encode(x, KEY_EXPANDED_LEN, out + sizeof(prefix) - 1,
	    outsize - (sizeof(prefix) - 1));
	om_secret_free(x);
	return 0;
}

/* Fill tor's 32-byte tagged-file header "== <type>: type0 ==" + NULs. */
static void
key_tagged(const char *type, uint8_t *out)
{
	char	header[32];
	size_t	len;

	memset(header, 0, sizeof(header));
	len = strlen(type);
	memcpy(header, "== ", 3);
	memcpy(header + 3, type, len);
	memcpy(header + 3 + len, ": type0 ==", 10);
	memcpy(out, header, sizeof(header));
}

/* Write the content of tor's hs_ed25519_secret_key. */
void
om_key_tor_secret_file(const struct om_key *k,
    uint8_t out[OM_TOR_SECRET_FILE_LEN])
{
	key_tagged("ed25519v1-secret", out);
	key_expand(k, out + 32);
}

/* Write the content of tor's hs_ed25519_public_key. */
void
om_key_tor_public_file(const uint8_t pk[OM_PUBKEY_LEN],
    uint8_t out[OM_TOR_PUBLIC_FILE_LEN])
{
	key_tagged("ed25519v1-public", out);
	memcpy(out + 32, pk, OM_PUBKEY_LEN);
}
