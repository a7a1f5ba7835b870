/* schema.c — the database schema and its forward-only migrations.
 * Documented for managers in docs/schema.md; keep the two in step. */
#include "schema.h"

#include <stddef.h>

/* Migration N takes a database from user_version N-1 to N: a list of
 * statements run in one transaction together with its user_version bump. */
static const char *const migration_1[] = {
	"CREATE TABLE rulebooks (\n"
	"  hash TEXT PRIMARY KEY,\n"
	"  id TEXT NOT NULL,\n"
	"  version TEXT NOT NULL,\n"
	"  title TEXT NOT NULL,\n"
	"  yaml TEXT NOT NULL,\n"
	"  added_at TEXT NOT NULL\n"
	")\n",
	"CREATE TABLE visits (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  case_ref TEXT NOT NULL CHECK (length(trim(case_ref)) > 0),\n"
	"  practitioner TEXT NOT NULL CHECK (length(trim(practitioner)) > 0),\n"
	"  agency TEXT NOT NULL DEFAULT '',\n"
	"  address TEXT NOT NULL DEFAULT '',\n"
	"  children TEXT NOT NULL DEFAULT '',\n"
	"  purpose TEXT NOT NULL DEFAULT '',\n"
	"  planned_at TEXT,\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('announced', 'unannounced')),\n"
	"  status TEXT NOT NULL DEFAULT 'draft'\n"
	"    CHECK (status IN ('draft', 'planned', 'visited', 'no_access', 'reviewed')),\n"
	"  outcome TEXT CHECK (outcome IN ('visited', 'no_access')),\n"
	"  rulebook_hash TEXT NOT NULL REFERENCES rulebooks(hash),\n"
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL,\n"
	"  escalation TEXT NOT NULL DEFAULT '',\n"
	"  escalation_rank INTEGER NOT NULL DEFAULT 0,\n"
	"  urgency TEXT NOT NULL DEFAULT 'none',\n"
	"  emergency INTEGER NOT NULL DEFAULT 0,\n"
	"  expected_back_at TEXT,\n"
	"  welfare_check TEXT,\n"
	"  next_contact_at TEXT,\n"
	"  outcome_at TEXT,\n"
	"  resume_at TEXT\n"
	")\n",
	"CREATE INDEX visits_planned ON visits(planned_at DESC, id DESC)\n",
	"CREATE INDEX visits_status ON visits(status, planned_at)\n",
	"CREATE INDEX visits_practitioner ON visits(practitioner, planned_at)\n",
	"CREATE INDEX visits_case ON visits(case_ref)\n",
	"CREATE INDEX visits_back ON visits(expected_back_at) WHERE status = 'planned'\n",
	"CREATE TABLE answers (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  visit_id INTEGER NOT NULL REFERENCES visits(id),\n"
	"  question TEXT NOT NULL,\n"
	"  value TEXT,\n"
	"  reason TEXT,\n"
	"  answered_at TEXT NOT NULL,\n"
	"  answered_by TEXT NOT NULL\n"
	")\n",
	"CREATE INDEX answers_visit ON answers(visit_id, question, id)\n",
	"CREATE TABLE actions (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  visit_id INTEGER NOT NULL REFERENCES visits(id),\n"
	"  action TEXT NOT NULL,\n"
	"  text TEXT NOT NULL,\n"
	"  owner TEXT NOT NULL,\n"
	"  urgency TEXT NOT NULL,\n"
	"  escalation TEXT,\n"
	"  due_at TEXT,\n"
	"  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'withdrawn')),\n"
	"  done_at TEXT,\n"
	"  done_by TEXT,\n"
	"  note TEXT,\n"
	"  created_at TEXT NOT NULL\n"
	")\n",
	"CREATE INDEX actions_visit ON actions(visit_id, id)\n",
	"CREATE UNIQUE INDEX actions_open ON actions(visit_id, action) WHERE status = 'open'\n",
	"CREATE INDEX actions_due ON actions(due_at) WHERE status = 'open'\n",
	"CREATE TABLE events (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  visit_id INTEGER NOT NULL REFERENCES visits(id),\n"
	"  at TEXT NOT NULL,\n"
	"  who TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL,\n"
	"  question TEXT,\n"
	"  old_value TEXT,\n"
	"  new_value TEXT,\n"
	"  reason TEXT,\n"
	"  detail TEXT\n"
	")\n",
	"CREATE INDEX events_visit ON events(visit_id, id)\n",
	"CREATE TABLE reviews (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  visit_id INTEGER NOT NULL REFERENCES visits(id),\n"
	"  decision TEXT NOT NULL CHECK (decision IN ('agreed', 'needs_action', 'escalate')),\n"
	"  comment TEXT NOT NULL DEFAULT '',\n"
	"  reviewer TEXT NOT NULL,\n"
	"  at TEXT NOT NULL\n"
	")\n",
	"CREATE INDEX reviews_visit ON reviews(visit_id, id)\n",
	/* History is append-only: nothing in it is ever changed or removed. */
	"CREATE TRIGGER events_append_only_u BEFORE UPDATE ON events\n"
	"  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END\n",
	"CREATE TRIGGER events_append_only_d BEFORE DELETE ON events\n"
	"  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END\n",
	"CREATE TRIGGER answers_append_only_u BEFORE UPDATE ON answers\n"
	"  BEGIN SELECT RAISE(ABORT, 'answers are append-only: a changed answer adds a row'); END\n",
	"CREATE TRIGGER answers_append_only_d BEFORE DELETE ON answers\n"
	"  BEGIN SELECT RAISE(ABORT, 'answers are append-only: a changed answer adds a row'); END\n",
	"CREATE TRIGGER reviews_append_only_u BEFORE UPDATE ON reviews\n"
	"  BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END\n",
	"CREATE TRIGGER reviews_append_only_d BEFORE DELETE ON reviews\n"
	"  BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END\n",
	"CREATE TRIGGER rulebooks_kept_u BEFORE UPDATE ON rulebooks\n"
	"  BEGIN SELECT RAISE(ABORT, 'a stored rulebook is never changed'); END\n",
	"CREATE TRIGGER rulebooks_kept_d BEFORE DELETE ON rulebooks\n"
	"  BEGIN SELECT RAISE(ABORT, 'a stored rulebook is never changed'); END\n",
	"CREATE TRIGGER visits_kept BEFORE DELETE ON visits\n"
	"  BEGIN SELECT RAISE(ABORT, 'visit records are never deleted'); END\n",
	"CREATE TRIGGER actions_kept BEFORE DELETE ON actions\n"
	"  BEGIN SELECT RAISE(ABORT, 'actions are never deleted'); END\n",
	/* INSERT OR REPLACE removes the row it replaces without running the DELETE
	 * triggers above (unless recursive_triggers is on), so an insert over an
	 * existing row is refused too. (NEW.id is -1 when the id is not given.) */
	"CREATE TRIGGER events_no_replace BEFORE INSERT ON events\n"
	"  WHEN EXISTS (SELECT 1 FROM events WHERE id = NEW.id)\n"
	"  BEGIN SELECT RAISE(ABORT, 'events are append-only'); END\n",
	"CREATE TRIGGER answers_no_replace BEFORE INSERT ON answers\n"
	"  WHEN EXISTS (SELECT 1 FROM answers WHERE id = NEW.id)\n"
	"  BEGIN SELECT RAISE(ABORT, 'answers are append-only: a changed answer adds a row'); END\n",
	"CREATE TRIGGER reviews_no_replace BEFORE INSERT ON reviews\n"
	"  WHEN EXISTS (SELECT 1 FROM reviews WHERE id = NEW.id)\n"
	"  BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END\n",
	"CREATE TRIGGER rulebooks_no_replace BEFORE INSERT ON rulebooks\n"
	"  WHEN EXISTS (SELECT 1 FROM rulebooks WHERE hash = NEW.hash OR rowid = NEW.rowid)\n"
	"  BEGIN SELECT RAISE(ABORT, 'a stored rulebook is never changed'); END\n",
	"CREATE TRIGGER visits_no_replace BEFORE INSERT ON visits\n"
	"  WHEN EXISTS (SELECT 1 FROM visits WHERE id = NEW.id)\n"
	"  BEGIN SELECT RAISE(ABORT, 'visit records are never deleted'); END\n",
	"CREATE TRIGGER actions_no_replace BEFORE INSERT ON actions\n"
	"  WHEN EXISTS (SELECT 1 FROM actions WHERE id = NEW.id\n"
	"    OR (NEW.status = 'open' AND status = 'open' AND visit_id = NEW.visit_id\n"
	"        AND action = NEW.action))\n"
	"  BEGIN SELECT RAISE(ABORT, 'actions are never deleted'); END\n",
	/* Nor may UPDATE OR REPLACE renumber a row over another. */
	"CREATE TRIGGER visits_id_kept BEFORE UPDATE OF id ON visits\n"
	"  WHEN NEW.id IS NOT OLD.id\n"
	"  BEGIN SELECT RAISE(ABORT, 'visit records are never deleted'); END\n",
	/* A record that has left draft keeps its details; the only way to change
	 * one is a correction, recorded with its reason just before. */
	"CREATE TRIGGER visits_details_frozen BEFORE UPDATE OF case_ref, practitioner, agency,\n"
	"  address, children, purpose, planned_at, kind, rulebook_hash, created_at ON visits\n"
	"  WHEN OLD.status <> 'draft'\n"
	"   AND (NEW.case_ref IS NOT OLD.case_ref OR NEW.practitioner IS NOT OLD.practitioner\n"
	"     OR NEW.agency IS NOT OLD.agency OR NEW.address IS NOT OLD.address\n"
	"     OR NEW.children IS NOT OLD.children OR NEW.purpose IS NOT OLD.purpose\n"
	"     OR NEW.planned_at IS NOT OLD.planned_at OR NEW.kind IS NOT OLD.kind\n"
	"     OR NEW.rulebook_hash IS NOT OLD.rulebook_hash OR NEW.created_at IS NOT OLD.created_at)\n"
	"   AND NOT EXISTS (SELECT 1 FROM events e WHERE e.visit_id = OLD.id AND e.kind = 'correction'\n"
	"     AND e.question LIKE 'visit.%' AND length(trim(coalesce(e.reason, ''))) > 0\n"
	"     AND e.id = (SELECT max(id) FROM events WHERE visit_id = OLD.id))\n"
	"  BEGIN SELECT RAISE(ABORT, 'a record that has left draft is never changed in place'); END\n",
	"CREATE TRIGGER visits_status_forward BEFORE UPDATE OF status ON visits\n"
	"  WHEN NOT (NEW.status = OLD.status\n"
	"    OR (OLD.status = 'draft' AND NEW.status = 'planned')\n"
	"    OR (OLD.status = 'planned' AND NEW.status IN ('visited', 'no_access'))\n"
	"    OR (OLD.status IN ('visited', 'no_access') AND NEW.status = 'reviewed'))\n"
	"  BEGIN SELECT RAISE(ABORT, 'a record''s status only moves forward'); END\n",
	"CREATE TRIGGER visits_outcome_once BEFORE UPDATE OF outcome, outcome_at ON visits\n"
	"  WHEN OLD.outcome IS NOT NULL\n"
	"   AND (NEW.outcome IS NOT OLD.outcome OR NEW.outcome_at IS NOT OLD.outcome_at)\n"
	"  BEGIN SELECT RAISE(ABORT, 'a recorded outcome is never changed in place'); END\n",
	/* A finished record takes a new answer only as a correction with a reason. */
	"CREATE TRIGGER answers_correction_reason BEFORE INSERT ON answers\n"
	"  WHEN (SELECT status FROM visits WHERE id = NEW.visit_id)\n"
	"         IN ('visited', 'no_access', 'reviewed')\n"
	"   AND NOT EXISTS (SELECT 1 FROM events e WHERE e.visit_id = NEW.visit_id\n"
	"     AND e.kind = 'correction' AND e.question = NEW.question\n"
	"     AND length(trim(coalesce(e.reason, ''))) > 0\n"
	"     AND e.id = (SELECT max(id) FROM events WHERE visit_id = NEW.visit_id))\n"
	"  BEGIN SELECT RAISE(ABORT, 'a finished record is corrected only with a reason'); END\n",
	/* An action is added, then done or withdrawn once; nothing else changes. */
	"CREATE TRIGGER actions_state BEFORE UPDATE ON actions\n"
	"  WHEN OLD.status <> 'open' OR NEW.status NOT IN ('done', 'withdrawn')\n"
	"    OR NEW.id IS NOT OLD.id OR NEW.visit_id IS NOT OLD.visit_id\n"
	"    OR NEW.action IS NOT OLD.action OR NEW.text IS NOT OLD.text OR NEW.owner IS NOT OLD.owner\n"
	"    OR NEW.urgency IS NOT OLD.urgency OR NEW.escalation IS NOT OLD.escalation\n"
	"    OR NEW.due_at IS NOT OLD.due_at OR NEW.created_at IS NOT OLD.created_at\n"
	"  BEGIN SELECT RAISE(ABORT, 'an action is only ever marked done or withdrawn, once'); END\n",
	NULL,
};

