/*
 * tenant.c - tenants: the MSPs that share one Prudent database.
 *
 * Every other table is scoped by tenant_id; a tenant is created by
 * 'prudent init' (the first) and later by the hosting operator.
 */
#include "store/store_impl.h"

/* A name is shown in documents and page titles: printable, one line, bounded. */
static int
check_name(const char *name, struct err *e)
{
	size_t len = strlen(name), i;

	if (len == 0 || len > 200)
		return err_set(e, ERR_INPUT, "a tenant name must have 1 to 200 characters");
	if (!utf8_valid(name, len))
		return err_set(e, ERR_INPUT, "the tenant name is not valid UTF-8");
	for (i = 0; i < len; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return err_set(e, ERR_INPUT, "the tenant name contains a control character");
	return 0;
}

int
store_tenant_create(struct store *db, const char *name, struct store_tenant *out, struct err *e)
{
	struct store_tenant t;
	struct store_stmt *st;
	int rc;

	if ((rc = check_name(name, e)) < 0)
		return rc;
	memset(&t, 0, sizeof(t));
	uuid_v4(t.id);
	snprintf(t.name, sizeof(t.name), "%s", name);
	time_now_rfc3339(t.created_at);
	if ((rc = store_begin(db, e)) < 0)
		return rc;
	rc = store_prepare(db, "INSERT INTO tenant (tenant_id, name, created_at) VALUES (?, ?, ?)",
			   &st, e);
	if (rc < 0) {
		store_rollback(db);
		return rc;
	}
	if ((rc = store_bind_text(st, 1, t.id, e)) == 0 &&
	    (rc = store_bind_text(st, 2, t.name, e)) == 0 &&
	    (rc = store_bind_text(st, 3, t.created_at, e)) == 0)
		rc = store_step(st, e);
	store_finalize(st);
	rc = store_event_commit(db, rc < 0 ? rc : 0, t.id, NULL, "prudent", "tenant.created",
				json_pack("{s:s}", "name", t.name), e);
	if (rc < 0)
		return rc;
	if (out)
		*out = t;
	return 0;
}

int
store_tenant_list(struct store *db, struct store_tenant *out, size_t cap, size_t *n,
		  struct err *e)
{
	struct store_stmt *st;
	int rc;

	*n = 0;
	rc = store_prepare(db,
			   "SELECT tenant_id, name, created_at FROM tenant "
			   "ORDER BY created_at, name, tenant_id", &st, e);
	if (rc < 0)
		return rc;
	while ((rc = store_step(st, e)) == STORE_ROW) {
		if (*n < cap) {
			struct store_tenant *t = &out[*n];

			snprintf(t->id, sizeof(t->id), "%s", store_col_text(st, 0));
			snprintf(t->name, sizeof(t->name), "%s", store_col_text(st, 1));
			snprintf(t->created_at, sizeof(t->created_at), "%s", store_col_text(st, 2));
		}
		(*n)++;
	}
	store_finalize(st);
	return rc < 0 ? rc : 0;
}
