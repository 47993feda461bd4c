/*
 * document.c - legal settings, and issued documents with their rendered files.
 *
 * An issue is one transaction: every document of the set with every file, or
 * nothing.  Triggers (migration 0004) refuse to change or delete either table
 * afterwards, so an issued version is what was issued.
 */
#include <stdlib.h>

#include "store/store_impl.h"

int
store_setting_set(struct store *db, const char *tenant_id, const char *client_id,
		  const char *key, const char *value, const char *by, struct err *e)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc;

	if ((rc = store_begin(db, e)) < 0)
		return rc;
	rc = store_prepare(db, value ? "INSERT INTO setting (tenant_id, client_id, key, value, "
				       "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?) "
				       "ON CONFLICT (tenant_id, client_id, key) DO UPDATE SET "
				       "value = excluded.value, updated_at = excluded.updated_at, "
				       "updated_by = excluded.updated_by"
				     : "DELETE FROM setting WHERE tenant_id = ? AND client_id = ? "
				       "AND key = ?", &st, e);
	if (rc < 0) {
		store_rollback(db);
		return rc;
	}
	if ((rc = store_bind_text(st, 1, tenant_id, e)) == 0 &&
	    (rc = store_bind_text(st, 2, client_id ? client_id : "", e)) == 0 &&
	    (rc = store_bind_text(st, 3, key, e)) == 0 && value &&
	    (rc = store_bind_text(st, 4, value, e)) == 0 &&
	    (rc = store_bind_text(st, 5, time_now_rfc3339(now), e)) == 0)
		rc = store_bind_text(st, 6, by, e);
	if (rc == 0)
		rc = store_step(st, e);
	store_finalize(st);
	return store_event_commit(db, rc < 0 ? rc : 0, tenant_id, client_id, by,
				  value ? "setting.set" : "setting.unset",
				  json_pack("{s:s,s:s*}", "key", key, "value", value), e);
}

int
store_setting_each(struct store *db, const char *tenant_id, const char *client_id,
		   int (*fn)(const char *key, const char *value, const char *updated_at,
			     const char *updated_by, void *arg),
		   void *arg, struct err *e)
{
	struct store_stmt *st;
	int rc;

	rc = store_prepare(db, "SELECT key, value, updated_at, updated_by FROM setting "
			   "WHERE tenant_id = ? AND client_id = ? ORDER BY key", &st, e);
	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, tenant_id, e)) == 0)
		rc = store_bind_text(st, 2, client_id ? client_id : "", e);
	while (rc == 0 && (rc = store_step(st, e)) == STORE_ROW)
		rc = fn(store_col_text(st, 0), store_col_text(st, 1), store_col_text(st, 2),
			store_col_text(st, 3), arg);
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_doc_next_version(struct store *db, const struct store_client *c, int64_t *version,
		       struct err *e)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(db, "SELECT coalesce(max(version), 0) + 1 FROM document "
				"WHERE client_id = ?", &st, e)) < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, c->id, e)) == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		*version = store_col_int(st, 0);
		rc = 0;
	}
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

