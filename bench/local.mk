# bench: rules (see the top-level Makefile.am).
