/*
 * onionmsgd.c: the node daemon's main. Thin on purpose: the option table,
 * start-up and the event loops live in src/daemon/.
 */
#include "config.h"

#include "daemon/daemon.h"

int
main(int argc, char *argv[])
{
	return daemon_main(argc, argv);
}