static int
insert_doc(struct store *db, const struct store_client *c, int64_t version,
	   const struct store_doc *d, const char *issued_at, const char *by, struct err *e)
{
	struct store_stmt *st;
	int rc;

	rc = store_prepare(db, "INSERT INTO document (tenant_id, client_id, version, doc_id, kind, "
			   "title, source_sha256, identity, issued_at, issued_by) SELECT tenant_id, "
			   "client_id, ?, ?, ?, ?, ?, ?, ?, ? FROM client WHERE client_id = ?",
			   &st, e);
	if (rc < 0)
		return rc;
	if ((rc = store_bind_int(st, 1, version, e)) == 0 &&
	    (rc = store_bind_text(st, 2, d->doc_id, e)) == 0 &&
	    (rc = store_bind_text(st, 3, d->kind, e)) == 0 &&
	    (rc = store_bind_text(st, 4, d->title, e)) == 0 &&
	    (rc = store_bind_text(st, 5, d->source_sha256, e)) == 0 &&
	    (rc = store_bind_text(st, 6, d->identity, e)) == 0 &&
	    (rc = store_bind_text(st, 7, issued_at, e)) == 0 &&
	    (rc = store_bind_text(st, 8, by, e)) == 0 &&
	    (rc = store_bind_text(st, 9, c->id, e)) == 0)
		rc = store_step(st, e);
	store_finalize(st);
	if (rc < 0)
		return rc;
	rc = store_prepare(db, "INSERT INTO document_file (tenant_id, client_id, version, doc_id, "
			   "format, sha256, bytes) SELECT tenant_id, client_id, ?, ?, ?, ?, ? "
			   "FROM client WHERE client_id = ?", &st, e);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < d->n_files && rc >= 0; i++) {
		const struct store_doc_file *f = &d->files[i];

		if ((rc = store_bind_int(st, 1, version, e)) == 0 &&
		    (rc = store_bind_text(st, 2, d->doc_id, e)) == 0 &&
		    (rc = store_bind_text(st, 3, f->format, e)) == 0 &&
		    (rc = store_bind_text(st, 4, f->sha256, e)) == 0 &&
		    (rc = store_bind_blob(st, 5, f->bytes, f->len, e)) == 0 &&
		    (rc = store_bind_text(st, 6, c->id, e)) == 0 &&
		    (rc = store_step(st, e)) >= 0)
			rc = store_reset(st, e);
	}
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

/* What the "document.issued" event records: everything stored of the
 * document, with each file by the hash of its bytes. */
static char *
issued_payload(const struct store_doc *d, int64_t version, const char *issued_at)
{
	char sha[HASH_SHA256_HEX_LEN];
	json_t *files = json_object();
	char *text;

	for (size_t i = 0; i < d->n_files; i++)
		json_object_set_new(files, d->files[i].format,
				    json_string(hash_sha256_hex(d->files[i].bytes, d->files[i].len,
								sha)));
	hash_sha256_hex(d->identity, strlen(d->identity), sha);
	json_t *p = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "version", (json_int_t)version,
			      "doc_id", d->doc_id, "kind", d->kind, "title", d->title,
			      "source_sha256", d->source_sha256, "identity_sha256", sha,
			      "issued_at", issued_at, "files", files);

	text = json_dumps(p, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(p);
	return text;
}

int
store_doc_issue(struct store *db, const struct store_client *c, int64_t version,
		const struct store_doc *docs, size_t n, const char *issued_by, struct err *e)
{
	char now[TIME_RFC3339_LEN];
	int rc;

	if ((rc = store_begin(db, e)) < 0)
		return rc;
	time_now_rfc3339(now);
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = insert_doc(db, c, version, &docs[i], now, issued_by, e);
		if (rc == 0) {
			char *payload = issued_payload(&docs[i], version, now);

			rc = store_event_add(db, c->tenant_id, c->id, issued_by, "document.issued",
					     payload, NULL, e);
			free(payload);
		}
	}
	if (rc == 0 && (rc = store_commit(db, e)) == 0)
		return 0;
	store_rollback(db);
	return rc;
}

static const char doc_columns[] =
	"SELECT d.version, d.doc_id, d.kind, d.title, d.source_sha256, d.identity, d.issued_at, "
	"d.issued_by, d.client_id, c.slug, c.name FROM document d JOIN client c ON "
	"c.client_id = d.client_id ";

