# src/edge: rules for this part (see the top-level Makefile.am).

# The cross-thread queue lives in libcommon; its test is the edge's.
check_PROGRAMS += tests/unit/test_mq
TESTS += tests/unit/test_mq
tests_unit_test_mq_SOURCES = tests/unit/test_mq.c
tests_unit_test_mq_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_mq_LDADD = $(COMMON_LIBS) $(UNIT_LIBS)
