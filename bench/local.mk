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
