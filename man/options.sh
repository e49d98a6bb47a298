#!/bin/sh
# man/options.sh: onionmsgd's option table (dumped by man/options_dump,
# linked with src/daemon/daemon_conf.c) against its documentation:
#   - onionmsgd.8 has ".It Fl -NAME" for every option, with its default in
#     that paragraph, and names no flag the table lacks; so does its
#     SYNOPSIS;
#   - onionmsgd.conf.5 has ".It Cm KEY" for every file key, with its
#     default, and no key the table lacks;
#   - contrib/onionmsgd.conf.sample has "#KEY DEFAULT" for every file key
#     and no other key, and parses;
#   - onionmsgd --help lists every option.
. "${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}/tests/lib.sh"

man8=$top_srcdir/man/onionmsgd.8
man5=$top_srcdir/man/onionmsgd.conf.5
sample=$top_srcdir/contrib/onionmsgd.conf.sample
dump=$top_builddir/man/options_dump
table=$T_TMP/table

"$dump" >"$table" 2>"$T_TMP/dump.err"
ok '[ $? -eq 0 ] && [ -s "$table" ]' "the option table dumps"
[ -s "$table" ] || done_testing

# paragraph FILE MACRO NAME: the lines of the list item ".It MACRO NAME".
paragraph() {
	awk -v head="$2" -v name="$3" '
		$1 == ".It" && $2 == head {
			n = $3; sub(/^-/, "", n); on = (n == name); next
		}
		/^\.(It|El)( |$)/ { on = 0 }
		on { print }' "$1"
}

# --help, once.
"$ONIONMSGD" --help >"$T_TMP/help" 2>&1

while IFS='	' read -r name type scope def; do
	ok 'grep -Eq "^\.It Fl -$name( |\$)" "$man8"' \
	    "onionmsgd.8 documents --$name"
	ok 'sed -n "/^\.Sh SYNOPSIS/,/^\.Sh /p" "$man8" |
	    grep -Eq "Fl -$name( |\$)"' "onionmsgd.8 SYNOPSIS names --$name"
	ok 'grep -Eq "^  --$name( |\$)" "$T_TMP/help"' "--help lists --$name"
	if [ "$def" != "-" ]; then
		ok 'paragraph "$man8" Fl "$name" | grep -Fq -- "$def"' \
		    "onionmsgd.8 gives the default of --$name ($def)"
	fi
	[ "$scope" = file ] || continue
	ok 'grep -Eq "^\.It Cm $name( |\$)" "$man5"' \
	    "onionmsgd.conf.5 documents key $name"
	if [ "$def" != "-" ]; then
		ok 'paragraph "$man5" Cm "$name" | grep -Fq -- "$def"' \
		    "onionmsgd.conf.5 gives the default of $name ($def)"
		ok 'grep -Fxq -- "#$name $def" "$sample"' \
		    "the sample has \"#$name $def\""
	else
		ok 'grep -Eq "^#$name( |\$)" "$sample"' \
		    "the sample has key $name"
	fi
done <"$table"

# The other way: nothing documented that does not exist.
cut -f1 "$table" | sort >"$T_TMP/names"
awk '$3 == "file" { print $1 }' "$table" | sort >"$T_TMP/keys"
grep -v '^\.\\"' "$man8" | grep -Eo 'Fl -[a-z][a-z0-9-]*' |
    sed 's/^Fl -//' | sort -u |
    comm -23 - "$T_TMP/names" >"$T_TMP/extra8"
ok '[ ! -s "$T_TMP/extra8" ]' "onionmsgd.8 names no flag the table lacks" \
    "$(tr '\n' ' ' <"$T_TMP/extra8")"
grep -E '^\.It Cm ' "$man5" | awk '{ print $3 }' | sort -u |
    comm -23 - "$T_TMP/keys" >"$T_TMP/extra5"
ok '[ ! -s "$T_TMP/extra5" ]' "onionmsgd.conf.5 lists no key the table lacks" \
    "$(tr '\n' ' ' <"$T_TMP/extra5")"
grep -Eo '^#[a-z][a-z0-9-]*' "$sample" | sed 's/^#//' | sort -u |
    comm -23 - "$T_TMP/keys" >"$T_TMP/extras"
ok '[ ! -s "$T_TMP/extras" ]' "the sample has no key the table lacks" \
    "$(tr '\n' ' ' <"$T_TMP/extras")"

# The sample parses: as shipped (all defaults), and with every setting
# uncommented (but user, which must exist on this machine).
"$ONIONMSGD" --check-config >"$T_TMP/defaults" 2>&1
"$ONIONMSGD" --config "$sample" --check-config >"$T_TMP/asis" 2>&1
ok '[ $? -eq 0 ] && cmp -s "$T_TMP/defaults" "$T_TMP/asis"' \
    "the sample as shipped parses and changes nothing"
sed -e 's/^#\([a-z]\)/\1/' -e '/^user /d' "$sample" >"$T_TMP/on.conf"
"$ONIONMSGD" --config "$T_TMP/on.conf" --check-config >"$T_TMP/on" 2>&1
ok '[ $? -eq 0 ]' "the sample with every setting uncommented parses"
done_testing
