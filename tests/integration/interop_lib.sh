# tests/integration/interop_lib.sh: what the interop, end-to-end and
# hostile scripts share, on top of tests/lib.sh: start the real onionmsgd
# (--no-tor, loopback, port 0, --port-file), learn its onion label (the
# tokens' audience), make keys, proofs, tokens and mailboxes with omtool,
# and relay the TAP of a node script into this script's numbering.
# Source it after tests/lib.sh; never run it.

NODE_MODULES="$top_srcdir/tests/interop/node_modules"
OMTOOL="$top_builddir/tests/integration/omtool"

# Fixed seeds (64 hex digits): two owners, their devices, a foreign node.
SEED_OWNER_A=202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f
SEED_DEV_A=404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f
SEED_DEV_A2=606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f
SEED_OWNER_B=808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f
SEED_DEV_B=a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf
SEED_OWNER_Q=c0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedf
SEED_DEV_Q=e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff
SEED_NODE_X=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f

# need_omtool: skip the whole script when omtool is not built.
need_omtool() {
	[ -x "$OMTOOL" ] || skip_all "tests/integration/omtool is not built"
	command -v curl >/dev/null 2>&1 || skip_all "curl is not installed"
}

# has_npm: node and the pinned npm packages are there.
has_npm() {
	command -v node >/dev/null 2>&1 &&
	    [ -d "$NODE_MODULES/graphql-ws" ] && [ -d "$NODE_MODULES/ws" ] &&
	    [ -d "$NODE_MODULES/graphql-http" ] && [ -d "$NODE_MODULES/graphql" ]
}

# npm_reason: why has_npm failed.
npm_reason() {
	command -v node >/dev/null 2>&1 || { echo "node is not installed"; return; }
	echo "no tests/interop/node_modules (run npm ci in tests/interop)"
}

# om_start NAME ARGS...: start onionmsgd with its own data dir on
# 127.0.0.1:0; sets OM_PID, OM_PORT, OM_URL, OM_WS, OM_BASE, OM_DATA.
# Bails out (never hangs) if it does not serve within 10 s.
om_start() {
	local name=$1
	shift
	OM_DATA="$T_TMP/$name.data"
	mkdir -p "$OM_DATA" && chmod 700 "$OM_DATA"
	rm -f "$T_TMP/$name.port"
	"$ONIONMSGD" --no-tor --data-dir "$OM_DATA" --listen 127.0.0.1:0 \
	    --port-file "$T_TMP/$name.port" --log-level info "$@" \
	    >"$T_TMP/$name.out" 2>"$T_TMP/$name.err" &
	OM_PID=$!
	T_PIDS="$T_PIDS $OM_PID"
	if ! wait_for 10 test -s "$T_TMP/$name.port"; then
		echo "Bail out! onionmsgd did not write its --port-file in 10 s"
		sed 's/^/# /' "$T_TMP/$name.err" | tail -20
		exit 1
	fi
	OM_PORT=$(cat "$T_TMP/$name.port")
	OM_BASE="http://127.0.0.1:$OM_PORT"
	OM_URL="$OM_BASE/graphql"
	OM_WS="ws://127.0.0.1:$OM_PORT/graphql"
	if ! wait_for 10 curl -sf -m 2 -o /dev/null "$OM_BASE/healthz"; then
		echo "Bail out! onionmsgd does not answer GET /healthz"
		sed 's/^/# /' "$T_TMP/$name.err" | tail -20
		exit 1
	fi
	OM_ONION=$(om_onion "$name")
	if [ -z "$OM_ONION" ]; then
		echo "Bail out! cannot learn the node's onion label"
		exit 1
	fi
}

# om_onion NAME: the node's 56-character onion label (the audience of
# tokens and proofs), from the API, --show-address, or the log.
om_onion() {
	local l
	l=$(curl -s -m 5 -H 'content-type: application/json' \
	    -d '{"query":"{ node { onion } }"}' "$OM_URL" |
	    grep -o '[a-z2-7]\{56\}' | head -1)
	[ -n "$l" ] || l=$("$ONIONMSGD" --data-dir "$OM_DATA" --show-address \
	    2>/dev/null | grep -o '[a-z2-7]\{56\}' | head -1)
	[ -n "$l" ] || l=$(grep -o '[a-z2-7]\{56\}\.onion' "$T_TMP/$1.err" |
	    head -1 | cut -c1-56)
	echo "$l"
}

