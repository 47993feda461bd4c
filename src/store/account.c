/*
 * account.c - staff accounts, browser sessions and API tokens.
 *
 * Secrets never reach the database: passwords as argon2id strings (hashed by
 * the caller), sessions and tokens as the SHA-256 of the value the client
 * holds.  A session or token row is looked up with its account in one query,
 * so a disabled account stops working at once.
 */
#include "store/store_impl.h"

static const char *const account_cols =
	"a.account_id, a.tenant_id, a.email, a.role, a.password_hash, a.created_at, "
	"a.disabled_at IS NOT NULL";

static void
copy(char *dst, size_t cap, const char *s)
{
	snprintf(dst, cap, "%s", s ? s : "");
}

/* The account columns of the current row, from column `col` on. */
static void
read_account(struct store_stmt *st, int col, struct store_account *a)
{
	copy(a->id, sizeof(a->id), store_col_text(st, col));
	copy(a->tenant_id, sizeof(a->tenant_id), store_col_text(st, col + 1));
	copy(a->email, sizeof(a->email), store_col_text(st, col + 2));
	copy(a->role, sizeof(a->role), store_col_text(st, col + 3));
	copy(a->password_hash, sizeof(a->password_hash), store_col_text(st, col + 4));
	copy(a->created_at, sizeof(a->created_at), store_col_text(st, col + 5));
	a->disabled = store_col_int(st, col + 6) != 0;
}

/* Run sql (bound to one text parameter) expecting at most one account row. */
static int
one_account(struct store *db, const char *sql, const char *param, struct store_account *out,
	    const char *what, struct err *e)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(db, sql, &st, e)) < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, param, e)) == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		read_account(st, 0, out);
		rc = 0;
	} else if (rc == STORE_DONE) {
		rc = err_set(e, ERR_NOTFOUND, "no %s", what);
	}
	store_finalize(st);
	return rc;
}

int
store_account_add(struct store *db, const char *tenant_id, const char *email, const char *role,
		  const char *password_hash, const char *by, struct store_account *out,
		  struct err *e)
{
	struct store_stmt *st;
	char id[UUID_STR_LEN], now[TIME_RFC3339_LEN];
	int rc;

	if ((rc = store_begin(db, e)) < 0)
		return rc;
	rc = store_prepare(db, "INSERT INTO account (tenant_id, account_id, email, role, "
			   "password_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
			   &st, e);
	if (rc < 0) {
		store_rollback(db);
		return rc;
	}
	uuid_v4(id);
	if ((rc = store_bind_text(st, 1, tenant_id, e)) == 0 &&
	    (rc = store_bind_text(st, 2, id, e)) == 0 &&
	    (rc = store_bind_text(st, 3, email, e)) == 0 &&
	    (rc = store_bind_text(st, 4, role, e)) == 0 &&
	    (rc = store_bind_text(st, 5, password_hash, e)) == 0 &&
	    (rc = store_bind_text(st, 6, time_now_rfc3339(now), e)) == 0 &&
	    (rc = store_bind_text(st, 7, by, e)) == 0)
		rc = store_step(st, e);
	store_finalize(st);
	if (rc == ERR_CONFLICT)
		rc = err_set(e, ERR_CONFLICT, "an account with the email %s exists already", email);
	rc = store_event_commit(db, rc < 0 ? rc : 0, tenant_id, NULL, by, "account.added",
				json_pack("{s:s,s:s}", "email", email, "role", role), e);
	if (rc < 0)
		return rc;
	return store_account_get(db, id, out, e);
}

int
store_account_get(struct store *db, const char *id, struct store_account *out, struct err *e)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT %s FROM account a WHERE a.account_id = ?", account_cols);
	return one_account(db, sql, id, out, "such account", e);
}

int
store_account_by_email(struct store *db, const char *email, struct store_account *out,
		       struct err *e)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT %s FROM account a WHERE a.email = ?", account_cols);
	return one_account(db, sql, email, out, "account with that email", e);
}

int
store_account_count(struct store *db, const char *tenant_id, int64_t *n, struct err *e)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(db, tenant_id ? "SELECT count(*) FROM account WHERE tenant_id = ?"
						: "SELECT count(*) FROM account", &st, e)) < 0)
		return rc;
	if ((!tenant_id || (rc = store_bind_text(st, 1, tenant_id, e)) == 0) &&
	    (rc = store_step(st, e)) == STORE_ROW) {
		*n = store_col_int(st, 0);
		rc = 0;
	}
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_session_add(struct store *db, const struct store_account *a, const char *token_hash,
		  const char *csrf, int64_t now, const char *address, const char *user_agent,
		  struct err *e)
{
	struct store_stmt *st;
	int rc;

