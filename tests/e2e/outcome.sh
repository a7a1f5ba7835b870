# outcome.sh — recording what happened, in a real terminal, on the bundled
# rulebook: a failed visit that climbs to the Service Manager, a visit with
# access and a referral, and the 999 path; each checked in the database, the
# case note and the follow-ups.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
. tests/lib/tmux.sh
. tests/lib/answer.sh

RULES=$PWD/data/rules/home-visit.yaml
DB=$TESTTMP/outcome.db
export HOME=$TESTTMP
sql() { sqlite3 -batch -noheader "$DB" "$@"; }
hv() { "$HV" --rules "$RULES" --db "$DB" "$@"; }
# Three planned visits (records 1, 4, 5) from the sample: one each.
hv import tests/data/import/bundled-sample.yaml >/dev/null
sed -e 's/C-2026-0102/C-2026-0104/; s/C-2026-0103/C-2026-0105/' tests/data/import/bundled-sample.yaml |
	awk '/^  - case_ref: C-2026-0104/ {skip = 1} skip {next} {print}' >"$TESTTMP/more.yaml"
sed -i 's/C-2026-0101/C-2026-0104/' "$TESTTMP/more.yaml"
hv import "$TESTTMP/more.yaml" >/dev/null
sed -i 's/C-2026-0104/C-2026-0105/' "$TESTTMP/more.yaml"
hv import "$TESTTMP/more.yaml" >/dev/null
check_eq "three_planned_visits_to_record" "1 4 5" "$(sql "SELECT group_concat(id, ' ') FROM visits WHERE status = 'planned'")"

# ---- a failed visit: no access, significant harm, no contact ----
tm_start 120 40 "$HV" --rules "$RULES" --db "$DB" outcome
check_screen "record_an_outcome_lists_the_planned_visits" "Record 1: case C-2026-0101"
tm_keys Escape
tm_wait_exit 5 >/dev/null
tm_start 120 40 "$HV" --rules "$RULES" --db "$DB" outcome 1
check_screen "the_first_question_is_whether_the_child_was_seen" "Was access gained and the child seen?"
tm_keys n
check_screen "when_the_visit_took_place_comes_next" "When did the visit take place?"
tm_type "2026-11-24 10:05"
tm_keys Enter
tm_keys Tab Tab Tab Tab Tab Tab Tab Tab
tm_keys o
check_screen "the_overview_shows_the_failed_visit_procedure" "Failed home visit, step 1: Check the rear of the property"
check_screen "what_was_seen_does_not_apply" "not applicable    What was seen"
tm_keys Escape
tm_keys F10
tm_wait "Required answers missing"
check_screen "the_procedure_steps_are_required" "Did you check the rear of the property?"
tm_keys Escape
tm_wait_gone "Required answers missing"
# On to the manager step, and the risk level decided there.
answer_risk() {
	local n=0
	while ! tm_screen | grep -q "^  What level of risk did you and your manager decide?"; do
		tm_keys Tab; sleep 0.1; n=$((n + 1)); [ "$n" -gt 40 ] && return 1
	done
}
answer_risk
check_screen "significant_harm_is_one_of_the_ladders_rungs" "2  The child may be at risk of significant harm"
tm_keys 2
tm_wait "Saved."
check_eq "the_risk_level_is_saved" "significant-harm" "$(sql "SELECT value FROM answers WHERE visit_id = 1 AND question = 'fa.risk-level' ORDER BY id DESC LIMIT 1")"
finish_by_answering_what_is_missing "The outcome: case C-2026-0101"
check_screen "the_summary_is_the_case_note" "CASE NOTE: home visit, case C-2026-0101"
check_screen "the_case_note_reaches_the_service_manager" "consider involving the Service Manager"
check_screen "the_case_note_names_the_ladders_rung" "Escalation: Team Manager discussion; consider involving the Service Manager"
tm_keys F10
check_screen "saving_says_no_access" "no access (a failed visit)"
check_eq "the_record_is_no_access" "no_access|service-manager" "$(sql "SELECT status, escalation FROM visits WHERE id = 1")"
check_eq "the_next_contact_is_required_and_kept" 1 "$(sql "SELECT count(*) FROM visits WHERE id = 1 AND next_contact_at IS NOT NULL")"
check "the_service_manager_step_is_an_open_follow_up" test "$(sql "SELECT count(*) FROM actions WHERE visit_id = 1 AND action = 'act.fa-service-manager' AND status = 'open'")" = 1
tm_keys Space Escape
tm_wait_exit 5 >/dev/null
hv show 1 --format note >"$TESTTMP/note.txt"
check "show_format_note_gives_the_case_note" grep -q "^Outcome: no access: the child was not seen" "$TESTTMP/note.txt"
check "the_note_lists_what_was_tried_step_by_step" grep -q "^Failed home visit, step 1: Check the rear" "$TESTTMP/note.txt"
check "the_note_lists_next_steps_with_dates" grep -q "consider involving the Service Manager. (Team Manager; Immediate; by 2026-11-24 10:05)" "$TESTTMP/note.txt"
hv show 1 --format note-markdown >"$TESTTMP/note.md"
check "the_note_comes_in_markdown_too" grep -q "^## Case note: home visit, case C-2026-0101" "$TESTTMP/note.md"
hv due >"$TESTTMP/due.txt"
check "due_lists_the_next_contact" grep -q "	1	C-2026-0101	.*Make the next contact with the family" "$TESTTMP/due.txt"

