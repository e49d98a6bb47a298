# src/store: the SQLite store (libstore.a). Users link
# $(STORE_LIBS) $(COMMON_LIBS).
noinst_LIBRARIES += libstore.a
libstore_a_SOURCES = \
	src/store/store.c src/store/store.h src/store/store_int.h
libstore_a_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
STORE_LIBS = libstore.a $(SQLITE_LIBS)
