# tests/graphql: rules (see the top-level Makefile.am).
