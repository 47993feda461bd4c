/*
 * test_store.c - the database layer against a real SQLite file: creation,
 * migrations, refusals (newer, foreign, not a database), settings, bind
 * parameters, transactions and tenants.
 */
#include <sqlite3.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <unistd.h>

#include "support/support.h"
#include "evidence/evidence.h"
#include "store/store.h"

struct fixture {
	char *dir;
	char path[512];
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));

	f->dir = test_tmpdir();
	snprintf(f->path, sizeof(f->path), "%s/p.db", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	test_rmtree(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

static struct store *
open_ok(const char *path, unsigned flags)
{
	struct err e = {0};
	struct store *db = NULL;

	if (store_open(path, flags, &db, &e) != 0)
		fail_msg("store_open(%s): %s", path, e.msg);
	return db;
}

/* The single integer a query returns. */
static int64_t
query_int(struct store *db, const char *sql, const char *param)
{
	struct store_stmt *st;
	struct err e = {0};
	int64_t v;

	if (store_prepare(db, sql, &st, &e) != 0)
		fail_msg("prepare %s: %s", sql, e.msg);
	if (param)
		assert_int_equal(store_bind_text(st, 1, param, &e), 0);
	assert_int_equal(store_step(st, &e), STORE_ROW);
	v = store_col_int(st, 0);
	store_finalize(st);
	return v;
}

/* Run SQL straight through SQLite, behind the store's back. */
static void
raw_sql(const char *path, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("raw SQL failed: %s", sqlite3_errmsg(db));
	sqlite3_close(db);
}

static void
test_missing_database(void **state)
{
	struct fixture *f = *state;
	struct err e = {0};
	struct store *db = NULL;

	assert_int_equal(store_open(f->path, 0, &db, &e), ERR_NOTFOUND);
	assert_null(db);
	assert_non_null(strstr(e.msg, "prudent init"));
	assert_int_equal(access(f->path, F_OK), -1);
	assert_int_equal(store_open(f->path, STORE_READONLY | STORE_CREATE, &db, &e), ERR_NOTFOUND);
}

static void
test_create_and_settings(void **state)
{
	struct fixture *f = *state;
	struct store *db = open_ok(f->path, STORE_CREATE);
	struct err e = {0};
	int version = -1;

	assert_string_equal(store_backend_name(db), "sqlite");
	assert_int_equal(store_schema_version(db, &version, &e), 0);
	assert_true(version >= 1);
	assert_int_equal(version, store_schema_latest(db));
	assert_int_equal(query_int(db, "SELECT count(*) FROM schema_version", NULL), version);
	assert_int_equal(query_int(db, "PRAGMA foreign_keys", NULL), 1);
	assert_int_equal(query_int(db, "PRAGMA busy_timeout", NULL), 10000);
	assert_int_equal(query_int(db, "PRAGMA synchronous", NULL), 2); /* FULL */
	assert_int_equal(query_int(db, "PRAGMA application_id", NULL), 0x50524454);
	assert_int_equal(query_int(db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode", NULL), 1);
	store_close(db);

	/* Reopening applies nothing twice. */
	db = open_ok(f->path, 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM schema_version", NULL), version);
	store_close(db);
}

/* Every table of tenant data has tenant_id: a migration that forgets it fails here. */
static void
test_every_table_has_tenant_id(void **state)
{
	struct fixture *f = *state;
	struct store *db = open_ok(f->path, STORE_CREATE);
	struct store_stmt *st;
	struct err e = {0};
	int n_tables = 0;

	assert_int_equal(store_prepare(db,
				       "SELECT name FROM sqlite_schema WHERE type = 'table' "
				       "AND name NOT LIKE 'sqlite_%' AND name <> 'schema_version'",
				       &st, &e), 0);
	while (store_step(st, &e) == STORE_ROW) {
		const char *table = store_col_text(st, 0);

		if (query_int(db, "SELECT count(*) FROM pragma_table_info(?) WHERE name = 'tenant_id'",
			      table) != 1)
			fail_msg("table %s has no tenant_id column", table);
		n_tables++;
	}
	store_finalize(st);
	assert_true(n_tables >= 1);
	store_close(db);
}

static void
test_newer_database_refused(void **state)
{
	struct fixture *f = *state;
	struct store *db = open_ok(f->path, STORE_CREATE);
	int latest = store_schema_latest(db);
	char sql[256];
	struct err e = {0};

	store_close(db);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO schema_version VALUES (%d, '%04d-from-the-future.sql', 'x')",
		 latest + 1, latest + 1);
	raw_sql(f->path, sql);
	db = NULL;
	assert_int_equal(store_open(f->path, 0, &db, &e), ERR_TOO_NEW);
	assert_null(db);
	assert_non_null(strstr(e.msg, "newer version of Prudent"));
	assert_non_null(strstr(e.msg, "upgrade Prudent"));
	assert_int_equal(store_open(f->path, STORE_READONLY, &db, &e), ERR_TOO_NEW);
}

static void
test_foreign_history_refused(void **state)
{
	struct fixture *f = *state;
	struct store *db = open_ok(f->path, STORE_CREATE);
	struct err e = {0};

	store_close(db);
	raw_sql(f->path, "UPDATE schema_version SET name = 'something-else.sql' WHERE version = 1");
	db = NULL;
	assert_int_equal(store_open(f->path, 0, &db, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "schema history"));
}

static void
test_not_a_prudent_database(void **state)
{
	struct fixture *f = *state;
	struct store *db = NULL;
	struct err e = {0};
	char *data;
	size_t len;

	/* Somebody else's SQLite database: refused and left untouched. */
	raw_sql(f->path, "CREATE TABLE theirs (x INTEGER); INSERT INTO theirs VALUES (42)");
	assert_int_equal(store_open(f->path, STORE_CREATE, &db, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "is not a Prudent database"));
	raw_sql(f->path, "SELECT 1"); /* still opens */
	{
		sqlite3 *raw;
		sqlite3_stmt *st;

		assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(raw, "SELECT count(*) FROM sqlite_schema "
						    "WHERE name = 'schema_version'", -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), 0);
		sqlite3_finalize(st);
		sqlite3_close(raw);
	}

	/* A text file. */
	assert_int_equal(file_write_atomic(f->path, "hello, world\n", 13, &e), 0);
	assert_int_equal(store_open(f->path, 0, &db, &e), ERR_INPUT);
	assert_int_equal(file_read_all(f->path, 1024, &data, &len, &e), 0);
	assert_int_equal(len, 13);
	assert_memory_equal(data, "hello, world\n", 13);
	free(data);

	/* An empty file (touch) becomes a Prudent database. */
	assert_int_equal(file_write_atomic(f->path, "", 0, &e), 0);
	db = open_ok(f->path, 0);
	store_close(db);
}

static void
test_readonly(void **state)
{
	struct fixture *f = *state;
	struct store *db = open_ok(f->path, STORE_CREATE);
	struct store_tenant t;
	struct err e = {0};

	store_close(db);
	db = open_ok(f->path, STORE_READONLY);
	assert_true(store_tenant_create(db, "Nope", &t, &e) < 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM tenant", NULL), 0);
	store_close(db);
}

static void
test_tenants_and_bind_parameters(void **state)
{
	struct fixture *f = *state;
	struct store *db = open_ok(f->path, STORE_CREATE);
	const char *hostile = "Robert'); DROP TABLE tenant; -- \"quoted\" caf\xc3\xa9";
	struct store_tenant t1, t2, list[4];
	struct err e = {0};
	size_t n;

	assert_int_equal(store_tenant_create(db, "Acme IT", &t1, &e), 0);
	assert_true(uuid_valid(t1.id));
	assert_int_equal(store_tenant_create(db, hostile, &t2, &e), 0);
	assert_int_equal(store_tenant_list(db, list, 4, &n, &e), 0);
	assert_int_equal(n, 2);
	/* Same second: by name, and "A" sorts before "R". */
	assert_string_equal(list[0].name, "Acme IT");
	assert_string_equal(list[0].id, t1.id);
	assert_string_equal(list[1].name, hostile);
	assert_string_equal(list[1].id, t2.id);
	/* A list shorter than the count still reports the count. */
	assert_int_equal(store_tenant_list(db, list, 1, &n, &e), 0);
	assert_int_equal(n, 2);

	assert_int_equal(store_tenant_create(db, "", &t1, &e), ERR_INPUT);
	assert_int_equal(store_tenant_create(db, "tab\there", &t1, &e), ERR_INPUT);
	assert_int_equal(store_tenant_create(db, "bad \xff utf-8", &t1, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "UTF-8"));
	{
		char long_name[300];

		memset(long_name, 'x', sizeof(long_name) - 1);
		long_name[sizeof(long_name) - 1] = '\0';
		assert_int_equal(store_tenant_create(db, long_name, &t1, &e), ERR_INPUT);
	}
	assert_int_equal(query_int(db, "SELECT count(*) FROM tenant", NULL), 2);
	store_close(db);
}

static int
count_docs(const struct store_doc_row *row, void *arg)
{
	(void)row;
	(*(int *)arg)++;
	return 0;
}

static int
collect_setting(const char *key, const char *value, const char *at, const char *by, void *arg)
{
	(void)at, (void)by;
	str_appendf(arg, "%s=%s;", key, value);
	return 0;
}

/* Settings are set, overwritten and removed per MSP and per client; an issue
 * stores every file in one transaction; issued rows refuse UPDATE and DELETE. */
static void
test_settings_and_issued_documents(void **state)
{
	struct fixture *f = *state;
	struct store *db = open_ok(f->path, STORE_CREATE);
	struct store_tenant t;
	struct store_client c;
	struct err e = {0};
	struct str s = STR_INIT;
	const char pdf[] = "%PDF-1.5\0binary\xff";
	struct store_doc_file files[] = {{"md", "aa", "# Hi\n", 5}, {"pdf", "bb", pdf, sizeof(pdf)}};
	struct store_doc docs[] = {{"acme.agreement", "agreement", "Standard of Care Agreement",
		"cc", "{}", files, 2}, {"acme.summary", "summary", "Summary", "dd", "{}", files, 1}};
	int64_t v;
	char *bytes;
	size_t len;
	int n = 0;

	assert_int_equal(store_tenant_create(db, "Acme IT", &t, &e), 0);
	assert_int_equal(store_client_add(db, t.id, "Acme", NULL, "acme", "test", &c, &e), 0);
	assert_int_equal(store_setting_set(db, t.id, NULL, "cap_months", "12", "me", &e), 0);
	assert_int_equal(store_setting_set(db, t.id, NULL, "cap_months", "6", "me", &e), 0);
	assert_int_equal(store_setting_set(db, t.id, c.id, "cap_months", "3", "me", &e), 0);
	assert_int_equal(store_setting_set(db, t.id, NULL, "address", "1 Main St", "me", &e), 0);
	assert_int_equal(store_setting_each(db, t.id, NULL, collect_setting, &s, &e), 0);
	assert_string_equal(str_cstr(&s), "address=1 Main St;cap_months=6;");
	assert_int_equal(store_setting_set(db, t.id, NULL, "address", NULL, "me", &e), 0);
	str_clear(&s);
	assert_int_equal(store_setting_each(db, t.id, c.id, collect_setting, &s, &e), 0);
	assert_string_equal(str_cstr(&s), "cap_months=3;");
	str_free(&s);

	assert_int_equal(store_doc_next_version(db, &c, &v, &e), 0);
	assert_int_equal(v, 1);
	assert_int_equal(store_doc_issue(db, &c, 1, docs, 2, "me", &e), 0);
	assert_int_equal(store_doc_next_version(db, &c, &v, &e), 0);
	assert_int_equal(v, 2);
	/* The same version again is a conflict, and stores nothing. */
	assert_int_equal(store_doc_issue(db, &c, 1, docs, 1, "me", &e), ERR_CONFLICT);
	assert_int_equal(store_doc_each(db, &c, count_docs, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_doc_file(db, &c, 1, "acme.agreement", "pdf", &bytes, &len, &e), 0);
	assert_int_equal(len, sizeof(pdf));
	assert_memory_equal(bytes, pdf, len);
	free(bytes);
	assert_int_equal(store_doc_file(db, &c, 1, "acme.summary", "pdf", &bytes, &len, &e),
			 ERR_NOTFOUND);
	/* Issued means frozen. */
	assert_true(store_exec(db, "UPDATE document SET title = 'x'", &e) < 0);
	assert_non_null(strstr(e.msg, "an issued document never changes"));
	assert_true(store_exec(db, "DELETE FROM document_file", &e) < 0);
	assert_true(store_exec(db, "UPDATE document_file SET bytes = x'00'", &e) < 0);
	assert_true(store_exec(db, "DELETE FROM document", &e) < 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM document_file", NULL), 3);
	store_close(db);
}

static void
test_statements_and_transactions(void **state)
{
	struct fixture *f = *state;
	struct store *db = open_ok(f->path, STORE_CREATE);
	struct store_stmt *st;
	struct err e = {0};

	/* One statement per prepare. */
	assert_true(store_prepare(db, "SELECT 1; SELECT 2", &st, &e) < 0);
	assert_true(store_prepare(db, "SELEKT nonsense", &st, &e) < 0);
	assert_non_null(strstr(e.msg, "syntax error"));

	/* Rollback discards; commit keeps. */
	assert_int_equal(store_begin(db, &e), 0);
	assert_int_equal(store_exec(db, "INSERT INTO tenant VALUES ('a', 'A', 'x')", &e), 0);
	store_rollback(db);
	assert_int_equal(query_int(db, "SELECT count(*) FROM tenant", NULL), 0);
	assert_int_equal(store_begin(db, &e), 0);
	assert_int_equal(store_exec(db, "INSERT INTO tenant VALUES ('a', 'A', 'x')", &e), 0);
	assert_int_equal(store_commit(db, &e), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM tenant", NULL), 1);

	/* A constraint violation is a conflict, not an internal error. */
	assert_int_equal(store_prepare(db, "INSERT INTO tenant VALUES (?, ?, ?)", &st, &e), 0);
	assert_int_equal(store_bind_text(st, 1, "a", &e), 0);
	assert_int_equal(store_bind_text(st, 2, "Again", &e), 0);
	assert_int_equal(store_bind_text(st, 3, "x", &e), 0);
	assert_int_equal(store_step(st, &e), ERR_CONFLICT);
	/* Reset and rebind: the statement is reusable. */
	assert_int_equal(store_reset(st, &e), 0);
	assert_int_equal(store_bind_text(st, 1, "b", &e), 0);
	assert_int_equal(store_bind_text(st, 2, "B", &e), 0);
	assert_int_equal(store_bind_text(st, 3, "x", &e), 0);
	assert_int_equal(store_step(st, &e), STORE_DONE);
	/* NOT NULL holds: binding NULL text fails. */
	assert_int_equal(store_reset(st, &e), 0);
	assert_int_equal(store_bind_text(st, 1, "c", &e), 0);
	assert_int_equal(store_bind_text(st, 2, NULL, &e), 0);
	assert_int_equal(store_bind_text(st, 3, "x", &e), 0);
	assert_int_equal(store_step(st, &e), ERR_CONFLICT);
	/* Out-of-range parameter index. */
	assert_true(store_bind_int(st, 9, 1, &e) < 0);
	store_finalize(st);

	assert_int_equal(store_prepare(db, "SELECT NULL, 7, 'x'", &st, &e), 0);
	assert_int_equal(store_step(st, &e), STORE_ROW);
	assert_true(store_col_is_null(st, 0));
	assert_null(store_col_text(st, 0));
	assert_int_equal(store_col_int(st, 1), 7);
	assert_false(store_col_is_null(st, 2));
	assert_int_equal(store_step(st, &e), STORE_DONE);
	store_finalize(st);
	store_close(db);
}


static int
count_event(const struct store_event *ev, void *arg)
{
	char hash[HASH_SHA256_HEX_LEN], *prev = arg;

	/* Each event hashes to what it says and names the one before it. */
	assert_string_equal(store_event_hash(ev, hash), ev->hash);
	assert_string_equal(ev->prev_hash, prev);
	memcpy(prev, ev->hash, HASH_SHA256_HEX_LEN);
	return 0;
}

static int64_t
chain_length(struct store *db, const char *tenant_id)
{
	char prev[HASH_SHA256_HEX_LEN], head[HASH_SHA256_HEX_LEN];
	struct err e = {0};
	int64_t seq;

	memcpy(prev, store_event_genesis, sizeof(prev));
	assert_int_equal(store_event_each(db, tenant_id, NULL, NULL, 1, count_event, prev, &e), 0);
	assert_int_equal(store_event_head(db, tenant_id, &seq, head, &e), 0);
	assert_string_equal(head, prev);
	assert_int_equal(query_int(db, "SELECT count(*) FROM event WHERE tenant_id = ?", tenant_id),
			 seq);
	return seq;
}

static void
test_event_chain(void **state)
{
	struct fixture *f = *state;
	struct store *db = open_ok(f->path, STORE_CREATE);
	struct store_tenant t;
	struct store_client c, c2;
	struct err e = {0};
	int64_t n;

	assert_int_equal(store_tenant_create(db, "Acme IT", &t, &e), 0);
	assert_int_equal(chain_length(db, t.id), 1); /* tenant.created */
	assert_int_equal(store_client_add(db, t.id, "Acme", NULL, "acme", "tech", &c, &e), 0);
	assert_int_equal(store_change_add(db, &c, "subscribe", "managed-edr", "{}", "tech", NULL,
					  &e), 0);
	assert_int_equal(chain_length(db, t.id), 3);
	/* A failed write leaves no event. */
	assert_int_equal(store_client_add(db, t.id, "Acme", NULL, "acme", "tech", &c2, &e),
			 ERR_CONFLICT);
	assert_int_equal(chain_length(db, t.id), 3);
	/* A write inside a caller's transaction is a savepoint: rolled back with it,
	 * event and all. */
	assert_int_equal(store_begin(db, &e), 0);
	assert_int_equal(store_change_add(db, &c, "subscribe", "backup-dr", "{}", "tech", NULL, &e),
			 0);
	store_rollback(db);
	assert_int_equal(chain_length(db, t.id), 3);
	assert_int_equal(query_int(db, "SELECT count(*) FROM client_change WHERE subject = ?",
				   "backup-dr"), 0);
	/* Committed with it otherwise. */
	assert_int_equal(store_begin(db, &e), 0);
	assert_int_equal(store_change_add(db, &c, "subscribe", "backup-dr", "{}", "tech", NULL, &e),
			 0);
	assert_int_equal(store_event_add(db, t.id, c.id, "tech", "test.note", "{\"a\":1}", &n, &e),
			 0);
	assert_int_equal(store_commit(db, &e), 0);
	assert_int_equal(n, 5);
	assert_int_equal(chain_length(db, t.id), 5);
	/* The database refuses to change or remove an event. */
	assert_true(store_exec(db, "UPDATE event SET actor = 'x'", &e) < 0);
	assert_non_null(strstr(e.msg, "an event never changes"));
	assert_true(store_exec(db, "DELETE FROM event WHERE seq = 5", &e) < 0);
	assert_non_null(strstr(e.msg, "an event is never deleted"));
	store_close(db);
}

static void
test_signing_key(void **state)
{
	struct fixture *f = *state;
	struct store *db = open_ok(f->path, STORE_CREATE);
	struct store_tenant t;
	struct ev_key k, k2;
	struct ev_set s;
	struct ev_report r;
	struct arena *a = arena_new();
	struct err e = {0};
	char key_path[600], head[HASH_SHA256_HEX_LEN], signed_at[TIME_RFC3339_LEN];
	int64_t seq, last;
	struct stat st;
	FILE *kf;

	snprintf(key_path, sizeof(key_path), "%s.key", f->path);
	assert_int_equal(store_tenant_create(db, "Acme IT", &t, &e), 0);
	/* The first open makes the key file (private to its owner) and the key. */
	assert_int_equal(ev_key_open(db, t.id, key_path, &k, &e), 0);
	assert_int_equal(stat(key_path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(ev_key_open(db, t.id, key_path, &k2, &e), 0);
	assert_string_equal(k.public_key, k2.public_key);
	assert_memory_equal(k.secret, k2.secret, sizeof(k.secret));
	assert_int_equal(ev_checkpoint(db, t.id, &k, &seq, &e), 0);
	assert_int_equal(store_event_head(db, t.id, &seq, head, &e), 0);
	assert_int_equal(store_checkpoint_last(db, t.id, &last, signed_at, &e), 0);
	assert_int_equal(last, seq);
	/* Signing again with nothing new adds nothing. */
	assert_int_equal(ev_checkpoint(db, t.id, &k, NULL, &e), 0);
	assert_int_equal(query_int(db, "SELECT count(*) FROM checkpoint", NULL), 1);
	assert_int_equal(ev_load(db, t.id, a, &s, &e), 0);
	ev_verify(&s, &r);
	assert_int_equal(r.n_problems, 0);
	assert_int_equal(r.signed_seq, seq);
	ev_report_free(&r);
	/* Another key file does not open the key; a missing one is named. */
	assert_non_null(kf = fopen(key_path, "w"));
	fputs("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n", kf);
	fclose(kf);
	assert_int_equal(ev_key_open(db, t.id, key_path, &k2, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "does not open this database's signing key"));
	unlink(key_path);
	assert_int_equal(ev_key_open(db, t.id, key_path, &k2, &e), ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "is missing: restore it from its backup"));
	ev_key_wipe(&k);
	ev_key_wipe(&k2);
	arena_free(a);
	store_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_missing_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_and_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_table_has_tenant_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_database_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_history_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_not_a_prudent_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_readonly, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tenants_and_bind_parameters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_statements_and_transactions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_settings_and_issued_documents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_event_chain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_signing_key, setup, teardown),
	};

	if (hash_init(NULL) < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
