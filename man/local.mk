# man: the manual pages (mdoc) and their tests: every page passes
# `mandoc -Tlint -Wwarning`, and onionmsgd's option table, its two pages,
# its --help and contrib/onionmsgd.conf.sample agree (man/options.sh, with
# man/options_dump printing the table it is linked with).
dist_man_MANS += man/onionmsgd.8 man/onionmsgd.conf.5

check_PROGRAMS += man/options_dump
man_options_dump_SOURCES = man/options_dump.c
man_options_dump_LDADD = libdaemon.a $(COMMON_LIBS)

TESTS += man/lint.sh man/options.sh
EXTRA_DIST += man/lint.sh man/options.sh