static int
each_doc(struct store *db, const char *where, const char *key,
	 int (*fn)(const struct store_doc_row *row, void *arg), void *arg, struct err *e)
{
	struct store_stmt *st;
	struct str sql = STR_INIT;
	int rc;

	str_puts(&sql, doc_columns);
	str_puts(&sql, where);
	rc = store_prepare(db, sql.buf, &st, e);
	str_free(&sql);
	if (rc < 0)
		return rc;
	rc = store_bind_text(st, 1, key, e);
	while (rc == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		struct store_doc_row row = {store_col_int(st, 0), store_col_text(st, 1),
			store_col_text(st, 2), store_col_text(st, 3), store_col_text(st, 4),
			store_col_text(st, 5), store_col_text(st, 6), store_col_text(st, 7),
			store_col_text(st, 8), store_col_text(st, 9), store_col_text(st, 10)};

		rc = fn(&row, arg);
	}
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_doc_each(struct store *db, const struct store_client *c,
	       int (*fn)(const struct store_doc_row *row, void *arg), void *arg, struct err *e)
{
	return each_doc(db, "WHERE d.client_id = ? ORDER BY d.version, d.doc_id", c->id, fn, arg,
			e);
}

int
store_doc_newest_each(struct store *db, const char *tenant_id,
		      int (*fn)(const struct store_doc_row *row, void *arg), void *arg,
		      struct err *e)
{
	return each_doc(db, "WHERE d.tenant_id = ? AND c.archived_at IS NULL AND d.version = "
			"(SELECT max(x.version) FROM document x WHERE x.client_id = d.client_id) "
			"ORDER BY c.name, d.doc_id", tenant_id, fn, arg, e);
}

int
store_doc_file(struct store *db, const struct store_client *c, int64_t version,
	       const char *doc_id, const char *format, char **out, size_t *len, struct err *e)
{
	struct store_stmt *st;
	int rc;

	*out = NULL;
	*len = 0;
	rc = store_prepare(db, "SELECT bytes FROM document_file WHERE client_id = ? AND "
			   "version = ? AND doc_id = ? AND format = ?", &st, e);
	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, c->id, e)) == 0 &&
	    (rc = store_bind_int(st, 2, version, e)) == 0 &&
	    (rc = store_bind_text(st, 3, doc_id, e)) == 0 &&
	    (rc = store_bind_text(st, 4, format, e)) == 0)
		rc = store_step(st, e);
	if (rc == STORE_ROW) {
		const void *p = store_col_blob(st, 0, len);

		*out = xmalloc(*len + 1);
		memcpy(*out, p, *len);
		(*out)[*len] = '\0';
		rc = 0;
	} else if (rc == STORE_DONE) {
		rc = err_set(e, ERR_NOTFOUND, "no issued %s of %s version %lld", format, doc_id,
			     (long long)version);
	}
	store_finalize(st);
	return rc;
}

int
store_doc_last_issued(struct store *db, const char *tenant_id,
		      int (*fn)(const char *client_id, const char *issued_at, int64_t version,
				void *arg),
		      void *arg, struct err *e)
{
	struct store_stmt *st;
	int rc;

	rc = store_prepare(db, "SELECT client_id, max(issued_at), max(version) FROM document WHERE "
			   "tenant_id = ? GROUP BY client_id", &st, e);
	if (rc < 0)
		return rc;
	rc = store_bind_text(st, 1, tenant_id, e);
	while (rc == 0 && (rc = store_step(st, e)) == STORE_ROW)
		rc = fn(store_col_text(st, 0), store_col_text(st, 1), store_col_int(st, 2), arg);
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_setting_by_client(struct store *db, const char *tenant_id, const char *key,
			int (*fn)(const char *client_id, const char *value, void *arg), void *arg,
			struct err *e)
{
	struct store_stmt *st;
	int rc;

	rc = store_prepare(db, "SELECT client_id, value FROM setting WHERE tenant_id = ? AND key = ?",
			   &st, e);
	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, tenant_id, e)) == 0)
		rc = store_bind_text(st, 2, key, e);
	while (rc == 0 && (rc = store_step(st, e)) == STORE_ROW)
		rc = fn(store_col_text(st, 0), store_col_text(st, 1), arg);
	store_finalize(st);
	return rc < 0 ? rc : 0;
}
