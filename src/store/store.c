/*
 * store.c - the backend-neutral half of the database layer: choosing a backend,
 * applying migrations, and forwarding calls.
 *
 * Migrations are numbered SQL files embedded in the binary, applied in order,
 * forward only, each in the same transaction as its row in schema_version.  A
 * database whose newest applied migration is beyond what this build knows was
 * written by a newer Prudent and is refused rather than risked: an older program
 * could otherwise write rows a newer schema forbids.
 */
#include <stdlib.h>

#include "store/store_impl.h"

static const struct store_backend *
backend_for(const char *target)
{
	/* Only SQLite is built so far; a postgres:// target is refused in
	 * store_open with a clear message rather than mistaken for a file name. */
	(void)target;
	return &store_sqlite_backend;
}

static int
migration_count(const struct store_backend *b)
{
	int n = 0;

	while (b->migrations[n].name)
		n++;
	return n;
}

int
store_schema_latest(const struct store *db)
{
	return migration_count(db->backend);
}

int
store_schema_version(struct store *db, int *version, struct err *e)
{
	struct store_stmt *st;
	int rc;

	rc = store_prepare(db, "SELECT coalesce(max(version), 0) FROM schema_version", &st, e);
	if (rc < 0)
		return rc;
	rc = store_step(st, e);
	if (rc == STORE_ROW) {
		*version = (int)store_col_int(st, 0);
		rc = 0;
	}
	store_finalize(st);
	return rc;
}

/* Check the applied migrations are ours, by name, and apply the missing ones. */
static int
migrate(struct store *db, struct err *e)
{
	const struct named_file *m = db->backend->migrations;
	int latest = migration_count(db->backend), version, i, rc;
	struct store_stmt *st = NULL;
	char now[TIME_RFC3339_LEN];

	rc = store_schema_version(db, &version, e);
	if (rc < 0)
		return rc;
	if (version > latest)
		return err_set(e, ERR_TOO_NEW,
			       "%s was written by a newer version of Prudent (schema version %d; "
			       "this is Prudent %s, which knows up to %d): upgrade Prudent to open it",
			       db->target, version, PRUDENT_VERSION, latest);
	rc = store_prepare(db, "SELECT version, name FROM schema_version ORDER BY version", &st, e);
	if (rc < 0)
		return rc;
	for (i = 0; (rc = store_step(st, e)) == STORE_ROW; i++) {
		const char *name = store_col_text(st, 1);

		if (store_col_int(st, 0) != i + 1 || !name || strcmp(name, m[i].name) != 0) {
			err_set(e, ERR_INPUT,
				"%s has a schema history this Prudent does not recognise "
				"(migration %d is '%s', expected '%s')",
				db->target, i + 1, name ? name : "", m[i].name);
			store_finalize(st);
			return ERR_INPUT;
		}
	}
	store_finalize(st);
	if (rc < 0)
		return rc;
	if (version == latest)
		return 0;
	if (db->flags & STORE_READONLY)
		return err_set(e, ERR_INPUT,
			       "%s needs upgrading from schema version %d to %d; open it once "
			       "read-write (for example with 'prudent init') first",
			       db->target, version, latest);

	if ((rc = store_begin(db, e)) < 0)
		return rc;
	for (i = version; i < latest; i++) {
		log_msg(LOG_INFO, "applying migration %s to %s", m[i].name, db->target);
		rc = db->backend->exec_script(db, m[i].data, e);
		if (rc < 0) {
			err_prefix(e, "migration %s", m[i].name);
			goto fail;
		}
		rc = store_prepare(db,
				   "INSERT INTO schema_version (version, name, applied_at) "
				   "VALUES (?, ?, ?)", &st, e);
		if (rc < 0)
			goto fail;
		if ((rc = store_bind_int(st, 1, i + 1, e)) < 0 ||
		    (rc = store_bind_text(st, 2, m[i].name, e)) < 0 ||
		    (rc = store_bind_text(st, 3, time_now_rfc3339(now), e)) < 0 ||
		    (rc = store_step(st, e)) < 0) {
			store_finalize(st);
			goto fail;
		}
		store_finalize(st);
	}
	return store_commit(db, e);
fail:
	store_rollback(db);
	return rc;
}

