/*
 * client.c - the MSP's clients and the versions of their intake profiles.
 *
 * Profiles are append-only: a new set of answers is a new version, written in
 * a transaction that also picks its number, so two technicians saving at once
 * get versions n and n+1, never two n.
 */
#include <ctype.h>
#include <stdlib.h>

#include "store/store_impl.h"

int
store_tenant_default(struct store *db, struct store_tenant *out, struct err *e)
{
	size_t n;
	int rc = store_tenant_list(db, out, 1, &n, e);

	if (rc < 0)
		return rc;
	if (n == 0)
		return err_set(e, ERR_NOTFOUND, "the database has no tenant yet; run 'prudent init'");
	return 0;
}

int
store_tenant_get(struct store *db, const char *id, struct store_tenant *out, struct err *e)
{
	struct store_stmt *st;
	int rc;

	if ((rc = store_prepare(db, "SELECT tenant_id, name, created_at FROM tenant WHERE "
				"tenant_id = ?", &st, e)) < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, id, e)) == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		store_col_copy(st, 0, out->id, sizeof(out->id));
		store_col_copy(st, 1, out->name, sizeof(out->name));
		store_col_copy(st, 2, out->created_at, sizeof(out->created_at));
		rc = 0;
	} else if (rc == STORE_DONE) {
		rc = err_set(e, ERR_NOTFOUND, "no tenant %s", id);
	}
	store_finalize(st);
	return rc;
}

/* A one-line name of 1-200 bytes without control characters. */
static int
check_name(const char *what, const char *s, struct err *e)
{
	size_t len = strlen(s);

	if (len == 0 || len > 200)
		return err_set(e, ERR_INPUT, "a %s must have 1 to 200 characters", what);
	if (!utf8_valid(s, len))
		return err_set(e, ERR_INPUT, "the %s is not valid UTF-8", what);
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return err_set(e, ERR_INPUT, "the %s contains a control character", what);
	return 0;
}

static bool
valid_slug(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len > 60 || s[0] == '-' || s[len - 1] == '-' || strstr(s, "--"))
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == len && !uuid_valid(s);
}

/* "Bright Smile Dental, LLC" -> "bright-smile-dental-llc" (ASCII letters and
 * digits kept, everything else a single hyphen). */
static void
slug_from_name(const char *name, char *out, size_t cap)
{
	size_t n = 0;

	for (; *name && n + 1 < cap && n < 50; name++) {
		unsigned char c = (unsigned char)*name;

		if (isalnum(c) && c < 0x80)
			out[n++] = (char)tolower(c);
		else if (n > 0 && out[n - 1] != '-')
			out[n++] = '-';
	}
	while (n > 0 && out[n - 1] == '-')
		n--;
	out[n] = '\0';
	if (n == 0)
		snprintf(out, cap, "client");
}

static int
slug_taken(struct store *db, const char *tenant_id, const char *slug, bool *taken, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(db, "SELECT count(*) FROM client WHERE tenant_id = ? AND slug = ?",
			       &st, e);

	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, tenant_id, e)) == 0 &&
	    (rc = store_bind_text(st, 2, slug, e)) == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		*taken = store_col_int(st, 0) > 0;
		rc = 0;
	}
	store_finalize(st);
	return rc;
}

int
store_client_add(struct store *db, const char *tenant_id, const char *name,
		 const char *legal_name, const char *slug, const char *by, struct store_client *out,
		 struct err *e)
{
	struct store_client c;
	struct store_stmt *st;
	char base[64];
	bool taken = true;
	int rc;

