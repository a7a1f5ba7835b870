#!/usr/bin/env bash
# run.sh — runs test suites that speak TAP and ends with one summary line.
# usage: tests/run.sh --unit DIR | --all DIR   (DIR holds the unit-test binaries)
# HV_TEST_WRAPPER, if set, is a command that each unit-test binary is run under
# (make valgrind sets it to valgrind and its options).
set -u
cd "$(dirname "$0")/.." || exit 2

mode=${1:---all}
unitdir=${2:-build/tests}
total=0 passed=0 failed=0 suites_failed=()

# Runs one command that prints TAP; counts its "ok" and "not ok" lines.
run_suite() {
	local name=$1; shift
	local out rc ok notok
	out=$("$@" 2>&1); rc=$?
	ok=$(grep -cE '^ok [0-9]+' <<<"$out")
	notok=$(grep -cE '^not ok [0-9]+' <<<"$out")
	total=$((total + ok + notok)); passed=$((passed + ok)); failed=$((failed + notok))
	if [ "$notok" -gt 0 ] || [ "$rc" -ne 0 ]; then
		printf '%-28s %d/%d passed (exit %d)\n' "$name" "$ok" "$((ok + notok))" "$rc"
		# Show the failures with their diagnostics, not the passes.
		grep -vE '^ok [0-9]+' <<<"$out" | sed 's/^/    /'
		if [ "$notok" -eq 0 ]; then
			failed=$((failed + 1)); total=$((total + 1))
		fi
		suites_failed+=("$name")
	else
		printf '%-28s %d/%d passed\n' "$name" "$ok" "$((ok + notok))"
	fi
}

read -ra wrapper <<<"${HV_TEST_WRAPPER:-}"
for t in "$unitdir"/test_*; do
	[ -x "$t" ] || continue
	run_suite "unit/$(basename "$t")" env CMOCKA_MESSAGE_OUTPUT=TAP "${wrapper[@]}" "$t"
done

if [ "$mode" = --all ]; then
	for t in tests/cli/*.sh tests/e2e/*.sh; do
		[ -f "$t" ] || continue
		run_suite "${t#tests/}" bash "$t"
	done
fi

echo "summary: $total tests run, $passed passed, $failed failed"
[ "$failed" -eq 0 ]
