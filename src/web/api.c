/*
 * api.c - the JSON API under /api/v1/: clients, their obligations, matrices
 * and documents, and the content library.  Every route works for the
 * signed-in account's tenant only; a client of another tenant is "not found".
 */
#include <stdlib.h>
#include <strings.h>

#include "web/web_impl.h"

enum { DEFAULT_LIMIT = 100, MAX_LIMIT = 500 };

static json_t *
client_json(const struct store_client *c)
{
	return json_pack("{s:s, s:s, s:s, s:s?, s:s, s:s?}", "id", c->id, "slug", c->slug, "name",
			 c->name, "legal_name", c->legal_name[0] ? c->legal_name : NULL,
			 "created_at", c->created_at, "archived_at",
			 c->archived_at[0] ? c->archived_at : NULL);
}

/* ?limit and ?offset; 1 after an error response. */
static int
paging(struct web_request *req, struct web_response *res, int64_t *limit, int64_t *offset)
{
	const char *l = http_field_get(&req->query, "limit"), *o = http_field_get(&req->query, "offset");
	struct err e = {0};

	*limit = DEFAULT_LIMIT;
	*offset = 0;
	if ((l && http_int("limit", l, 1, MAX_LIMIT, limit, &e) < 0) ||
	    (o && http_int("offset", o, 0, INT32_MAX, offset, &e) < 0))
		return web_error(req, res, 400, "bad_query", "%s", e.msg), 1;
	return 0;
}

struct list_ctx {
	const char *q;
	int64_t limit, offset, total;
	json_t *items;
};

static bool
contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return true;
	return n == 0;
}

static int
list_one(const struct store_client *c, void *arg)
{
	struct list_ctx *x = arg;

	if (x->q && !contains_ci(c->name, x->q) && !contains_ci(c->slug, x->q))
		return 0;
	if (x->total >= x->offset && x->total < x->offset + x->limit)
		json_array_append_new(x->items, client_json(c));
	x->total++;
	return 0;
}

int
api_clients(struct web_request *req, struct web_response *res)
{
	struct list_ctx x = {http_field_get(&req->query, "q"), 0, 0, 0, NULL};
	struct err e = {0};

	if (paging(req, res, &x.limit, &x.offset))
		return 0;
	x.items = json_array();
	if (store_client_each(req->db, req->account.tenant_id, false, list_one, &x, &e) < 0) {
		json_decref(x.items);
		return -1;
	}
	return web_json(res, 200, json_pack("{s:o, s:I, s:I, s:I}", "items", x.items, "total",
					    (json_int_t)x.total, "limit", (json_int_t)x.limit,
					    "offset", (json_int_t)x.offset));
}

int
api_client_add(struct web_request *req, struct web_response *res)
{
	json_error_t je;
	json_t *body = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &je);
	const char *name = json_string_value(json_object_get(body, "name"));
	const char *slug = json_string_value(json_object_get(body, "slug"));
	const char *legal = json_string_value(json_object_get(body, "legal_name"));
	struct store_client c;
	struct err e = {0};
	int rc;

	if (!body || !json_is_object(body)) {
		json_decref(body);
		return web_error(req, res, 400, "bad_json", "The body must be a JSON object: %s",
				 body ? "not an object" : je.text);
	}
	if (!name) {
		json_decref(body);
		return web_error(req, res, 400, "bad_field", "\"name\" (a string) is required.");
	}
	rc = store_client_add(req->db, req->account.tenant_id, name, legal, slug,
			      req->account.email, &c, &e);
	json_decref(body);
	if (rc == ERR_INPUT)
		return web_error(req, res, 400, "bad_field", "%s", e.msg);
	if (rc == ERR_CONFLICT)
		return web_error(req, res, 409, "conflict", "%s", e.msg);
	if (rc < 0)
		return rc;
	web_header(res, "Location", arena_printf(req->arena, "/api/v1/clients/%s", c.slug));
	return web_json(res, 201, client_json(&c));
}

int
web_route_client(struct web_request *req, struct web_response *res, struct store_client *c)
{
	struct err e = {0};
	int rc = store_client_get(req->db, req->account.tenant_id, req->params[0], c, &e);

	if (rc == ERR_NOTFOUND)
		return web_error(req, res, 404, "not_found", "There is no client '%.64s'.",
				 req->params[0]), 1;
	return rc;
}