# ---- a visit with access, where concerns led to a referral ----
tm_start 120 40 "$HV" --rules "$RULES" --db "$DB" outcome 4
tm_wait "Was access gained and the child seen?"
tm_keys y
tm_wait "When did the visit take place?"
tm_type "2026-11-24 15:00"
tm_keys Enter
check_screen "the_plans_people_are_offered" "Anna Nowak"
check_screen "they_start_from_the_plan" "Started from the plan's answer"
tm_keys a
tm_wait "A person who may be present"
tm_type "Unexpected visitor"
tm_keys Tab
tm_type "neighbour"
tm_keys Enter
check_eq "the_people_present_are_the_plans_plus_anyone_unexpected" 3 "$(sql "SELECT length(value) - length(replace(value, char(10), '')) + 1 FROM answers WHERE visit_id = 4 AND question = 'seen.people' ORDER BY id DESC LIMIT 1")"
until_question() {
	local n=0
	while ! tm_screen | grep -q "^  $1"; do tm_keys Tab; sleep 0.1; n=$((n + 1)); [ "$n" -gt 60 ] && return 1; done
}
until_question "Did concerns arise about the welfare of a child or adult?"
tm_keys y
until_question "Are you worried about the safety of a child or adult?"
tm_keys y
until_question "Have you made a referral?"
tm_keys y
check_eq "the_referral_is_saved" "yes" "$(sql "SELECT value FROM answers WHERE visit_id = 4 AND question = 'concerns-arise.referral' ORDER BY id DESC LIMIT 1")"
finish_by_answering_what_is_missing "The outcome: case C-2026-0104"
tm_keys End
check_screen "the_case_note_ends_with_who_recorded_it" "Recorded with: homevisit record 4"
check "the_case_note_asks_for_the_referral_in_writing" grep -q "Follow up your referral in writing" <(hv show 4 --format note)
tm_keys p
tm_wait "Write the case note to a file"
tm_keys C-u
tm_type "$TESTTMP/note-4.txt"
tm_keys Enter
check_screen "the_case_note_is_written" "The case note is written to"
check_eq "the_case_note_file_is_private" 600 "$(stat -c %a "$TESTTMP/note-4.txt")"
tm_keys F10
check_screen "saving_says_visited" "is saved as visited"
check_eq "the_record_is_visited" "visited" "$(sql "SELECT status FROM visits WHERE id = 4")"
check "the_written_referral_is_a_follow_up_with_a_due_time" test "$(sql "SELECT count(*) FROM actions WHERE visit_id = 4 AND action = 'act.referral-writing' AND due_at IS NOT NULL")" = 1
tm_keys Space Escape
tm_wait_exit 5 >/dev/null

# ---- the 999 path: a child alone, no parent able to attend ----
tm_start 120 40 "$HV" --rules "$RULES" --db "$DB" outcome 5
tm_wait "Was access gained and the child seen?"
tm_keys y
tm_wait "When did the visit take place?"
tm_type "2026-11-24 16:00"
tm_keys Enter
tm_keys '!'
check_screen "the_emergency_key_goes_to_the_emergency_questions" "Was a child found on their own"
tm_keys y
check_screen "can_a_parent_attend_comes_next" "Can you immediately ensure that a parent or guardian"
tm_keys n
check_screen "a_full_screen_instruction_to_call_999" "EMERGENCY"
check_screen "the_instruction_comes_from_the_rule_file" "Call the police on 999 and stay in the home or outside until the police arrive"
tm_keys Enter
check_screen "then_the_time_of_the_call_is_asked" "When did you call the police on 999?"
tm_type "2026-11-24 16:03"
tm_keys Enter
check_eq "the_record_is_flagged_emergency" "1|emergency|emergency" "$(sql "SELECT emergency, urgency, escalation FROM visits WHERE id = 5")"
check_eq "the_time_of_the_call_is_recorded" "2026-11-24 16:03" "$(sql "SELECT value FROM answers WHERE visit_id = 5 AND question = 'emergency.call-time' ORDER BY id DESC LIMIT 1")"
tm_keys q
tm_wait "Leave?"
tm_keys l
tm_keys Escape
check_eq "leaving_an_outcome_half_way_exits_0" 0 "$(tm_wait_exit 5)"
check_eq "the_half_done_outcome_stays_planned" "planned" "$(sql "SELECT status FROM visits WHERE id = 5")"

tap_done
