# rules.sh — the command line: --help, --version, exit codes, and `rules check`
# and `rules show` on the bundled rulebook and on every malformed file.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh

BUNDLED=data/rules/home-visit.yaml

run_hv --version
check_eq "version_prints_the_version" "homevisit $(sed -n 's/^VERSION *= *//p' Makefile)" "$OUT"

run_hv --help
check_eq "help_exits_0" 0 "$RC"
check "help_lists_rules_check" grep -q "rules check \[FILE\]" <<<"$OUT"
check "help_lists_the_exit_codes" grep -q "^  75  " <<<"$OUT"

run_hv --no-such-option
check_eq "unknown_option_exits_64" 64 "$RC"
check "unknown_option_is_named" grep -q "unknown option '--no-such-option'" <<<"$ERR"

run_hv frobnicate
check_eq "unknown_command_exits_64" 64 "$RC"

run_hv rules
check_eq "rules_without_subcommand_exits_64" 64 "$RC"

run_hv rules check --strict
check_eq "rules_check_unknown_option_exits_64" 64 "$RC"

run_hv rules check "$BUNDLED"
check_eq "bundled_rulebook_passes_rules_check" 0 "$RC"
check "rules_check_prints_a_summary" grep -qE "^$BUNDLED: ok: ddscp-home-visit version [^ ]+: [0-9]+ sections, [0-9]+ questions, [0-9]+ actions, [0-9]+ procedure steps, [0-9]+ risks$" <<<"$OUT"

HOMEVISIT_RULES=tests/data/rules/good/minimal.yaml run_hv rules check
check "rules_check_uses_HOMEVISIT_RULES" grep -q "^tests/data/rules/good/minimal.yaml: ok" <<<"$OUT"
HOMEVISIT_RULES=/nonexistent.yaml run_hv --rules "$BUNDLED" rules check
check "rules_option_overrides_the_environment" grep -q "^$BUNDLED: ok" <<<"$OUT"

run_hv rules check tests/data/no-such-file.yaml
check_eq "missing_rule_file_exits_66" 66 "$RC"
check "missing_rule_file_is_named" grep -q "^tests/data/no-such-file.yaml: cannot open" <<<"$ERR"

# Every malformed file: exit 65, and exactly the expected messages on stderr.
for f in tests/data/rules/bad/*.yaml; do
	name=$(basename "$f" .yaml)
	run_hv rules check "$f"
	want=$(cat "${f%.yaml}.expect")
	if [ "$RC" = 65 ] && [ "$ERR" = "$want" ] && [ -z "$OUT" ]; then
		tap_ok "rules_check_rejects_$name"
	else
		tap_fail "rules_check_rejects_$name" "exit $RC (want 65)" "stderr: $ERR" "want:   $want"
	fi
done

# A refused file changes nothing on disk.
cp tests/data/rules/bad/duplicate-key.yaml "$TESTTMP/copy.yaml"
before=$(sha256sum <"$TESTTMP/copy.yaml")
run_hv rules check "$TESTTMP/copy.yaml"
check_eq "a_refused_file_is_left_untouched" "$before" "$(sha256sum <"$TESTTMP/copy.yaml")"

run_hv rules show "$BUNDLED"
check_eq "rules_show_exits_0" 0 "$RC"
ids=$(grep -cE '^\s+- id: ' "$BUNDLED")
missing=0
for id in $(sed -nE 's/^ *- id: ([a-z0-9._-]+)$/\1/p' "$BUNDLED"); do
	grep -qF -- "$id" <<<"$OUT" || { missing=$((missing + 1)); echo "# rules show lacks $id"; }
done
check_eq "rules_show_shows_every_id" 0 "$missing"
check "rules_show_shows_the_ladder" grep -q "Escalation ladder" <<<"$OUT"

# The man page documents every option and command that --help lists.
run_hv --help
missing=0
for opt in $(grep -oE -- '--[a-z][a-z-]+' <<<"$OUT" | sort -u); do
	grep -qF -- "${opt//-/\\-}" man/homevisit.1 || { missing=$((missing + 1)); echo "# man page lacks $opt"; }
done
check_eq "man_page_documents_every_option_in_help" 0 "$missing"
missing=0
while read -r cmd; do
	grep -qF -- ".B $cmd" man/homevisit.1 || { missing=$((missing + 1)); echo "# man page lacks command '$cmd'"; }
done < <(awk '/^Commands:/ {f = 1; next} /^$/ {f = 0} f {
	if ($0 ~ /^   /) next
	sub(/^  /, ""); split($0, cell, "  "); n = split(cell[1], w, " "); out = ""
	for (i = 1; i <= n && w[i] ~ /^[a-z]+$/; i++) out = out (out ? " " : "") w[i]
	print out }' <<<"$OUT")
check_eq "man_page_documents_every_command_in_help" 0 "$missing"
missing=0
for code in $(sed -n '/^Exit status:/,$p' <<<"$OUT" | grep -oE '^  [0-9]+' | tr -d ' '); do
	grep -qx "\.B $code" man/homevisit.1 || { echo "# man page lacks exit code $code"; missing=$((missing + 1)); }
done
check_eq "man_page_documents_every_exit_code" 0 "$missing"

tap_done
