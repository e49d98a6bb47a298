#!/bin/sh
# tests/integration/contrib.sh: what ships for the system around onionmsgd.
# torrc.d/onionmsgd.conf is a configuration tor accepts; the systemd unit
# passes systemd-analyze verify (but for the binary not being installed)
# and its offline security exposure stays low; the sample configuration is
# checked against the option table by man/options.sh.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

torrc=$top_srcdir/torrc.d/onionmsgd.conf
unit=$top_srcdir/contrib/onionmsgd.service

if command -v tor >/dev/null 2>&1; then
	mkdir -m 0700 "$T_TMP/tor"
	timeout 30 tor --verify-config --defaults-torrc /dev/null -f "$torrc" \
	    --DataDirectory "$T_TMP/tor" >"$T_TMP/tor.out" 2>&1
	ok '[ $? -eq 0 ] && grep -q "Configuration was valid" "$T_TMP/tor.out"' \
	    "tor --verify-config accepts torrc.d/onionmsgd.conf"
	ok 'grep -Eq "^ControlSocket /run/tor/control GroupWritable" "$torrc" &&
	    grep -Eq "^CookieAuthentication 1" "$torrc" &&
	    grep -Eq "^CookieAuthFileGroupReadable 1" "$torrc"' \
	    "the drop-in sets a group control socket and a group-readable cookie"
else
	skip "tor --verify-config: tor is not installed"
	skip "the drop-in's settings: tor is not installed"
fi

if command -v systemd-analyze >/dev/null 2>&1; then
	# Point ExecStart at the built binary so only real problems remain.
	sed "s|^ExecStart=/usr/sbin/onionmsgd|ExecStart=$ONIONMSGD|" "$unit" \
	    >"$T_TMP/onionmsgd.service"
	systemd-analyze verify "$T_TMP/onionmsgd.service" 2>&1 |
	    grep -v "Command 'man " >"$T_TMP/verify.out"
	ok '[ ! -s "$T_TMP/verify.out" ]' "systemd-analyze verify: no complaints"
	[ -s "$T_TMP/verify.out" ] && sed 's/^/# /' "$T_TMP/verify.out"
	if systemd-analyze security --offline=true "$T_TMP/onionmsgd.service" \
	    >"$T_TMP/security.out" 2>&1; then
		level=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' \
		    "$T_TMP/security.out")
		ok 'awk -v l="$level" "BEGIN { exit !(l != \"\" && l <= 2.0) }"' \
		    "systemd-analyze security: exposure $level (at most 2.0)"
	else
		skip "systemd-analyze security --offline is not supported here"
	fi
else
	skip "systemd-analyze verify: systemd-analyze is not installed"
	skip "systemd-analyze security: systemd-analyze is not installed"
fi

for key in DynamicUser=yes StateDirectory=onionmsgd StateDirectoryMode=0700 \
    ProtectSystem=strict NoNewPrivileges=yes PrivateTmp=yes ProtectHome=yes \
    "RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6" \
    SystemCallFilter=@system-service SupplementaryGroups=debian-tor \
    Type=notify "RestartPreventExitStatus=64 78"; do
	ok 'grep -qx "$key" "$unit"' "the unit sets $key"
done

done_testing
