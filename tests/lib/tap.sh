# tap.sh — a few lines of TAP for the shell tests: each check prints "ok N - name"
# or "not ok N - name" with what was expected; source it, then call tap_done.
TAP_N=0
TAP_FAILED=0
HV=${HV:-$PWD/homevisit}
TESTTMP=$(mktemp -d "${TMPDIR:-/tmp}/hv-test.XXXXXX")
trap 'rm -rf "$TESTTMP"' EXIT

tap_ok() {	# NAME: a pass
	TAP_N=$((TAP_N + 1)); echo "ok $TAP_N - $1"
}

tap_fail() {	# NAME DETAIL...: a failure, with what went wrong
	TAP_N=$((TAP_N + 1)); TAP_FAILED=$((TAP_FAILED + 1))
	echo "not ok $TAP_N - $1"; shift
	printf '# %s\n' "$@"
}

check() {	# NAME COMMAND...: passes when the command succeeds
	local name=$1; shift
	if "$@"; then tap_ok "$name"; else tap_fail "$name" "failed: $*"; fi
}

check_eq() {	# NAME EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then tap_ok "$1"; else tap_fail "$1" "expected: $2" "got:      $3"; fi
}

# Runs the program; sets OUT, ERR and RC.
run_hv() {
	"$HV" "$@" >"$TESTTMP/out" 2>"$TESTTMP/err"; RC=$?
	OUT=$(cat "$TESTTMP/out"); ERR=$(cat "$TESTTMP/err")
}

tap_done() {
	echo "1..$TAP_N"
	[ "$TAP_FAILED" -eq 0 ]
}
