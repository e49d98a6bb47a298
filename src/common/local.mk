# src/common: logging, allocation, buffers, option tables. Everything links it.
noinst_LIBRARIES += libcommon.a
libcommon_a_SOURCES = \
	src/common/buf.c src/common/buf.h \
	src/common/conf.c src/common/conf.h \
	src/common/log.c src/common/log.h \
	src/common/mq.c src/common/mq.h \
	src/common/util.c src/common/util.h \
	src/common/xmalloc.c src/common/xmalloc.h
COMMON_LIBS = libcommon.a $(PTHREAD_LIBS)
