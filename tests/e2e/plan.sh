# plan.sh — planning a visit in a real terminal: the details, every question
# type, the guidance, the summary and the printed plan; leaving half-way by
# killing the terminal and resuming at the same question; resizing; NO_COLOR;
# names such as "Zoë Ó'Brien" and "Łukasz" typed, shown and stored.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
. tests/lib/tmux.sh

RULES=$PWD/tests/data/rules/good/minimal.yaml
DB=$TESTTMP/plan.db
export HOME=$TESTTMP
sql() { sqlite3 -batch -noheader "$DB" "$@"; }
hv_plan() { tm_start 120 35 "$@" "$HV" --rules "$RULES" --db "$DB" plan; }
answer() { sql "SELECT value FROM answers WHERE question = '$1' ORDER BY id DESC LIMIT 1"; }

# ---- a whole plan, key by key ----
hv_plan
check_screen "plan_offers_a_new_plan" "Start a new plan"
tm_keys Enter
check_screen "the_details_form_opens" "Case reference *"
tm_type "C-2024-17"
tm_keys Enter
check_screen "the_draft_is_saved_from_the_case_reference" "the draft is kept from now on"
check_eq "the_draft_is_in_the_database" "draft" "$(sql "SELECT status FROM visits WHERE case_ref = 'C-2024-17'")"
tm_keys C-u
tm_type "Zoë Ó'Brien"
tm_keys Enter
tm_type "Derbyshire Children's Services"
tm_keys Enter Enter
tm_type "Łukasz (4)"
tm_keys Enter
tm_type "2026-02-30 10:00"
tm_keys Enter
check_screen "an_impossible_date_is_refused_with_a_reason" "30 February 2026 does not exist"
tm_keys C-u
tm_type "2026-12-01 10:00"
tm_keys Enter Space
tm_keys F10
check_screen "the_wizard_shows_the_first_question" "Are you visiting alone?"
check_screen "the_guidance_is_beside_the_question" "Is it safe to go alone?"
check_screen "the_guidance_names_its_source" "Guidance: doc, page 1"
check_screen "a_progress_line_counts_what_is_left" "Required answers left: 1"
check_eq "details_saved_field_by_field" "Zoë Ó'Brien|2026-12-01 10:00|unannounced|Łukasz (4)" \
	"$(sql "SELECT practitioner, planned_at, kind, children FROM visits")"
tm_keys g
tm_wait_gone "Is it safe to go alone?" 5
check_screen "g_hides_the_guidance" "Are you visiting alone?"
tm_keys g
check_screen "g_shows_it_again" "Is it safe to go alone?"
tm_keys y
check_screen "yes_reveals_the_lone_working_question" "When do you expect to be back?"
check_eq "the_answer_is_saved_at_once" "yes" "$(answer plan.alone)"
tm_type "13:00"
tm_keys Enter
check_screen "a_bad_time_is_explained" "is not a date and time"
tm_keys C-u
tm_type "2026-12-01 13:00"
tm_keys Enter
check_screen "multi_choice_comes_next" "Specific concerns"
tm_keys Space Down Space Enter
check_eq "multi_choice_is_saved_in_rule_order" "neglect,domestic-abuse" "$(answer plan.concerns)"
check_screen "neglect_reveals_the_cupboards_question" "Will you see the food cupboards?"
tm_keys n
check_screen "a_no_asks_for_the_reason" "say why"
tm_type "Mother refused last time; a joint visit will ask again"
tm_keys Enter
check_eq "the_reason_is_saved_with_the_no" "Mother refused last time; a joint visit will ask again" \
	"$(sql "SELECT reason FROM answers WHERE question = 'plan.cupboards' ORDER BY id DESC LIMIT 1")"
check_screen "the_people_list_comes_next" "press a to add a person"
tm_keys a
check_screen "a_person_form_opens" "A person who may be present"
tm_type "Łukasz Nowak"
tm_keys Tab
tm_type "father"
tm_keys Tab y Tab y Enter
check_screen "the_person_is_listed" "Łukasz Nowak"
check_eq "the_person_is_stored" "$(printf 'Łukasz Nowak\tfather\tyes\tyes')" "$(answer plan.people)"

# Back is never blocked, and keeps the answer.
tm_keys BTab
check_screen "shift_tab_goes_back_with_the_answer_kept" "(*) n  No"
tm_keys o
check_screen "the_overview_lists_every_section" "answered          Planning"
tm_keys Escape

