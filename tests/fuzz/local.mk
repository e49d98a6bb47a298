# tests/fuzz: libFuzzer targets. Each part declares its own targets in its
# local.mk, following this pattern (for a target "foo"):
#
#   check_PROGRAMS += tests/fuzz/replay_foo
#   TESTS += tests/fuzz/replay_foo
#   tests_fuzz_replay_foo_SOURCES = tests/fuzz/fuzz_foo.c tests/fuzz/replay.c
#   tests_fuzz_replay_foo_CPPFLAGS = $(AM_CPPFLAGS) \
#	    -DFUZZ_CORPUS='"$(abs_top_srcdir)/tests/fuzz/corpus/foo"'
#   tests_fuzz_replay_foo_LDADD = libpart.a $(COMMON_LIBS) ...
#   EXTRA_DIST += tests/fuzz/corpus/foo
#   if FUZZING
#   noinst_PROGRAMS += tests/fuzz/fuzz_foo
#   tests_fuzz_fuzz_foo_SOURCES = tests/fuzz/fuzz_foo.c
#   tests_fuzz_fuzz_foo_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
#   tests_fuzz_fuzz_foo_LDADD = libpart.a $(COMMON_LIBS) ...
#   endif
#
# The replay program runs the saved corpus tests/fuzz/corpus/foo/ in
# `make check`; the libFuzzer binary (configure CC=clang --enable-fuzzing)
# explores: ./tests/fuzz/fuzz_foo -max_total_time=600 corpus-dir
EXTRA_DIST += tests/fuzz/replay.c tests/lib.sh
