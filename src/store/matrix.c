/*
 * matrix.c - what a client's responsibility matrix is built from: the MSP's
 * own service versions, its floor policy, and each client's changes.
 *
 * Everything is appended, never updated: the newest version of a service or
 * policy is current, and a client's matrix is its changes replayed in order.
 * The next version or sequence number is taken inside the writing transaction.
 */
#include <stdlib.h>

#include "store/store_impl.h"

void
store_record_clear(struct store_record *r)
{
	free(r->data);
	memset(r, 0, sizeof(*r));
}

/*
 * Insert a row whose first column is the next number of `number_sql` (one
 * SELECT returning it, bound to key1 and key2), in one transaction.  The
 * insert's parameters are: 1 the number, then texts[0..n).
 */
static int
append(struct store *db, const char *number_sql, const char *key1, const char *key2,
       const char *insert_sql, const char *const *texts, int n, int *number, struct err *e)
{
	struct store_stmt *st;
	int rc, next = 1;

	if ((rc = store_begin(db, e)) < 0)
		return rc;
	if ((rc = store_prepare(db, number_sql, &st, e)) < 0)
		goto fail;
	if ((rc = store_bind_text(st, 1, key1, e)) == 0 && (!key2 || (rc = store_bind_text(st, 2, key2, e)) == 0) &&
	    (rc = store_step(st, e)) == STORE_ROW) {
		next = (int)store_col_int(st, 0);
		rc = 0;
	}
	store_finalize(st);
	if (rc < 0 || (rc = store_prepare(db, insert_sql, &st, e)) < 0)
		goto fail;
	rc = store_bind_int(st, 1, next, e);
	for (int i = 0; i < n && rc == 0; i++)
		rc = store_bind_text(st, i + 2, texts[i], e);
	if (rc == 0)
		rc = store_step(st, e);
	store_finalize(st);
	if (rc < 0 || (rc = store_commit(db, e)) < 0)
		goto fail;
	if (number)
		*number = next;
	return 0;
fail:
	store_rollback(db);
	return rc;
}

int
store_service_add(struct store *db, const char *tenant_id, const char *service_id,
		  const char *definition, const char *created_by, int *version, struct err *e)
{
	char now[TIME_RFC3339_LEN];
	json_t *def = json_loads(definition, 0, NULL);
	int rc, n;

	if ((rc = store_begin(db, e)) < 0) {
		json_decref(def);
		return rc;
	}
	rc = append(db, "SELECT coalesce(max(version), 0) + 1 FROM service_version "
		      "WHERE tenant_id = ? AND service_id = ?", tenant_id, service_id,
		      "INSERT INTO service_version (version, tenant_id, service_id, definition, "
		      "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)",
		      (const char *const[]){tenant_id, service_id, definition, time_now_rfc3339(now),
					    created_by}, 5, &n, e);
	rc = store_event_commit(db, rc, tenant_id, NULL, created_by, "service.saved",
				json_pack("{s:s,s:i,s:o}", "service", service_id, "version", n,
					  "definition", def ? def : json_null()), e);
	if (rc == 0 && version)
		*version = n;
	return rc;
}

static void
read_record(struct store_stmt *st, struct store_record *r)
{
	memset(r, 0, sizeof(*r));
	store_col_copy(st, 0, r->id, sizeof(r->id));
	r->version = (int)store_col_int(st, 1);
	r->data = xstrdup(store_col_text(st, 2) ? store_col_text(st, 2) : "");
	store_col_copy(st, 3, r->created_at, sizeof(r->created_at));
	store_col_copy(st, 4, r->created_by, sizeof(r->created_by));
}

int
store_service_each(struct store *db, const char *tenant_id,
		   int (*fn)(const struct store_record *, void *), void *arg, struct err *e)
{
	struct store_stmt *st;
	struct store_record r;
	int rc = store_prepare(db,
			       "SELECT service_id, version, definition, created_at, created_by "
			       "FROM service_version s WHERE tenant_id = ? AND version = "
			       "(SELECT max(version) FROM service_version x WHERE x.tenant_id = "
			       "s.tenant_id AND x.service_id = s.service_id) ORDER BY service_id", &st, e);

	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, tenant_id, e)) < 0)
		goto done;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		read_record(st, &r);
		rc = fn(&r, arg);
		store_record_clear(&r);
		if (rc < 0)
			break;
	}
