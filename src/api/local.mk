# src/api: rules for this part (see the top-level Makefile.am).
# omtool: keys, proofs and tokens from seeds for the shell tests (and the
# interop tests); see the comment at the top of tests/integration/omtool.c.
check_PROGRAMS += tests/integration/omtool
tests_integration_omtool_SOURCES = tests/integration/omtool.c
tests_integration_omtool_LDADD = $(ONIONMSG_LIBS)

# The API: resolvers bound to src/api/schema.graphql, embedded at build
# time as a C string (api_schema_sdl.c, generated).
noinst_LIBRARIES += libapi.a
libapi_a_SOURCES = \
	src/api/api.c src/api/api.h src/api/api_int.h \
	src/api/api_auth.c src/api/api_handler.c \
	src/api/api_resolve_node.c src/api/api_resolve_mailbox.c \
	src/api/api_resolve_message.c src/api/api_resolve_outbox.c \
	src/api/api_subscribe.c src/api/api_group.c src/api/api_notify.c \
	src/api/api_rate.c
nodist_libapi_a_SOURCES = src/api/api_schema_sdl.c
libapi_a_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS) $(LWS_CFLAGS) \
	$(SODIUM_CFLAGS) $(SQLITE_CFLAGS)
CLEANFILES += src/api/api_schema_sdl.c
EXTRA_DIST += src/api/schema.graphql
src/api/api_schema_sdl.c: $(top_srcdir)/src/api/schema.graphql
	$(AM_V_GEN)$(MKDIR_P) src/api && { \
	echo '/* Generated from src/api/schema.graphql: do not edit. */'; \
	echo 'extern const char api_schema_sdl[];'; \
	echo 'const char api_schema_sdl[] ='; \
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' \
	    $(top_srcdir)/src/api/schema.graphql; echo ';'; } > $@

# The API against the real daemon (needs omtool and curl).
API_TESTS = tests/integration/api_messages.sh \
	tests/integration/api_group_commit.sh \
	tests/integration/api_rate_limit.sh \
	tests/integration/api_lifecycle.sh
TESTS += $(API_TESTS)
EXTRA_DIST += $(API_TESTS) tests/integration/api_lifecycle.mjs

# The resolvers against a real store, and the edge with api_handler on a
# loopback port with posts from another thread (tests/edge/wsc.c speaks
# WebSocket to it).
check_PROGRAMS += tests/unit/test_api
TESTS += tests/unit/test_api
tests_unit_test_api_SOURCES = tests/unit/test_api.c \
	tests/edge/wsc.c tests/edge/wsc.h
tests_unit_test_api_CFLAGS = $(UNIT_CFLAGS) $(JANSSON_CFLAGS) \
	$(LWS_CFLAGS) $(SODIUM_CFLAGS) $(SQLITE_CFLAGS) \
	-I$(top_srcdir)/tests/edge
tests_unit_test_api_LDADD = libapi.a libhub.a libedge.a libgraphql.a \
	$(STORE_LIBS) $(ONIONMSG_LIBS) $(LWS_LIBS) $(JANSSON_LIBS) \
	$(COMMON_LIBS) $(UNIT_LIBS)
