# src/store: the SQLite store (libstore.a). Users link
# $(STORE_LIBS) $(COMMON_LIBS).
noinst_LIBRARIES += libstore.a
libstore_a_SOURCES = \
	src/store/store.c src/store/store.h src/store/store_int.h \
	src/store/store_mailbox.c src/store/store_message.c \
	src/store/store_batch.c src/store/store_outbox.c \
	src/store/store_node.c src/store/store_recent.c \
	src/store/store_vfs.c
libstore_a_CFLAGS = $(AM_CFLAGS) $(SQLITE_CFLAGS)
STORE_LIBS = libstore.a $(SQLITE_LIBS)

check_PROGRAMS += tests/unit/test_store
TESTS += tests/unit/test_store
tests_unit_test_store_SOURCES = tests/unit/test_store.c
tests_unit_test_store_CFLAGS = $(UNIT_CFLAGS) $(SQLITE_CFLAGS)
tests_unit_test_store_LDADD = $(STORE_LIBS) $(COMMON_LIBS) $(UNIT_LIBS)

check_PROGRAMS += tests/unit/test_store_message
TESTS += tests/unit/test_store_message
tests_unit_test_store_message_SOURCES = tests/unit/test_store_message.c
tests_unit_test_store_message_CFLAGS = $(UNIT_CFLAGS) $(SQLITE_CFLAGS)
tests_unit_test_store_message_LDADD = $(STORE_LIBS) $(COMMON_LIBS) $(UNIT_LIBS)

check_PROGRAMS += tests/unit/test_store_outbox
TESTS += tests/unit/test_store_outbox
tests_unit_test_store_outbox_SOURCES = tests/unit/test_store_outbox.c
tests_unit_test_store_outbox_CFLAGS = $(UNIT_CFLAGS) $(SQLITE_CFLAGS)
tests_unit_test_store_outbox_LDADD = $(STORE_LIBS) $(COMMON_LIBS) $(UNIT_LIBS)