done:
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_policy_set(struct store *db, const char *tenant_id, const char *floor,
		 const char *created_by, int *version, struct err *e)
{
	char now[TIME_RFC3339_LEN];
	json_t *f = json_loads(floor, 0, NULL);
	int rc, n;

	if ((rc = store_begin(db, e)) < 0) {
		json_decref(f);
		return rc;
	}
	rc = append(db, "SELECT coalesce(max(version), 0) + 1 FROM policy_version WHERE tenant_id = ?",
		      tenant_id, NULL,
		      "INSERT INTO policy_version (version, tenant_id, floor, created_at, created_by) "
		      "VALUES (?, ?, ?, ?, ?)",
		      (const char *const[]){tenant_id, floor, time_now_rfc3339(now), created_by}, 4,
		      &n, e);
	rc = store_event_commit(db, rc, tenant_id, NULL, created_by, "policy.set",
				json_pack("{s:i,s:o}", "version", n, "floor", f ? f : json_null()), e);
	if (rc == 0 && version)
		*version = n;
	return rc;
}

int
store_policy_current(struct store *db, const char *tenant_id, struct store_record *out,
		     struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(db, "SELECT '', version, floor, created_at, created_by FROM "
			       "policy_version WHERE tenant_id = ? ORDER BY version DESC LIMIT 1", &st, e);

	memset(out, 0, sizeof(*out));
	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, tenant_id, e)) == 0)
		rc = store_step(st, e);
	if (rc == STORE_ROW) {
		read_record(st, out);
		rc = 0;
	} else if (rc == STORE_DONE) {
		rc = err_set(e, ERR_NOTFOUND, "no floor policy has been set");
	}
	store_finalize(st);
	return rc;
}

int
store_change_add(struct store *db, const struct store_client *c, const char *kind,
		 const char *subject, const char *data, const char *created_by, int *seq,
		 struct err *e)
{
	char now[TIME_RFC3339_LEN], type[32];
	json_t *d = json_loads(data, 0, NULL);
	int rc, n;

	if ((rc = store_begin(db, e)) < 0) {
		json_decref(d);
		return rc;
	}
	rc = append(db, "SELECT coalesce(max(seq), 0) + 1 FROM client_change WHERE client_id = ?",
		      c->id, NULL,
		      "INSERT INTO client_change (seq, client_id, kind, subject, data, created_at, "
		      "created_by, tenant_id) SELECT ?, ?, ?, ?, ?, ?, ?, tenant_id FROM client "
		      "WHERE client_id = ?",
		      (const char *const[]){c->id, kind, subject, data, time_now_rfc3339(now),
					    created_by, c->id}, 7, &n, e);
	snprintf(type, sizeof(type), "matrix.%s", kind);
	rc = store_event_commit(db, rc, c->tenant_id, c->id, created_by, type,
				json_pack("{s:i,s:s,s:o}", "change", n, "subject", subject,
					  "data", d ? d : json_null()), e);
	if (rc == 0 && seq)
		*seq = n;
	return rc;
}

int
store_change_each(struct store *db, const struct store_client *c,
		  int (*fn)(const struct store_change *, void *), void *arg, struct err *e)
{
	struct store_stmt *st;
	struct store_change ch;
	int rc = store_prepare(db, "SELECT seq, kind, subject, data, created_at, created_by FROM "
			       "client_change WHERE client_id = ? ORDER BY seq", &st, e);

	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, c->id, e)) < 0)
		goto done;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		memset(&ch, 0, sizeof(ch));
		ch.seq = (int)store_col_int(st, 0);
		store_col_copy(st, 1, ch.kind, sizeof(ch.kind));
		store_col_copy(st, 2, ch.subject, sizeof(ch.subject));
		ch.data = xstrdup(store_col_text(st, 3));
		store_col_copy(st, 4, ch.created_at, sizeof(ch.created_at));
		store_col_copy(st, 5, ch.created_by, sizeof(ch.created_by));
		rc = fn(&ch, arg);
		free(ch.data);
		if (rc < 0)
			break;
	}
done:
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_decisions_each(struct store *db, const char *tenant_id,
		     int (*fn)(const struct store_decision_row *row, void *arg), void *arg,
		     struct err *e)
{
	struct store_stmt *st;
	int rc;

	/* The newest decision per client and safeguard. */
	rc = store_prepare(db, "SELECT c.slug, c.name, ch.subject, ch.data, ch.created_at FROM "
			   "client_change ch JOIN client c ON c.client_id = ch.client_id WHERE "
			   "ch.tenant_id = ? AND ch.kind = 'decide' AND c.archived_at IS NULL AND "
			   "ch.seq = (SELECT max(x.seq) FROM client_change x WHERE x.client_id = "
			   "ch.client_id AND x.kind = 'decide' AND x.subject = ch.subject) "
			   "ORDER BY c.name, ch.subject", &st, e);
	if (rc < 0)
		return rc;
	rc = store_bind_text(st, 1, tenant_id, e);
	while (rc == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		struct store_decision_row row = {store_col_text(st, 0), store_col_text(st, 1),
			store_col_text(st, 2), store_col_text(st, 3), store_col_text(st, 4)};

		rc = fn(&row, arg);
	}
	store_finalize(st);
	return rc < 0 ? rc : 0;
}
