# tests/integration: rules (see the top-level Makefile.am).
