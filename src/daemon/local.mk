# src/daemon: onionmsgd's option table, start-up, signals, shutdown. Also
# the rules of the tests of src/common/conf.c (the option engine the
# daemon's table drives): its Check suite and its fuzz target.
noinst_LIBRARIES += libdaemon.a
libdaemon_a_SOURCES = \
	src/daemon/daemon.c src/daemon/daemon.h src/daemon/daemon_int.h \
	src/daemon/daemon_conf.c src/daemon/daemon_conf.h \
	src/daemon/daemon_datadir.c src/daemon/daemon_notify.c \
	src/daemon/daemon_pidfile.c src/daemon/daemon_privs.c \
	src/daemon/daemon_signal.c
DAEMON_LIBS = libdaemon.a $(STORE_LIBS)

sbin_PROGRAMS += onionmsgd
onionmsgd_SOURCES = src/onionmsgd.c
onionmsgd_LDADD = $(DAEMON_LIBS) $(COMMON_LIBS)