int
web_client_view(struct web_request *req, struct web_response *res, const char *slug,
		struct app_client_view *view)
{
	struct err e = {0};
	int rc = app_client_view(req->db, req->cfg->lib, req->account.tenant_id, slug, req->arena,
				 view, &e);

	if (rc == 0)
		return 0;
	if (rc == ERR_NOTFOUND)
		web_error(req, res, 404, "not_found", "There is no client '%.64s', or it has no "
			  "intake answers yet.", slug);
	else if (rc == ERR_INPUT)
		web_error(req, res, 409, "needs_intake", "%s", e.msg);
	else
		return rc;
	return 1;
}

int
api_client(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	int rc = web_route_client(req, res, &c);

	if (rc != 0)
		return rc < 0 ? rc : 0;
	return web_json(res, 200, client_json(&c));
}

/* The cached answer for a client (by slug) if its data has not changed since;
 * else 0 with the client and its stamp for computing it.  1 when answered
 * (from the cache, or with an error). */
static int
cached(struct web_request *req, struct web_response *res, const char *what,
       struct store_client *c, char stamp[STORE_STAMP_LEN], const char **key)
{
	struct err e = {0};
	int rc = web_route_client(req, res, c);

	if (rc != 0 || (rc = store_client_stamp(req->db, c, stamp, &e)) < 0)
		return rc;
	*key = arena_printf(req->arena, "%s:%s", what, c->id);
	if (!web_cache_get(WEB_CACHE_BIG, *key, stamp, &res->body))
		return 0;
	res->content_type = "application/json";
	return 1;
}

int
api_obligations(struct web_request *req, struct web_response *res)
{
	struct app_client_view v;
	struct store_client c;
	char stamp[STORE_STAMP_LEN];
	const char *key;
	int rc = cached(req, res, "obligations", &c, stamp, &key);

	if (rc != 0 || (rc = web_client_view(req, res, c.id, &v)) != 0)
		return rc < 0 ? rc : 0;
	web_json(res, 200, eng_result_json(&v.obligations));
	web_cache_put(WEB_CACHE_BIG, key, stamp, res->body.buf, res->body.len);
	app_client_view_free(&v);
	return 0;
}

static const char *
now_or_pinned(char buf[TIME_RFC3339_LEN])
{
	const char *pinned = getenv("PRUDENT_NOW");

	return pinned && *pinned ? pinned : time_now_rfc3339(buf);
}

int
api_matrix(struct web_request *req, struct web_response *res)
{
	struct app_client_view v;
	struct store_client c;
	char now[TIME_RFC3339_LEN], stamp[STORE_STAMP_LEN];
	const char *key;
	struct doc_matrix d;
	int rc = cached(req, res, "matrix", &c, stamp, &key);

	if (rc != 0 || (rc = web_client_view(req, res, c.id, &v)) != 0)
		return rc < 0 ? rc : 0;
	/* generated_at is when the matrix was computed, kept with it. */
	d = (struct doc_matrix){v.client.slug, v.client.name, req->cfg->lib->version,
		v.obligations.profile_hash, now_or_pinned(now), &v.obligations, &v.matrix, NULL,
		req->arena};
	web_json(res, 200, doc_matrix_json(&d));
	web_cache_put(WEB_CACHE_BIG, key, stamp, res->body.buf, res->body.len);
	app_client_view_free(&v);
	return 0;
}

static int
issued_one(const struct store_doc_row *row, void *arg)
{
	json_t *id = json_loads(row->identity, 0, NULL);

	if (!id)
		return ERR_DB;
	json_object_set_new(id, "issued_at", json_string(row->issued_at));
	json_object_set_new(id, "issued_by", json_string(row->issued_by));
	json_array_append_new(arg, id);
	return 0;
}

int
api_documents(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	struct err e = {0};
	json_t *list;
	int rc = web_route_client(req, res, &c);

	if (rc != 0)
		return rc < 0 ? rc : 0;
	list = json_array();
	if ((rc = store_doc_each(req->db, &c, issued_one, list, &e)) < 0) {
		json_decref(list);
		return rc;
	}
	return web_json(res, 200, json_pack("{s:o}", "issued", list));
}

