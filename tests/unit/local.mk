# tests/unit: one Check suite per module, each a TAP-reporting program.
UNIT_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
UNIT_LIBS = $(CHECK_LIBS)
EXTRA_DIST += tests/unit/unit.h

check_PROGRAMS += tests/unit/test_common
TESTS += tests/unit/test_common
tests_unit_test_common_SOURCES = tests/unit/test_common.c
tests_unit_test_common_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_common_LDADD = $(COMMON_LIBS) $(UNIT_LIBS)