/* Version 2: what the manager's lists filter on, kept so that each filter is
 * an index lookup over 100,000 records: case reference and practitioner folded
 * to lower case for searching (by hv_fold, which the program provides), and
 * the earliest due time of a record's open actions. The indexes carry status
 * too, so that counting a filter's matches never reads the records. */
static const char *const migration_2[] = {
	"ALTER TABLE visits ADD COLUMN case_fold TEXT",
	"ALTER TABLE visits ADD COLUMN practitioner_fold TEXT",
	"ALTER TABLE visits ADD COLUMN next_due_at TEXT",
	"UPDATE visits SET case_fold = hv_fold(case_ref), practitioner_fold = hv_fold(practitioner), "
	"next_due_at = (SELECT min(a.due_at) FROM actions a WHERE a.visit_id = visits.id "
	"AND a.status = 'open')",
	"CREATE INDEX visits_case_fold ON visits(case_fold, status)",
	"CREATE INDEX visits_practitioner_fold ON visits(practitioner_fold, status)",
	"CREATE INDEX visits_next_due ON visits(next_due_at, status)",
	"CREATE INDEX visits_emergency ON visits(planned_at) WHERE emergency",
	"CREATE INDEX visits_outcome ON visits(outcome, planned_at, status)",
	"CREATE INDEX visits_escalation ON visits(escalation_rank, planned_at, status)",
	"DROP INDEX visits_planned",
	"CREATE INDEX visits_planned ON visits(planned_at, status, outcome, escalation_rank, "
	"next_due_at)",
	"DROP INDEX visits_back",
	"CREATE INDEX visits_back ON visits(status, expected_back_at)",
	NULL,
};