	if ((rc = check_name("client name", name, e)) < 0 ||
	    (legal_name && (rc = check_name("legal name", legal_name, e)) < 0))
		return rc;
	if (slug && !valid_slug(slug))
		return err_set(e, ERR_INPUT, "a slug is lower-case letters, digits and single hyphens "
			       "(up to 60), such as bright-smile-dental");
	memset(&c, 0, sizeof(c));
	uuid_v4(c.id);
	snprintf(c.name, sizeof(c.name), "%s", name);
	snprintf(c.legal_name, sizeof(c.legal_name), "%s", legal_name ? legal_name : "");
	time_now_rfc3339(c.created_at);
	if ((rc = store_begin(db, e)) < 0)
		return rc;
	if (slug) {
		snprintf(c.slug, sizeof(c.slug), "%s", slug);
		if ((rc = slug_taken(db, tenant_id, c.slug, &taken, e)) < 0)
			goto fail;
		if (taken) {
			rc = err_set(e, ERR_CONFLICT, "another client already has the slug '%s'", slug);
			goto fail;
		}
	} else {
		slug_from_name(name, base, sizeof(base));
		for (int i = 1; taken; i++) {
			if (i == 1)
				snprintf(c.slug, sizeof(c.slug), "%s", base);
			else
				snprintf(c.slug, sizeof(c.slug), "%.50s-%d", base, i);
			if ((rc = slug_taken(db, tenant_id, c.slug, &taken, e)) < 0)
				goto fail;
		}
	}
	rc = store_prepare(db, "INSERT INTO client (tenant_id, client_id, slug, name, legal_name, "
			   "created_at) VALUES (?, ?, ?, ?, ?, ?)", &st, e);
	if (rc < 0)
		goto fail;
	if ((rc = store_bind_text(st, 1, tenant_id, e)) == 0 &&
	    (rc = store_bind_text(st, 2, c.id, e)) == 0 &&
	    (rc = store_bind_text(st, 3, c.slug, e)) == 0 &&
	    (rc = store_bind_text(st, 4, c.name, e)) == 0 &&
	    (rc = store_bind_text(st, 5, legal_name, e)) == 0 &&
	    (rc = store_bind_text(st, 6, c.created_at, e)) == 0)
		rc = store_step(st, e);
	store_finalize(st);
	snprintf(c.tenant_id, sizeof(c.tenant_id), "%s", tenant_id);
	rc = store_event_commit(db, rc < 0 ? rc : 0, tenant_id, c.id, by, "client.added",
				json_pack("{s:s,s:s,s:s}", "slug", c.slug, "name", c.name,
					  "legal_name", c.legal_name), e);
	if (rc < 0)
		return rc;
	if (out)
		*out = c;
	return 0;
fail:
	store_rollback(db);
	return rc;
}

static const char client_columns[] =
	"SELECT client_id, slug, name, coalesce(legal_name, ''), created_at, "
	"coalesce(archived_at, ''), tenant_id FROM client ";

static void
read_client(struct store_stmt *st, struct store_client *c)
{
	store_col_copy(st, 0, c->id, sizeof(c->id));
	store_col_copy(st, 1, c->slug, sizeof(c->slug));
	store_col_copy(st, 2, c->name, sizeof(c->name));
	store_col_copy(st, 3, c->legal_name, sizeof(c->legal_name));
	store_col_copy(st, 4, c->created_at, sizeof(c->created_at));
	store_col_copy(st, 5, c->archived_at, sizeof(c->archived_at));
	store_col_copy(st, 6, c->tenant_id, sizeof(c->tenant_id));
}

int
store_client_get(struct store *db, const char *tenant_id, const char *slug_or_id,
		 struct store_client *out, struct err *e)
{
	struct store_stmt *st;
	struct str sql = STR_INIT;
	int rc;

	str_appendf(&sql, "%sWHERE tenant_id = ? AND (slug = ? OR client_id = ?)", client_columns);
	rc = store_prepare(db, sql.buf, &st, e);
	str_free(&sql);
	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, tenant_id, e)) == 0 &&
	    (rc = store_bind_text(st, 2, slug_or_id, e)) == 0 &&
	    (rc = store_bind_text(st, 3, slug_or_id, e)) == 0)
		rc = store_step(st, e);
	if (rc == STORE_ROW) {
		read_client(st, out);
		rc = 0;
	} else if (rc == STORE_DONE) {
		rc = err_set(e, ERR_NOTFOUND, "no client '%.64s'; 'prudent client list' shows them",
			     slug_or_id);
	}
	store_finalize(st);
	return rc;
}

int
store_client_each(struct store *db, const char *tenant_id, bool all,
		  int (*fn)(const struct store_client *, void *), void *arg, struct err *e)
{
	struct store_stmt *st;
	struct store_client c;
	struct str sql = STR_INIT;
	int rc;

	str_appendf(&sql, "%sWHERE tenant_id = ? %s ORDER BY name, slug", client_columns,
		    all ? "" : "AND archived_at IS NULL");
	rc = store_prepare(db, sql.buf, &st, e);
	str_free(&sql);
	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, tenant_id, e)) < 0)
		goto done;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		read_client(st, &c);
		if ((rc = fn(&c, arg)) < 0)
			break;
	}
done:
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

