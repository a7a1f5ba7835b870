/* sql.c — the text of every statement the store prepares, in one place.
 * Parameters are always bound; nothing here is ever built from user data. */
#include "store_int.h"

/* The columns of a visit as read by store.c's read_visit(), in order. */
#define VISIT_COLS                                                                              \
	"v.id, v.case_ref, v.practitioner, v.agency, v.address, v.children, v.purpose, "         \
	"v.planned_at, v.kind, v.status, v.rulebook_hash, r.id, r.version, v.created_at, "       \
	"v.updated_at, v.escalation, v.escalation_rank, v.urgency, v.emergency, "                \
	"v.expected_back_at, v.welfare_check, v.next_contact_at, v.outcome_at, v.resume_at, "    \
	"(SELECT count(*) FROM actions a WHERE a.visit_id = v.id AND a.status = 'open'), "       \
	"(SELECT count(*) FROM actions a WHERE a.visit_id = v.id AND a.status = 'open' "         \
	"   AND a.due_at < :now), "                                                              \
	"EXISTS (SELECT 1 FROM reviews w WHERE w.visit_id = v.id) "                              \
	"FROM visits v JOIN rulebooks r ON r.hash = v.rulebook_hash "

/* The current answers of visit ?1: the latest row per question, unless cleared. */
#define CURRENT_ANSWERS(visit)                                                                  \
	"SELECT a.* FROM answers a WHERE a.visit_id = " visit " AND a.value IS NOT NULL "        \
	"AND a.id = (SELECT max(b.id) FROM answers b WHERE b.visit_id = a.visit_id "             \
	"            AND b.question = a.question) "

#define ACTION_COLS                                                                             \
	"a.id, a.visit_id, a.action, a.text, a.owner, a.urgency, a.escalation, a.due_at, "       \
	"a.status, a.done_at, a.done_by, a.note, a.created_at, v.case_ref, v.practitioner, "     \
	"(a.status = 'open' AND a.due_at < :now) "

#define JSON_ACTIONS(visit)                                                                     \
	"(SELECT json_group_array(json_object('action', x.action, 'text', x.text, "              \
	"  'owner', x.owner, 'urgency', x.urgency, 'escalation', x.escalation, "                 \
	"  'due_at', x.due_at, 'status', x.status, 'done_at', x.done_at, 'done_by', x.done_by, " \
	"  'note', x.note, 'created_at', x.created_at)) "                                        \
	" FROM (SELECT * FROM actions WHERE visit_id = " visit " ORDER BY id) x)"

#define JSON_REVIEWS(visit)                                                                     \
	"(SELECT json_group_array(json_object('at', x.at, 'reviewer', x.reviewer, "              \
	"  'decision', x.decision, 'comment', x.comment)) "                                      \
	" FROM (SELECT * FROM reviews WHERE visit_id = " visit " ORDER BY id) x)"

#define JSON_EVENTS(visit)                                                                      \
	"(SELECT json_group_array(json_object('at', x.at, 'who', x.who, 'kind', x.kind, "        \
	"  'question', x.question, 'old_value', x.old_value, 'new_value', x.new_value, "         \
	"  'reason', x.reason, 'detail', x.detail)) "                                            \
	" FROM (SELECT * FROM events WHERE visit_id = " visit " ORDER BY id) x)"

#define JSON_DETAILS                                                                            \
	"'id', v.id, 'case_ref', v.case_ref, 'practitioner', v.practitioner, "                   \
	"'agency', v.agency, 'address', v.address, 'children', v.children, "                     \
	"'purpose', v.purpose, 'planned_at', v.planned_at, 'kind', v.kind, "                     \
	"'status', v.status, 'outcome', v.outcome, 'outcome_at', v.outcome_at, "                 \
	"'created_at', v.created_at, 'updated_at', v.updated_at, "                               \
	"'escalation', v.escalation, 'escalation_rank', v.escalation_rank, "                     \
	"'urgency', v.urgency, 'emergency', json(CASE WHEN v.emergency THEN 'true' ELSE 'false' END), " \
	"'expected_back_at', v.expected_back_at, 'welfare_check', v.welfare_check, "             \
	"'next_contact_at', v.next_contact_at, "                                                 \
	"'rulebook', json_object('hash', v.rulebook_hash, 'id', r.id, 'version', r.version, "    \
	"  'title', r.title), "

