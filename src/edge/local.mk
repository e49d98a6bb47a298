# src/edge: rules for this part (see the top-level Makefile.am).
noinst_LIBRARIES += libedge.a
libedge_a_SOURCES = \
	src/edge/edge.c src/edge/edge.h src/edge/edge_int.h \
	src/edge/edge_accept.c \
	src/edge/edge_config.c \
	src/edge/edge_front.c \
	src/edge/edge_head.c src/edge/edge_head.h \
	src/edge/edge_http.c \
	src/edge/edge_json.c src/edge/edge_json.h \
	src/edge/edge_linger.c \
	src/edge/edge_op.c \
	src/edge/edge_raw.c \
	src/edge/edge_request.c src/edge/edge_request.h \
	src/edge/edge_sendq.c \
	src/edge/edge_timer.c \
	src/edge/edge_ws.c \
	src/edge/edge_wsmsg.c src/edge/edge_wsmsg.h
libedge_a_CFLAGS = $(AM_CFLAGS) $(LWS_CFLAGS) $(JANSSON_CFLAGS)
EDGE_LIBS = libedge.a $(COMMON_LIBS) $(LWS_LIBS) $(JANSSON_LIBS)

# The cross-thread queue lives in libcommon; its test is the edge's.
check_PROGRAMS += tests/unit/test_mq
TESTS += tests/unit/test_mq
tests_unit_test_mq_SOURCES = tests/unit/test_mq.c
tests_unit_test_mq_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_mq_LDADD = $(COMMON_LIBS) $(UNIT_LIBS)

# The integration harness: a daemon with the test handler, and scripts.
EDGE_TEST_CFLAGS = $(AM_CFLAGS) $(LWS_CFLAGS) $(JANSSON_CFLAGS)
check_PROGRAMS += tests/edge/edge_testd
tests_edge_edge_testd_SOURCES = tests/edge/edge_testd.c \
	tests/edge/test_handler.c tests/edge/test_handler.h
tests_edge_edge_testd_CFLAGS = $(EDGE_TEST_CFLAGS)
tests_edge_edge_testd_LDADD = $(EDGE_LIBS)

# In-process suites: the edge with the test handler, raw-socket clients.
EDGE_HARNESS = tests/edge/harness.c tests/edge/harness.h \
	tests/edge/test_handler.c tests/edge/test_handler.h \
	tests/edge/wsc.c tests/edge/wsc.h
EDGE_UNIT_CFLAGS = $(UNIT_CFLAGS) $(LWS_CFLAGS) $(JANSSON_CFLAGS) \
	-I$(top_srcdir)/tests/edge
check_PROGRAMS += tests/unit/test_edge_ws
TESTS += tests/unit/test_edge_ws
tests_unit_test_edge_ws_SOURCES = tests/unit/test_edge_ws.c $(EDGE_HARNESS)
tests_unit_test_edge_ws_CFLAGS = $(EDGE_UNIT_CFLAGS)
tests_unit_test_edge_ws_LDADD = $(EDGE_LIBS) $(UNIT_LIBS)
check_PROGRAMS += tests/unit/test_edge_http
TESTS += tests/unit/test_edge_http
tests_unit_test_edge_http_SOURCES = tests/unit/test_edge_http.c $(EDGE_HARNESS)
tests_unit_test_edge_http_CFLAGS = $(EDGE_UNIT_CFLAGS)
tests_unit_test_edge_http_LDADD = $(EDGE_LIBS) $(UNIT_LIBS)

# The pure parsers: no sockets, no lws.
EDGE_PURE_LIBS = libedge.a $(COMMON_LIBS) $(JANSSON_LIBS)
check_PROGRAMS += tests/unit/test_edge_request
TESTS += tests/unit/test_edge_request
tests_unit_test_edge_request_SOURCES = tests/unit/test_edge_request.c
tests_unit_test_edge_request_CFLAGS = $(UNIT_CFLAGS) $(JANSSON_CFLAGS)
tests_unit_test_edge_request_LDADD = $(EDGE_PURE_LIBS) $(UNIT_LIBS)
check_PROGRAMS += tests/unit/test_edge_wsmsg
TESTS += tests/unit/test_edge_wsmsg
tests_unit_test_edge_wsmsg_SOURCES = tests/unit/test_edge_wsmsg.c
tests_unit_test_edge_wsmsg_CFLAGS = $(UNIT_CFLAGS) $(JANSSON_CFLAGS)
tests_unit_test_edge_wsmsg_LDADD = $(EDGE_PURE_LIBS) $(UNIT_LIBS)
check_PROGRAMS += tests/unit/test_edge_config
TESTS += tests/unit/test_edge_config
tests_unit_test_edge_config_SOURCES = tests/unit/test_edge_config.c \
	$(EDGE_HARNESS)
tests_unit_test_edge_config_CFLAGS = $(EDGE_UNIT_CFLAGS)
tests_unit_test_edge_config_LDADD = $(EDGE_LIBS) $(UNIT_LIBS)

# Fuzz targets (see tests/fuzz/local.mk): saved corpora replay in `make check`.
check_PROGRAMS += tests/fuzz/replay_http_request tests/fuzz/replay_ws_message
TESTS += tests/fuzz/replay_http_request tests/fuzz/replay_ws_message
tests_fuzz_replay_http_request_SOURCES = tests/fuzz/fuzz_http_request.c \
	tests/fuzz/replay.c
tests_fuzz_replay_http_request_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFUZZ_CORPUS='"$(abs_top_srcdir)/tests/fuzz/corpus/http_request"'
tests_fuzz_replay_http_request_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_fuzz_replay_http_request_LDADD = $(EDGE_PURE_LIBS)
tests_fuzz_replay_ws_message_SOURCES = tests/fuzz/fuzz_ws_message.c \
	tests/fuzz/replay.c
tests_fuzz_replay_ws_message_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFUZZ_CORPUS='"$(abs_top_srcdir)/tests/fuzz/corpus/ws_message"'
tests_fuzz_replay_ws_message_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_fuzz_replay_ws_message_LDADD = $(EDGE_PURE_LIBS)
EXTRA_DIST += tests/fuzz/corpus/http_request tests/fuzz/corpus/ws_message
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_http_request tests/fuzz/fuzz_ws_message
tests_fuzz_fuzz_http_request_SOURCES = tests/fuzz/fuzz_http_request.c
tests_fuzz_fuzz_http_request_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_fuzz_fuzz_http_request_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_http_request_LDADD = $(EDGE_PURE_LIBS)
tests_fuzz_fuzz_ws_message_SOURCES = tests/fuzz/fuzz_ws_message.c
tests_fuzz_fuzz_ws_message_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_fuzz_fuzz_ws_message_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_ws_message_LDADD = $(EDGE_PURE_LIBS)
endif

# Scripts: curl and the npm clients against edge_testd.
TESTS += tests/edge/http.sh tests/edge/ws_protocol.sh tests/edge/clients.sh
EXTRA_DIST += tests/edge/edge_lib.sh tests/edge/http.sh \
	tests/edge/ws_protocol.sh tests/edge/clients.sh \
	tests/edge/ws_protocol.cjs tests/edge/clients.cjs
