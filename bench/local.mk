# bench: rules (see the top-level Makefile.am).

# The store's throughput; run by hand (./bench/store_bench), not a test.
noinst_PROGRAMS += bench/store_bench
bench_store_bench_SOURCES = bench/store_bench.c
bench_store_bench_LDADD = $(STORE_LIBS) $(COMMON_LIBS)