/* Run an UPDATE whose parameters are the n texts of params, in order. */
static int
update_client(struct store *db, const char *sql, const char *const *params, int n, struct err *e)
{
	struct store_stmt *st;
	int rc = store_prepare(db, sql, &st, e);

	if (rc < 0)
		return rc;
	for (int i = 0; i < n && rc == 0; i++)
		rc = store_bind_text(st, i + 1, params[i], e);
	if (rc == 0)
		rc = store_step(st, e);
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_client_rename(struct store *db, struct store_client *c, const char *name, const char *slug,
		    const char *by, struct err *e)
{
	int rc;

	if ((rc = check_name("client name", name, e)) < 0)
		return rc;
	if (slug && !valid_slug(slug))
		return err_set(e, ERR_INPUT, "a slug is lower-case letters, digits and single hyphens "
			       "(up to 60), such as bright-smile-dental");
	if ((rc = store_begin(db, e)) < 0)
		return rc;
	rc = update_client(db, "UPDATE client SET name = ?, slug = ? WHERE client_id = ?",
			   (const char *const[]){name, slug ? slug : c->slug, c->id}, 3, e);
	if (rc == ERR_CONFLICT)
		rc = err_set(e, ERR_CONFLICT, "another client already has the slug '%s'", slug);
	rc = store_event_commit(db, rc, c->tenant_id, c->id, by, "client.renamed",
				json_pack("{s:s,s:s}", "slug", slug ? slug : c->slug, "name", name), e);
	if (rc < 0)
		return rc;
	snprintf(c->name, sizeof(c->name), "%s", name);
	if (slug)
		snprintf(c->slug, sizeof(c->slug), "%s", slug);
	return 0;
}

int
store_client_archive(struct store *db, struct store_client *c, const char *by, struct err *e)
{
	char now[TIME_RFC3339_LEN];
	int rc;

	if (c->archived_at[0])
		return err_set(e, ERR_CONFLICT, "%s is archived already", c->slug);
	time_now_rfc3339(now);
	if ((rc = store_begin(db, e)) < 0)
		return rc;
	rc = update_client(db, "UPDATE client SET archived_at = ? WHERE client_id = ?",
			   (const char *const[]){now, c->id}, 2, e);
	rc = store_event_commit(db, rc, c->tenant_id, c->id, by, "client.archived", json_object(),
				e);
	if (rc == 0)
		snprintf(c->archived_at, sizeof(c->archived_at), "%s", now);
	return rc;
}

/* ------------------------------------------------------------ profiles */

void
store_profile_clear(struct store_profile *p)
{
	free(p->answers);
	free(p->changes);
	memset(p, 0, sizeof(*p));
}

int
store_profile_add(struct store *db, const struct store_client *c, const char *created_by,
		  const char *answers, const char *profile_hash, const char *library_version,
		  const char *changes, int *version, struct err *e)
{
	struct store_stmt *st;
	char now[TIME_RFC3339_LEN];
	int rc, next = 1;

	if ((rc = check_name("name of who recorded the answers", created_by, e)) < 0)
		return rc;
	if ((rc = store_begin(db, e)) < 0)
		return rc;
	rc = store_prepare(db, "SELECT coalesce(max(version), 0) + 1 FROM profile_version "
			   "WHERE client_id = ?", &st, e);
	if (rc < 0)
		goto fail;
	if ((rc = store_bind_text(st, 1, c->id, e)) == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		next = (int)store_col_int(st, 0);
		rc = 0;
	}
	store_finalize(st);
	if (rc < 0)
		goto fail;
	rc = store_prepare(db, "INSERT INTO profile_version (tenant_id, client_id, version, "
			   "created_at, created_by, answers, profile_hash, library_version, changes) "
			   "SELECT tenant_id, client_id, ?, ?, ?, ?, ?, ?, ? FROM client "
			   "WHERE client_id = ?", &st, e);
	if (rc < 0)
		goto fail;
	if ((rc = store_bind_int(st, 1, next, e)) == 0 &&
	    (rc = store_bind_text(st, 2, time_now_rfc3339(now), e)) == 0 &&
	    (rc = store_bind_text(st, 3, created_by, e)) == 0 &&
	    (rc = store_bind_text(st, 4, answers, e)) == 0 &&
	    (rc = store_bind_text(st, 5, profile_hash, e)) == 0 &&
	    (rc = store_bind_text(st, 6, library_version, e)) == 0 &&
	    (rc = store_bind_text(st, 7, changes, e)) == 0 &&
	    (rc = store_bind_text(st, 8, c->id, e)) == 0)
		rc = store_step(st, e);
	store_finalize(st);
	char sha[HASH_SHA256_HEX_LEN];
	json_t *changed = json_loads(changes, 0, NULL);

	hash_sha256_hex(answers, strlen(answers), sha);
	rc = store_event_commit(db, rc < 0 ? rc : 0, c->tenant_id, c->id, created_by,
				"profile.saved", json_pack("{s:i,s:s,s:s,s:s,s:o}", "version", next,
				"profile_hash", profile_hash, "answers_sha256", sha,
				"library_version", library_version,
				"changes", changed ? changed : json_array()), e);
	if (rc < 0)
		return rc;
	if (version)
		*version = next;
	return 0;
fail:
	store_rollback(db);
	return rc;
}

static void
read_profile(struct store_stmt *st, struct store_profile *p)
{
	p->version = (int)store_col_int(st, 0);
	store_col_copy(st, 1, p->created_at, sizeof(p->created_at));
	store_col_copy(st, 2, p->created_by, sizeof(p->created_by));
	p->answers = xstrdup(store_col_text(st, 3));
	store_col_copy(st, 4, p->profile_hash, sizeof(p->profile_hash));
	store_col_copy(st, 5, p->library_version, sizeof(p->library_version));
	p->changes = xstrdup(store_col_text(st, 6));
}

static const char profile_columns[] =
	"SELECT version, created_at, created_by, answers, profile_hash, library_version, changes "
	"FROM profile_version WHERE client_id = ? ";

int
store_profile_current(struct store *db, const struct store_client *c, struct store_profile *out,
		      struct err *e)
{
	struct store_stmt *st;
	struct str sql = STR_INIT;
	int rc;

	memset(out, 0, sizeof(*out));
	str_appendf(&sql, "%sORDER BY version DESC LIMIT 1", profile_columns);
	rc = store_prepare(db, sql.buf, &st, e);
	str_free(&sql);
	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, c->id, e)) == 0)
		rc = store_step(st, e);
	if (rc == STORE_ROW) {
		read_profile(st, out);
		rc = 0;
	} else if (rc == STORE_DONE) {
		rc = err_set(e, ERR_NOTFOUND, "%s has no intake answers yet; run 'prudent intake %s'",
			     c->slug, c->slug);
	}
	store_finalize(st);
	return rc;
}

