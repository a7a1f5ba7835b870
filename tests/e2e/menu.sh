# menu.sh — the main menu in a real terminal: it opens on the rule file, moves,
# says plainly when training has no scenario for the rule file, survives
# resizing, and quits with 0.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
. tests/lib/tmux.sh

RULES=$PWD/tests/data/rules/good/minimal.yaml
export HOME=$TESTTMP   # the default database goes here, never in the real home

tm_start 100 30 "$HV" --rules "$RULES"
check_screen "menu_opens_with_every_entry" "Plan a visit"
check_screen "menu_names_the_rule_file_version" "version 1"
tm_keys Down Down Down
tm_keys Enter
check_screen "training_without_scenarios_for_the_rule_file_says_so" "No training scenarios were found for the rule file in use"
check "training_without_scenarios_creates_no_training_db" test ! -e "$TESTTMP/.local/share/homevisit/training.db"
tm_keys Space
tm_wait "Review records"
tm_keys '?'
check_screen "question_mark_lists_the_keys" "open an entry by its number"
tm_keys Space
tm_wait_gone "open an entry by its number" 5
tm_resize 20 6
check_screen "a_tiny_terminal_gets_one_line_asking_to_enlarge" "Terminal too small"
tm_resize 100 30
check_screen "growing_the_terminal_brings_the_menu_back" "Review records"
tm_keys q
check_eq "q_quits_at_once_with_exit_0" 0 "$(tm_wait_exit 5)"

# Quitting through the Quit entry works the same.
tm_start 100 30 "$HV" --rules "$RULES"
tm_wait "Plan a visit"
tm_keys 5
check_eq "the_quit_entry_exits_0" 0 "$(tm_wait_exit 5)"

# SIGTERM restores the terminal and ends the program.
tm_start 100 30 "$HV" --rules "$RULES"
tm_wait "Plan a visit"
pid=$(tm_pid)
kill -TERM "$pid"
status=$(tm_wait_exit 5)
check_eq "sigterm_ends_the_program" 143 "$status"

# A terminal that cannot show the screens is refused with a clear message.
tm_start 100 30 env TERM=dumb "$HV" --rules "$RULES"
check_eq "term_dumb_exits_69" 69 "$(tm_wait_exit 5)"
check_screen "term_dumb_gets_a_clear_refusal" "cannot show the screens"

# NO_COLOR: the menu still shows the selection (reverse video, no colour).
tm_start 100 30 env NO_COLOR=1 "$HV" --rules "$RULES"
check_screen "no_color_menu_still_opens" "Record an outcome"
tm_keys q
tm_wait_exit 5 >/dev/null

# The menu counts what matters: drafts in progress, follow-ups overdue.
printf 'visits:\n  - {case_ref: C-D, practitioner: ann, status: draft}\n  - {case_ref: C-O, practitioner: ann, planned_at: "2020-01-01 10:00", status: no_access, answers: {plan.alone: "no", out.access: "no", fa.level: grave-concern, fa.next: "2020-01-02 10:00"}}\n' >"$TESTTMP/counts.yaml"
"$HV" --rules "$RULES" import "$TESTTMP/counts.yaml" >/dev/null
tm_start 120 30 "$HV" --rules "$RULES"
check_screen "the_menu_counts_drafts_in_progress" "(1 draft in progress)"
check_screen "the_menu_counts_overdue_follow_ups" "(3 follow-ups overdue)"
tm_keys 1
check_screen "plan_a_visit_opens_from_the_menu" "Resume record 1: case C-D"
tm_keys Escape
check_screen "leaving_plan_returns_to_the_menu" "Review records"
tm_keys q
tm_wait_exit 5 >/dev/null

# A broken rule file is reported before any screen opens.
tm_start 100 30 "$HV" --rules "$PWD/tests/data/rules/bad/duplicate-key.yaml"
check_eq "a_bad_rule_file_exits_65_before_the_menu" 65 "$(tm_wait_exit 5)"
check_screen "a_bad_rule_file_is_named_with_its_position" "duplicate-key.yaml:26:9: duplicate key 'text'"

tap_done