static const char *const content_types[] = {"text/markdown; charset=utf-8",
	"text/html; charset=utf-8", "application/pdf",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document"};

/* A draft document of the client, rendered now: GET .../documents/KIND?format=F.
 * Shared by the API and the pages' download links. */
int
api_document(struct web_request *req, struct web_response *res)
{
	const char *format = http_field_get(&req->query, "format");
	int kind = lib_doc_parse(req->params[1]), fmt = doc_render_format_parse(format ? format : "pdf");
	struct app_client_view v;
	struct store_tenant t;
	struct doc_context ctx;
	struct doc_document doc;
	char now[TIME_RFC3339_LEN];
	struct err e = {0};
	int rc;

	if (kind < 0)
		return web_error(req, res, 404, "not_found", "There is no kind of document '%.32s'.",
				 req->params[1]);
	if (fmt < 0)
		return web_error(req, res, 400, "bad_query", "format is md, html, pdf or docx.");
	if ((rc = web_client_view(req, res, req->params[0], &v)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = store_tenant_get(req->db, req->account.tenant_id, &t, &e)) == 0)
		rc = app_doc_context(req->db, req->cfg->lib, &t, &v, now_or_pinned(now), req->arena,
				     &ctx, &e);
	if (rc == 0 && !doc_applies(&ctx, (enum lib_doc)kind))
		rc = web_error(req, res, 404, "not_applicable", "%s's obligations do not call for "
			       "the %s.", v.client.slug, doc_kind_title((enum lib_doc)kind)) + 1;
	else if (rc == 0 && (rc = doc_build(&ctx, (enum lib_doc)kind, req->arena, &doc, &e)) == 0 &&
		 (rc = doc_render(&doc, (enum doc_render_format)fmt, &res->body, &e)) == 0) {
		res->content_type = content_types[fmt];
		web_header(res, "Content-Disposition", arena_printf(req->arena,
			   "attachment; filename=\"%s.%s\"", doc.doc_id, format ? format : "pdf"));
	}
	app_client_view_free(&v);
	return rc > 0 ? 0 : rc;
}

int
api_issue(struct web_request *req, struct web_response *res)
{
	struct app_client_view v;
	struct store_tenant t;
	struct doc_context ctx;
	char now[TIME_RFC3339_LEN];
	struct err e = {0};
	json_t *ids = NULL;
	int64_t version;
	int rc;

	if ((rc = web_client_view(req, res, req->params[0], &v)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = store_tenant_get(req->db, req->account.tenant_id, &t, &e)) == 0 &&
	    (rc = app_doc_context(req->db, req->cfg->lib, &t, &v, now_or_pinned(now), req->arena,
				  &ctx, &e)) == 0 &&
	    (rc = app_issue(req->db, &v, &ctx, req->account.email, req->arena, &version, &ids,
			    &e)) == 0)
		web_json(res, 201, json_pack("{s:I, s:o}", "version", (json_int_t)version,
					     "documents", ids));
	else if (rc == ERR_CONFLICT)
		rc = web_error(req, res, 409, "conflict", "Another issue of this client's documents "
			       "finished first; try again.");
	app_client_view_free(&v);
	return rc;
}

/* ------------------------------------------------ the library */

int
api_frameworks(struct web_request *req, struct web_response *res)
{
	const struct library *lib = req->cfg->lib;
	json_t *a = json_array();

	for (size_t i = 0; i < lib->n_frameworks; i++) {
		const struct lib_framework *f = &lib->frameworks[i];

		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:I}", "id", f->id, "name",
			f->name, "version", f->version, "kind", lib_kind_name(f->kind), "controls",
			(json_int_t)f->n_controls));
	}
	return web_json(res, 200, json_pack("{s:s, s:o}", "library", lib->version, "frameworks", a));
}