int
store_profile_each(struct store *db, const struct store_client *c,
		   int (*fn)(const struct store_profile *, void *), void *arg, struct err *e)
{
	struct store_stmt *st;
	struct store_profile p;
	struct str sql = STR_INIT;
	int rc;

	str_appendf(&sql, "%sORDER BY version", profile_columns);
	rc = store_prepare(db, sql.buf, &st, e);
	str_free(&sql);
	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, c->id, e)) < 0)
		goto done;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		read_profile(st, &p);
		rc = fn(&p, arg);
		store_profile_clear(&p);
		if (rc < 0)
			break;
	}
done:
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_client_stamp(struct store *db, const struct store_client *c, char out[STORE_STAMP_LEN],
		   struct err *e)
{
	struct store_stmt *st;
	int rc;

	rc = store_prepare(db, "SELECT (SELECT coalesce(max(version), 0) FROM profile_version "
			   "WHERE client_id = ?1) || '.' || (SELECT coalesce(max(seq), 0) FROM "
			   "client_change WHERE client_id = ?1) || '.' || (SELECT coalesce(max(p.version), 0) "
			   "FROM policy_version p JOIN client c ON c.tenant_id = p.tenant_id WHERE "
			   "c.client_id = ?1) || '.' || (SELECT count(*) || ':' || coalesce(max(s.created_at), "
			   "'') FROM service_version s JOIN client c ON c.tenant_id = s.tenant_id WHERE "
			   "c.client_id = ?1)", &st, e);
	if (rc < 0)
		return rc;
	if ((rc = store_bind_text(st, 1, c->id, e)) == 0 && (rc = store_step(st, e)) == STORE_ROW) {
		store_col_copy(st, 0, out, STORE_STAMP_LEN);
		rc = 0;
	}
	store_finalize(st);
	return rc < 0 ? rc : 0;
}

int
store_profile_versions(struct store *db, const char *tenant_id,
		       int (*fn)(const char *client_id, int64_t version, void *arg), void *arg,
		       struct err *e)
{
	struct store_stmt *st;
	int rc;

	rc = store_prepare(db, "SELECT client_id, max(version) FROM profile_version WHERE "
			   "tenant_id = ? GROUP BY client_id", &st, e);
	if (rc < 0)
		return rc;
	rc = store_bind_text(st, 1, tenant_id, e);
	while (rc == 0 && (rc = store_step(st, e)) == STORE_ROW)
		rc = fn(store_col_text(st, 0), store_col_int(st, 1), arg);
	store_finalize(st);
	return rc < 0 ? rc : 0;
}
