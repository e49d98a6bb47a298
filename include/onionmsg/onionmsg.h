/*
 * onionmsg/onionmsg.h: libonionmsg, the client side of the onionmsg
 * protocol shared by the onionmsgd node and clients: onion addresses,
 * keys, mailbox ids, addresses, owner proofs, bearer tokens and
 * end-to-end encrypted envelopes. Link with
 * `pkg-config --cflags --libs onionmsg`; call om_init() once first.
 * The protocol itself is described in onionmsg(7).
 */
#ifndef ONIONMSG_ONIONMSG_H
#define ONIONMSG_ONIONMSG_H

#include <onionmsg/defs.h>
#include <onionmsg/address.h>
#include <onionmsg/base64.h>
#include <onionmsg/envelope.h>
#include <onionmsg/key.h>
#include <onionmsg/mailbox.h>
#include <onionmsg/onion.h>
#include <onionmsg/proof.h>
#include <onionmsg/token.h>

OM_BEGIN_DECLS

/* Initialise the library (and libsodium); safe to call again, from any
 * thread. 0, or -1 if libsodium cannot start (no randomness). */
OM_API int		 om_init(void);
/* Return the library version, "major.minor.patch". */
OM_API const char	*om_version(void);

OM_END_DECLS

#endif
