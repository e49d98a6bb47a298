#!/bin/sh
# man/lint.sh: every manual page in man/ passes `mandoc -Tlint -Wwarning`
# (no warnings, no errors). One TAP line per page; skipped without mandoc.
. "${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

command -v mandoc >/dev/null 2>&1 || skip_all "mandoc is not installed"
for page in "$top_srcdir"/man/*.[1-9]; do
	[ -f "$page" ] || continue
	out=$(mandoc -Tlint -Wwarning "$page" 2>&1)
	rc=$?
	ok '[ $rc -eq 0 ] && [ -z "$out" ]' "mandoc -Tlint: ${page##*/}"
	[ -n "$out" ] && printf '%s\n' "$out" | sed 's/^/# /'
done
done_testing