/* Version 3: training attempts. Only the training database (training.db)
 * ever holds a row here; its records are the attempts' visits. */
static const char *const migration_3[] = {
	"CREATE TABLE attempts (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  visit_id INTEGER NOT NULL REFERENCES visits(id),\n"
	"  scenario TEXT NOT NULL,\n"
	"  title TEXT NOT NULL,\n"
	"  trainee TEXT NOT NULL,\n"
	"  started_at TEXT NOT NULL,\n"
	"  finished_at TEXT,\n"
	"  score INTEGER,\n"
	"  out_of INTEGER,\n"
	"  escalation_right INTEGER,\n"
	"  missed TEXT,\n"
	"  wrong TEXT\n"
	")\n",
	"CREATE INDEX attempts_trainee ON attempts(trainee, id)",
	"CREATE TRIGGER attempts_kept BEFORE DELETE ON attempts\n"
	"  BEGIN SELECT RAISE(ABORT, 'training attempts are never deleted'); END\n",
	"CREATE TRIGGER attempts_scored_once BEFORE UPDATE ON attempts\n"
	"  WHEN OLD.finished_at IS NOT NULL OR NEW.id IS NOT OLD.id\n"
	"    OR NEW.visit_id IS NOT OLD.visit_id OR NEW.scenario IS NOT OLD.scenario\n"
	"    OR NEW.trainee IS NOT OLD.trainee OR NEW.started_at IS NOT OLD.started_at\n"
	"  BEGIN SELECT RAISE(ABORT, 'an attempt is scored once and then kept as it is'); END\n",
	NULL,
};

const char *const *const schema_migrations[] = {
	migration_1,
	migration_2,
	migration_3,
};
const int schema_nmigrations = (int)(sizeof(schema_migrations) / sizeof(schema_migrations[0]));
