/*
 * daemon.h: start-up and shutdown of onionmsgd.
 */
#ifndef OM_DAEMON_H
#define OM_DAEMON_H

int	daemon_main(int, char **);

#endif
