# faults.sh — a full disk met by the command line: the file-size limit
# (`ulimit -f`) stands in for a full disk. The import is refused with a message
# naming the database and exit 74, and the database is left as it was.
cd "$(dirname "$0")/../.." || exit 1
. tests/lib/tap.sh

RULES=data/rules/home-visit.yaml
SAMPLE=tests/data/import/bundled-sample.yaml
DB=$TESTTMP/db/visits.db
mkdir -m 700 "$TESTTMP/db"
run_hv --rules "$RULES" --db "$DB" import "$SAMPLE"
check_eq "the_first_import_succeeds" 0 "$RC"
dump() { sqlite3 -batch "$DB" .dump; }
before=$(dump)

# Writes past 100 KiB fail with EFBIG, as on a full disk (SIGXFSZ ignored, as
# a shell that runs the program under a quota would).
full_hv() { (trap '' XFSZ; ulimit -f 100; "$HV" "$@") >"$TESTTMP/out" 2>"$TESTTMP/err"; RC=$?; ERR=$(cat "$TESTTMP/err"); }

full_hv --rules "$RULES" --db "$DB" import "$SAMPLE"
check_eq "an_import_on_a_full_disk_exits_74" 74 "$RC"
check "the_message_names_the_database" grep -qF "$DB: " <<<"$ERR"
check "the_message_says_it_could_not_be_written" grep -q "could not be written (disk I/O error; is the disk full or failing?); nothing was saved" <<<"$ERR"
check "the_message_says_nothing_was_imported" grep -q "nothing was imported" <<<"$ERR"
check_eq "the_database_passes_its_integrity_check" ok "$(sqlite3 "$DB" 'PRAGMA integrity_check')"
check_eq "no_partial_record_is_left" "$before" "$(dump)"
run_hv --rules "$RULES" --db "$DB" db check
check "db_check_finds_the_records_intact" grep -q ": integrity ok; schema version" <<<"$OUT"

# With room again, the same import goes in whole.
run_hv --rules "$RULES" --db "$DB" import "$SAMPLE"
check_eq "with_room_again_the_import_succeeds" 0 "$RC"
check_eq "and_all_of_it_is_there" 6 "$(sqlite3 "$DB" 'SELECT count(*) FROM visits')"

tap_done