int
api_framework(struct web_request *req, struct web_response *res)
{
	const struct lib_framework *f = lib_framework_get(req->cfg->lib, req->params[0]);
	json_t *a;

	if (!f)
		return web_error(req, res, 404, "not_found", "There is no framework '%.64s'.",
				 req->params[0]);
	a = json_array();
	for (size_t i = 0; i < f->n_controls; i++) {
		const struct lib_control *c = &f->controls[i];

		json_array_append_new(a, json_pack("{s:s, s:s, s:s?, s:s?, s:s?}", "id", c->id,
			"level", f->levels[c->level], "parent", c->parent ? c->parent->id : NULL,
			"title", c->title, "description", c->description));
	}
	return web_json(res, 200, json_pack("{s:s, s:s, s:s, s:o}", "id", f->id, "name", f->name,
					    "version", f->version, "controls", a));
}

int
api_safeguards(struct web_request *req, struct web_response *res)
{
	const struct library *lib = req->cfg->lib;
	json_t *a = json_array();

	for (size_t i = 0; i < lib->n_safeguards; i++) {
		const struct lib_safeguard *s = &lib->safeguards[i];

		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?}", "id", s->id,
			"name", s->name, "plain", s->plain, "risk", s->risk, "default_owner",
			lib_owner_name(s->default_owner), "service",
			s->service ? s->service->id : NULL));
	}
	return web_json(res, 200, json_pack("{s:o}", "safeguards", a));
}

int
api_crosswalk(struct web_request *req, struct web_response *res)
{
	const struct library *lib = req->cfg->lib;
	const char *from_id = http_field_get(&req->query, "from"),
		   *to_id = http_field_get(&req->query, "to");
	const struct lib_framework *from = from_id ? lib_framework_get(lib, from_id) : NULL,
				   *to = to_id ? lib_framework_get(lib, to_id) : NULL;
	const struct lib_pair *pairs;
	json_t *a;
	size_t n;

	if (!from || !to)
		return web_error(req, res, 400, "bad_query", "from and to must name frameworks of the "
				 "library (GET /api/v1/library/frameworks lists them).");
	n = lib_crosswalk(lib, from, to, req->arena, &pairs);
	a = json_array();
	for (size_t i = 0; i < n; i++) {
		json_t *via = json_array();

		for (size_t k = 0; k < pairs[i].n_via; k++)
			json_array_append_new(via, json_string(pairs[i].via[k]->id));
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:o}", "from", pairs[i].from->id,
			"to", pairs[i].to->id, "relationship", lib_rel_name(pairs[i].relationship),
			"via", via));
	}
	return web_json(res, 200, json_pack("{s:s, s:s, s:o}", "from", from->id, "to", to->id,
					    "pairs", a));
}

/* ------------------------------------------------ changes to the matrix */

static int
change_one(const struct store_change *ch, void *arg)
{
	json_t *data = json_loads(ch->data, 0, NULL);

	json_array_append_new(arg, json_pack("{s:i, s:s, s:s, s:o, s:s, s:s}", "seq", ch->seq,
		"kind", ch->kind, "subject", ch->subject, "data", data ? data : json_object(),
		"created_at", ch->created_at, "created_by", ch->created_by));
	return 0;
}

int
api_changes(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	struct err e = {0};
	json_t *list;
	int rc = web_route_client(req, res, &c);

	if (rc != 0)
		return rc < 0 ? rc : 0;
	list = json_array();
	if ((rc = store_change_each(req->db, &c, change_one, list, &e)) < 0) {
		json_decref(list);
		return rc;
	}
	return web_json(res, 200, json_pack("{s:o}", "changes", list));
}

static const char *
field(json_t *body, const char *name)
{
	return json_string_value(json_object_get(body, name));
}

