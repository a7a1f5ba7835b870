# records.sh — records without the screens: where the database lives and who can
# read it, import (all or nothing), show, export, due and db check, and every
# kind of bad database refused untouched.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh

RULES=tests/data/rules/good/minimal.yaml
SAMPLE=tests/data/import/minimal-sample.yaml
DB=$TESTTMP/records/visits.db
mkdir -p "$TESTTMP/records"
hv() { run_hv --rules "$RULES" --db "$DB" "$@"; }
sql() { sqlite3 -batch -noheader "$@"; }
mode() { stat -c %a "$1"; }

# ---- where the database lives ----
export HOME=$TESTTMP/home
unset XDG_DATA_HOME HOMEVISIT_DB
run_hv --rules "$RULES" import "$SAMPLE"
check_eq "import_into_the_default_database_exits_0" 0 "$RC"
check_eq "default_database_is_under_local_share" 600 "$(mode "$HOME/.local/share/homevisit/visits.db")"
check_eq "default_database_folder_is_private" 700 "$(mode "$HOME/.local/share/homevisit")"
XDG_DATA_HOME=$TESTTMP/xdg run_hv --rules "$RULES" import "$SAMPLE"
check "xdg_data_home_is_honoured" test -f "$TESTTMP/xdg/homevisit/visits.db"
HOMEVISIT_DB=$TESTTMP/env.db run_hv --rules "$RULES" import "$SAMPLE"
check "homevisit_db_is_honoured" test -f "$TESTTMP/env.db"
HOMEVISIT_DB=$TESTTMP/env.db run_hv --rules "$RULES" --db "$TESTTMP/opt.db" import "$SAMPLE"
check "db_option_overrides_the_environment" test -f "$TESTTMP/opt.db"

# Training records never share a file with real ones.
mkdir -p "$TESTTMP/t"
run_hv --rules "$RULES" --db "$TESTTMP/t/visits.db" --training import "$SAMPLE"
check "training_import_goes_to_training_db_beside_the_records" grep -q "into $TESTTMP/t/training.db$" <<<"$OUT"
check "training_leaves_the_records_database_alone" test ! -e "$TESTTMP/t/visits.db"
run_hv --rules "$RULES" --db "$TESTTMP/t/visits.db" --training export
check_eq "training_export_reads_the_training_records" 4 "$(printf '%s\n' "$OUT" | wc -l)"
check "training_csv_is_stamped_on_every_row" test "$(grep -c '^TRAINING,' <<<"$OUT")" -eq 3
check "training_csv_names_the_stamp_column" grep -q '^stamp,id,case_ref,' <<<"$OUT"
run_hv --rules "$RULES" --db "$TESTTMP/t/visits.db" --training export --format json --output "$TESTTMP/t/training.json"
check_eq "training_json_is_stamped" "TRAINING|3" "$(sqlite3 :memory: "SELECT json_extract(readfile('$TESTTMP/t/training.json'), '\$.stamp'), json_array_length(readfile('$TESTTMP/t/training.json'), '\$.records')")"
run_hv --rules "$RULES" --db "$TESTTMP/t/visits.db" --training export --format markdown
check "training_markdown_is_stamped" grep -q '^# TRAINING: home visit records' <<<"$OUT"

# ---- import ----
hv import "$SAMPLE"
check_eq "import_exits_0" 0 "$RC"
check "import_says_what_it_did" grep -q "^imported 3 records (1 to 3) into $DB$" <<<"$OUT"
check_eq "imported_database_is_private" 600 "$(mode "$DB")"
check_eq "three_records_were_saved" 3 "$(sql "$DB" 'SELECT count(*) FROM visits')"

