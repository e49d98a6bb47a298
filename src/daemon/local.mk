# src/daemon: onionmsgd's option table, start-up, signals, shutdown. Also
# the rules of the tests of src/common/conf.c (the option engine the
# daemon's table drives): its Check suite and its fuzz target.
noinst_LIBRARIES += libdaemon.a
libdaemon_a_SOURCES = \
	src/daemon/daemon.c src/daemon/daemon.h src/daemon/daemon_int.h \
	src/daemon/daemon_ckpt.c \
	src/daemon/daemon_conf.c src/daemon/daemon_conf.h \
	src/daemon/daemon_datadir.c src/daemon/daemon_notify.c \
	src/daemon/daemon_pidfile.c src/daemon/daemon_privs.c \
	src/daemon/daemon_signal.c
DAEMON_LIBS = libdaemon.a libapi.a libhub.a libedge.a libgraphql.a $(STORE_LIBS) \
	$(ONIONMSG_LIBS) $(LWS_LIBS) $(JANSSON_LIBS)

sbin_PROGRAMS += onionmsgd
onionmsgd_SOURCES = src/onionmsgd.c
onionmsgd_LDADD = $(DAEMON_LIBS) $(COMMON_LIBS)

# The option engine's Check suite (it also checks onionmsgd's own table).
check_PROGRAMS += tests/unit/test_conf
TESTS += tests/unit/test_conf
tests_unit_test_conf_SOURCES = tests/unit/test_conf.c
tests_unit_test_conf_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_conf_LDADD = libdaemon.a $(COMMON_LIBS) $(UNIT_LIBS)

# The configuration file parser's fuzz target (see tests/fuzz/local.mk).
check_PROGRAMS += tests/fuzz/replay_conf
TESTS += tests/fuzz/replay_conf
tests_fuzz_replay_conf_SOURCES = tests/fuzz/fuzz_conf.c tests/fuzz/replay.c
tests_fuzz_replay_conf_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFUZZ_CORPUS='"$(abs_top_srcdir)/tests/fuzz/corpus/conf"'
tests_fuzz_replay_conf_LDADD = libdaemon.a $(COMMON_LIBS)
EXTRA_DIST += tests/fuzz/corpus/conf
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_conf
tests_fuzz_fuzz_conf_SOURCES = tests/fuzz/fuzz_conf.c
tests_fuzz_fuzz_conf_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_conf_LDADD = libdaemon.a $(COMMON_LIBS)
endif
