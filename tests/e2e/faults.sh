# faults.sh — the screens on a full disk: the file-size limit (`ulimit -f`)
# stands in for a full disk while a practitioner records an outcome. The
# failed save says NOT SAVED and why, the answers confirmed before it stay in
# the database, leaving warns that an answer is not saved, and the program
# exits 74 naming what was lost; the database passes its integrity check.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh
. tests/lib/tmux.sh

RULES=$PWD/data/rules/home-visit.yaml
DB=$TESTTMP/db/visits.db
mkdir -m 700 "$TESTTMP/db"
export HOME=$TESTTMP
"$HV" --rules "$RULES" --db "$DB" import tests/data/import/bundled-sample.yaml >/dev/null
answers() { sqlite3 "$DB" 'SELECT count(*) FROM answers WHERE visit_id = 1'; }

# Writes past 400 KiB fail with EFBIG, as on a full disk: the write-ahead log
# has room for a few answers (each writes some 60 KiB to it), then none.
tm_start 120 36 sh -c 'trap "" XFSZ; ulimit -f 400; exec "$0" "$@"' "$HV" --rules "$RULES" --db "$DB" outcome 1
check_screen "the_outcome_screen_opens" "Was access gained and the child seen?"
# Answer yes/no questions with "no", skip the rest, until a save fails.
failed=no
first=$(answers)
for _ in $(seq 1 200); do
	screen=$(tm_screen)
	if grep -q "NOT SAVED" <<<"$screen"; then failed=yes; break; fi
	saved=$(answers)
	before=$screen
	if grep -qE '\( \) n  No' <<<"$screen"; then tm_keys n; else tm_keys Tab; fi
	n=0
	while [ "$(tm_screen)" = "$before" ] && [ "$n" -lt 40 ]; do sleep 0.05; n=$((n + 1)); done
done
check_eq "a_save_on_the_full_disk_fails" yes "$failed"
check "some_answers_were_saved_before_the_disk_filled" test "$saved" -gt $((first + 1))
check_screen "the_failure_says_why_and_names_the_database" "NOT SAVED: $DB"
check_screen "the_failure_suggests_the_disk" "is the disk full or"
check_eq "the_answers_confirmed_before_it_are_kept" "$saved" "$(answers)"
check_eq "the_record_is_still_planned" planned "$(sqlite3 "$DB" 'SELECT status FROM visits WHERE id = 1')"
# q leaves (Esc first if a reason field has the keyboard).
tm_keys q
tm_wait "Leave?" 5 || { tm_keys Escape; tm_wait "q leave" 5; tm_keys q; }
check_screen "leaving_warns_that_an_answer_is_not_saved" "Leave? An answer is not saved"
tm_keys l
check_eq "the_program_exits_74" 74 "$(tm_wait_exit 10)"
check_screen "the_loss_is_said_after_the_screen_closes" "homevisit: an answer was NOT saved: $DB"
check_eq "the_database_passes_its_integrity_check" ok "$(sqlite3 "$DB" 'PRAGMA integrity_check')"
check_eq "nothing_half_saved_was_left" "$saved" "$(answers)"

tap_done
