/*
 * sqlite.c - the SQLite backend: the embedded default.
 *
 * One connection per thread (opened with SQLITE_OPEN_NOMUTEX), in WAL mode so
 * readers never block the writer, with foreign keys enforced, synchronous=FULL
 * (evidence must survive a power cut once a write returns), a busy timeout so
 * concurrent writers wait rather than fail, and SQLite's defensive mode so no
 * SQL can corrupt the file on purpose.  The file is marked with an
 * application_id so Prudent refuses to migrate somebody else's database.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/store_impl.h"

/* "PRDT" */
#define PRUDENT_APPLICATION_ID 0x50524454
#define BUSY_TIMEOUT_MS 10000

struct sqlite_store {
	struct store base;
	sqlite3 *db;
};

struct sqlite_stmt {
	struct store_stmt base;
	sqlite3_stmt *stmt;
};

static sqlite3 *
handle(struct store *db)
{
	return ((struct sqlite_store *)db)->db;
}

static sqlite3_stmt *
stmt_handle(struct store_stmt *st)
{
	return ((struct sqlite_stmt *)st)->stmt;
}

/* Turn the connection's last error into an err; "not a database" is the user's
 * mistake (a wrong path), everything else is the database failing. */
static int
sqlite_err(struct store *db, struct err *e, const char *what)
{
	int code = sqlite3_errcode(handle(db));

	return err_set(e, code == SQLITE_NOTADB ? ERR_INPUT : ERR_DB, "%s: %s: %s",
		       db->target ? db->target : "database", what, sqlite3_errmsg(handle(db)));
}

