# scenarios.sh — `scenario check` on the bundled scenarios and on every
# malformed file, its exit codes, and `train` without a terminal.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh

run_hv scenario check
check_eq "bundled_scenarios_pass_scenario_check" 0 "$RC"
n=$(ls data/scenarios/*.yaml | wc -l)
check_eq "scenario_check_checks_every_bundled_file" "$n" "$(grep -c ': ok: ' <<<"$OUT")"
check "scenario_check_prints_a_summary" grep -qE "failed-access-grave.yaml: ok: failed-access-grave: 3 expected actions, 3 facts, escalation police$" <<<"$OUT"

run_hv scenario check data/scenarios/failed-access-grave.yaml
check_eq "one_scenario_passes" 0 "$RC"
check_eq "one_scenario_one_line" 1 "$(printf '%s\n' "$OUT" | wc -l)"

run_hv scenario check --strict
check_eq "scenario_check_unknown_option_exits_64" 64 "$RC"

run_hv scenario check tests/data/scenarios/no-such.yaml
check_eq "missing_scenario_exits_66" 66 "$RC"
check "missing_scenario_is_named" grep -q "^tests/data/scenarios/no-such.yaml: cannot open" <<<"$ERR"

# Every malformed file: exit 65, and exactly the expected messages on stderr.
for f in tests/data/scenarios/bad/*.yaml; do
	name=$(basename "$f" .yaml)
	run_hv scenario check "$f"
	want=$(cat "${f%.yaml}.expect")
	if [ "$RC" = 65 ] && [ "$ERR" = "$want" ] && [ -z "$OUT" ]; then
		tap_ok "scenario_check_rejects_$name"
	else
		tap_fail "scenario_check_rejects_$name" "exit $RC (want 65)" "stderr: $ERR" "want:   $want"
	fi
done

# A scenario whose scripted correct run does not score full marks is refused
# by the check (the engine plays it), and a good file beside it still passes.
sed 's/^    fa.risk-level: grave-concern$/    fa.risk-level: no-concerns/' \
	data/scenarios/failed-access-grave.yaml >"$TESTTMP/weak.yaml"
run_hv scenario check data/scenarios/failed-access-grave.yaml "$TESTTMP/weak.yaml"
check_eq "a_correct_run_that_misses_exits_65" 65 "$RC"
check "the_miss_is_named" grep -q "weak.yaml: the correct run scores 2 of 4 (missed: act.fa-police; wrong: none; escalation team-manager, expected police)$" <<<"$ERR"
check "the_good_file_still_passes" grep -q "failed-access-grave.yaml: ok" <<<"$OUT"

# The correct run must be a whole record: nothing required left out, nothing
# answered that is not asked.
grep -v "^    fa.next-contact: " data/scenarios/failed-access-grave.yaml \
	| sed 's/^    fa.rear-checked: "yes"$/    fa.rear-checked: "yes"\n    seen.under-influence: "no"/' >"$TESTTMP/partial.yaml"
run_hv scenario check "$TESTTMP/partial.yaml"
check_eq "an_incomplete_correct_run_exits_65" 65 "$RC"
check "the_unanswered_question_is_named" grep -q "partial.yaml: 'check: correct' leaves the required question 'fa.next-contact' unanswered" <<<"$ERR"
check "the_question_not_asked_is_named" grep -q "partial.yaml: 'check: correct' answers 'seen.under-influence', which is not asked with its other answers" <<<"$ERR"

# Scenarios are checked against the rule file in use.
run_hv --rules tests/data/rules/good/minimal.yaml scenario check data/scenarios/failed-access-grave.yaml
check_eq "scenario_for_another_rulebook_exits_65" 65 "$RC"
check "another_rulebook_is_named" grep -q "written for rulebook 'ddscp-home-visit'" <<<"$ERR"

# train: an unknown scenario is refused before anything is written.
mkdir -m 700 "$TESTTMP/db"
run_hv --db "$TESTTMP/db/visits.db" train no-such-scenario
check_eq "train_unknown_scenario_exits_66" 66 "$RC"
check "train_unknown_scenario_is_named" grep -q "^homevisit: no scenario 'no-such-scenario' in .*data/scenarios" <<<"$ERR"
check "train_refused_writes_nothing" test ! -e "$TESTTMP/db/training.db"

run_hv --db "$TESTTMP/db/visits.db" train --results
check_eq "results_without_attempts_exit_0" 0 "$RC"
check "results_without_attempts_say_so" grep -qi "no attempts yet" <<<"$OUT$ERR"
check "results_write_nothing" test ! -e "$TESTTMP/db/training.db"

run_hv train --trainee
check_eq "trainee_without_name_exits_64" 64 "$RC"

tap_done