	rc = store_prepare(db, "INSERT INTO session (tenant_id, token_hash, account_id, csrf, "
			   "created_at, last_seen, address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			   &st, e);
	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, a->tenant_id, e)) == 0 &&
	    (rc = store_bind_text(st, 2, token_hash, e)) == 0 &&
	    (rc = store_bind_text(st, 3, a->id, e)) == 0 &&
	    (rc = store_bind_text(st, 4, csrf, e)) == 0 &&
	    (rc = store_bind_int(st, 5, now, e)) == 0 &&
	    (rc = store_bind_int(st, 6, now, e)) == 0 &&
	    (rc = store_bind_text(st, 7, address, e)) == 0 &&
	    (rc = store_bind_text(st, 8, user_agent, e)) == 0)
		rc = store_step(st, e);
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_session_get(struct store *db, const char *token_hash, struct store_session *out,
		  struct err *e)
{
	struct store_stmt *st;
	char sql[384];
	int rc;

	snprintf(sql, sizeof(sql), "SELECT s.csrf, s.created_at, s.last_seen, %s FROM session s "
		 "JOIN account a ON a.account_id = s.account_id WHERE s.token_hash = ?",
		 account_cols);
	if ((rc = store_prepare(db, sql, &st, e)) < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, token_hash, e)) == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		copy(out->csrf, sizeof(out->csrf), store_col_text(st, 0));
		out->created_at = store_col_int(st, 1);
		out->last_seen = store_col_int(st, 2);
		read_account(st, 3, &out->account);
		rc = 0;
	} else if (rc == STORE_DONE) {
		rc = err_set(e, ERR_NOTFOUND, "no such session");
	}
	store_finalize(st);
	return rc;
}

int
store_session_touch(struct store *db, const char *token_hash, int64_t now, struct err *e)
{
	return store_run(db, "UPDATE session SET last_seen = ? WHERE token_hash = ?", &now, token_hash, e);
}

int
store_session_delete(struct store *db, const char *token_hash, struct err *e)
{
	return store_run(db, "DELETE FROM session WHERE token_hash = ?", NULL, token_hash, e);
}

int
store_session_expire(struct store *db, int64_t before, struct err *e)
{
	return store_run(db, "DELETE FROM session WHERE last_seen < ?", &before, NULL, e);
}

int
store_token_add(struct store *db, const struct store_account *a, const char *token_hash,
		const char *name, struct err *e)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	if ((rc = store_begin(db, e)) < 0)
		return rc;
	rc = store_prepare(db, "INSERT INTO api_token (tenant_id, token_hash, account_id, name, "
			   "created_at) VALUES (?, ?, ?, ?, ?)", &st, e);
	if (rc < 0) {
		store_rollback(db);
		return rc;
	}
	if ((rc = store_bind_text(st, 1, a->tenant_id, e)) == 0 &&
	    (rc = store_bind_text(st, 2, token_hash, e)) == 0 &&
	    (rc = store_bind_text(st, 3, a->id, e)) == 0 &&
	    (rc = store_bind_text(st, 4, name, e)) == 0 &&
	    (rc = store_bind_text(st, 5, time_now_rfc3339(now), e)) == 0)
		rc = store_step(st, e);
	store_finalize(st);
	return store_event_commit(db, rc < 0 ? rc : 0, a->tenant_id, NULL, a->email, "token.added",
				  json_pack("{s:s}", "name", name), e);
}

int
store_token_account(struct store *db, const char *token_hash, struct store_account *out,
		    struct err *e)
{
	char sql[320];

	snprintf(sql, sizeof(sql), "SELECT %s FROM api_token t JOIN account a ON a.account_id = "
		 "t.account_id WHERE t.token_hash = ? AND t.revoked_at IS NULL", account_cols);
	return one_account(db, sql, token_hash, out, "such API token", e);
}

int
store_account_each(struct store *db, const char *tenant_id,
		   int (*fn)(const struct store_account *a, void *arg), void *arg, struct err *e)
{
	struct store_stmt *st;
	char sql[256];
	int rc;

	snprintf(sql, sizeof(sql), "SELECT %s FROM account a WHERE a.tenant_id = ? ORDER BY "
		 "a.email", account_cols);
	if ((rc = store_prepare(db, sql, &st, e)) < 0)
		return rc;
	rc = store_bind_text(st, 1, tenant_id, e);
	while (rc == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		struct store_account a;

		read_account(st, 0, &a);
		rc = fn(&a, arg);
	}
	store_finalize(st);
	return rc < 0 ? rc : 0;
}
