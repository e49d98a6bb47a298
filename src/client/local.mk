# src/client: libonionmsg, the client library the node and clients share
# (addresses, keys, mailbox ids, proofs, tokens). It stands alone: libsodium
# only, never libcommon.a. Two builds of the same sources:
#  - libonionmsg.la: the installed shared library, hidden visibility, only
#    the OM_API declarations of include/onionmsg/ exported (pkg-config
#    onionmsg);
#  - libonionmsg_internal.a: a static copy with every symbol, for the
#    daemon (LDADD = libonionmsg_internal.a $(SODIUM_LIBS)) and the tests.
ONIONMSG_SOURCES = \
	src/client/om_address.c \
	src/client/om_base32.c src/client/om_base32.h \
	src/client/om_base64.c \
	src/client/om_envelope.c \
	src/client/om_init.c \
	src/client/om_internal.h \
	src/client/om_key.c \
	src/client/om_mailbox.c \
	src/client/om_onion.c \
	src/client/om_proof.c \
	src/client/om_sha3.c src/client/om_sha3.h \
	src/client/om_token.c

onionmsgincludedir = $(includedir)/onionmsg
onionmsginclude_HEADERS = \
	include/onionmsg/address.h \
	include/onionmsg/base64.h \
	include/onionmsg/defs.h \
	include/onionmsg/envelope.h \
	include/onionmsg/key.h \
	include/onionmsg/mailbox.h \
	include/onionmsg/onion.h \
	include/onionmsg/onionmsg.h \
	include/onionmsg/proof.h \
	include/onionmsg/token.h

lib_LTLIBRARIES += libonionmsg.la
libonionmsg_la_SOURCES = $(ONIONMSG_SOURCES)
libonionmsg_la_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS) -fvisibility=hidden
libonionmsg_la_LIBADD = $(SODIUM_LIBS)
libonionmsg_la_LDFLAGS = $(AM_LDFLAGS) -no-undefined -version-info 0:0:0

noinst_LIBRARIES += libonionmsg_internal.a
libonionmsg_internal_a_SOURCES = $(ONIONMSG_SOURCES)
libonionmsg_internal_a_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
ONIONMSG_LIBS = libonionmsg_internal.a $(SODIUM_LIBS)

# Unit tests: internals through the static copy.
check_PROGRAMS += tests/unit/test_client_sha3
TESTS += tests/unit/test_client_sha3
tests_unit_test_client_sha3_SOURCES = tests/unit/test_client_sha3.c
tests_unit_test_client_sha3_CFLAGS = $(UNIT_CFLAGS) $(SODIUM_CFLAGS)
tests_unit_test_client_sha3_LDADD = $(ONIONMSG_LIBS) $(UNIT_LIBS)

check_PROGRAMS += tests/unit/test_client_base64
TESTS += tests/unit/test_client_base64
tests_unit_test_client_base64_SOURCES = tests/unit/test_client_base64.c
tests_unit_test_client_base64_CFLAGS = $(UNIT_CFLAGS) $(SODIUM_CFLAGS)
tests_unit_test_client_base64_LDADD = $(ONIONMSG_LIBS) $(UNIT_LIBS)

check_PROGRAMS += tests/unit/test_onion
TESTS += tests/unit/test_onion
tests_unit_test_onion_SOURCES = tests/unit/test_onion.c
tests_unit_test_onion_CFLAGS = $(UNIT_CFLAGS) $(SODIUM_CFLAGS)
tests_unit_test_onion_LDADD = $(ONIONMSG_LIBS) $(UNIT_LIBS)

check_PROGRAMS += tests/unit/test_client_mailbox
TESTS += tests/unit/test_client_mailbox
tests_unit_test_client_mailbox_SOURCES = tests/unit/test_client_mailbox.c
tests_unit_test_client_mailbox_CFLAGS = $(UNIT_CFLAGS) $(SODIUM_CFLAGS)
tests_unit_test_client_mailbox_LDADD = $(ONIONMSG_LIBS) $(UNIT_LIBS)

check_PROGRAMS += tests/unit/test_client_proof
TESTS += tests/unit/test_client_proof
tests_unit_test_client_proof_SOURCES = tests/unit/test_client_proof.c
tests_unit_test_client_proof_CFLAGS = $(UNIT_CFLAGS) $(SODIUM_CFLAGS)
tests_unit_test_client_proof_LDADD = $(ONIONMSG_LIBS) $(UNIT_LIBS)

check_PROGRAMS += tests/unit/test_token
TESTS += tests/unit/test_token
tests_unit_test_token_SOURCES = tests/unit/test_token.c
tests_unit_test_token_CFLAGS = $(UNIT_CFLAGS) $(SODIUM_CFLAGS)
tests_unit_test_token_LDADD = $(ONIONMSG_LIBS) $(UNIT_LIBS)

# The man page's vectors, through the shared library and public API only.
check_PROGRAMS += tests/unit/test_client_vectors
TESTS += tests/unit/test_client_vectors
tests_unit_test_client_vectors_SOURCES = tests/unit/test_client_vectors.c
tests_unit_test_client_vectors_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_client_vectors_LDADD = libonionmsg.la $(UNIT_LIBS)

# The protocol reference; its vectors are checked by test_client_vectors.
dist_man_MANS += man/onionmsg.7

# Fuzz targets (see tests/fuzz/local.mk): the saved corpora are replayed in
# `make check`; configure CC=clang --enable-fuzzing builds libFuzzer ones.
check_PROGRAMS += tests/fuzz/replay_address tests/fuzz/replay_token
TESTS += tests/fuzz/replay_address tests/fuzz/replay_token
tests_fuzz_replay_address_SOURCES = tests/fuzz/fuzz_address.c tests/fuzz/replay.c
tests_fuzz_replay_address_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFUZZ_CORPUS='"$(abs_top_srcdir)/tests/fuzz/corpus/address"'
tests_fuzz_replay_address_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
tests_fuzz_replay_address_LDADD = $(ONIONMSG_LIBS) $(COMMON_LIBS)
tests_fuzz_replay_token_SOURCES = tests/fuzz/fuzz_token.c tests/fuzz/replay.c
tests_fuzz_replay_token_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFUZZ_CORPUS='"$(abs_top_srcdir)/tests/fuzz/corpus/token"'
tests_fuzz_replay_token_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
tests_fuzz_replay_token_LDADD = $(ONIONMSG_LIBS) $(COMMON_LIBS)
EXTRA_DIST += tests/fuzz/corpus/address tests/fuzz/corpus/token
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_address tests/fuzz/fuzz_token
tests_fuzz_fuzz_address_SOURCES = tests/fuzz/fuzz_address.c
tests_fuzz_fuzz_address_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
tests_fuzz_fuzz_address_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_address_LDADD = $(ONIONMSG_LIBS)
tests_fuzz_fuzz_token_SOURCES = tests/fuzz/fuzz_token.c
tests_fuzz_fuzz_token_CFLAGS = $(AM_CFLAGS) $(SODIUM_CFLAGS)
tests_fuzz_fuzz_token_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_token_LDADD = $(ONIONMSG_LIBS)
endif

check_PROGRAMS += tests/unit/test_client_envelope
TESTS += tests/unit/test_client_envelope
tests_unit_test_client_envelope_SOURCES = tests/unit/test_client_envelope.c
tests_unit_test_client_envelope_CFLAGS = $(UNIT_CFLAGS) $(SODIUM_CFLAGS)
tests_unit_test_client_envelope_LDADD = $(ONIONMSG_LIBS) $(UNIT_LIBS)
