# tests/fuzz: rules (see the top-level Makefile.am).
