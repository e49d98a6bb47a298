# src/graphql: the GraphQL engine: lexer, parser, AST, schema (front half);
# validation, execution, introspection (back half). One library,
# libgraphql.a; link it before $(COMMON_LIBS).
#
# Each engineer keeps their own block below: append sources to
# libgraphql_a_SOURCES with "+=" and tests with their own lines.
noinst_LIBRARIES += libgraphql.a
GRAPHQL_LIBS = libgraphql.a $(COMMON_LIBS)

# Front half: lexer, parser, AST, arena, errors, schema from SDL.
libgraphql_a_SOURCES = \
	src/graphql/gql_arena.c src/graphql/gql_arena.h \
	src/graphql/gql_error.c src/graphql/gql_error.h \
	src/graphql/gql_ast.c src/graphql/gql_ast.h src/graphql/gql_ast_print.c \
	src/graphql/gql_lex.c src/graphql/gql_lex.h \
	src/graphql/gql_parse.c src/graphql/gql_parse.h \
	src/graphql/gql_schema.c src/graphql/gql_schema.h \
	src/graphql/gql_schema_build.c src/graphql/gql_schema_builtin.c \
	src/graphql/gql_schema_check.c src/graphql/gql_schema_int.h \
	src/graphql/gql_schema_print.c

# Back half: execution, coercion, introspection, responses.
libgraphql_a_SOURCES += \
	src/graphql/gql_value.c src/graphql/gql_value.h \
	src/graphql/gql_json.c src/graphql/gql_json.h \
	src/graphql/gql_coerce.c src/graphql/gql_coerce.h \
	src/graphql/gql_coerce_scalar.c \
	src/graphql/gql_exec.c src/graphql/gql_exec.h \
	src/graphql/gql_exec_int.h src/graphql/gql_exec_collect.c \
	src/graphql/gql_exec_complete.c src/graphql/gql_result.c \
	src/graphql/gql_exec_sub.c src/graphql/gql_exec_prep.c \
	src/graphql/gql_bind.c \
	src/graphql/gql_introspect.c \
	src/graphql/gql_scalar.c src/graphql/gql_scalar.h

# Back half: execution unit tests.
check_PROGRAMS += tests/unit/test_gql_exec tests/unit/test_gql_coerce \
	tests/unit/test_gql_introspect
TESTS += tests/unit/test_gql_exec tests/unit/test_gql_coerce \
	tests/unit/test_gql_introspect
tests_unit_test_gql_exec_SOURCES = tests/unit/test_gql_exec.c
tests_unit_test_gql_exec_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_gql_exec_LDADD = $(GRAPHQL_LIBS) $(UNIT_LIBS)
tests_unit_test_gql_coerce_SOURCES = tests/unit/test_gql_coerce.c
tests_unit_test_gql_coerce_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_gql_coerce_LDADD = $(GRAPHQL_LIBS) $(UNIT_LIBS)
tests_unit_test_gql_introspect_SOURCES = tests/unit/test_gql_introspect.c
tests_unit_test_gql_introspect_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_gql_introspect_LDADD = $(GRAPHQL_LIBS) $(UNIT_LIBS)

# Back half: fuzz target parse + validate + execute (replayed in make
# check; libFuzzer with --enable-fuzzing).
check_PROGRAMS += tests/fuzz/replay_gql_execute
TESTS += tests/fuzz/replay_gql_execute
tests_fuzz_replay_gql_execute_SOURCES = tests/fuzz/fuzz_gql_execute.c \
	tests/fuzz/replay.c
tests_fuzz_replay_gql_execute_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFUZZ_CORPUS='"$(abs_top_srcdir)/tests/fuzz/corpus/gql_execute"'
tests_fuzz_replay_gql_execute_LDADD = $(GRAPHQL_LIBS)
EXTRA_DIST += tests/fuzz/corpus/gql_execute
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_gql_execute
tests_fuzz_fuzz_gql_execute_SOURCES = tests/fuzz/fuzz_gql_execute.c
tests_fuzz_fuzz_gql_execute_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_gql_execute_LDADD = $(GRAPHQL_LIBS)
endif

# The Base64 scalar against libsodium's decoder (replayed in make check).
check_PROGRAMS += tests/fuzz/replay_gql_scalar
TESTS += tests/fuzz/replay_gql_scalar
tests_fuzz_replay_gql_scalar_SOURCES = tests/fuzz/fuzz_gql_scalar.c \
	tests/fuzz/replay.c
tests_fuzz_replay_gql_scalar_CPPFLAGS = $(AM_CPPFLAGS) $(SODIUM_CFLAGS) \
	-DFUZZ_CORPUS='"$(abs_top_srcdir)/tests/fuzz/corpus/gql_scalar"'
