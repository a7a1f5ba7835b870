# train.sh — training in a real terminal: a trainee walks the outcome screens of
# two scenarios with the story beside them; a run that follows the guidance
# scores full marks, a run that skips the key step gets exactly the expected
# miss and its debrief; attempts go to training.db only; --results lists them.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
. tests/lib/tmux.sh
. tests/lib/answer.sh

RULES=$PWD/data/rules/home-visit.yaml
DB=$TESTTMP/records/visits.db
mkdir -p "$TESTTMP/records"
export HOME=$TESTTMP

# tab_to TEXT: Tab through the questions until TEXT is the one asked; each Tab
# waits for the screen to change, so that no key is in flight when TEXT shows.
tab_to() {
	local n=0 before waited
	while ! tm_screen | grep -qF "  $1"; do
		before=$(tm_screen)
		tm_keys Tab
		waited=0
		while [ "$(tm_screen)" = "$before" ] && [ "$waited" -lt 40 ]; do
			sleep 0.05; waited=$((waited + 1))
		done
		n=$((n + 1))
		[ "$n" -gt 60 ] && return 1
	done
	return 0
}

# run_attempt TRAINEE RISK-KEY: the failed-access-grave scenario, answering the
# risk level with the option key given (1 no concerns ... 3 grave concern).
run_attempt() {
	tm_start 130 40 "$HV" --rules "$RULES" --db "$DB" train failed-access-grave
	tm_wait "TRAINING: the trainee" || return 1
	tm_type "$1"
	tm_keys Enter
	tm_wait "Press Enter to start" || return 1
	tm_keys Enter
	tm_wait "Was access gained and the child seen?" || return 1
	tm_keys n
	tm_wait "When did the visit take place?"
	tm_type "today 10:05"
	tm_keys Enter
	tab_to "What level of risk did you and your manager decide?" || return 1
	tm_keys "$2"
	tm_wait "Saved."
	finish_by_answering_what_is_missing "TRAINING: The outcome" || return 1
	tm_keys F10
	tm_wait "TRAINING: score and debrief"
}

run_attempt "Trainee One" 3
check_screen "the_training_screens_are_stamped" "TRAINING: score and debrief"
check_screen "following_the_guidance_scores_full_marks" "Score: 4 of 4"
check_screen "the_escalation_is_right" "Escalation: Discuss with the police (expected: Discuss with the police): right"
check_screen "nothing_is_missed" "Every action the guidance expects was taken, and nothing wrong."
tm_keys Escape
tm_wait_exit 5 >/dev/null

run_attempt "Trainee Two" 1
check_screen "skipping_the_key_step_loses_marks" "Score: 2 of 4"
check_screen "the_debrief_lists_the_miss" "Missed: the guidance expected these"
check_screen "the_miss_is_the_police_discussion" "hold a discussion with the police now."
check_screen "the_debrief_cites_the_guidance_and_its_source" "Procedure for Failed Home Visits, page 1"
check_screen "the_escalation_reached_is_named" "Escalation: Team Manager discussion"
check "the_escalation_is_marked_not_right" grep -q "NOT" <(tm_screen | grep -A1 "^  Escalation:")
tm_keys Escape
tm_wait_exit 5 >/dev/null

# alone_attempt TRAINEE KEY: child-home-alone; KEY answers "Was a child found on
# their own" (y follows the guidance, n misses it); concerns are recorded.
alone_attempt() {
	tm_start 130 40 "$HV" --rules "$RULES" --db "$DB" train child-home-alone
	tm_wait "TRAINING: the trainee" || return 1
	tm_type "$1"
	tm_keys Enter
	tm_wait "Press Enter to start" || return 1
	tm_keys Enter
	tm_wait "Was access gained and the child seen?" || return 1
	tm_keys y
	tm_wait "When did the visit take place?" || return 1
	tm_type "today 15:30"
	tm_keys Enter
	tm_wait "Saved." || return 1
	tm_keys F9
	tm_wait "Was a child found on their own" || return 1
	tm_keys "$2"
	if [ "$2" = y ]; then
		tm_wait "Can you immediately ensure that a parent or guardian is able to attend?" || return 1
		tm_keys n
		tm_wait "Call the police on 999 and stay" || return 1
		tm_keys Enter
		tm_wait "When did you call the police on 999?" || return 1
		tm_type "today 15:40"
		tm_keys Enter
	fi
	tab_to "Did concerns arise about the welfare of a child or adult?" || return 1
	tm_keys y
	tab_to "Are you worried about the safety of a child or adult?" || return 1
	tm_keys y
	tm_wait "Saved." || return 1
	finish_by_answering_what_is_missing "TRAINING: The outcome" || return 1
	tm_keys F10
	tm_wait "TRAINING: score and debrief"
}

alone_attempt "Trainee Three" y
check_screen "home_alone_following_the_guidance_scores_full_marks" "Score: 4 of 4"
check_screen "home_alone_escalation_is_the_emergency" "(expected: Emergency - call the police on 999): right"
tm_keys Escape
tm_wait_exit 5 >/dev/null

alone_attempt "Trainee Four" n
check_screen "home_alone_missing_the_999_call_loses_marks" "Score: 2 of 4"
check_screen "home_alone_the_debrief_names_the_999_call" "the police should be called on 999"
check "home_alone_the_only_miss_is_the_999_call" grep -q "Trainee Four .*child-home-alone .* 2 of 4 *wrong *act.emergency-999$" \
	<("$HV" --rules "$RULES" --db "$DB" train --results)
tm_keys Escape
tm_wait_exit 5 >/dev/null

check "attempts_live_in_training_db_beside_the_records" test -f "$TESTTMP/records/training.db"
check_eq "no_real_record_was_made" 0 "$(sqlite3 "$DB" 'SELECT count(*) FROM visits')"
check_eq "the_attempts_are_records_in_the_training_db" 4 "$(sqlite3 "$TESTTMP/records/training.db" 'SELECT count(*) FROM visits')"
out=$("$HV" --rules "$RULES" --db "$DB" train --results)
check "results_are_stamped_training" grep -q "^TRAINING results" <<<"$out"
check "results_list_each_trainees_score" grep -q "Trainee One .*failed-access-grave .* 4 of 4 *right" <<<"$out"
check "results_show_what_was_missed" grep -q "Trainee Two .* 2 of 4 *wrong *act.fa-police" <<<"$out"
out=$("$HV" --rules "$RULES" --db "$DB" train --results --trainee "Trainee Two")
check_eq "results_for_one_trainee" 1 "$(grep -c 'of 4' <<<"$out")"
out=$("$HV" --rules "$RULES" --db "$DB" --training show 1)
check "a_training_record_shown_is_stamped" grep -q "^TRAINING: Home visit 1" <<<"$out"

tap_done