int
api_change_add(struct web_request *req, struct web_response *res)
{
	json_error_t je;
	json_t *body = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &je);
	const char *kind = field(body, "kind"), *sg = field(body, "safeguard");
	const struct eng_row *row;
	struct app_client_view v;
	struct err e = {0};
	bool changed = true;
	int rc;

	if (!json_is_object(body)) {
		json_decref(body);
		return web_error(req, res, 400, "bad_json", "The body must be a JSON object%s%s",
				 body ? "" : ": ", body ? "" : je.text);
	}
	if (!kind) {
		json_decref(body);
		return web_error(req, res, 400, "bad_field", "\"kind\" is subscribe, unsubscribe, "
				 "assign, decide or tailor.");
	}
	if ((rc = web_client_view(req, res, req->params[0], &v)) != 0) {
		json_decref(body);
		return rc < 0 ? rc : 0;
	}
	if (!strcmp(kind, "subscribe") || !strcmp(kind, "unsubscribe")) {
		rc = field(body, "service")
			? app_subscribe(req->db, &v, field(body, "service"), !strcmp(kind, "subscribe"),
					req->account.email, &changed, &e)
			: err_set(&e, ERR_INPUT, "\"service\" names the service");
	} else if (!sg) {
		rc = err_set(&e, ERR_INPUT, "\"safeguard\" names the safeguard");
	} else if (!strcmp(kind, "assign")) {
		struct app_assign a = {sg, field(body, "owner"), field(body, "party"),
			field(body, "msp_part"), field(body, "customer_part"), field(body, "note")};

		rc = app_assign(req->db, req->cfg->lib, &v, &a, req->account.email, &e);
	} else if (!strcmp(kind, "decide")) {
		struct app_decision d = {sg, field(body, "decision"), field(body, "by"),
			field(body, "reason"), field(body, "until"),
			(int)json_integer_value(json_object_get(body, "impact")),
			(int)json_integer_value(json_object_get(body, "likelihood")),
			field(body, "risk"), field(body, "insurance")};

		rc = app_decide(req->db, req->cfg->lib, &v, &d, req->account.email, &row, &e);
	} else if (!strcmp(kind, "tailor")) {
		rc = app_tailor(req->db, req->cfg->lib, &v, sg,
				json_is_true(json_object_get(body, "not_applicable")),
				field(body, "reason"), field(body, "condition"), req->account.email, &e);
	} else {
		rc = err_set(&e, ERR_INPUT, "\"kind\" is subscribe, unsubscribe, assign, decide or "
			     "tailor, not '%.32s'", kind);
	}
	if (rc == 0)
		web_json(res, changed ? 201 : 200, json_pack("{s:s, s:b}", "kind", kind, "changed",
							      changed));
	else if (rc == ERR_INPUT || rc == ERR_NOTFOUND)
		rc = web_error(req, res, rc == ERR_INPUT ? 400 : 404, rc == ERR_INPUT ? "bad_field"
			       : "not_found", "%s", e.msg);
	app_client_view_free(&v);
	json_decref(body);
	return rc;
}

/* ------------------------------------------------ profile versions */

static int
profile_one(const struct store_profile *p, void *arg)
{
	json_t *answers = json_loads(p->answers, 0, NULL), *changes = json_loads(p->changes, 0, NULL);

	json_array_append_new(arg, json_pack("{s:i, s:s, s:s, s:s, s:s, s:o, s:o}", "version",
		p->version, "created_at", p->created_at, "created_by", p->created_by,
		"profile_hash", p->profile_hash, "library_version", p->library_version, "changes",
		changes ? changes : json_array(), "answers", answers ? answers : json_object()));
	return 0;
}

int
api_profiles(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	struct err e = {0};
	json_t *list;
	int rc = web_route_client(req, res, &c);

	if (rc != 0)
		return rc < 0 ? rc : 0;
	list = json_array();
	if ((rc = store_profile_each(req->db, &c, profile_one, list, &e)) < 0) {
		json_decref(list);
		return rc;
	}
	return web_json(res, 200, json_pack("{s:o}", "versions", list));
}

/* ------------------------------------------------ services and the floor */

int
api_services(struct web_request *req, struct web_response *res)
{
	const struct lib_service **cat;
	size_t n;
	struct err e = {0};
	json_t *list;

	if (app_catalogue(req->db, req->cfg->lib, req->account.tenant_id, req->arena, &cat, &n,
			  &e) < 0)
		return web_error(req, res, 409, "bad_catalogue", "%s", e.msg);
	list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, app_service_json(cat[i], NULL));
	return web_json(res, 200, json_pack("{s:o}", "services", list));
}

