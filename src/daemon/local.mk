# src/daemon: onionmsgd's option table, start-up, signals, shutdown.
noinst_LIBRARIES += libdaemon.a
libdaemon_a_SOURCES = \
	src/daemon/daemon.c src/daemon/daemon.h

sbin_PROGRAMS += onionmsgd
onionmsgd_SOURCES = src/onionmsgd.c
onionmsgd_LDADD = libdaemon.a $(COMMON_LIBS)
