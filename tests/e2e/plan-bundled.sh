# plan-bundled.sh — a whole plan on the bundled rulebook, driven only by what is
# on the screen: F10 lists what is missing, Enter jumps to it, the answer is
# typed; until the summary. Also: long text through $EDITOR, and NO_COLOR.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
. tests/lib/tmux.sh
. tests/lib/answer.sh

RULES=$PWD/data/rules/home-visit.yaml
DB=$TESTTMP/bundled.db
export HOME=$TESTTMP
mkdir -p "$TESTTMP/run"
# An editor that writes the purpose, as a practitioner would in vi.
cat >"$TESTTMP/editor.sh" <<'ED'
#!/bin/sh
printf 'Review of the child protection plan.\nSee Łukasz alone.\n' >"$1"
ED
chmod +x "$TESTTMP/editor.sh"
sql() { sqlite3 -batch -noheader "$DB" "$@"; }

tm_start 130 40 env EDITOR="$TESTTMP/editor.sh" VISUAL= XDG_RUNTIME_DIR="$TESTTMP/run" \
	"$HV" --rules "$RULES" --db "$DB" plan
tm_wait "Start a new plan"
tm_keys Enter
tm_wait "Case reference *"
tm_type "C-BUNDLED"
tm_keys Enter Enter Enter Enter Enter
tm_type "2026-12-03 10:00"
tm_keys F10
check_screen "the_first_question_is_why_visit" "What is the purpose of this visit?"
check_screen "its_guidance_cites_ddscp_page_1" "Guidance: ddscp, page 1"
tm_keys C-e
check_screen "ctrl_e_brings_back_the_editors_text" "Review of the child protection plan."
tm_keys Tab
tm_wait "Saved."
check_eq "long_text_from_the_editor_is_saved" "$(printf 'Review of the child protection plan.\nSee Łukasz alone.')" \
	"$(sql "SELECT value FROM answers WHERE question = 'why.purpose' ORDER BY id DESC LIMIT 1")"
check_eq "the_editors_private_file_is_removed" "" "$(ls "$TESTTMP/run")"

finish_by_answering_what_is_missing "Summary of the plan"
check_screen "every_required_answer_given_leads_to_the_summary" "Summary of the plan: case C-BUNDLED"
check_screen "the_summary_shows_lone_working" "Lone working: back by  2026-12-03 13:00"
check_screen "the_summary_repeats_who_is_involved" "Who should be involved in the home visit?"
tm_keys F10
check_screen "the_plan_is_confirmed" "is planned"
check_eq "the_visit_is_planned_in_the_database" "planned" "$(sql "SELECT status FROM visits WHERE case_ref = 'C-BUNDLED'")"
check "its_actions_are_stored_with_due_times" test "$(sql "SELECT count(*) FROM actions a JOIN visits v ON v.id = a.visit_id WHERE v.case_ref = 'C-BUNDLED' AND a.due_at IS NOT NULL")" -gt 0
check_eq "the_lone_visit_check_in_is_due_when_back" "2026-12-03 13:00" \
	"$(sql "SELECT due_at FROM actions WHERE action = 'act.lone-check-in'")"
tm_keys Space Escape
check_eq "plan_on_the_bundled_rulebook_exits_0" 0 "$(tm_wait_exit 5)"

# Colour by default; none at all under NO_COLOR.
tm_start 100 30 "$HV" --rules "$RULES" --db "$DB"
tm_wait "Plan a visit"
check "colour_is_used_by_default" grep -q $'\e\[[0-9;]*4[0-7]m' <(tm capture-pane -e -p -t t)
tm_keys q
tm_wait_exit 5 >/dev/null
tm_start 100 30 env NO_COLOR=1 "$HV" --rules "$RULES" --db "$DB"
tm_wait "Plan a visit"
check "no_color_means_no_colour_codes" bash -c '! grep -qE $'"'"'\e\[[0-9;]*(3[0-7]|4[0-7]|38;5|48;5)[;m]'"'"' <<<"$1"' _ "$(tm capture-pane -e -p -t t)"
check "no_color_still_marks_the_selection" grep -q $'\e\[[0-9;]*7m' <(tm capture-pane -e -p -t t)
tm_keys q
tm_wait_exit 5 >/dev/null

tap_done
