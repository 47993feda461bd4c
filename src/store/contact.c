/*
 * contact.c - the people at a client who may accept its documents: their
 * invitations, their portal sessions, and scanned signed copies.
 *
 * Like staff sessions, invitations and portal sessions keep only the
 * SHA-256 of the secret the browser or the link holds.
 */
#include <stdlib.h>

#include "store/store_impl.h"

static const char contact_cols[] =
	"c.contact_id, c.tenant_id, c.client_id, c.email, c.name, c.title, "
	"coalesce(c.password_hash, ''), c.created_at, c.disabled_at IS NOT NULL";

static void
read_contact(struct store_stmt *st, int col, struct store_contact *ct)
{
	store_col_copy(st, col, ct->id, sizeof(ct->id));
	store_col_copy(st, col + 1, ct->tenant_id, sizeof(ct->tenant_id));
	store_col_copy(st, col + 2, ct->client_id, sizeof(ct->client_id));
	store_col_copy(st, col + 3, ct->email, sizeof(ct->email));
	store_col_copy(st, col + 4, ct->name, sizeof(ct->name));
	store_col_copy(st, col + 5, ct->title, sizeof(ct->title));
	store_col_copy(st, col + 6, ct->password_hash, sizeof(ct->password_hash));
	store_col_copy(st, col + 7, ct->created_at, sizeof(ct->created_at));
	ct->disabled = store_col_int(st, col + 8) != 0;
}

/* The one contact `sql` selects (contact columns first, bound to key and, if
 * num, *num); ERR_NOTFOUND naming `what` when none. */
static int
one_contact(struct store *db, const char *sql, const char *key, const int64_t *num,
	    struct store_contact *out, const char *what, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(db, sql, &st, e);

	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, key, e)) == 0 && num)
		rc = store_bind_int(st, 2, *num, e);
	if (rc == 0)
		rc = store_step(st, e);
	if (rc == STORE_ROW) {
		read_contact(st, 0, out);
		rc = 0;
	} else if (rc == STORE_DONE) {
		rc = err_set(e, ERR_NOTFOUND, "no %s", what);
	}
	store_finalize(st);
	return rc;
}

int
store_contact_add(struct store *db, const struct store_client *c, const char *tenant_id,
		  const char *email, const char *name, const char *title, const char *by,
		  struct store_contact *out, struct err *e)
{
	struct store_stmt *st;
	char id[UUID_STR_LEN], now[TIME_RFC3339_LEN];
	int rc;

	if ((rc = store_begin(db, e)) < 0)
		return rc;
	rc = store_prepare(db, "INSERT INTO contact (tenant_id, contact_id, client_id, email, name, "
			   "title, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &st, e);
	if (rc < 0) {
		store_rollback(db);
		return rc;
	}
	uuid_v4(id);
	if ((rc = store_bind_text(st, 1, tenant_id, e)) == 0 &&
	    (rc = store_bind_text(st, 2, id, e)) == 0 &&
	    (rc = store_bind_text(st, 3, c->id, e)) == 0 &&
	    (rc = store_bind_text(st, 4, email, e)) == 0 &&
	    (rc = store_bind_text(st, 5, name, e)) == 0 &&
	    (rc = store_bind_text(st, 6, title, e)) == 0 &&
	    (rc = store_bind_text(st, 7, time_now_rfc3339(now), e)) == 0 &&
	    (rc = store_bind_text(st, 8, by, e)) == 0)
		rc = store_step(st, e);
	store_finalize(st);
	if (rc == ERR_CONFLICT)
		rc = err_set(e, ERR_CONFLICT, "a contact with the email %s exists already", email);
	rc = store_event_commit(db, rc < 0 ? rc : 0, tenant_id, c->id, by, "contact.added",
				json_pack("{s:s,s:s,s:s,s:s}", "contact", id, "email", email,
					  "name", name, "title", title), e);
	if (rc < 0)
		return rc;
	return store_contact_get(db, id, out, e);
}

int
store_contact_get(struct store *db, const char *id, struct store_contact *out, struct err *e)
{
	char sql[320];

	snprintf(sql, sizeof(sql), "SELECT %s FROM contact c WHERE c.contact_id = ?", contact_cols);
	return one_contact(db, sql, id, NULL, out, "such contact", e);
}

int
store_contact_by_email(struct store *db, const char *email, struct store_contact *out,
		       struct err *e)
{
	char sql[320];

