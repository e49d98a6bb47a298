# tests/integration/interop.mk: the real onionmsgd against curl, npm
# clients (tests/interop/*.mjs), end-to-end scenarios and the hostile
# input catalogue (tests/integration/hostile/*.json). Included from
# tests/integration/local.mk.
INTEROP_TESTS = \
	tests/integration/interop_curl.sh \
	tests/integration/interop_clients.sh \
	tests/integration/e2e_scenarios.sh \
	tests/integration/hostile.sh
TESTS += $(INTEROP_TESTS)
EXTRA_DIST += $(INTEROP_TESTS) tests/integration/interop_lib.sh \
	tests/interop/lib.mjs tests/interop/clients.mjs tests/interop/AUDIT.md \
	tests/interop/e2e.mjs tests/interop/hostile.mjs \
	tests/integration/hostile