int
store_open(const char *target, unsigned flags, struct store **out, struct err *e)
{
	const struct store_backend *b;
	struct store *db = NULL;
	int rc;

	*out = NULL;
	if (!target || !*target)
		return err_set(e, ERR_INPUT, "no database given");
	if (strncmp(target, "postgres://", 11) == 0 || strncmp(target, "postgresql://", 13) == 0)
		return err_set(e, ERR_INPUT,
			       "this build of Prudent has no PostgreSQL backend; use a SQLite file");
	b = backend_for(target);
	rc = b->open(target, flags, &db, e);
	if (rc < 0)
		return rc;
	db->backend = b;
	db->flags = flags;
	db->target = xstrdup(target);
	if ((rc = b->claim(db, e)) < 0)
		goto fail;
	if (!(flags & STORE_READONLY)) {
		rc = store_exec(db,
				"CREATE TABLE IF NOT EXISTS schema_version ("
				"version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
				"applied_at TEXT NOT NULL)", e);
		if (rc < 0)
			goto fail;
	}
	if ((rc = migrate(db, e)) < 0)
		goto fail;
	*out = db;
	return 0;
fail:
	store_close(db);
	return rc;
}

void
store_close(struct store *db)
{
	char *target;

	if (!db)
		return;
	target = db->target;
	db->backend->close(db);
	free(target);
}

const char *
store_backend_name(const struct store *db)
{
	return db->backend->name;
}

int
store_exec(struct store *db, const char *sql, struct err *e)
{
	return db->backend->exec_script(db, sql, e);
}

/*
 * A transaction begun inside another is a savepoint, so a function that
 * writes atomically (a change and its event) works alone or inside a
 * caller's larger transaction.
 */
int
store_begin(struct store *db, struct err *e)
{
	int rc = store_exec(db, db->depth ? "SAVEPOINT nested" : db->backend->begin_sql, e);

	if (rc == 0)
		db->depth++;
	return rc;
}

int
store_commit(struct store *db, struct err *e)
{
	int rc = store_exec(db, db->depth > 1 ? "RELEASE nested" : "COMMIT", e);

	if (rc == 0 && db->depth > 0)
		db->depth--;
	return rc;
}

void
store_rollback(struct store *db)
{
	if (db->depth > 1) {
		store_exec(db, "ROLLBACK TO nested; RELEASE nested", NULL);
		db->depth--;
		return;
	}
	store_exec(db, "ROLLBACK", NULL);
	db->depth = 0;
}

int
store_prepare(struct store *db, const char *sql, struct store_stmt **out, struct err *e)
{
	return db->backend->prepare(db, sql, out, e);
}

int
store_bind_text(struct store_stmt *st, int idx, const char *text, struct err *e)
{
	if (!text)
		return st->db->backend->bind_null(st, idx, e);
	return st->db->backend->bind_text(st, idx, text, e);
}

int
store_bind_int(struct store_stmt *st, int idx, int64_t value, struct err *e)
{
	return st->db->backend->bind_int(st, idx, value, e);
}

int
store_bind_null(struct store_stmt *st, int idx, struct err *e)
{
	return st->db->backend->bind_null(st, idx, e);
}

int
store_bind_blob(struct store_stmt *st, int idx, const void *data, size_t len, struct err *e)
{
	return st->db->backend->bind_blob(st, idx, data, len, e);
}

int
store_step(struct store_stmt *st, struct err *e)
{
	return st->db->backend->step(st, e);
}

const char *
store_col_text(struct store_stmt *st, int col)
{
	return st->db->backend->col_text(st, col);
}

int64_t
store_col_int(struct store_stmt *st, int col)
{
	return st->db->backend->col_int(st, col);
}

const void *
store_col_blob(struct store_stmt *st, int col, size_t *len)
{
	return st->db->backend->col_blob(st, col, len);
}

bool
store_col_is_null(struct store_stmt *st, int col)
{
	return st->db->backend->col_is_null(st, col);
}

/* Run one statement bound to its parameters: num (if not NULL), then text
 * (if not NULL). */
int
store_run(struct store *db, const char *sql, const int64_t *num, const char *text, struct err *e)
{
	struct store_stmt *st;
	int rc, i = 1;

	if ((rc = store_prepare(db, sql, &st, e)) < 0)
		return rc;
	if (num)
		rc = store_bind_int(st, i++, *num, e);
	if (rc == 0 && text)
		rc = store_bind_text(st, i, text, e);
	if (rc == 0)
		rc = store_step(st, e);
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

void
store_col_copy(struct store_stmt *st, int col, char *dst, size_t cap)
{
	const char *s = store_col_text(st, col);

	snprintf(dst, cap, "%s", s ? s : "");
}

int
store_reset(struct store_stmt *st, struct err *e)
{
	return st->db->backend->reset(st, e);
}

void
store_finalize(struct store_stmt *st)
{
	if (st)
		st->db->backend->finalize(st);
}