int
api_service_save(struct web_request *req, struct web_response *res)
{
	json_error_t je;
	json_t *def = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &je);
	struct eng_problems problems = {0};
	struct err e = {0};
	const char *id = req->params[0];
	size_t covers;
	int rc, version;

	if (!json_is_object(def)) {
		json_decref(def);
		return web_error(req, res, 400, "bad_json", "The body must be a service definition "
				 "(a JSON object).");
	}
	if (strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(id) || strlen(id) > 64) {
		json_decref(def);
		return web_error(req, res, 400, "bad_field", "A service id is lower-case letters, "
				 "digits and hyphens.");
	}
	rc = app_service_save(req->db, req->cfg->lib, req->account.tenant_id, id, def,
			      req->account.email, req->arena, &problems, &version, &covers, &e);
	json_decref(def);
	if (rc == ERR_INPUT)
		return web_error(req, res, 400, "bad_field", "%s: %s", e.msg,
				 problems.n_lines ? problems.lines[0] : "");
	if (rc < 0)
		return rc;
	return web_json(res, 201, json_pack("{s:s, s:i, s:I}", "id", id, "version", version,
					    "safeguards", (json_int_t)covers));
}

int
api_policy(struct web_request *req, struct web_response *res)
{
	struct store_record rec = {0};
	struct err e = {0};
	json_t *floor;
	int rc = store_policy_current(req->db, req->account.tenant_id, &rec, &e);

	if (rc == ERR_NOTFOUND)
		return web_json(res, 200, json_pack("{s:n, s:s}", "version", "source", "library"));
	if (rc < 0)
		return rc;
	floor = json_loads(rec.data, 0, NULL);
	web_json(res, 200, json_pack("{s:i, s:s, s:o}", "version", rec.version, "source", "msp",
				     "floor", floor ? floor : json_array()));
	store_record_clear(&rec);
	return 0;
}

int
api_policy_set(struct web_request *req, struct web_response *res)
{
	json_error_t je;
	json_t *body = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &je), *x, *floor;
	const char *specs[32];
	struct err e = {0};
	size_t n = 0, n_fw, i;
	char *text;
	int rc, version;

	json_array_foreach(json_object_get(body, "floor"), i, x)
		if (json_is_string(x) && n < ARRAY_LEN(specs))
			specs[n++] = arena_strdup(req->arena, json_string_value(x));
	json_decref(body);
	if (n == 0)
		return web_error(req, res, 400, "bad_field", "\"floor\" lists framework ids, each "
				 "with its variant, such as \"cis-controls-v8.1:ig=1\".");
	if ((rc = app_floor_from_specs(req->cfg->lib, specs, n, req->arena, &floor, &n_fw, &e)) < 0)
		return web_error(req, res, 400, "bad_field", "%s", e.msg);
	text = json_dumps(floor, JSON_COMPACT);
	json_decref(floor);
	rc = store_policy_set(req->db, req->account.tenant_id, text, req->account.email, &version, &e);
	free(text);
	return rc < 0 ? rc : web_json(res, 201, json_pack("{s:i, s:I}", "version", version,
							   "frameworks", (json_int_t)n_fw));
}

/* A file of an issued document, byte for byte as it was issued. */
int
api_issued_file(struct web_request *req, struct web_response *res)
{
	const char *format = http_field_get(&req->query, "format");
	int fmt = doc_render_format_parse(format ? format : "pdf");
	struct store_client c;
	struct err e = {0};
	int64_t version;
	char *bytes;
	size_t len;
	int rc;

	if (fmt < 0)
		return web_error(req, res, 400, "bad_query", "format is md, html, pdf or docx.");
	if (http_int("version", req->params[2], 1, INT32_MAX, &version, &e) < 0)
		return web_error(req, res, 400, "bad_path", "%s", e.msg);
	rc = store_client_get(req->db, req->account.tenant_id, req->params[0], &c, &e);
	if (rc == 0)
		rc = store_doc_file(req->db, &c, version, arena_printf(req->arena, "%s.%s", c.slug,
				    req->params[1]), doc_render_format_name((enum doc_render_format)fmt),
				    &bytes, &len, &e);
	if (rc == ERR_NOTFOUND)
		return web_error(req, res, 404, "not_found", "No such issued document.");
	if (rc < 0)
		return rc;
	str_append(&res->body, bytes, len);
	free(bytes);
	res->content_type = content_types[fmt];
	web_header(res, "Content-Disposition", arena_printf(req->arena,
		   "attachment; filename=\"%s.%s.v%lld.%s\"", c.slug, req->params[1],
		   (long long)version, doc_render_format_name((enum doc_render_format)fmt)));
	return 0;
}
