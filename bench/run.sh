#!/usr/bin/env bash
# run.sh — `make bench`: fills a database with 100,000 realistic visits (once,
# kept in build/bench), times what the manager's screens and commands ask of
# it beside the sqlite3 shell doing the same; times loading rule files beside
# libyaml alone, start-up to the first screen in a pseudo-terminal, saving an
# answer beside SQLite alone, and importing; and writes docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

N=${BENCH_VISITS:-100000}
OUT=build/bench
DB=$OUT/visits-$N.db
HV=./homevisit
RULES=data/rules/home-visit.yaml
SAMPLE=tests/data/import/bundled-sample.yaml
DOC=docs/performance.md
mkdir -p "$OUT"
load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)	# other programs on the machine blur wall-clock figures

now_ms() { date +%s%N | awk '{ printf "%.1f", $1 / 1e6 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# ---- the database: generated through the import path, once ----
# A database kept from an older homevisit is generated again: read-only openers
# (db check, export, the benchmarks) refuse one that needs upgrading, and its
# import figure would be the older program's.
want_version=$(awk '$2 == "STORE_SCHEMA_VERSION" { print $3 }' include/store.h)
if [ -s "$DB" ] && [ "$(sqlite3 "$DB" 'PRAGMA user_version')" != "$want_version" ]; then
	echo "$DB is schema version $(sqlite3 "$DB" 'PRAGMA user_version'), not $want_version: generating it again"
	rm -f "$DB" "$DB-wal" "$DB-shm"
fi
if [ ! -s "$DB" ]; then
	echo "generating $N visits into $DB (once)..."
	rm -f "$DB" "$DB-wal" "$DB-shm"
	t0=$(now_ms)
	"$OUT/gen-visits" "$RULES" "$SAMPLE" "$DB" "$N" >/dev/null
	t1=$(now_ms)
	echo "$t0 $t1" >"$OUT/import-$N.time"
fi
read -r t0 t1 <"$OUT/import-$N.time"
import_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1000 }')
import_rate=$(awk -v n="$N" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / ((b - a) / 1000) }')
db_mb=$(du -m "$DB" | cut -f1)
rows=$(sqlite3 "$DB" "SELECT (SELECT count(*) FROM visits) || ' visits, ' || (SELECT count(*) FROM answers) || ' answers, ' || (SELECT count(*) FROM actions) || ' actions, ' || (SELECT count(*) FROM events) || ' events'")
db_answers=$(sqlite3 "$DB" "SELECT count(*) FROM answers")
past_back_n=$(sqlite3 "$DB" "SELECT count(*) FROM visits WHERE status = 'planned' AND expected_back_at < strftime('%Y-%m-%d %H:%M', 'now', 'localtime')")
overdue_n=$(sqlite3 "$DB" "SELECT count(*) FROM actions WHERE status = 'open' AND due_at < strftime('%Y-%m-%d %H:%M', 'now', 'localtime')")
import_arate=$(awk -v n="$db_answers" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", n / ((b - a) / 1000) }')

# ---- homevisit import: 10,000 visits in four files of 2,500 (the loader refuses
# a file over 8 MiB), into a fresh database, three times ----
IMPORT_FILES=4 IMPORT_EACH=2500 IMPORT_RUNS=3
for f in $(seq $IMPORT_FILES); do
	"$OUT/gen-visits" "$RULES" "$SAMPLE" "$OUT/import-$f.yaml" $IMPORT_EACH "$f" $(((f - 1) * IMPORT_EACH + 1)) >/dev/null
done
imp_ms=()
for i in $(seq $IMPORT_RUNS); do
	rm -f "$OUT/import.db" "$OUT/import.db-wal" "$OUT/import.db-shm"
	t0=$(now_ms)
	for f in $(seq $IMPORT_FILES); do
		"$HV" --rules "$RULES" --db "$OUT/import.db" import "$OUT/import-$f.yaml" >/dev/null
	done
	t1=$(now_ms)
	imp_ms+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
done
imp_med=$(printf '%s\n' "${imp_ms[@]}" | median)
imp_visits=$(sqlite3 "$OUT/import.db" "SELECT count(*) FROM visits")
imp_answers=$(sqlite3 "$OUT/import.db" "SELECT count(*) FROM answers")
imp_vrate=$(awk -v n="$imp_visits" -v t="$imp_med" 'BEGIN { printf "%.0f", n / (t / 1000) }')
imp_arate=$(awk -v n="$imp_answers" -v t="$imp_med" 'BEGIN { printf "%.0f", n / (t / 1000) }')
imp_all=$(printf '%s\n' "${imp_ms[@]}" | sort -n | awk '{ printf "%s%.1f", (NR > 1 ? ", " : ""), $1 / 1000 }')
rm -f "$OUT/import.db" "$OUT/import.db-wal" "$OUT/import.db-shm"

# ---- loading rule files, beside libyaml alone ----
RULES_BIG=$OUT/rules-10000.yaml
"$OUT/gen-rules" 10000 >"$RULES_BIG"
"$HV" rules check "$RULES_BIG" >"$OUT/rules-check.txt"	# the generated rulebook must be valid
"$OUT/bench-rules" "$RULES" 101 fresh >"$OUT/rules-bundled.txt"
"$OUT/bench-rules" "$RULES_BIG" 21 fresh >"$OUT/rules-big.txt"
"$OUT/bench-rules" "$RULES" 101 reuse >"$OUT/rules-bundled-reuse.txt"
"$OUT/bench-rules" "$RULES_BIG" 21 reuse >"$OUT/rules-big-reuse.txt"
rv() { awk -v k="$2" '$1 == k { print $2 }' "$OUT/rules-$1.txt"; }

# ---- start-up to the first drawn screen, in a pseudo-terminal of 120x40 ----
# The marker is the bottom line's last words: the screen is written top to bottom.
"$OUT/bench-startup" -n 21 -s 120x40 -o "$OUT/startup-review.raw" "q back" \
	"$HV" --rules "$RULES" --db "$DB" review >"$OUT/startup-review.txt"
"$OUT/bench-startup" -n 21 -s 120x40 -o "$OUT/startup-menu.raw" "? keys" \
	"$HV" --rules "$RULES" --db "$DB" menu >"$OUT/startup-menu.txt"
"$OUT/bench-startup" -n 21 -s 120x40 "follow-ups overdue" \
	"$HV" --rules "$RULES" --db "$DB" menu >"$OUT/startup-counts.txt"
"$OUT/bench-startup" -n 21 -s 120x40 "homevisit $(awk -F'= *' '/^VERSION/ { print $2 }' Makefile)" \
	"$HV" --version >"$OUT/startup-version.txt"
"$OUT/bench-startup" -n 21 -s 120x40 ": ok: " "$HV" rules check "$RULES" >"$OUT/startup-rules.txt"
"$OUT/bench-startup" -n 21 -s 120x40 "echo-marker" /bin/echo echo-marker >"$OUT/startup-echo.txt"
sv() { awk -v k="$2" '$1 == k { print $2 }' "$OUT/startup-$1.txt"; }
# the same parts one by one, each run a fresh process (SQLite's cache empty, as at start-up)
for i in $(seq 11); do "$OUT/bench-startup-parts" "$RULES" "$DB"; done >"$OUT/startup-parts.txt"
pv() { awk -v k="$1" '$1 == k { print $2 }' "$OUT/startup-parts.txt" | median; }

# ---- saving one answer, beside SQLite alone ----
"$OUT/bench-answer" "$RULES" "$OUT" 200 5 >"$OUT/answer.txt"
av() { awk -v k="$1" '$1 == k { print $2 }' "$OUT/answer.txt"; }

# ---- the review screen's queries, through the store ----
"$OUT/bench-review" "$DB" 11 >"$OUT/review.txt"
val() { awk -v k="$1" '$1 == k { print $2 }' "$OUT/review.txt"; }

# ---- the same queries in the sqlite3 shell (.timer: statement time only) ----
NOW=$(date '+%Y-%m-%d %H:%M')
COLS="v.id, v.case_ref, v.practitioner, v.agency, v.address, v.children, v.purpose, v.planned_at, v.kind, v.status, v.rulebook_hash, r.id, r.version, v.created_at, v.updated_at, v.escalation, v.escalation_rank, v.urgency, v.emergency, v.expected_back_at, v.welfare_check, v.next_contact_at, v.outcome_at, v.resume_at, (SELECT count(*) FROM actions a WHERE a.visit_id = v.id AND a.status = 'open'), (SELECT count(*) FROM actions a WHERE a.visit_id = v.id AND a.status = 'open' AND a.due_at < '$NOW'), EXISTS (SELECT 1 FROM reviews w WHERE w.visit_id = v.id) FROM visits v JOIN rulebooks r ON r.hash = v.rulebook_hash"
shell_ms() {	# WHERE-for-count WHERE-for-page: count up to 10,000 and a page, 11 times
	local cw=$1 pw=$2 i
	{
		echo ".timer on"
		for i in $(seq 11); do
			echo "SELECT count(*) FROM (SELECT 1 FROM visits v $cw LIMIT 10001);"
			echo "SELECT count(*) FROM (SELECT $COLS $pw ORDER BY v.planned_at DESC, v.id DESC LIMIT 100);"
		done
	} | sqlite3 "$DB" 2>&1 | awk '/^Run Time/ { t += $4 * 1000; if (++n % 2 == 0) { print t; t = 0 } }' | median
}
sh_first=$(shell_ms "WHERE v.status <> 'draft'" "WHERE +v.status <> 'draft'")
sh_noaccess=$(shell_ms "WHERE v.status = 'no_access'" "WHERE +v.status = 'no_access'")
sh_unrev=$(shell_ms "WHERE v.status IN ('visited', 'no_access')" "WHERE +v.status IN ('visited', 'no_access')")
sh_police=$(shell_ms "WHERE v.status <> 'draft' AND v.escalation_rank >= 3" "WHERE +v.status <> 'draft' AND +v.escalation_rank >= 3")
sh_search=$(shell_ms "WHERE v.status <> 'draft' AND ((v.case_fold >= 'c-001' AND v.case_fold < 'c-002') OR (v.practitioner_fold >= 'c-001' AND v.practitioner_fold < 'c-002'))" "WHERE v.status <> 'draft' AND ((v.case_fold >= 'c-001' AND v.case_fold < 'c-002') OR (v.practitioner_fold >= 'c-001' AND v.practitioner_fold < 'c-002'))")

# ---- export of every record as CSV, beside the shell writing the same columns ----
csv_cols="v.id, v.case_ref, v.practitioner, v.agency, v.address, v.children, v.purpose, v.planned_at, v.kind, v.status, v.escalation, v.escalation_rank, v.urgency, CASE WHEN v.emergency THEN 'yes' ELSE 'no' END, v.expected_back_at, v.welfare_check, v.next_contact_at, v.outcome_at, (SELECT count(*) FROM actions a WHERE a.visit_id = v.id AND a.status = 'open'), (SELECT count(*) FROM actions a WHERE a.visit_id = v.id AND a.status = 'open' AND a.due_at < '$NOW'), CASE WHEN EXISTS (SELECT 1 FROM reviews w WHERE w.visit_id = v.id) THEN 'yes' ELSE 'no' END, r.id, r.version, v.rulebook_hash, v.created_at, v.updated_at FROM visits v JOIN rulebooks r ON r.hash = v.rulebook_hash WHERE +v.status <> 'draft' ORDER BY v.planned_at DESC, v.id DESC"
hv_export=() sh_export=()
for i in 1 2 3; do
	rm -f "$OUT/export.csv"
	t0=$(now_ms); "$HV" --rules "$RULES" --db "$DB" export --output "$OUT/export.csv"; t1=$(now_ms)
	hv_export+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
	t0=$(now_ms); sqlite3 -csv -header "$DB" "SELECT $csv_cols" >"$OUT/export-shell.csv"; t1=$(now_ms)
	sh_export+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')")
done
hv_exp=$(printf '%s\n' "${hv_export[@]}" | median)
sh_exp=$(printf '%s\n' "${sh_export[@]}" | median)
exp_ratio=$(awk -v a="$hv_exp" -v b="$sh_exp" 'BEGIN { printf "%.2f", a / b }')
exp_rows=$(($(wc -l <"$OUT/export.csv") - 1))

# ---- the review screen itself, in a terminal: its memory after paging and searching ----
rss_kb=$(bench/review-rss.sh "$DB")

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
machine="$cpu, $(nproc) cores; $(uname -srm); SQLite $(av sqlite); libyaml $(rv bundled libyaml); $(${CC:-cc} --version | head -n 1)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
ok() { awk -v v="$1" -v lim="$2" 'BEGIN { print (v < lim) ? "yes" : "NO" }'; }
within() { awk -v r="$1" -v lim="$2" 'BEGIN { print (r <= lim) ? "yes" : "NO" }'; }
kb() { awk -v b="$1" 'BEGIN { printf "%.0f kB", b / 1024 }'; }

r_b_scan=$(rv bundled yaml_scan_ms) r_b_text=$(rv bundled load_text_ms) r_b_file=$(rv bundled load_file_ms)
r_g_scan=$(rv big yaml_scan_ms) r_g_text=$(rv big load_text_ms) r_g_file=$(rv big load_file_ms)
r_b_ratio=$(ratio "$r_b_text" "$r_b_scan") r_g_ratio=$(ratio "$r_g_text" "$r_g_scan")
r_b_fratio=$(ratio "$r_b_file" "$r_b_scan") r_g_fratio=$(ratio "$r_g_file" "$r_g_scan")
s_review=$(sv review median_ms) s_menu=$(sv menu median_ms) s_counts=$(sv counts median_ms) s_version=$(sv version median_ms)
a_hv=$(av visit_answer_ms) a_sql=$(av sqlite_insert_ms) a_ratio=$(av ratio)

cat >"$DOC" <<EOF
# Performance

Measured by \`make bench\` (\`bench/run.sh\`) on $(date '+%Y-%m-%d'). Every figure is
a median of several runs on a warm cache unless it says cold or one run.

Machine: $machine. Load average when the run began: $load_at_start
(over $(nproc) cores; other programs running at the same time slow the wall-clock
figures more than the ratios, which compare runs made side by side).

## Summary

| what | figure | reference | ratio | target | met |
| --- | ---: | ---: | ---: | --- | --- |
| loading the bundled rule file (\`rules_load_text\`) | $r_b_text ms | libyaml alone: $r_b_scan ms | $r_b_ratio | within 2x libyaml | $(within "$r_b_ratio" 2) |
| loading a rule file of 10,000 questions (\`rules_load_text\`) | $r_g_text ms | libyaml alone: $r_g_scan ms | $r_g_ratio | within 2x libyaml | $(within "$r_g_ratio" 2) |
| start-up to the first screen (the main menu), $N visits | $s_menu ms | | | < 20 ms | $(ok "$s_menu" 20) |
| the same, until the menu's counts are drawn | $s_counts ms | | | | |
| start-up to the review list, $N visits | $s_review ms | | | | |
| saving one answer (\`visit_answer\`) | $a_hv ms | SQLite alone: $a_sql ms | $a_ratio | | |
| \`homevisit import\`, 10,000 visits | $imp_vrate visits/s | | | | |
| the review list: worst filter / search keystroke | $(val filter_worst_ms) / $(val search_worst_ms) ms | | | < 30 ms | $(ok "$(val filter_worst_ms)" 30) / $(ok "$(val search_worst_ms)" 30) |
| CSV export of every record | $hv_exp ms | sqlite3 shell: $sh_exp ms | $exp_ratio | within 1.5x the shell | $(within "$exp_ratio" 1.5) |

## The database and import

$N visits generated by \`bench/gen-visits\` through the same path as
\`homevisit import\` (each visit checked against the bundled rulebook, then written
in batches of 500 in one transaction each, with synchronous=FULL): $rows; ${db_mb} MB.
Generating it takes minutes, so it is done once and kept in \`build/bench\`
(and done again when the schema version changes, or when the file is
deleted): its figure is one run, not a median.

\`homevisit import\` is timed separately, end to end: $((IMPORT_FILES * IMPORT_EACH)) generated visits
in $IMPORT_FILES files of $IMPORT_EACH (the loader refuses a file over 8 MiB), each
file one run of the command (start, rule file, the file read and every visit
checked, then all of them written in one transaction), into a fresh database;
the median of $IMPORT_RUNS runs (each took $imp_all s).

| what | time | visits per second | answers per second |
| --- | ---: | ---: | ---: |
| generating $N visits (one run) | ${import_s} s | ${import_rate} | ${import_arate} |
| \`homevisit import\` of $imp_visits visits, $imp_answers answers (median of $IMPORT_RUNS) | $(awk -v t="$imp_med" 'BEGIN { printf "%.1f", t / 1000 }') s | $imp_vrate | $imp_arate |

## Loading the rule file

Each rule file is read into memory once; then, in turn, libyaml alone parses the
same bytes (\`yaml_parser_set_input_string\`, \`yaml_parser_parse\` until the end
of the stream, each event deleted unused: the least any YAML loader can do), and
the loader builds and checks the whole rulebook, from the bytes in memory
(\`rules_load_text\`, which copies them first: the rulebook keeps its text) and
from the file (\`rules_load\`). \`bench/bench-rules\`; medians of 101 runs
(bundled file) and 21 runs (generated file), the three interleaved.

Each load gets its memory fresh from the system, as the program's one load at
start-up does (malloc's thresholds are held at glibc's defaults; left to
itself, malloc would keep what one load freed for the next, and how much
depends on what ran before). The times are the loading thread's time on a CPU
(user and system, so page faults count; on a quiet machine the same as the
wall clock), so that other programs running at the same time do not blur the
ratio. The wall-clock medians were, in the table's order, $(rv bundled wall_yaml_scan_ms), $(rv bundled wall_load_text_ms)
and $(rv bundled wall_load_file_ms) ms (bundled) and $(rv big wall_yaml_scan_ms), $(rv big wall_load_text_ms) and $(rv big wall_load_file_ms) ms (generated). With malloc left to
itself (memory reused from one load to the next), \`rules_load_text\` took
$(rv bundled-reuse load_text_ms) ms beside libyaml's $(rv bundled-reuse yaml_scan_ms) ($(ratio "$(rv bundled-reuse load_text_ms)" "$(rv bundled-reuse yaml_scan_ms)")x) on the bundled file and $(rv big-reuse load_text_ms)
beside $(rv big-reuse yaml_scan_ms) ($(ratio "$(rv big-reuse load_text_ms)" "$(rv big-reuse yaml_scan_ms)")x) on the generated one.

The generated rulebook is written by \`bench/gen-rules\`: $(cut -d: -f4- "$OUT/rules-check.txt" | sed 's/^ //') (it passes
\`homevisit rules check\`). Its sections hold twenty questions of every type
(yes/no, choice, multi, text, long text, date, time, date and time, people) with
guidance and sources, most of them shown only on a condition on an earlier answer
(equals, one_of, includes, answered, person, not, all/any, visit.kind); a
failed-access procedure of steps; an action for every ten questions, with
deadlines, owners and escalation; and risks.

| file | size | YAML events | libyaml alone (ms) | \`rules_load_text\` (ms) | ratio | \`rules_load\` (ms) | ratio | target | met |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |
| \`data/rules/home-visit.yaml\` (bundled) | $(kb "$(rv bundled bytes)") | $(rv bundled events) | $r_b_scan | $r_b_text | $r_b_ratio | $r_b_file | $r_b_fratio | within 2x | $(within "$r_b_ratio" 2) |
| generated, $(rv big questions) questions, $(rv big actions) actions | $(kb "$(rv big bytes)") | $(rv big events) | $r_g_scan | $r_g_text | $r_g_ratio | $r_g_file | $r_g_fratio | within 2x | $(within "$r_g_ratio" 2) |

On this machine a page of memory touched for the first time costs about as
much as libyaml parsing a kilobyte of YAML, so much of the loader's time beyond
libyaml's goes on the memory its document tree and rulebook take (see "How
loading stays fast" below).

## Start-up to the first screen

\`bench/bench-startup\` starts the program with \`forkpty()\` in a terminal of
120x40 (TERM=xterm-256color, LC_ALL=C.UTF-8) and times from just before the
fork until the terminal has received the first screen's bottom line, the last
thing it draws (ncurses writes a screen top to bottom): "? keys" on the main
menu, "q back" on the review list. Then it sends \`q\` and waits for the
program to end (exit status 0). Median of 21 runs, after one run not counted;
the database is the $N-visit one above. The main menu is the first screen
(\`homevisit\` alone, and \`make run\`, open it): it is drawn at once, and its
counts of drafts in progress and overdue follow-ups, which read the records,
are drawn a moment later ("follow-ups overdue" on the screen). The review list
is timed too, for comparison: it reads its first hundred rows before drawing.

| what | median (ms) | fastest (ms) | slowest (ms) | target | met | then quitting (ms) |
| --- | ---: | ---: | ---: | --- | --- | ---: |
| \`homevisit --rules data/rules/home-visit.yaml --db DB menu\` (the first screen) | $s_menu | $(sv menu min_ms) | $(sv menu max_ms) | < 20 ms | $(ok "$s_menu" 20) | $(sv menu quit_ms) |
| the same, until the menu's counts are drawn | $s_counts | $(sv counts min_ms) | $(sv counts max_ms) | | | |
| \`homevisit --rules data/rules/home-visit.yaml --db DB review\` (the manager's list: its first hundred rows read before it draws) | $s_review | $(sv review min_ms) | $(sv review max_ms) | | | $(sv review quit_ms) |
| for reference: \`/bin/echo\` (the machine's floor: a pseudo-terminal, a fork, an exec) | $(sv echo median_ms) | $(sv echo min_ms) | $(sv echo max_ms) | | | |
| for reference: \`homevisit --version\` (starting the program: loading it and its six libraries; no rule file, no database, no screen) | $s_version | $(sv version min_ms) | $(sv version max_ms) | | | |
| for reference: \`homevisit rules check data/rules/home-visit.yaml\` (starting, and loading and checking the rule file) | $(sv rules median_ms) | $(sv rules min_ms) | $(sv rules max_ms) | | | |

Where the time goes, part by part (\`bench/bench-startup-parts\`: each part
as the screens do it, in a fresh process, so with SQLite's cache empty as at
start-up; medians of 11 runs):

| part | ms |
| --- | ---: |
| starting the program (\`homevisit --version\` above) | $s_version |
| loading the bundled rule file, the first time in a process | $(pv rules_load) |
| opening the database (checks, WAL, schema version) | $(pv store_open) |
| review list: counting the records, up to 10,000 | $(pv review_count) |
| review list: the practitioner most recently past their expected-back time, and whether there are more (by the index on status and expected-back time) | $(pv review_past_back) |
| review list: the first 100 rows | $(pv review_rows) |
| main menu: drafts and planned visits counted | $(pv menu_counts) |
| main menu: overdue follow-ups counted, up to 100 | $(pv menu_overdue) |
| closing the database (\`PRAGMA optimize\`, its analysis limited to 400 rows an index: after the screen, when quitting) | $(pv store_close) |

On this database $past_back_n planned visits are past their expected-back
time (lone visits whose outcome was never recorded) and $overdue_n follow-ups
are overdue. The review list reads only the two most recent of the first,
through the index, and the menu counts the second only up to 100 ("over 99
follow-ups overdue"): each means reading records one by one, so neither is
read whole before the first screen. The rest is the program starting
(loading it and its libraries, before \`main\`), the rule file and the
database. Quitting waits for \`PRAGMA optimize\`, which closing a database
opened for writing runs (both screens open it so).

## Saving an answer

\`bench/bench-answer\`: on a draft in a fresh database, the practitioner's
answers to the first questions of a plan, given over and over (each changes
what is shown or which actions fire), each through \`visit_answer()\`: checked,
the record worked out again, and the answer, what it derives, the actions and
the history written in one committed transaction (WAL, synchronous=FULL).
Beside it, SQLite alone inserting one row into a table of the answers' shape
(with its index), in its own transaction, with the same settings. Median of
$(av answers) answers in each of $(av rounds) rounds, each round on fresh databases; the median round.

| what | per answer (ms) | SQLite alone (ms) | ratio |
| --- | ---: | ---: | ---: |
| saving one answer | $a_hv | $a_sql | $a_ratio |

Both end in one commit, and with synchronous=FULL that is the disk's flush,
which varies with the disk and what else is writing to it. What
\`visit_answer()\` adds to it, $(awk -v a="$a_hv" -v b="$a_sql" 'BEGIN { printf "%.3f", a - b }') ms an answer, is its own work: the
answer checked, the whole record worked out again against the rulebook, and
the rows beyond the answer's (its history, what it derives, the actions that
now fire or no longer do). Each round's medians, homevisit then SQLite alone
(ms): $(awk '/^round_/ { printf "%s%s / %s", (n++ ? "; " : ""), $2, $3 }' "$OUT/answer.txt").

## The review screen (issue 7)

What the screen asks of the database on each filter change or search keystroke:
the matches counted up to 10,000 ("more than 10,000 records"; the whole count is
taken only when the manager moves to the end) and the first 100 rows, with each
row's open and overdue actions. Timed through the store
(\`bench/bench-review\`), beside the sqlite3 shell running the same SQL.

| what | homevisit (ms) | sqlite3 shell (ms) | ratio | target | met |
| --- | ---: | ---: | ---: | --- | --- |
| first screen, cold (open and first query) | $(val first_screen_cold_ms) | | | < 100 ms | $(ok "$(val first_screen_cold_ms)" 100) |
| first screen | $(val first_screen_ms) | $sh_first | $(ratio "$(val first_screen_ms)" "$sh_first") | < 100 ms | $(ok "$(val first_screen_ms)" 100) |
| filter: no access | $(val filter_status_no_access_ms) | $sh_noaccess | $(ratio "$(val filter_status_no_access_ms)" "$sh_noaccess") | < 30 ms | $(ok "$(val filter_status_no_access_ms)" 30) |
| filter: not yet signed off | $(val filter_unreviewed_ms) | $sh_unrev | $(ratio "$(val filter_unreviewed_ms)" "$sh_unrev") | < 30 ms | $(ok "$(val filter_unreviewed_ms)" 30) |
| filter: escalated to the police or above | $(val filter_escalation_police_or_above_ms) | $sh_police | $(ratio "$(val filter_escalation_police_or_above_ms)" "$sh_police") | < 30 ms | $(ok "$(val filter_escalation_police_or_above_ms)" 30) |
| filter: failed access | $(val filter_failed_access_ms) | | | < 30 ms | $(ok "$(val filter_failed_access_ms)" 30) |
| filter: emergencies | $(val filter_emergency_ms) | | | < 30 ms | $(ok "$(val filter_emergency_ms)" 30) |
| filter: overdue actions | $(val filter_overdue_actions_ms) | | | < 30 ms | $(ok "$(val filter_overdue_actions_ms)" 30) |
| filter: one practitioner | $(val filter_practitioner_ms) | | | < 30 ms | $(ok "$(val filter_practitioner_ms)" 30) |
| filter: a month of planned dates | $(val filter_date_range_ms) | | | < 30 ms | $(ok "$(val filter_date_range_ms)" 30) |
| filter: practitioner past expected-back time | $(val filter_past_expected_back_ms) | | | < 30 ms | $(ok "$(val filter_past_expected_back_ms)" 30) |
| filter: unreviewed failed visits of the last month | $(val filter_unreviewed_failed_access_last_month_ms) | | | < 30 ms | $(ok "$(val filter_unreviewed_failed_access_last_month_ms)" 30) |
| **worst filter** | **$(val filter_worst_ms)** | | | < 30 ms | $(ok "$(val filter_worst_ms)" 30) |
| search keystroke "C-001" | $(val search_C-001_ms) | $sh_search | $(ratio "$(val search_C-001_ms)" "$sh_search") | < 30 ms | $(ok "$(val search_C-001_ms)" 30) |
| **worst search keystroke** (of C, C-, ..., C-0012, Ł, Łu, Łuk, łukasz, ann, zo) | **$(val search_worst_ms)** | | | < 30 ms | $(ok "$(val search_worst_ms)" 30) |

Every search keystroke, as the store answered it:

| typed | ms |
| --- | ---: |
$(grep '^search_' "$OUT/review.txt" | grep -v worst | sed -E 's/^search_(.*)_ms ([0-9.]+).*/| \1 | \2 |/')

## Export

\`homevisit export --format csv --output FILE\` of all $exp_rows records, beside
\`sqlite3 -csv\` writing the same columns from the same query.

| what | homevisit (ms) | sqlite3 shell (ms) | ratio | target | met |
| --- | ---: | ---: | ---: | --- | --- |
| CSV export of every record | $hv_exp | $sh_exp | $exp_ratio | within 1.5x the shell | $(awk -v r="$exp_ratio" 'BEGIN { print (r <= 1.5) ? "yes" : "NO" }') |

## Memory

| what | figure | target | met |
| --- | ---: | --- | --- |
| \`homevisit review\` on $N visits, after paging, filtering and searching (peak resident, VmHWM) | $((rss_kb / 1024)) MB ($rss_kb kB) | < 20 MB | $(ok "$rss_kb" 20480) |
| the store's queries alone (\`bench-review\`, ru_maxrss) | $(( $(val max_rss_kb) / 1024 )) MB | | |

## How the list stays fast

- Each filter is one fixed piece of SQL; the pieces in use are joined into a
  statement that is prepared once per combination and cached, with every value
  bound. A filter that matches many records is written so that SQLite walks the
  records newest first and stops after a page; one that matches few uses its
  index and sorts what it found.
- Case reference and practitioner are kept folded to lower case (for every
  script: "łukasz" finds "Łukasz") in indexed columns, so a search is an index
  range; the earliest due time of a record's open actions is kept beside it, so
  "overdue" is an index range too.
- The screen counts matches only up to 10,000 and holds 100 rows at a time.

## How loading stays fast

libyaml's events become a tree of nodes, which the loader checks and turns
into the rulebook. On this machine a page of memory touched for the first time
costs about 10 µs (the kernel's page fault, in a virtual machine), so for a
large file the memory the loader takes cost more than the work it does with
it. Before these changes (profiled with perf, measured the same way), the
loader took about 3 times libyaml's time on the bundled file and 6 to 9 times
on the generated one with fresh memory (1.5 and 3.3 to 3.7 times with memory
reused):

- the tree is small: a node is 32 bytes (lengths and positions in 32 bits, the
  kind and the quoting in bits, a mapping's pairs and a list's items in one
  place), handed out from slabs of 256; a scalar's text is packed byte by byte,
  neither aligned nor zeroed first;
- a growing arena has each new chunk's pages supplied at once
  (MADV_POPULATE_WRITE; past 1 MiB its chunks grow with it, up to 2 MiB, and
  are mapped with MAP_POPULATE), and so has the buffer for a file's text from
  64 KiB: one system call instead of a fault for every page;
- the rulebook uses a scalar's text where it lies in the tree (the tree lives as
  long as the rulebook) instead of copying it, unless trailing white space
  must be cut;
- \`rules_load\` reads the file into one buffer of its size, which the rulebook
  keeps as its text: no growing buffer, no second copy;
- a mapping's and a list's growing arrays are kept for the next one at the same
  depth; a mapping's fields are matched once (required ones from that, not by
  looking again), a key by its length first; each question's condition is
  kept from the first pass for the second; a field's name is formatted for a
  message only when there is a problem to report; UTF-8 is checked eight
  bytes at a time where the text is ASCII.
EOF
echo "wrote $DOC"