# A changed answer that hides answered questions asks first.
tm_keys BTab BTab BTab
check_screen "back_to_the_first_question" "Are you visiting alone?"
tm_keys n
check_screen "hidden_answers_are_listed_before_discarding" "these questions no longer apply"
check_screen "the_hidden_question_is_named" "- When do you expect to be back?"
tm_keys d
check_screen "discarding_is_confirmed" "Discarded 1 answer"
check_eq "the_discarded_answer_is_cleared_with_its_history_kept" "|2" \
	"$(sql "SELECT (SELECT value FROM answers WHERE question = 'plan.back' ORDER BY id DESC LIMIT 1), count(*) FROM answers WHERE question = 'plan.back'")"

tm_keys F10
check_screen "finish_shows_the_summary" "Summary of the plan: case C-2024-17"
check_screen "the_summary_groups_actions_by_urgency" "Same day:"
check_screen "the_summary_names_the_owner_and_due_time" "who: Team Manager; due: 2026-12-01 23:59"
tm_keys p
check_screen "p_asks_where_to_write_the_plan" "Write the plan to a file"
tm_keys C-u
tm_type "$TESTTMP/plan.md"
tm_keys Enter
check_screen "the_plan_is_written" "The plan is written to $TESTTMP/plan.md"
check_eq "the_plan_file_is_private" 600 "$(stat -c %a "$TESTTMP/plan.md")"
id=$(sql "SELECT id FROM visits WHERE case_ref = 'C-2024-17'")
"$HV" --rules "$RULES" --db "$DB" show "$id" --format markdown >"$TESTTMP/show.md"
check "the_printed_plan_is_what_show_gives" diff <(grep -v '^- 20..-..-..T' "$TESTTMP/plan.md") <(grep -v '^- 20..-..-..T' "$TESTTMP/show.md")
check "the_plan_names_the_practitioner_in_utf8" grep -q "Zoë Ó'Brien" "$TESTTMP/plan.md"
tm_keys F10
check_screen "confirming_says_it_is_planned" "is planned"
check_eq "confirming_marks_the_visit_planned" "planned" "$(sql "SELECT status FROM visits WHERE id = $id")"
tm_keys Space
check_screen "back_at_the_start_list" "Start a new plan"
tm_keys Escape
check_eq "plan_exits_0" 0 "$(tm_wait_exit 5)"
[ "$TAP_FAILED" -gt 0 ] && tm_screen | tail -5 | sed 's/^/# /' 

# ---- leave half-way by killing the terminal, then resume at the same question ----
hv_plan
tm_wait "Start a new plan"
tm_keys Enter
tm_wait "Case reference *"
tm_type "C-KILL"
tm_keys Enter Enter Enter Enter Enter
tm_type "2026-12-02 09:00"
tm_keys F10
tm_wait "Are you visiting alone?"
tm_keys y
tm_wait "When do you expect to be back?"
tm_type "2026-12-02 11:30"
tm_keys Enter
tm_wait "Specific concerns"
pid=$(tm_pid)
tm kill-server
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
check "closing_the_terminal_ends_the_program" bash -c "! kill -0 $pid 2>/dev/null"
check_eq "the_draft_survives_with_its_answers" "draft|yes|2026-12-02 11:30" \
	"$(sql "SELECT status, (SELECT value FROM answers a WHERE a.visit_id = v.id AND question = 'plan.alone' ORDER BY id DESC LIMIT 1), expected_back_at FROM visits v WHERE case_ref = 'C-KILL'")"
hv_plan
check_screen "the_draft_is_offered_for_resuming" "Resume record"
check_screen "the_draft_names_its_case" "case C-KILL"
tm_keys Down Enter
check_screen "it_resumes_at_the_same_question" "Specific concerns"
tm_keys BTab
check_screen "earlier_answers_are_there" "2026-12-02 11:30"

# ---- resize to 20x6 and back ----
tm_resize 20 6
check_screen "a_tiny_terminal_asks_to_be_enlarged" "Terminal too small"
if tm_screen | grep -q "When do you"; then tap_fail nothing_else_is_drawn_when_tiny "$(tm_screen)"; else tap_ok nothing_else_is_drawn_when_tiny; fi
tm_resize 120 35
check_screen "growing_it_brings_the_question_back" "When do you expect to be back?"
tm_resize 70 20
check_screen "a_narrow_terminal_puts_the_guidance_below" "Guidance: doc, page 1"
tm_keys Escape
check_screen "leaving_asks_first" "Every answer you confirmed is saved"
tm_keys l
tm_keys Escape
check_eq "leaving_exits_0" 0 "$(tm_wait_exit 5)"

# ---- SIGTERM restores the terminal; the draft stays ----
hv_plan
tm_wait "Resume record"
pid=$(tm_pid)
kill -TERM "$pid"
check_eq "sigterm_ends_the_plan_cleanly" 143 "$(tm_wait_exit 5)"

# ---- NO_COLOR ----
hv_plan env NO_COLOR=1
check_screen "no_color_still_shows_the_screens" "Start a new plan"
tm_keys Escape
tm_wait_exit 5 >/dev/null

tap_done
