# tests/graphql: the differential test of the GraphQL engine against
# graphql-js (see tests/graphql/README.md).  reference.sh checks that the
# corpus still gives the committed snapshot under the pinned graphql-js;
# difftest.sh compares the C side with it and skips until the C program
# tests/graphql/gql_difftest (built from gql_difftest.c, added here by the
# execution engineer as a check_PROGRAMS entry) exists.  Both skip without
# node or without tests/interop/node_modules (npm ci).
TESTS += tests/graphql/reference.sh tests/graphql/difftest.sh
EXTRA_DIST += tests/graphql/README.md tests/graphql/schema.graphql \
	tests/graphql/data.json tests/graphql/expected.jsonl \
	tests/graphql/reference.mjs tests/graphql/compare.mjs \
	tests/graphql/reference.sh tests/graphql/difftest.sh \
	tests/graphql/corpus \
	tests/interop/package.json tests/interop/package-lock.json
# The graphql-js benchmark and the documents it shares with bench/gql_bench.c
# (listed here to keep them with the rest of the graphql-js tooling).
EXTRA_DIST += bench/gql_bench_js.mjs bench/gql_docs

# The C side of the differential test (execution engineer): parse,
# validate and execute each corpus document with the engine, one result
# line each (README.md, "The C program").
check_PROGRAMS += tests/graphql/gql_difftest
tests_graphql_gql_difftest_SOURCES = tests/graphql/gql_difftest.c
tests_graphql_gql_difftest_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_graphql_gql_difftest_LDADD = $(GRAPHQL_LIBS) $(JANSSON_LIBS) -lm