	snprintf(sql, sizeof(sql), "SELECT %s FROM contact c WHERE c.email = ?", contact_cols);
	return one_contact(db, sql, email, NULL, out, "contact with that email", e);
}

int
store_contact_each(struct store *db, const char *client_id,
		   int (*fn)(const struct store_contact *ct, void *arg), void *arg, struct err *e)
{
	struct store_stmt *st;
	char sql[320];
	int rc;

	snprintf(sql, sizeof(sql), "SELECT %s FROM contact c WHERE c.client_id = ? ORDER BY c.email",
		 contact_cols);
	if ((rc = store_prepare(db, sql, &st, e)) < 0)
		return rc;
	rc = store_bind_text(st, 1, client_id, e);
	while (rc == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		struct store_contact ct;

		read_contact(st, 0, &ct);
		rc = fn(&ct, arg);
	}
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_contact_disable(struct store *db, const struct store_contact *ct, const char *by,
		      struct err *e)
{
	char now[TIME_RFC3339_LEN];
	struct store_stmt *st;
	int rc;

	if (ct->disabled)
		return err_set(e, ERR_CONFLICT, "%s is disabled already", ct->email);
	if ((rc = store_begin(db, e)) < 0)
		return rc;
	if ((rc = store_run(db, "DELETE FROM portal_session WHERE contact_id = ?", NULL, ct->id,
			    e)) == 0 &&
	    (rc = store_prepare(db, "UPDATE contact SET disabled_at = ? WHERE contact_id = ?", &st,
				e)) == 0) {
		if ((rc = store_bind_text(st, 1, time_now_rfc3339(now), e)) == 0 &&
		    (rc = store_bind_text(st, 2, ct->id, e)) == 0)
			rc = store_step(st, e);
		store_finalize(st);
	}
	return store_event_commit(db, rc < 0 ? rc : 0, ct->tenant_id, ct->client_id, by,
				  "contact.disabled", json_pack("{s:s,s:s}", "contact", ct->id,
				  "email", ct->email), e);
}

int
store_invite_add(struct store *db, const struct store_contact *ct, const char *token_hash,
		 int64_t now, int64_t expires_at, const char *by, struct err *e)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_begin(db, e)) < 0)
		return rc;
	rc = store_prepare(db, "INSERT INTO invite (token_hash, tenant_id, contact_id, created_at, "
			   "expires_at) VALUES (?, ?, ?, ?, ?)", &st, e);
	if (rc < 0) {
		store_rollback(db);
		return rc;
	}
	if ((rc = store_bind_text(st, 1, token_hash, e)) == 0 &&
	    (rc = store_bind_text(st, 2, ct->tenant_id, e)) == 0 &&
	    (rc = store_bind_text(st, 3, ct->id, e)) == 0 &&
	    (rc = store_bind_int(st, 4, now, e)) == 0 &&
	    (rc = store_bind_int(st, 5, expires_at, e)) == 0)
		rc = store_step(st, e);
	store_finalize(st);
	return store_event_commit(db, rc < 0 ? rc : 0, ct->tenant_id, ct->client_id, by,
				  "contact.invited", json_pack("{s:s,s:s,s:I}", "contact", ct->id,
				  "email", ct->email, "expires_at", (json_int_t)expires_at), e);
}

int
store_invite_contact(struct store *db, const char *token_hash, int64_t now,
		     struct store_contact *out, struct err *e)
{
	char sql[420];

	snprintf(sql, sizeof(sql), "SELECT %s FROM invite i JOIN contact c ON c.contact_id = "
		 "i.contact_id WHERE i.token_hash = ? AND i.used_at IS NULL AND i.expires_at > ? "
		 "AND c.disabled_at IS NULL", contact_cols);
	return one_contact(db, sql, token_hash, &now, out, "such invitation: it was used, has "
			   "expired, or never existed", e);
}

int
store_invite_use(struct store *db, const char *token_hash, int64_t now,
		 const char *password_hash, struct store_contact *out, struct err *e)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_begin(db, e)) < 0)
		return rc;
	if ((rc = store_invite_contact(db, token_hash, now, out, e)) < 0)
		goto fail;
	if ((rc = store_run(db, "UPDATE invite SET used_at = ? WHERE token_hash = ?", &now,
			    token_hash, e)) < 0 ||
	    (rc = store_prepare(db, "UPDATE contact SET password_hash = ? WHERE contact_id = ?",
				&st, e)) < 0)
		goto fail;
	if ((rc = store_bind_text(st, 1, password_hash, e)) == 0 &&
	    (rc = store_bind_text(st, 2, out->id, e)) == 0)
		rc = store_step(st, e);
	store_finalize(st);
	if ((rc = store_event_commit(db, rc < 0 ? rc : 0, out->tenant_id, out->client_id,
				     out->email, "contact.activated",
				     json_pack("{s:s}", "contact", out->id), e)) < 0)
		return rc;
	snprintf(out->password_hash, sizeof(out->password_hash), "%s", password_hash);
	return 0;