tests_fuzz_replay_gql_scalar_LDADD = $(GRAPHQL_LIBS) $(SODIUM_LIBS)
EXTRA_DIST += tests/fuzz/corpus/gql_scalar
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_gql_scalar
tests_fuzz_fuzz_gql_scalar_SOURCES = tests/fuzz/fuzz_gql_scalar.c
tests_fuzz_fuzz_gql_scalar_CPPFLAGS = $(AM_CPPFLAGS) $(SODIUM_CFLAGS)
tests_fuzz_fuzz_gql_scalar_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_gql_scalar_LDADD = $(GRAPHQL_LIBS) $(SODIUM_LIBS)
endif

# Front half: unit tests.
check_PROGRAMS += tests/unit/test_gql_lex
TESTS += tests/unit/test_gql_lex
tests_unit_test_gql_lex_SOURCES = tests/unit/test_gql_lex.c
tests_unit_test_gql_lex_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_gql_lex_LDADD = $(GRAPHQL_LIBS) $(UNIT_LIBS)

check_PROGRAMS += tests/unit/test_gql_parse
TESTS += tests/unit/test_gql_parse
tests_unit_test_gql_parse_SOURCES = tests/unit/test_gql_parse.c
tests_unit_test_gql_parse_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_gql_parse_LDADD = $(GRAPHQL_LIBS) $(UNIT_LIBS)

check_PROGRAMS += tests/unit/test_gql_schema
TESTS += tests/unit/test_gql_schema
tests_unit_test_gql_schema_SOURCES = tests/unit/test_gql_schema.c
tests_unit_test_gql_schema_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_gql_schema_LDADD = $(GRAPHQL_LIBS) $(UNIT_LIBS)
EXTRA_DIST += src/api/schema.graphql

# Front half: fuzz target (replayed in make check; libFuzzer with
# --enable-fuzzing).
check_PROGRAMS += tests/fuzz/replay_gql_parse
TESTS += tests/fuzz/replay_gql_parse
tests_fuzz_replay_gql_parse_SOURCES = tests/fuzz/fuzz_gql_parse.c \
	tests/fuzz/replay.c
tests_fuzz_replay_gql_parse_CPPFLAGS = $(AM_CPPFLAGS) \
	-DFUZZ_CORPUS='"$(abs_top_srcdir)/tests/fuzz/corpus/gql_parse"'
tests_fuzz_replay_gql_parse_LDADD = $(GRAPHQL_LIBS)
EXTRA_DIST += tests/fuzz/corpus/gql_parse
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_gql_parse
tests_fuzz_fuzz_gql_parse_SOURCES = tests/fuzz/fuzz_gql_parse.c
tests_fuzz_fuzz_gql_parse_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
tests_fuzz_fuzz_gql_parse_LDADD = $(GRAPHQL_LIBS)
endif

# Back half: validation (gql_validate*.c).
libgraphql_a_SOURCES += \
	src/graphql/gql_validate.c src/graphql/gql_validate.h \
	src/graphql/gql_validate_int.h src/graphql/gql_validate_map.c \
	src/graphql/gql_validate_walk.c src/graphql/gql_validate_print.c \
	src/graphql/gql_validate_ops.c src/graphql/gql_validate_fields.c \
	src/graphql/gql_validate_fragments.c \
	src/graphql/gql_validate_variables.c \
	src/graphql/gql_validate_directives.c src/graphql/gql_validate_args.c \
	src/graphql/gql_validate_values.c src/graphql/gql_validate_merge.c \
	src/graphql/gql_validate_limits.c \
	src/graphql/gql_cache.c src/graphql/gql_cache.h

# Back half: validation unit tests.
check_PROGRAMS += tests/unit/test_gql_validate
TESTS += tests/unit/test_gql_validate
tests_unit_test_gql_validate_SOURCES = tests/unit/test_gql_validate.c
EXTRA_DIST += tests/unit/test_gql_validate_cases.c
tests_unit_test_gql_validate_CFLAGS = $(UNIT_CFLAGS) $(JANSSON_CFLAGS)
tests_unit_test_gql_validate_LDADD = $(GRAPHQL_LIBS) $(UNIT_LIBS) \
	$(JANSSON_LIBS)

check_PROGRAMS += tests/unit/test_gql_cache
TESTS += tests/unit/test_gql_cache
tests_unit_test_gql_cache_SOURCES = tests/unit/test_gql_cache.c
tests_unit_test_gql_cache_CFLAGS = $(UNIT_CFLAGS)
tests_unit_test_gql_cache_LDADD = $(GRAPHQL_LIBS) $(UNIT_LIBS)
