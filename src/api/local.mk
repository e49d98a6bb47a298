# src/api: rules for this part (see the top-level Makefile.am).
# omtool: keys, proofs and tokens from seeds for the shell tests (and the
# interop tests); see the comment at the top of tests/integration/omtool.c.
check_PROGRAMS += tests/integration/omtool
tests_integration_omtool_SOURCES = tests/integration/omtool.c
tests_integration_omtool_LDADD = $(ONIONMSG_LIBS)
