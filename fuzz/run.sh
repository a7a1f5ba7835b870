#!/usr/bin/env bash
# run.sh — replays each libFuzzer harness's seeds and regression files, then
# fuzzes it for FUZZ_SECONDS; fails on any crash, leak, timeout or memory blow-up.
# usage: fuzz/run.sh [rules|scenario|import ...]   (make fuzz builds build/fuzz first)
set -u
cd "$(dirname "$0")/.." || exit 2

secs=${FUZZ_SECONDS:-60}
out=build/fuzz
harnesses=("$@")
[ "${#harnesses[@]}" -gt 0 ] || harnesses=(rules scenario import)

# Per-input limits: a slow input is a hang, a big one is a memory blow-up.
common=(-timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024)

# The largest input each harness is fuzzed with: the bundled rule file is
# 150 KB, but its shapes fit well inside 64 KB; scenarios are under 10 KB.
max_len() {
	case $1 in
	scenario) echo 32768 ;;
	*) echo 65536 ;;
	esac
}

# The repository's own files of each kind: good and bad, as the seed corpus.
seeds() {
	case $1 in
	rules)
		find data/rules tests/data/rules -type f -name '*.yaml' ;;
	scenario)
		find data/scenarios tests/data/scenarios -type f -name '*.yaml' ;;
	import)
		find tests/data/import -type f \( -name '*.yaml' -o -name '*.json' \) ;;
	esac
}

# The fenced examples in a Markdown file, one seed file each.
doc_examples() {
	local md=$1 dir=$2 prefix=$3
	[ -f "$md" ] || return 0
	awk -v dir="$dir" -v prefix="$prefix" '
		/^```(yaml|json)[ \t]*$/ { n++; f = sprintf("%s/%s-%d.%s", dir, prefix, n, substr($0, 4)); next }
		/^```/ { f = ""; next }
		f != "" { print > f }' "$md"
}

fail=0
for h in "${harnesses[@]}"; do
	bin=$out/fuzz_$h
	corpus=$out/corpus/$h
	regress=tests/data/fuzz/$h
	artifacts=$out/artifacts/$h
	log=$out/logs/$h.log
	if [ ! -x "$bin" ]; then
		echo "fuzz/$h: $bin is not built (run make fuzz)" >&2
		fail=1
		continue
	fi
	mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"

	# Seeds are copied under a name that says where they came from; what the
	# fuzzer adds to the corpus stays for the next run (make clean removes it).
	while IFS= read -r f; do
		cp "$f" "$corpus/seed-$(tr / _ <<<"$f")"
	done < <(seeds "$h")
	case $h in
	rules) doc_examples docs/rules.md "$corpus" seed-docs-rules ;;
	scenario) doc_examples docs/scenarios.md "$corpus" seed-docs-scenarios ;;
	import) doc_examples docs/import.md "$corpus" seed-docs-import ;;
	esac

	# 1. Replay every seed and regression file whole, one by one.
	nreplay=$( { seeds "$h"; [ -d "$regress" ] && find "$regress" -type f; } | wc -l)
	if ! { seeds "$h"; [ -d "$regress" ] && find "$regress" -type f; } |
		tr '\n' '\0' |
		xargs -0 "$bin" "${common[@]}" -artifact_prefix="$artifacts/" >"$log.replay" 2>&1; then
		echo "fuzz/$h: FAILED replaying the seeds and $regress (full log: $log.replay):"
		grep -E '^Running:' "$log.replay" | tail -1 | sed 's/^/    /'
		grep -E 'ERROR|SUMMARY|^ +#[0-9]+ ' "$log.replay" | head -20 | sed 's/^/    /'
		fail=1
		continue
	fi

	# 2. Fuzz for a bounded time, starting from the corpus and the regressions.
	regdir=()
	[ -d "$regress" ] && regdir=("$regress")
	if "$bin" "${common[@]}" -max_len="$(max_len "$h")" -max_total_time="$secs" \
		-dict=fuzz/yaml.dict -artifact_prefix="$artifacts/" -print_final_stats=1 \
		"$corpus" "${regdir[@]}" >"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		cov=$(grep -E '^#[0-9]+[[:space:]]+(DONE|pulse|NEW|REDUCE|INITED)' "$log" | tail -1 |
			grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' )
		printf 'fuzz/%-9s replayed %d files; fuzzed %ss: %s runs, %s\n' "$h" "$nreplay" "$secs" \
			"${runs:-?}" "${cov:-?}"
	else
		echo "fuzz/$h: FAILED after fuzzing (full log: $log):"
		grep -E 'ERROR|SUMMARY|Test unit written|^ +#[0-9]+ ' "$log" | head -24 | sed 's/^/    /'
		echo "    reproduce with: $bin ARTIFACT   (ARTIFACT is the file named above);"
		echo "    once fixed, commit it to $regress/ under a name that says what it is."
		fail=1
	fi
done
exit "$fail"