/* ---- the filtered statements, put together from fixed pieces ---- */

/* One piece of WHERE per filter (enum store_fbit); parameters are bound. */
const char *const store_filter_where[SF_N] = {
	[SF_STATUS] = "v.status = :status",
	[SF_NODRAFT] = "v.status <> 'draft'",
	[SF_PRACT] = "v.practitioner = :practitioner",
	[SF_CASE] = "v.case_ref = :case_ref",
	[SF_FROM] = "v.planned_at >= :from",
	[SF_TO] = "v.planned_at < date(:to, '+1 day')",
	[SF_ESC] = "v.escalation_rank >= :min_escalation",
	[SF_UNREVIEWED] = "v.status IN ('visited', 'no_access')",
	[SF_FAILED] = "v.outcome = 'no_access'",
	[SF_EMERGENCY] = "v.emergency",
	[SF_OVERDUE] = "v.next_due_at < :now",
	[SF_SEARCH] = "((v.case_fold >= :lo AND v.case_fold < :hi) "
		      "OR (v.practitioner_fold >= :lo AND v.practitioner_fold < :hi))",
	[SF_BACK] = "v.status = 'planned' AND v.expected_back_at < :now",
};

/* The same pieces for a page of the list when the filter matches many rows:
 * the unary + keeps SQLite from using their indexes, so that it walks the
 * records newest first and stops after a page, instead of sorting thousands. */
const char *const store_filter_where_dense[SF_N] = {
	[SF_STATUS] = "+v.status = :status",
	[SF_NODRAFT] = "+v.status <> 'draft'",
	[SF_PRACT] = "v.practitioner = :practitioner",
	[SF_CASE] = "v.case_ref = :case_ref",
	[SF_FROM] = "v.planned_at >= :from",
	[SF_TO] = "v.planned_at < date(:to, '+1 day')",
	[SF_ESC] = "+v.escalation_rank >= :min_escalation",
	[SF_UNREVIEWED] = "+v.status IN ('visited', 'no_access')",
	[SF_FAILED] = "v.outcome = 'no_access'",
	[SF_EMERGENCY] = "v.emergency",
	[SF_OVERDUE] = "+v.next_due_at < :now",
	[SF_SEARCH] = "((+v.case_fold >= :lo AND +v.case_fold < :hi) "
		      "OR (+v.practitioner_fold >= :lo AND +v.practitioner_fold < :hi))",
	[SF_BACK] = "v.status = 'planned' AND +v.expected_back_at < :now",
};

/* What comes before and after the WHERE, for each kind of filtered statement. */
const char *const store_filter_head[SK_N] = {
	[SK_LIST] = "SELECT " VISIT_COLS,
	[SK_COUNT] = "SELECT count(*) FROM visits v ",
	[SK_COUNT_UPTO] = "SELECT count(*) FROM (SELECT 1 FROM visits v ",
	[SK_EVENTS] = "SELECT id, visit_id, at, who, kind, question, old_value, new_value, reason, "
		      "detail FROM events WHERE visit_id IN (SELECT v.id FROM visits v ",
	[SK_JSON] = "SELECT json_object(" JSON_DETAILS
		    "'answers', (SELECT json_group_object(x.question, "
		    "   CASE WHEN x.reason IS NULL THEN x.value "
		    "   ELSE json_object('value', x.value, 'reason', x.reason) END) "
		    "   FROM (" CURRENT_ANSWERS("v.id") " ORDER BY a.id) x), "
		    "'actions', " JSON_ACTIONS("v.id") ", "
		    "'reviews', " JSON_REVIEWS("v.id") ", "
		    "'events', " JSON_EVENTS("v.id") ") "
		    "FROM visits v JOIN rulebooks r ON r.hash = v.rulebook_hash ",
};

const char *const store_filter_tail[SK_N] = {
	[SK_LIST] = " ORDER BY v.planned_at DESC, v.id DESC LIMIT :limit OFFSET :offset",
	[SK_COUNT] = "",
	[SK_COUNT_UPTO] = " LIMIT :cap)",
	[SK_EVENTS] = ") ORDER BY visit_id, id",
	[SK_JSON] = " ORDER BY v.planned_at DESC, v.id DESC",
};