static int
sqlite_open(const char *target, unsigned flags, struct store **out, struct err *e)
{
	struct sqlite_store *s = xcalloc(1, sizeof(*s));
	int oflags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
	int rc;

	if (flags & STORE_READONLY)
		oflags |= SQLITE_OPEN_READONLY;
	else
		oflags |= SQLITE_OPEN_READWRITE;
	if (access(target, F_OK) != 0) {
		if (!(flags & STORE_CREATE) || (flags & STORE_READONLY)) {
			free(s);
			return err_set(e, ERR_NOTFOUND,
				       "no database at %s (create one with 'prudent init --db %s')",
				       target, target);
		}
		oflags |= SQLITE_OPEN_CREATE;
	}
	rc = sqlite3_open_v2(target, &s->db, oflags, NULL);
	if (rc != SQLITE_OK) {
		/* Almost always a path the user got wrong (no such directory, no
		 * permission): bad input, not an internal failure. */
		err_set(e, ERR_INPUT, "cannot open %s: %s", target,
			s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
		sqlite3_close(s->db);
		free(s);
		return ERR_INPUT;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(s->db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
	*out = &s->base;
	return 0;
}

static void
sqlite_close(struct store *db)
{
	sqlite3_close_v2(handle(db));
	free(db);
}

static int
sqlite_exec_script(struct store *db, const char *sql, struct err *e)
{
	if (sqlite3_exec(handle(db), sql, NULL, NULL, NULL) != SQLITE_OK)
		return sqlite_err(db, e, "executing SQL");
	return 0;
}

/* Read one integer PRAGMA. */
static int
pragma_int(struct store *db, const char *sql, int64_t *value, struct err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(handle(db), sql, -1, &st, NULL) != SQLITE_OK)
		return sqlite_err(db, e, "reading settings");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*value = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return sqlite_err(db, e, "reading settings");
	return 0;
}

static int
sqlite_claim(struct store *db, struct err *e)
{
	char sql[64];
	int64_t app_id = 0, n_tables = 0;
	int rc;

	/* The first read also tells whether the file is a database at all. */
	if ((rc = pragma_int(db, "PRAGMA application_id", &app_id, e)) < 0)
		return rc;
	if ((rc = pragma_int(db, "SELECT count(*) FROM sqlite_schema", &n_tables, e)) < 0)
		return rc;
	if (app_id != PRUDENT_APPLICATION_ID) {
		if (app_id != 0 || n_tables != 0 || (db->flags & STORE_READONLY))
			return err_set(e, ERR_INPUT, "%s is not a Prudent database", db->target);
		/* A new or empty file (made by touch(1), say) becomes ours. */
		snprintf(sql, sizeof(sql), "PRAGMA application_id = %d", PRUDENT_APPLICATION_ID);
		if ((rc = sqlite_exec_script(db, sql, e)) < 0)
			return rc;
	}
	if (db->flags & STORE_READONLY)
		return sqlite_exec_script(db, "PRAGMA foreign_keys = ON", e);
	return sqlite_exec_script(db,
				  "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
				  "PRAGMA journal_mode = WAL;", e);
}

static int
sqlite_prepare(struct store *db, const char *sql, struct store_stmt **out, struct err *e)
{
	struct sqlite_stmt *st = xcalloc(1, sizeof(*st));
	const char *tail = NULL;

	if (sqlite3_prepare_v3(handle(db), sql, -1, 0, &st->stmt, &tail) != SQLITE_OK) {
		free(st);
		return sqlite_err(db, e, "preparing SQL");
	}
	if (tail && *tail) {
		/* One statement per prepare: trailing SQL would be silently ignored. */
		sqlite3_finalize(st->stmt);
		free(st);
		return err_set(e, ERR_INTERNAL, "more than one SQL statement given to store_prepare");
	}
	st->base.db = db;
	*out = &st->base;
	return 0;
}

static int
bind_result(struct store_stmt *st, int rc, struct err *e)
{
	if (rc != SQLITE_OK)
		return sqlite_err(st->db, e, "binding a value");
	return 0;
}

static int
sqlite_bind_text(struct store_stmt *st, int idx, const char *text, struct err *e)
{
	return bind_result(st, sqlite3_bind_text(stmt_handle(st), idx, text, -1, SQLITE_TRANSIENT), e);
}

static int
sqlite_bind_int(struct store_stmt *st, int idx, int64_t value, struct err *e)
{
	return bind_result(st, sqlite3_bind_int64(stmt_handle(st), idx, value), e);
}

static int
sqlite_bind_null(struct store_stmt *st, int idx, struct err *e)
{
	return bind_result(st, sqlite3_bind_null(stmt_handle(st), idx), e);
}

static int
sqlite_bind_blob(struct store_stmt *st, int idx, const void *data, size_t len, struct err *e)
{
	return bind_result(st, sqlite3_bind_blob64(stmt_handle(st), idx, len ? data : "", len,
						   SQLITE_TRANSIENT), e);
}

static int
sqlite_step(struct store_stmt *st, struct err *e)
{
	int rc = sqlite3_step(stmt_handle(st));

	if (rc == SQLITE_ROW)
		return STORE_ROW;
	if (rc == SQLITE_DONE)
		return STORE_DONE;
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return err_set(e, ERR_CONFLICT, "%s: %s", st->db->target,
			       sqlite3_errmsg(handle(st->db)));
	return sqlite_err(st->db, e, "running SQL");
}

static const char *
sqlite_col_text(struct store_stmt *st, int col)
{
	return (const char *)sqlite3_column_text(stmt_handle(st), col);
}

static int64_t
sqlite_col_int(struct store_stmt *st, int col)
{
	return sqlite3_column_int64(stmt_handle(st), col);
}

static const void *
sqlite_col_blob(struct store_stmt *st, int col, size_t *len)
{
	const void *p = sqlite3_column_blob(stmt_handle(st), col);

	*len = (size_t)sqlite3_column_bytes(stmt_handle(st), col);
	return p;
}

static bool
sqlite_col_is_null(struct store_stmt *st, int col)
{
	return sqlite3_column_type(stmt_handle(st), col) == SQLITE_NULL;
}

static int
sqlite_reset(struct store_stmt *st, struct err *e)
{
	sqlite3_reset(stmt_handle(st));
	if (sqlite3_clear_bindings(stmt_handle(st)) != SQLITE_OK)
		return sqlite_err(st->db, e, "resetting a statement");
	return 0;
}

static void
sqlite_finalize(struct store_stmt *st)
{
	sqlite3_finalize(stmt_handle(st));
	free(st);
}

const char *
store_sqlite_version(void)
{
	return sqlite3_libversion();
}

extern const struct named_file store_sqlite_migrations[];

const struct store_backend store_sqlite_backend = {
	.name = "sqlite",
	.migrations = store_sqlite_migrations,
	.open = sqlite_open,
	.close = sqlite_close,
	.exec_script = sqlite_exec_script,
	.claim = sqlite_claim,
	.begin_sql = "BEGIN IMMEDIATE",
	.prepare = sqlite_prepare,
	.bind_text = sqlite_bind_text,
	.bind_int = sqlite_bind_int,
	.bind_null = sqlite_bind_null,
	.bind_blob = sqlite_bind_blob,
	.step = sqlite_step,
	.col_text = sqlite_col_text,
	.col_int = sqlite_col_int,
	.col_is_null = sqlite_col_is_null,
	.col_blob = sqlite_col_blob,
	.reset = sqlite_reset,
	.finalize = sqlite_finalize,
};
