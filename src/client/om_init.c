/*
 * om_init.c: library start-up. libsodium picks its implementations and
 * opens its randomness source in sodium_init(), which is thread-safe and
 * idempotent; om_init() is a thin, stable name for it.
 */
#include "config.h"

#include <sodium.h>

#include <onionmsg/onionmsg.h>

/* Initialise libonionmsg. */
int
om_init(void)
{
	return sodium_init() == -1 ? -1 : 0;
}

/* Return the library version. */
const char *
om_version(void)
{
	return PACKAGE_VERSION;
}