const char *const store_sql[S_NSTMTS] = {
	[S_RULEBOOK_PUT] =
		"INSERT INTO rulebooks (hash, id, version, title, yaml, added_at) "
		"SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS (SELECT 1 FROM rulebooks WHERE hash = ?1)",
	[S_RULEBOOK_TEXT] = "SELECT yaml FROM rulebooks WHERE hash = ?1",
	[S_VISIT_INSERT] =
		"INSERT INTO visits (case_ref, practitioner, agency, address, children, purpose, "
		"planned_at, kind, rulebook_hash, created_at, updated_at, case_fold, practitioner_fold) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, hv_fold(?1), hv_fold(?2))",
	[S_VISIT_UPDATE_DETAILS] =
		"UPDATE visits SET case_ref = ?2, practitioner = ?3, agency = ?4, address = ?5, "
		"children = ?6, purpose = ?7, planned_at = ?8, kind = ?9, updated_at = ?10, "
		"case_fold = hv_fold(?2), practitioner_fold = hv_fold(?3) WHERE id = ?1",
	[S_VISIT_GET] = "SELECT " VISIT_COLS "WHERE v.id = :id",
	/* by the index visits_back (status, expected_back_at): no sort */
	[S_VISITS_PAST_BACK] = "SELECT " VISIT_COLS "WHERE v.status = 'planned' "
			       "AND v.expected_back_at < :now ORDER BY v.expected_back_at DESC LIMIT :limit",
	[S_VISIT_DERIVED] =
		"UPDATE visits SET escalation = ?2, escalation_rank = ?3, urgency = ?4, emergency = ?5, "
		"expected_back_at = ?6, welfare_check = ?7, next_contact_at = ?8, resume_at = ?9, "
		"updated_at = ?10, outcome_at = coalesce(outcome_at, ?11) WHERE id = ?1",
	[S_VISIT_STATUS] =
		"UPDATE visits SET status = ?2, updated_at = ?3, "
		"outcome = CASE WHEN ?2 IN ('visited', 'no_access') THEN ?2 ELSE outcome END, "
		"outcome_at = CASE WHEN ?2 IN ('visited', 'no_access') THEN coalesce(?4, outcome_at) "
		"  ELSE outcome_at END "
		"WHERE id = ?1",
	[S_VISIT_NEXT_DUE] =
		"UPDATE visits SET next_due_at = (SELECT min(due_at) FROM actions "
		"WHERE visit_id = ?1 AND status = 'open') WHERE id = ?1",
	[S_VISIT_RESUME] = "UPDATE visits SET resume_at = ?2 WHERE id = ?1",
	[S_ANSWER_INSERT] =
		"INSERT INTO answers (visit_id, question, value, reason, answered_at, answered_by) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_ANSWER_CURRENT_ONE] =
		"SELECT value, reason FROM answers WHERE visit_id = ?1 AND question = ?2 "
		"ORDER BY id DESC LIMIT 1",
	[S_ANSWERS_CURRENT] =
		"SELECT question, value, reason, answered_at, answered_by FROM ("
		CURRENT_ANSWERS("?1") ") ORDER BY id",
	[S_ANSWERS_HISTORY] =
		"SELECT question, value, reason, answered_at, answered_by FROM answers "
		"WHERE visit_id = ?1 ORDER BY id",
	[S_EVENT_INSERT] =
		"INSERT INTO events (visit_id, at, who, kind, question, old_value, new_value, reason, "
		"detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_EVENTS_LIST] =
		"SELECT id, visit_id, at, who, kind, question, old_value, new_value, reason, detail "
		"FROM events WHERE visit_id = ?1 ORDER BY id",
	[S_ACTION_DONE_FIND] =
		"SELECT 1 FROM actions WHERE visit_id = ?1 AND action = ?2 AND status = 'done'",
	[S_ACTION_INSERT] =
		"INSERT INTO actions (visit_id, action, text, owner, urgency, escalation, due_at, "
		"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[S_ACTION_WITHDRAW] =
		"UPDATE actions SET status = 'withdrawn', done_at = ?2, done_by = ?3, note = ?4 "
		"WHERE id = ?1",
	[S_ACTION_OPEN_ALL] =
		"SELECT id, action, text, due_at FROM actions WHERE visit_id = ?1 AND status = 'open'",
	[S_ACTION_DONE] =
		"UPDATE actions SET status = 'done', done_at = ?2, done_by = ?3, note = ?4 WHERE id = ?1",
	[S_ACTION_GET] = "SELECT visit_id, status, action FROM actions WHERE id = ?1",
	[S_ACTIONS_LIST] =
		"SELECT " ACTION_COLS "FROM actions a JOIN visits v ON v.id = a.visit_id "
		"WHERE a.visit_id = :visit ORDER BY a.id",
	[S_DUE_LIST] =
		"SELECT " ACTION_COLS "FROM actions a JOIN visits v ON v.id = a.visit_id "
		"WHERE a.status = 'open' AND a.due_at IS NOT NULL AND v.status <> 'draft' "
		"AND (NOT :overdue OR a.due_at < :now) ORDER BY a.due_at, a.id",
	[S_DUE_BY_PRACT] =
		"SELECT " ACTION_COLS "FROM actions a JOIN visits v ON v.id = a.visit_id "
		"WHERE a.status = 'open' AND a.due_at <= :until AND v.status <> 'draft' "
		"ORDER BY v.practitioner, a.due_at, a.id LIMIT :limit",
	[S_OVERDUE_COUNT] =
		"SELECT count(*) FROM (SELECT 1 FROM actions a JOIN visits v ON v.id = a.visit_id "
		"WHERE a.status = 'open' AND a.due_at < ?1 AND v.status <> 'draft' LIMIT ?2)",
	[S_REVIEW_INSERT] =
		"INSERT INTO reviews (visit_id, decision, comment, reviewer, at) "
		"VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_REVIEWS_LIST] =
		"SELECT at, reviewer, decision, comment FROM reviews WHERE visit_id = ?1 ORDER BY id",
	[S_VISIT_JSON] =
		"SELECT json_object(" JSON_DETAILS
		"'answers', (SELECT json_group_array(json_object('question', y.question, "
		"   'section', y.section, 'text', y.text, 'value', y.value, 'reason', y.reason, "
		"   'answered_at', y.answered_at, 'answered_by', y.answered_by)) "
		"   FROM (SELECT x.*, q.section, q.text FROM (" CURRENT_ANSWERS("v.id") ") x "
		"   LEFT JOIN temp.qtext q ON q.question = x.question ORDER BY q.ord, x.id) y), "
		"'answer_history', (SELECT json_group_array(json_object('question', x.question, "
		"   'value', x.value, 'reason', x.reason, 'answered_at', x.answered_at, "
		"   'answered_by', x.answered_by)) "
		"   FROM (SELECT * FROM answers WHERE visit_id = v.id ORDER BY id) x), "
		"'actions', " JSON_ACTIONS("v.id") ", "
		"'reviews', " JSON_REVIEWS("v.id") ", "
		"'events', " JSON_EVENTS("v.id") ") "
		"FROM visits v JOIN rulebooks r ON r.hash = v.rulebook_hash WHERE v.id = ?1",
	[S_ATTEMPT_INSERT] =
		"INSERT INTO attempts (visit_id, scenario, title, trainee, started_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_ATTEMPT_FINISH] =
		"UPDATE attempts SET finished_at = ?2, score = ?3, out_of = ?4, escalation_right = ?5, "
		"missed = ?6, wrong = ?7 WHERE id = ?1",
	[S_ATTEMPTS_LIST] =
		"SELECT id, visit_id, scenario, title, trainee, started_at, finished_at, score, out_of, "
		"escalation_right, missed, wrong FROM attempts WHERE ?1 IS NULL OR trainee = ?1 "
		"ORDER BY id DESC",
	[S_QTEXT_CREATE] =
		"CREATE TEMP TABLE IF NOT EXISTS qtext "
		"(question TEXT PRIMARY KEY, section TEXT, text TEXT, ord INTEGER)",
	[S_QTEXT_CLEAR] = "DELETE FROM temp.qtext",
	[S_QTEXT_INSERT] = "INSERT INTO temp.qtext (question, section, text, ord) VALUES (?1, ?2, ?3, ?4)",
};
