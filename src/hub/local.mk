# src/hub: rules for this part (see the top-level Makefile.am).
# The hub: subscription followers by mailbox, woken after commits, and the
# per-run payload cache (src/hub/hub.h).
noinst_LIBRARIES += libhub.a
libhub_a_SOURCES = src/hub/hub.c src/hub/hub.h

# Subscriptions against the real daemon (curl; node + graphql-ws for most).
HUB_TESTS = tests/integration/api_subscribe.sh
TESTS += $(HUB_TESTS)
EXTRA_DIST += $(HUB_TESTS) tests/integration/api_subscribe.mjs

check_PROGRAMS += tests/unit/test_hub
TESTS += tests/unit/test_hub
tests_unit_test_hub_SOURCES = tests/unit/test_hub.c
tests_unit_test_hub_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_hub_LDADD = libhub.a $(COMMON_LIBS) $(UNIT_LIBS)
