/*
 * daemon.c: onionmsgd start-up: options, data directory, store, signals.
 * (Skeleton; the foundation issue fills it in.)
 */
#include "config.h"

#include <stdio.h>

#include "common/log.h"
#include "daemon/daemon.h"

/* Run the daemon; return the process exit status. */
int
daemon_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("%s\n", PACKAGE_STRING);
	return 0;
}
