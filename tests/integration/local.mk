# tests/integration: the real onionmsgd, started on temp dirs. Each script
# speaks TAP through tests/lib.sh; daemon.subr holds the helpers for
# starting, waiting for and stopping the daemon.
ONIONMSGD_TESTS = \
	tests/integration/cli.sh \
	tests/integration/config.sh \
	tests/integration/datadir.sh \
	tests/integration/signals.sh \
	tests/integration/fulldisk.sh \
	tests/integration/contrib.sh \
	tests/integration/limits.sh
TESTS += $(ONIONMSGD_TESTS)
EXTRA_DIST += $(ONIONMSGD_TESTS) tests/integration/daemon.subr
include tests/integration/interop.mk
