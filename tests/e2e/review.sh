# review.sh — the manager's screen in a real terminal: the list, a filter, a
# search typed letter by letter, a record opened whole, a sign-off that shows
# in its history, an action marked done, an export, and the due view.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
. tests/lib/tmux.sh

RULES=$PWD/data/rules/home-visit.yaml
DB=$TESTTMP/review.db
export HOME=$TESTTMP
sql() { sqlite3 -batch -noheader "$DB" "$@"; }
# The sample's planned visit, with its practitioner long past the time they
# said they would be back; a draft, which the list leaves out.
sed -e 's/"2026-11-24 10:00"/"2020-01-01 10:00"/; s/"2026-11-24 12:30"/"2020-01-01 12:30"/' \
	tests/data/import/bundled-sample.yaml >"$TESTTMP/sample.yaml"
printf '  - {case_ref: C-DRAFT, practitioner: ann, status: draft}\n' >>"$TESTTMP/sample.yaml"
"$HV" --rules "$RULES" --db "$DB" import "$TESTTMP/sample.yaml" >/dev/null
"$HV" --rules "$RULES" --db "$DB" --training import tests/data/import/bundled-sample.yaml >/dev/null

tm_start 130 40 "$HV" --rules "$RULES" --db "$DB" review
check_screen "the_list_counts_every_record_but_drafts_and_training" "Review records: 3 records"
check_screen "the_newest_planned_comes_first" "2026-11-22 14:00 C-2026-0103"
check "drafts_are_not_listed" bash -c '! grep -q C-DRAFT <<<"$1"' _ "$(tm_screen)"
check_screen "a_practitioner_past_their_time_is_flagged_at_the_top" "was expected back by 2020-01-01 12:30 from case C-2026-0101"
check_screen "the_active_filter_is_shown" "Filter: none"
tm_keys a
check_screen "a_filter_narrows_the_list" "Review records: 1 record"
check_screen "the_filter_in_use_is_named" "Filter: failed-access"
check_screen "the_failed_visit_is_the_one_left" "C-2026-0102"
tm_keys c
check_screen "c_clears_the_filter" "Review records: 3 records"
tm_keys f
tm_wait "Filter the records"
tm_keys Enter
tm_wait "Status"
tm_keys Down Enter
check_screen "a_status_filter_from_the_menu" "Filter: status=visited"
tm_keys c
tm_keys /
for c in c - 2 0 2 6 - 0 1 0 3; do tm_type "$c"; done
check_screen "the_search_follows_each_keystroke" "Review records: 1 record"
check_screen "the_search_is_shown_in_the_filter" 'search="c-2026-0103"'
tm_keys Enter
tm_keys Enter
check_screen "enter_opens_the_record_whole" "Record 3: case C-2026-0103"
check_screen "the_record_starts_with_its_details" "Case reference         C-2026-0103"
tm_keys s
check_screen "sign_off_asks_for_the_decision" "Sign off this record"
tm_keys a
tm_wait "Your comment"
tm_type "Referral made; agreed with the plan"
tm_keys Enter
check_screen "the_sign_off_is_confirmed" "Signed off (agreed)"
tm_keys End
check_screen "the_record_ends_with_its_answers_and_history" "History"
check_screen "the_review_is_in_the_records_history" "signed off: agreed; comment: Referral made; agreed with the plan"
check_eq "the_review_is_stored_with_the_login_name" "agreed|Referral made; agreed with the plan|$(id -un)" \
	"$(sql "SELECT decision, comment, reviewer FROM reviews WHERE visit_id = 3")"
check_eq "the_record_is_reviewed" "reviewed" "$(sql "SELECT status FROM visits WHERE id = 3")"
open_before=$(sql "SELECT count(*) FROM actions WHERE visit_id = 3 AND status = 'open'")
tm_keys x
check_screen "x_lists_the_open_actions" "Mark an action done"
tm_keys Enter
tm_wait "A note"
tm_type "Done by phone"
tm_keys Enter
check_screen "the_action_is_marked_done" "Marked done."
check_eq "one_action_fewer_is_open" "$((open_before - 1))" "$(sql "SELECT count(*) FROM actions WHERE visit_id = 3 AND status = 'open'")"
check_eq "the_done_note_is_kept" "Done by phone" "$(sql "SELECT note FROM actions WHERE visit_id = 3 AND status = 'done'")"
tm_keys Escape
check_screen "back_at_the_list_it_shows_reviewed" "yes"
tm_keys c
tm_wait "Review records: 3 records"
tm_keys e
tm_wait "Export what is shown"
tm_keys c
tm_wait "Export to"
tm_keys C-u
tm_type "$TESTTMP/shown.csv"
tm_keys Enter
check_screen "the_export_is_confirmed" "3 records written to $TESTTMP/shown.csv"
check_eq "the_export_file_is_private" 600 "$(stat -c %a "$TESTTMP/shown.csv")"
check_eq "the_export_holds_what_is_shown" 4 "$(wc -l <"$TESTTMP/shown.csv")"
tm_keys d
check_screen "the_due_view_lists_practitioners_past_their_time" "was expected back by 2020-01-01 12:30"
check_screen "the_due_view_lists_follow_ups_by_practitioner" "Follow-ups due today and overdue, by practitioner"
tm_keys Escape
tm_keys q
check_eq "review_exits_0" 0 "$(tm_wait_exit 5)"

tap_done
