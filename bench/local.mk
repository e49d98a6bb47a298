# bench: rules (see the top-level Makefile.am).

# The store's throughput; run by hand (./bench/store_bench), not a test.
noinst_PROGRAMS += bench/store_bench
bench_store_bench_SOURCES = bench/store_bench.c
bench_store_bench_LDADD = $(STORE_LIBS) $(COMMON_LIBS)

# The API load tool (bench/README.md, "Load benchmark"); run by hand or by
# bench/run_load_bench.sh, not a test.
noinst_PROGRAMS += bench/loadgen
bench_loadgen_SOURCES = bench/loadgen.c bench/loadgen.h bench/loadgen_hist.c \
	bench/loadgen_http.c bench/loadgen_msg.c bench/loadgen_proc.c \
	bench/loadgen_setup.c bench/loadgen_ws.c
bench_loadgen_CFLAGS = $(AM_CFLAGS) $(LWS_CFLAGS) $(CURL_CFLAGS) \
	$(JANSSON_CFLAGS) $(SODIUM_CFLAGS)
bench_loadgen_LDADD = $(ONIONMSG_LIBS) $(COMMON_LIBS) $(LWS_LIBS) \
	$(CURL_LIBS) $(JANSSON_LIBS)

# The GraphQL engine against graphql-js (bench/run_gql_bench.sh runs both
# and prints the ratios); run by hand, not a test.
noinst_PROGRAMS += bench/gql_bench
bench_gql_bench_SOURCES = bench/gql_bench.c
bench_gql_bench_LDADD = $(GRAPHQL_LIBS)
EXTRA_DIST += bench/run_gql_bench.sh

# loadgen's histogram, messages and frame readers (Check, in make check).
check_PROGRAMS += bench/loadgen_test
TESTS += bench/loadgen_test
bench_loadgen_test_SOURCES = bench/loadgen_test.c bench/loadgen.h \
	bench/loadgen_hist.c bench/loadgen_msg.c
bench_loadgen_test_CFLAGS = $(UNIT_CFLAGS) $(JANSSON_CFLAGS) $(SODIUM_CFLAGS)
bench_loadgen_test_LDADD = $(ONIONMSG_LIBS) $(COMMON_LIBS) $(JANSSON_LIBS) \
	$(UNIT_LIBS)

# The benchmark scripts and the Node.js peer travel in the tarball too.
EXTRA_DIST += bench/run_load_bench.sh bench/peer/package.json \
	bench/peer/package-lock.json bench/peer/server.mjs bench/peer/ids.mjs
