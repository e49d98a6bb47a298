/*
 * onionmsg/defs.h: what every libonionmsg header shares: the export marker,
 * C++ linkage, and the sizes of the Ed25519 objects the API passes around.
 * The library is built with hidden visibility, so only declarations marked
 * OM_API are part of the ABI.
 */
#ifndef ONIONMSG_DEFS_H
#define ONIONMSG_DEFS_H

#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define OM_API		__attribute__((visibility("default")))
#define OM_WARN_UNUSED	__attribute__((warn_unused_result))
#else
#define OM_API
#define OM_WARN_UNUSED
#endif

#ifdef __cplusplus
#define OM_BEGIN_DECLS	extern "C" {
#define OM_END_DECLS	}
#else
#define OM_BEGIN_DECLS
#define OM_END_DECLS
#endif

#define OM_PUBKEY_LEN	32	/* Ed25519 public key */
#define OM_SEED_LEN	32	/* Ed25519 secret seed (RFC 8032 private key) */
#define OM_SIG_LEN	64	/* Ed25519 signature */

/* Seconds two honest clocks may disagree by; verifiers allow this much. */
#define OM_CLOCK_SKEW	60

#endif