for f in tests/data/import/bad/*.yaml tests/data/import/bad/*.json; do
	name=$(basename "${f%.*}")
	before=$(sql "$DB" 'SELECT count(*) FROM visits; SELECT count(*) FROM answers')
	hv import "$f"
	want=$(cat "${f%.*}.expect")
	after=$(sql "$DB" 'SELECT count(*) FROM visits; SELECT count(*) FROM answers')
	if [ "$RC" = 65 ] && [ "$ERR" = "$want" ] && [ "$before" = "$after" ]; then
		tap_ok "import_refuses_$name"
	else
		tap_fail "import_refuses_$name" "exit $RC (want 65)" "stderr: $ERR" "want:   $want" "rows before/after: $before / $after"
	fi
done
run_hv --rules "$RULES" --db "$TESTTMP/never.db" import tests/data/import/bad/bad-yesno.yaml
check "a_refused_import_creates_no_database" test ! -e "$TESTTMP/never.db"

# ---- show: every field comes back ----
hv show 1 --format json
echo "$OUT" >"$TESTTMP/one.json"
j() { sql :memory: "SELECT json_extract(readfile('$TESTTMP/one.json'), '$1')"; }
check_eq "show_json_is_valid" 1 "$(sql :memory: "SELECT json_valid(readfile('$TESTTMP/one.json'))")"
check_eq "round_trip_case_ref" "C-1001" "$(j '$.case_ref')"
check_eq "round_trip_practitioner_utf8" "Zoë Ó'Brien" "$(j '$.practitioner')"
check_eq "round_trip_agency" "Derbyshire County Council Children's Services" "$(j '$.agency')"
check_eq "round_trip_address" "1 High Street, Derby" "$(j '$.address')"
check_eq "round_trip_children" "Łukasz (4)" "$(j '$.children')"
check_eq "round_trip_purpose" "Review of the child protection plan" "$(j '$.purpose')"
check_eq "round_trip_planned_at" "2026-11-24 10:00" "$(j '$.planned_at')"
check_eq "round_trip_kind" "announced" "$(j '$.kind')"
check_eq "round_trip_status" "planned" "$(j '$.status')"
check_eq "round_trip_expected_back" "2026-11-24 13:00" "$(j '$.expected_back_at')"
ans() { sql :memory: "SELECT json_extract(value, '\$.$2') FROM json_each(json_extract(readfile('$TESTTMP/one.json'), '\$.answers')) WHERE json_extract(value, '\$.question') = '$1'"; }
check_eq "round_trip_yesno_answer" "yes" "$(ans plan.alone value)"
check_eq "round_trip_datetime_answer" "2026-11-24 13:00" "$(ans plan.back value)"
check_eq "round_trip_multi_answer_in_rule_order" "neglect,domestic-abuse" "$(ans plan.concerns value)"
check_eq "round_trip_reason" "The family refused last time; a joint visit will try again" "$(ans plan.cupboards reason)"
check_eq "round_trip_people" "$(printf 'Anna Nowak\tmother\tyes\tno\n=HYPERLINK("x")\tpartner\tunknown\tyes')" "$(ans plan.people value)"
check_eq "show_json_names_each_question_as_asked" "Are you visiting alone?" "$(ans plan.alone text)"

hv show 1
check "show_text_has_the_details" grep -q "Case reference         C-1001" <<<"$OUT"
check "show_text_has_the_answers" grep -q "Will you see the food cupboards?" <<<"$OUT"
check "show_text_has_the_reason" grep -q "Reason: The family refused last time" <<<"$OUT"
hv show 2 --format markdown
check "show_markdown_has_a_title" grep -q "^# Home visit 2: case C-1002$" <<<"$OUT"
check "show_markdown_has_the_escalation" grep -q "Escalation:\*\* Discuss with the police" <<<"$OUT"
check "show_markdown_lists_actions_by_urgency" grep -q "^\*\*Immediate\*\*$" <<<"$OUT"
hv show 99
check_eq "show_of_a_missing_record_exits_66" 66 "$RC"
check "show_of_a_missing_record_says_so" grep -q "there is no record 99" <<<"$ERR"
hv show abc
check_eq "show_of_a_non_number_exits_64" 64 "$RC"
hv show 1 --format pdf
check_eq "show_of_an_unknown_format_exits_64" 64 "$RC"

# ---- export ----
hv export
check_eq "export_csv_exits_0" 0 "$RC"
check_eq "export_csv_has_a_header_and_a_row_per_record" 4 "$(printf '%s\n' "$OUT" | wc -l)"
check "export_csv_lines_end_in_crlf" grep -q $'\r$' "$TESTTMP/out"
check "export_csv_quotes_a_comma" grep -q '"1 High Street, Derby"' <<<"$OUT"
check "export_csv_neutralises_a_formula" grep -q "\"'=1+2\"" <<<"$OUT"
hv export --format json
echo "$OUT" >"$TESTTMP/all.json"
check_eq "export_json_is_valid" 1 "$(sql :memory: "SELECT json_valid(readfile('$TESTTMP/all.json'))")"
check_eq "export_json_holds_every_record" 3 "$(sql :memory: "SELECT json_array_length(readfile('$TESTTMP/all.json'))")"
check_eq "export_json_holds_the_history" "created" "$(sql :memory: "SELECT json_extract(readfile('$TESTTMP/all.json'), '\$[0].events[0].kind')")"
hv export --format markdown
check "export_markdown_is_a_table" grep -q "^| 2 | 2026-11-20 09:30 | C-1002 | ann | no_access | police |" <<<"$OUT"
count() { hv export "$@"; printf '%s\n' "$OUT" | tail -n +2 | grep -c .; }
check_eq "filter_status" 1 "$(count --status planned)"
check_eq "filter_failed_access" 1 "$(count --failed-access)"
check_eq "filter_escalation_at_or_above" 1 "$(count --escalation team-manager)"
check_eq "filter_practitioner" 2 "$(count --practitioner ann)"
check_eq "filter_search_prefix" 3 "$(count --search c-10)"
check_eq "filter_dates_inclusive" 2 "$(count --from 2026-11-20 --to 2026-11-22)"
check_eq "filter_unreviewed" 2 "$(count --unreviewed)"
hv export --escalation nonsense
check_eq "filter_unknown_level_exits_64" 64 "$RC"
hv export --output "$TESTTMP/x.csv" --events "$TESTTMP/ev.csv"
check_eq "export_to_a_file_exits_0" 0 "$RC"
check_eq "export_file_is_private" 600 "$(mode "$TESTTMP/x.csv")"
check "export_events_csv_has_the_history" grep -q '^2,.*,status,,planned,no_access' "$TESTTMP/ev.csv"
before=$(sha256sum <"$TESTTMP/x.csv")
hv export --output "$TESTTMP/x.csv" --status planned
check_eq "export_never_overwrites_without_force" 73 "$RC"
check_eq "export_left_the_file_as_it_was" "$before" "$(sha256sum <"$TESTTMP/x.csv")"
hv export --output "$TESTTMP/x.csv" --status planned --force
check_eq "export_force_replaces" 2 "$(wc -l <"$TESTTMP/x.csv")"

# ---- due and db check ----
hv due
check "due_lists_one_follow_up_a_line" grep -qP '^2026-11-20 09:30\toverdue\t2\tC-1002\tann\tpractitioner\tDiscuss with the police\.$' <<<"$OUT"
hv due --overdue
check "due_overdue_leaves_out_later_ones" bash -c '! grep -q "2099" <<<"$1"' _ "$OUT"
hv db check
check_eq "db_check_exits_1_when_it_finds_something" 1 "$RC"
check "db_check_reports_integrity" grep -q "integrity ok; schema version 3" <<<"$OUT"
check "db_check_reports_an_unreviewed_escalation" grep -q "record 2 (case C-1002): escalated" <<<"$OUT"
CLEAN=$TESTTMP/clean.db
run_hv --rules "$RULES" --db "$CLEAN" import tests/data/import/minimal-clean.yaml
run_hv --rules "$RULES" --db "$CLEAN" db check
check_eq "db_check_exits_0_when_clean" 0 "$RC"

# ---- bad databases: a clear message, a documented code, the file untouched ----
head -c 4096 /dev/urandom >"$TESTTMP/garbage.db"
before=$(sha256sum <"$TESTTMP/garbage.db")
run_hv --rules "$RULES" --db "$TESTTMP/garbage.db" import "$SAMPLE"
check_eq "garbage_database_exits_65" 65 "$RC"
check "garbage_database_is_named" grep -q "garbage.db: not a homevisit database" <<<"$ERR"
check_eq "garbage_database_is_untouched" "$before" "$(sha256sum <"$TESTTMP/garbage.db")"
sql "$TESTTMP/other.db" "CREATE TABLE t (x); INSERT INTO t VALUES (1)"
before=$(sha256sum <"$TESTTMP/other.db")
run_hv --rules "$RULES" --db "$TESTTMP/other.db" import "$SAMPLE"
check_eq "another_programs_database_exits_65" 65 "$RC"
check_eq "another_programs_database_is_untouched" "$before" "$(sha256sum <"$TESTTMP/other.db")"
cp "$CLEAN" "$TESTTMP/newer.db"
sql "$TESTTMP/newer.db" "PRAGMA user_version = 99"
before=$(sha256sum <"$TESTTMP/newer.db")
run_hv --rules "$RULES" --db "$TESTTMP/newer.db" import "$SAMPLE"
check_eq "newer_database_exits_65" 65 "$RC"
check "newer_database_says_so" grep -q "written by a newer homevisit" <<<"$ERR"
check_eq "newer_database_is_untouched" "$before" "$(sha256sum <"$TESTTMP/newer.db")"
run_hv --rules "$RULES" --db "$TESTTMP/no/such/folder/v.db" import "$SAMPLE"
check_eq "missing_folder_exits_66" 66 "$RC"
check "missing_folder_is_named" grep -q "the folder $TESTTMP/no/such/folder does not exist" <<<"$ERR"
run_hv --rules "$RULES" --db "$TESTTMP/absent.db" show 1
check_eq "reading_a_missing_database_exits_66" 66 "$RC"
check "reading_creates_nothing" test ! -e "$TESTTMP/absent.db"
# Another program holds the database locked for longer than the timeout.
cp "$CLEAN" "$TESTTMP/locked.db"
{ echo "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; INSERT INTO events (visit_id, at, who, kind) VALUES (1, 'x', 'x', 'x');"; sleep 9; } | sql "$TESTTMP/locked.db" >/dev/null &
locker=$!
sleep 1
run_hv --rules "$RULES" --db "$TESTTMP/locked.db" import "$SAMPLE"
check_eq "locked_database_exits_75" 75 "$RC"
check "locked_database_says_try_again" grep -q "locked by another program (waited 5.0 s); try again" <<<"$ERR"
kill "$locker" 2>/dev/null; wait "$locker" 2>/dev/null

tap_done