fail:
	store_rollback(db);
	return rc;
}

/* ------------------------------------------------ portal sessions */

int
store_portal_session_add(struct store *db, const struct store_contact *ct, const char *token_hash,
			 const char *csrf, int64_t now, const char *address, const char *user_agent,
			 struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(db, "INSERT INTO portal_session (token_hash, tenant_id, contact_id, "
			       "csrf, created_at, last_seen, address, user_agent) VALUES (?, ?, ?, ?, "
			       "?, ?, ?, ?)", &st, e);

	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, token_hash, e)) == 0 &&
	    (rc = store_bind_text(st, 2, ct->tenant_id, e)) == 0 &&
	    (rc = store_bind_text(st, 3, ct->id, e)) == 0 &&
	    (rc = store_bind_text(st, 4, csrf, e)) == 0 &&
	    (rc = store_bind_int(st, 5, now, e)) == 0 &&
	    (rc = store_bind_int(st, 6, now, e)) == 0 &&
	    (rc = store_bind_text(st, 7, address, e)) == 0 &&
	    (rc = store_bind_text(st, 8, user_agent, e)) == 0)
		rc = store_step(st, e);
	store_finalize(st);
	if (rc >= 0)
		rc = store_run(db, "DELETE FROM portal_session WHERE last_seen < ?",
			       &(int64_t){now - 12 * 3600}, NULL, e);
	return rc < 0 ? rc : 0;
}

int
store_portal_session_get(struct store *db, const char *token_hash,
			 struct store_portal_session *out, struct err *e)
{
	struct store_stmt *st;
	char sql[420];
	int rc;

	snprintf(sql, sizeof(sql), "SELECT s.csrf, s.created_at, s.last_seen, %s FROM "
		 "portal_session s JOIN contact c ON c.contact_id = s.contact_id WHERE "
		 "s.token_hash = ?", contact_cols);
	if ((rc = store_prepare(db, sql, &st, e)) < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, token_hash, e)) == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		store_col_copy(st, 0, out->csrf, sizeof(out->csrf));
		out->created_at = store_col_int(st, 1);
		out->last_seen = store_col_int(st, 2);
		read_contact(st, 3, &out->contact);
		rc = 0;
	} else if (rc == STORE_DONE) {
		rc = err_set(e, ERR_NOTFOUND, "no such session");
	}
	store_finalize(st);
	return rc;
}

int
store_portal_session_touch(struct store *db, const char *token_hash, int64_t now, struct err *e)
{
	return store_run(db, "UPDATE portal_session SET last_seen = ? WHERE token_hash = ?", &now,
			 token_hash, e);
}

int
store_portal_session_delete(struct store *db, const char *token_hash, struct err *e)
{
	return store_run(db, "DELETE FROM portal_session WHERE token_hash = ?", NULL, token_hash, e);
}

/* ------------------------------------------------ scans */

int
store_scan_add(struct store *db, const struct store_client *c, const char *tenant_id,
	       const char *sha256, const char *media_type, const void *bytes, size_t len,
	       struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(db, "INSERT INTO scan (tenant_id, client_id, sha256, media_type, "
			       "bytes) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", &st, e);

	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, tenant_id, e)) == 0 &&
	    (rc = store_bind_text(st, 2, c->id, e)) == 0 &&
	    (rc = store_bind_text(st, 3, sha256, e)) == 0 &&
	    (rc = store_bind_text(st, 4, media_type, e)) == 0 &&
	    (rc = store_bind_blob(st, 5, bytes, len, e)) == 0)
		rc = store_step(st, e);
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_scan_get(struct store *db, const struct store_client *c, const char *sha256, char **bytes,
	       size_t *len, char media_type[64], struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(db, "SELECT bytes, media_type FROM scan WHERE client_id = ? AND "
			       "sha256 = ?", &st, e);

	*bytes = NULL;
	*len = 0;
	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, c->id, e)) == 0 &&
	    (rc = store_bind_text(st, 2, sha256, e)) == 0)
		rc = store_step(st, e);
	if (rc == STORE_ROW) {
		const void *b = store_col_blob(st, 0, len);

		*bytes = xmalloc(*len + 1);
		if (*len)
			memcpy(*bytes, b, *len);
		store_col_copy(st, 1, media_type, 64);
		rc = 0;
	} else if (rc == STORE_DONE) {
		rc = err_set(e, ERR_NOTFOUND, "no signed copy with that hash");
	}
	store_finalize(st);
	return rc;
}
