#!/usr/bin/env bash
# run.sh — `make bench`: fills a database with 100,000 realistic visits (once,
# kept in build/bench), times what the manager's screens and commands ask of
# it beside the sqlite3 shell doing the same, and writes docs/performance.md.
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

now_ms() { date +%s%N | awk '{ printf "%.1f", $1 / 1e6 }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# ---- the database: generated through the import path, once ----
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

machine="$(uname -srm); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; SQLite $(sqlite3 --version | cut -d' ' -f1)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
ok() { awk -v v="$1" -v lim="$2" 'BEGIN { print (v < lim) ? "yes" : "NO" }'; }

cat >"$DOC" <<EOF
# Performance

Measured by \`make bench\` (\`bench/run.sh\`) on $(date '+%Y-%m-%d'). Every figure is
a median of several runs on a warm cache unless it says cold.

Machine: $machine.

## The database

$N visits generated by \`bench/gen-visits\` through the same path as
\`homevisit import\` (each visit checked against the bundled rulebook, then written
in batches of 500 in one transaction each): $rows; ${db_mb} MB.

| what | figure |
| --- | --- |
| import of $N visits | ${import_s} s, ${import_rate} visits per second |

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
EOF
echo "wrote $DOC"