# gql TOKEN JSON: POST JSON to /graphql (TOKEN may be empty); prints the body.
gql() {
	if [ -n "$1" ]; then
		curl -s -m 10 -H 'content-type: application/json' \
		    -H "authorization: Bearer $1" -d "$2" "$OM_URL"
	else
		curl -s -m 10 -H 'content-type: application/json' -d "$2" "$OM_URL"
	fi
}

# om_pub SEED / om_mbox SEED / om_token SEED MAILBOX [LIFE [IAT [ONION]]]
om_pub() { "$OMTOOL" pub "$1"; }
om_mbox() { "$OMTOOL" mailbox-id "$1"; }
om_token() {
	"$OMTOOL" token "$1" "$2" "${5:-$OM_ONION}" "${3:-600}" \
	    "${4:-$(date +%s)}"
}

# om_create OWNERSEED DEVSEED: create the mailbox; prints the answer.
om_create() {
	local o d p
	o=$(om_pub "$1")
	d=$(om_pub "$2")
	p=$("$OMTOOL" proof create-mailbox "$1" "$OM_ONION" "$2")
	gql "" "{\"query\":\"mutation(\$o: Base64!, \$d: Base64!, \$p: Base64!) { createMailbox(ownerKey: \$o, deviceKey: \$d, proof: \$p) { id } }\",\"variables\":{\"o\":\"$o\",\"d\":\"$d\",\"p\":\"$p\"}}"
}

# om_add_device OWNERSEED DEVSEED: authorise another device.
om_add_device() {
	local d p t
	d=$(om_pub "$2")
	p=$("$OMTOOL" proof add-device "$1" "$OM_ONION" "$2")
	t=$(om_token "$1" "$(om_mbox "$1")")
	gql "$t" "{\"query\":\"mutation(\$d: Base64!, \$p: Base64!) { addDevice(deviceKey: \$d, proof: \$p) { key } }\",\"variables\":{\"d\":\"$d\",\"p\":\"$p\"}}"
}

# om_alive: the daemon runs and answers /healthz with 200.
om_alive() {
	kill -0 "$OM_PID" 2>/dev/null &&
	    [ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' \
	    "$OM_BASE/healthz")" = 200 ]
}

# om_rss: the daemon's VmRSS in kB.
om_rss() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$OM_PID/status"
}

# tap_relay FILE: renumber the TAP lines ("ok - x", "not ok - x # TODO y")
# a node script wrote to FILE into this script's count.
tap_relay() {
	local line
	while IFS= read -r line; do
		case $line in
		"not ok"*)
			T_N=$((T_N + 1))
			echo "not ok $T_N${line#not ok}"
			case $line in
			*"# TODO"*) ;;
			*) T_FAILED=$((T_FAILED + 1)) ;;
			esac
			;;
		"ok"*)
			T_N=$((T_N + 1))
			echo "ok $T_N${line#ok}"
			;;
		1..*) ;;
		*) echo "# $line" ;;
		esac
	done <"$1"
}

# run_node NAME SECONDS SCRIPT ARGS...: run a node script (bounded) with
# the fixtures in the environment and relay its TAP; a script that dies
# without saying why is one failure.
run_node() {
	local name=$1 secs=$2 rc
	shift 2
	timeout "$secs" node "$@" >"$T_TMP/$name.tap" 2>"$T_TMP/$name.stderr"
	rc=$?
	tap_relay "$T_TMP/$name.tap"
	if [ $rc -ne 0 ] && ! grep -q '^not ok' "$T_TMP/$name.tap"; then
		T_N=$((T_N + 1))
		T_FAILED=$((T_FAILED + 1))
		echo "not ok $T_N - $name: node exited with status $rc"
		sed 's/^/# /' "$T_TMP/$name.stderr" | tail -20
	fi
}

# export_fixtures: the environment the node scripts read.
export_fixtures() {
	export OM_URL OM_WS OM_BASE OM_ONION OM_PID NODE_MODULES top_srcdir
}
