/*
 * pages.c - the HTML pages for MSP staff: the dashboard, clients, a client
 * with its obligations, matrix and documents, and the library.
 *
 * Pages are written straight into the response, every value from the
 * database or the library through str_append_html.  One stylesheet, served
 * from the binary; no script is needed yet.
 */
#include <stdlib.h>
#include <strings.h>
#include <unistd.h>

#include "web/web_impl.h"

void
web_html(struct web_response *res, const char *s)
{
	str_append_html(&res->body, s ? s : "", s ? strlen(s) : 0);
}

void
web_csrf_field(struct web_request *req, struct web_response *res)
{
	str_appendf(&res->body, "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">", req->csrf);
}

void
web_page_start(struct web_request *req, struct web_response *res, const char *title)
{
	res->content_type = "text/html; charset=utf-8";
	str_puts(&res->body, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
	web_html(res, title);
	str_puts(&res->body, " — Prudent</title>\n<link rel=\"stylesheet\" href=\"/assets/app.css\">\n"
		 "</head>\n<body>\n<header class=\"top\">\n");
	if (req->portal || strncmp(req->path, "/portal", 7) == 0) {
		str_puts(&res->body, "<a class=\"brand\" href=\"/portal\">Client portal</a>\n");
		if (req->portal) {
			str_puts(&res->body, "<form method=\"post\" action=\"/portal/logout\" "
				 "class=\"who\">");
			web_csrf_field(req, res);
			web_html(res, req->contact.email);
			str_puts(&res->body, " <button type=\"submit\" class=\"link\">Sign out"
				 "</button></form>\n");
		}
	} else {
		str_puts(&res->body, "<a class=\"brand\" href=\"/\">Prudent</a>\n");
	}
	if (req->signed_in) {
		str_puts(&res->body, "<nav aria-label=\"Main\"><a href=\"/\">Dashboard</a> "
			 "<a href=\"/clients\">Clients</a> <a href=\"/services\">Services</a> "
			 "<a href=\"/library\">Library</a>");
		if (req->role >= ROLE_ADMIN)
			str_puts(&res->body, " <a href=\"/settings\">Settings</a> "
				 "<a href=\"/users\">Users</a>");
		str_puts(&res->body, "</nav>\n<form method=\"post\" action=\"/logout\" class=\"who\">");
		web_csrf_field(req, res);
		web_html(res, req->account.email);
		str_puts(&res->body, " <button type=\"submit\" class=\"link\">Sign out</button></form>\n");
	}
	str_puts(&res->body, "</header>\n<main>\n");
}

void
web_page_end(struct web_request *req, struct web_response *res)
{
	(void)req;
	str_puts(&res->body, "</main>\n</body>\n</html>\n");
}

/* ------------------------------------------------ the dashboard and clients */

/* Reviews: each client reviews its agreement every review_months (its own
 * setting, the MSP's, or 12) from its newest issue. */
struct reviews_ctx {
	struct web_request *req;
	struct map months;  /* client id ("" for the MSP) -> months, as text */
	struct map issued;  /* client id -> "YYYY-MM-DD" of its newest issue */
	struct web_response *res;
	char soon[32], today[11];
	size_t n;
};

static int
keep_months(const char *client_id, const char *value, void *arg)
{
	struct reviews_ctx *x = arg;

	map_put(&x->months, arena_strdup(x->req->arena, client_id),
		arena_strdup(x->req->arena, value));
	return 0;
}

static int
keep_issued(const char *client_id, const char *issued_at, int64_t version, void *arg)
{
	struct reviews_ctx *x = arg;

	(void)version;
	map_put(&x->issued, arena_strdup(x->req->arena, client_id),
		arena_printf(x->req->arena, "%.10s", issued_at));
	return 0;
}

/* "YYYY-MM-DD" plus months (the day kept, at most the 28th). */
static void
add_months(const char *date, long months, char out[32])
{
	int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
	long total = (long)y * 12 + (m - 1) + months;

	if (total < 0 || m < 1 || m > 12 || d < 1)
		total = 0, d = 1;
	snprintf(out, 32, "%04ld-%02ld-%02d", total / 12 % 10000, total % 12 + 1, d > 28 ? 28 : d);
}

static void
review_row(const struct store_client *c, struct reviews_ctx *x)
{
	const char *issued = map_get(&x->issued, c->id), *months = map_get(&x->months, c->id);
	char due[32];

	if (!issued || strlen(issued) < 10)
		return;
	if (!months)
		months = map_get(&x->months, "");
	add_months(issued, months ? atol(months) : 12, due);
	if (strcmp(due, x->soon) > 0)
		return;
	if (x->n++ == 0)
		str_puts(&x->res->body, "<table>\n<thead><tr><th scope=\"col\">Client</th>"
			 "<th scope=\"col\">Last issued</th><th scope=\"col\">Review due</th>"
			 "</tr></thead>\n<tbody>\n");
	str_appendf(&x->res->body, "<tr><td><a href=\"/clients/%s\">", c->slug);
	web_html(x->res, c->name);
	str_appendf(&x->res->body, "</a></td><td>%s</td><td>%s%s</td></tr>\n", issued, due,
		    strcmp(due, x->today) < 0 ? " <span class=\"badge warn\">overdue</span>" : "");
}

/* Read what the reviews are computed from; the rows come from client_row. */
static int
reviews_start(struct web_request *req, struct reviews_ctx *x, struct web_response *out,
	      const char *today)
{
	struct err e = {0};
	int rc;

	x->req = req;
	x->res = out;
	snprintf(x->today, sizeof(x->today), "%s", today);
	add_months(today, 1, x->soon); /* due within a month, or overdue */
	if ((rc = store_setting_by_client(req->db, req->account.tenant_id, "review_months",
					  keep_months, x, &e)) == 0)
		rc = store_doc_last_issued(req->db, req->account.tenant_id, keep_issued, x, &e);
	return rc;
}

struct rows_ctx {
	struct web_request *req;
	struct web_response *res;
	const char *q;
	size_t n;
	struct map versions; /* client id -> its profile version, as text */
	struct reviews_ctx *reviews; /* the dashboard's reviews, found in the same pass */
	size_t offset, limit; /* the rows to print: a page of the matches */
};

static int
keep_version(const char *client_id, int64_t version, void *arg)
{
	struct rows_ctx *x = arg;

	map_put(&x->versions, arena_strdup(x->req->arena, client_id),
		arena_printf(x->req->arena, "%lld", (long long)version));
	return 0;
}

static bool
matches(const struct store_client *c, const char *q)
{
	size_t n = q ? strlen(q) : 0;

	if (n == 0)
		return true;
	for (const char *h = c->name; *h; h++)
		if (strncasecmp(h, q, n) == 0)
			return true;
	return strstr(c->slug, q) != NULL;
}

/* One client's row: its name and the frameworks that bind it (must) as
 * badges, from its current profile; kept until the profile changes. */
static int
client_row(const struct store_client *c, void *arg)
{
	struct rows_ctx *x = arg;
	struct store_profile p = {0};
	struct eng_result r;
	json_t *answers = NULL;
	struct err e = {0};
	const char *version = map_get(&x->versions, c->id);
	const char *key = arena_printf(x->req->arena, "row:%s", c->id);
	/* The row shows the name and slug too: a rename makes a new one. */
	const char *stamp = arena_printf(x->req->arena, "%s|%s|%s", version ? version : "0",
					 c->slug, c->name);
	size_t start = x->res->body.len;

	if (!matches(c, x->q))
		return 0;
	x->n++;
	if (x->reviews)
		review_row(c, x->reviews);
	if (x->n <= x->offset || x->n > x->offset + x->limit)
		return 0;
	if (web_cache_get(WEB_CACHE_SMALL, key, stamp, &x->res->body))
		return 0;
	str_appendf(&x->res->body, "<tr><td><a href=\"/clients/%s\">", c->slug);
	web_html(x->res, c->name);
	str_puts(&x->res->body, "</a></td><td>");
	if (store_profile_current(x->req->db, c, &p, &e) == 0 &&
	    eng_answers_parse(p.answers, strlen(p.answers), &answers, &e) == 0) {
		/* A row's working memory goes with the row: a thousand clients'
		 * obligations never sit in memory at once. */
		struct arena *scratch = arena_new();

		eng_obligations(x->req->cfg->lib, answers, scratch, &r);
		for (size_t i = 0; i < r.n_obligations; i++) {
			if (!r.obligations[i].must)
				continue;
			str_puts(&x->res->body, "<span class=\"badge\">");
			web_html(x->res, r.obligations[i].framework->name);
			str_puts(&x->res->body, "</span> ");
		}
		arena_free(scratch);
	} else {
		str_puts(&x->res->body, "<em>Intake not done yet</em>");
	}
	json_decref(answers);
	store_profile_clear(&p);
	str_puts(&x->res->body, "</td></tr>\n");
	web_cache_put(WEB_CACHE_SMALL, key, stamp, x->res->body.buf + start,
		      x->res->body.len - start);
	return 0;
}

static int
client_table(struct web_request *req, struct web_response *res, const char *q,
	     struct reviews_ctx *reviews, size_t offset, size_t limit)
{
	struct rows_ctx x = {req, res, q, 0, {0}, reviews, offset, limit};
	struct err e = {0};
	int rc;

	str_puts(&res->body, "<table>\n<thead><tr><th scope=\"col\">Client</th>"
		 "<th scope=\"col\">Laws and contracts that bind it</th></tr></thead>\n<tbody>\n");
	rc = store_profile_versions(req->db, req->account.tenant_id, keep_version, &x, &e);
	if (rc == 0)
		rc = store_client_each(req->db, req->account.tenant_id, false, client_row, &x, &e);
	map_free(&x.versions);
	if (rc < 0)
		return -1;
	if (x.n == 0)
		str_puts(&res->body, "<tr><td colspan=\"2\">No clients yet.</td></tr>\n");
	str_puts(&res->body, "</tbody>\n</table>\n");
	return (int)(x.n > INT32_MAX ? INT32_MAX : x.n); /* how many matched */
}

/* The dashboard is an overview: the first clients by name; the clients page
 * lists them all. */
enum { DASHBOARD_CLIENTS = 50, CLIENTS_PAGE = 100 };

struct decisions_ctx {
	struct web_request *req;
	struct web_response *res;
	char today[11], soon[11];
	size_t n;
};

/* A decision in force (a decline, an accepted risk, a deferral) with the MSP's
 * rating and the date it must be offered again or decided; expired and
 * soon-expiring ones are marked. */
static int
decision_row(const struct store_decision_row *row, void *arg)
{
	struct decisions_ctx *x = arg;
	json_t *d = json_loads(row->data, 0, NULL);
	const char *kind = json_string_value(json_object_get(d, "decision"));
	const char *until = json_string_value(json_object_get(d, "until"));
	const struct lib_safeguard *sg = lib_safeguard_get(x->req->cfg->lib, row->safeguard);
	json_int_t impact = json_integer_value(json_object_get(d, "impact"));
	json_int_t likelihood = json_integer_value(json_object_get(d, "likelihood"));
	char due[32];

	if (!kind) {
		json_decref(d);
		return 0;
	}
	/* Decisions recorded before they had dates last 12 months. */
	if (until)
		snprintf(due, sizeof(due), "%.10s", until);
	else if (strlen(row->created_at) < 10)
		snprintf(due, sizeof(due), "?");
	else
		snprintf(due, sizeof(due), "%04d%.6s", (atoi(row->created_at) + 1) % 10000,
			 row->created_at + 4);
	if (x->n++ == 0)
		str_puts(&x->res->body, "<table>\n<thead><tr><th scope=\"col\">Client</th>"
			 "<th scope=\"col\">Safeguard</th><th scope=\"col\">Decision</th>"
			 "<th scope=\"col\">By</th><th scope=\"col\">Impact × likelihood</th>"
			 "<th scope=\"col\">Offer again by</th></tr></thead>\n<tbody>\n");
	str_appendf(&x->res->body, "<tr><td><a href=\"/clients/%s\">", row->client_slug);
	web_html(x->res, row->client_name);
	str_puts(&x->res->body, "</a></td><td>");
	web_html(x->res, sg ? sg->name : row->safeguard);
	str_appendf(&x->res->body, "</td><td>%s</td><td>", strcmp(kind, "decline") == 0
		    ? "declined" : strcmp(kind, "accept") == 0 ? "risk accepted" : "deferred");
	web_html(x->res, json_string_value(json_object_get(d, "by")));
	if (impact && likelihood)
		str_appendf(&x->res->body, "</td><td>%d × %d</td>", (int)impact, (int)likelihood);
	else
		str_puts(&x->res->body, "</td><td>not rated</td>");
	str_appendf(&x->res->body, "<td>%s%s</td></tr>\n", due,
		    strcmp(due, x->today) < 0 ? " <span class=\"badge warn\">expired</span>"
		    : strcmp(due, x->soon) <= 0 ? " <span class=\"badge\">expires soon</span>" : "");
	json_decref(d);
	return 0;
}

/* Documents of the newest issues still waiting: for the client's acceptance,
 * or for the signed copy promised at a walkthrough. */
static int
awaiting_table(struct web_request *req, struct web_response *res)
{
	struct ev_doc_status *docs;
	struct err e = {0};
	size_t n, shown = 0;

	if (ev_tenant_statuses(req->db, req->account.tenant_id, req->arena, &docs, &n, &e) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (docs[i].state != EV_AWAITING && docs[i].state != EV_AWAITING_COPY)
			continue;
		if (shown++ == 0)
			str_puts(&res->body, "<table>\n<thead><tr><th scope=\"col\">Client</th>"
				 "<th scope=\"col\">Document</th><th scope=\"col\">Version</th>"
				 "<th scope=\"col\">Sent</th><th scope=\"col\">Status</th></tr>"
				 "</thead>\n<tbody>\n");
		str_appendf(&res->body, "<tr><td><a href=\"/clients/%s\">", docs[i].client_slug);
		web_html(res, docs[i].client_name);
		str_puts(&res->body, "</a></td><td>");
		web_html(res, docs[i].title);
		str_appendf(&res->body, "</td><td>%lld</td><td>%.10s</td><td>%s%s</td></tr>\n",
			    (long long)docs[i].version, docs[i].issued_at, ev_state_name(docs[i].state),
			    docs[i].state == EV_AWAITING_COPY
			    ? " <span class=\"badge warn\">reminder</span>" : "");
	}
	str_puts(&res->body, shown ? "</tbody>\n</table>\n" : "<p>No issued document awaits the "
		 "client.</p>\n");
	return 0;
}

int
web_dashboard(struct web_request *req, struct web_response *res)
{
	struct decisions_ctx x = {req, res, "", "", 0};
	struct reviews_ctx reviews = {0};
	struct web_response due = {0}, table = {0};
	char now[TIME_RFC3339_LEN];
	struct err e = {0};
	int rc;

	snprintf(x.today, sizeof(x.today), "%.10s", time_now_rfc3339(now));
	time_format_rfc3339(time(NULL) + 30 * 86400, now);
	snprintf(x.soon, sizeof(x.soon), "%.10s", now);
	web_page_start(req, res, "Dashboard");
	str_puts(&res->body, "<h1>Dashboard</h1>\n<h2>Decisions: declines, accepted risks, "
		 "deferrals</h2>\n");
	if (store_decisions_each(req->db, req->account.tenant_id, decision_row, &x, &e) < 0)
		return -1;
	str_puts(&res->body, x.n ? "</tbody>\n</table>\n" : "<p>No client has declined, accepted "
		 "or deferred a safeguard.</p>\n");
	/* One pass over the clients makes both the reviews and the rows. */
	rc = reviews_start(req, &reviews, &due, x.today);
	if (rc == 0)
		rc = client_table(req, &table, NULL, &reviews, 0, DASHBOARD_CLIENTS);
	if (rc > DASHBOARD_CLIENTS)
		str_appendf(&table.body, "<p>The first %d of %d clients, by name; "
			    "<a href=\"/clients\">all clients</a>.</p>\n", DASHBOARD_CLIENTS, rc);
	rc = rc < 0 ? rc : 0;
	str_puts(&res->body, "<h2>Documents awaiting the client</h2>\n");
	if (rc == 0)
		rc = awaiting_table(req, res);
	str_puts(&res->body, "<h2>Reviews due within a month</h2>\n");
	str_append(&res->body, due.body.buf, due.body.len);
	str_puts(&res->body, reviews.n ? "</tbody>\n</table>\n" : "<p>No review is due within a "
		 "month.</p>\n");
	str_puts(&res->body, "<h2>Clients</h2>\n");
	str_append(&res->body, table.body.buf, table.body.len);
	map_free(&reviews.months);
	map_free(&reviews.issued);
	str_free(&due.body);
	str_free(&table.body);
	if (rc < 0)
		return -1;
	web_page_end(req, res);
	return 0;
}

int
web_clients_page(struct web_request *req, struct web_response *res)
{
	const char *q = http_field_get(&req->query, "q"), *p = http_field_get(&req->query, "page");
	int64_t page = 1;
	int matched;
	struct err bad = {0};

	if (strcmp(req->method, "POST") == 0) {
		const char *name = http_field_get(&req->form, "name");
		const char *legal = http_field_get(&req->form, "legal_name");
		struct store_client c;
		struct err e = {0};
		int rc;

		if (req->role < ROLE_TECHNICIAN)
			return web_error(req, res, 403, "forbidden", "Your role cannot add clients.");
		rc = store_client_add(req->db, req->account.tenant_id, name ? name : "",
				      legal && *legal ? legal : NULL, NULL, req->account.email,
				      &c, &e);
		if (rc == ERR_INPUT || rc == ERR_CONFLICT)
			return web_error(req, res, rc == ERR_INPUT ? 400 : 409, "bad_field", "%s",
					 e.msg);
		if (rc < 0)
			return rc;
		return web_redirect(res, arena_printf(req->arena, "/clients/%s", c.slug));
	}
	if (p && http_int("page", p, 1, 1000000, &page, &bad) < 0)
		return web_error(req, res, 400, "bad_query", "%s", bad.msg);
	web_page_start(req, res, "Clients");
	str_puts(&res->body, "<h1>Clients</h1>\n<form method=\"get\" action=\"/clients\" "
		 "class=\"inline\" role=\"search\">\n<label for=\"q\">Search</label>\n"
		 "<input id=\"q\" name=\"q\" type=\"search\" value=\"");
	web_html(res, q);
	str_puts(&res->body, "\">\n<button type=\"submit\">Search</button>\n</form>\n");
	if ((matched = client_table(req, res, q, NULL, (size_t)(page - 1) * CLIENTS_PAGE,
				    CLIENTS_PAGE)) < 0)
		return -1;
	if (matched > CLIENTS_PAGE) {
		str_appendf(&res->body, "<nav aria-label=\"Pages\"><p>Clients %lld to %lld of %d.",
			    (long long)(page - 1) * CLIENTS_PAGE + 1,
			    (long long)(page * CLIENTS_PAGE < matched ? page * CLIENTS_PAGE : matched),
			    matched);
		if (page > 1) {
			str_appendf(&res->body, " <a href=\"/clients?page=%lld&amp;q=", (long long)page - 1);
			str_append_html(&res->body, q ? q : "", q ? strlen(q) : 0);
			str_puts(&res->body, "\">Previous</a>");
		}
		if (page * CLIENTS_PAGE < matched) {
			str_appendf(&res->body, " <a href=\"/clients?page=%lld&amp;q=", (long long)page + 1);
			str_append_html(&res->body, q ? q : "", q ? strlen(q) : 0);
			str_puts(&res->body, "\">Next</a>");
		}
		str_puts(&res->body, "</p></nav>\n");
	}
	if (req->role >= ROLE_TECHNICIAN) {
		str_puts(&res->body, "<h2>Add a client</h2>\n<form method=\"post\" action=\"/clients\" "
			 "class=\"narrow\">\n");
		web_csrf_field(req, res);
		str_puts(&res->body, "\n<label for=\"name\">Name</label>\n<input id=\"name\" "
			 "name=\"name\" required maxlength=\"200\">\n<label for=\"legal_name\">Legal "
			 "name (if different)</label>\n<input id=\"legal_name\" name=\"legal_name\" "
			 "maxlength=\"200\">\n<button type=\"submit\">Add the client</button>\n</form>\n");
	}
	web_page_end(req, res);
	return 0;
}

/* ------------------------------------------------ one client */

static const char *const owner_words[] = {"MSP", "Customer", "Shared", "Third party", "Declined",
	"Not applicable"};

static void
obligations_section(struct web_response *res, const struct eng_result *r)
{
	str_puts(&res->body, "<h2>What binds this client</h2>\n<ul class=\"obligations\">\n");
	for (size_t i = 0; i < r->n_obligations; i++) {
		const struct eng_obligation *ob = &r->obligations[i];

		str_puts(&res->body, "<li><strong>");
		web_html(res, ob->framework->name);
		str_puts(&res->body, ob->must ? "</strong> <span class=\"badge\">required</span>"
					      : "</strong> <span class=\"badge soft\">recommended</span>");
		for (size_t k = 0; k < ob->n_reasons; k++) {
			str_puts(&res->body, "<br>");
			web_html(res, ob->reasons[k]);
		}
		str_puts(&res->body, "</li>\n");
	}
	str_puts(&res->body, "</ul>\n");
}

static void
matrix_section(struct web_response *res, const struct eng_matrix *m)
{
	str_puts(&res->body, "<h2 id=\"matrix\">Responsibility matrix</h2>\n<div class=\"scroll\"><table>\n"
		 "<thead><tr><th scope=\"col\">Safeguard</th><th scope=\"col\">Who</th>"
		 "<th scope=\"col\">Through</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < m->n_rows; i++) {
		const struct eng_row *r = &m->rows[i];

		str_puts(&res->body, "<tr><td>");
		web_html(res, r->safeguard->name);
		if (r->must)
			str_puts(&res->body, " <span class=\"badge\">required</span>");
		str_appendf(&res->body, "</td><td class=\"owner-%d\">%s</td><td>", (int)r->owner,
			    owner_words[r->owner]);
		web_html(res, r->service ? r->service->name : r->third_party);
		str_puts(&res->body, "</td></tr>\n");
	}
	str_puts(&res->body, "</tbody>\n</table></div>\n");
}

struct issued_ctx {
	struct web_response *res;
	size_t n;
};

static int
issued_row(const struct store_doc_row *row, void *arg)
{
	struct issued_ctx *x = arg;

	if (x->n++ == 0)
		str_puts(&x->res->body, "<table>\n<thead><tr><th scope=\"col\">Version</th>"
			 "<th scope=\"col\">Document</th><th scope=\"col\">Issued</th>"
			 "<th scope=\"col\">SHA-256</th></tr></thead>\n<tbody>\n");
	str_appendf(&x->res->body, "<tr><td>%lld</td><td>", (long long)row->version);
	web_html(x->res, row->title);
	str_puts(&x->res->body, "</td><td>");
	web_html(x->res, row->issued_at);
	str_appendf(&x->res->body, "</td><td><code>%.12s</code></td></tr>\n", row->source_sha256);
	return 0;
}

static int
documents_section(struct web_request *req, struct web_response *res,
		  const struct app_client_view *v)
{
	static const char *const formats[] = {"pdf", "docx", "html", "md"};
	struct store_tenant t;
	struct doc_context ctx;
	struct issued_ctx x = {res, 0};
	struct err e = {0};

	if (store_tenant_get(req->db, req->account.tenant_id, &t, &e) < 0 ||
	    app_doc_context(req->db, req->cfg->lib, &t, v, "", req->arena, &ctx, &e) < 0)
		return -1;
	str_puts(&res->body, "<h2>Documents</h2>\n<p>Drafts, written from the matrix as it is "
		 "now:</p>\n<ul class=\"documents\">\n");
	for (int k = 0; k < LIB_DOC__MAX; k++) {
		if (!doc_applies(&ctx, (enum lib_doc)k))
			continue;
		str_puts(&res->body, "<li>");
		web_html(res, doc_kind_title((enum lib_doc)k));
		for (size_t f = 0; f < ARRAY_LEN(formats); f++)
			str_appendf(&res->body, " <a href=\"/clients/%s/documents/%s?format=%s\">%s</a>",
				    v->client.slug, lib_doc_name((enum lib_doc)k), formats[f], formats[f]);
		str_puts(&res->body, "</li>\n");
	}
	str_appendf(&res->body, "<li>Responsibility matrix <a href=\"/clients/%s/matrix.xlsx\">"
		    "xlsx</a> <a href=\"/api/v1/clients/%s/matrix\">json</a></li>\n</ul>\n",
		    v->client.slug, v->client.slug);
	if (req->role >= ROLE_TECHNICIAN) {
		str_appendf(&res->body, "<form method=\"post\" action=\"/clients/%s/issue\">",
			    v->client.slug);
		web_csrf_field(req, res);
		str_puts(&res->body, "<button type=\"submit\">Issue these documents as a new "
			 "version</button></form>\n");
	}
	str_puts(&res->body, "<h3>Issued</h3>\n");
	if (store_doc_each(req->db, &v->client, issued_row, &x, &e) < 0)
		return -1;
	str_puts(&res->body, x.n ? "</tbody>\n</table>\n" : "<p>Nothing issued yet.</p>\n");
	return 0;
}

int
web_client_page(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	struct app_client_view v;
	struct err e = {0};
	int rc;

	if ((rc = store_client_get(req->db, req->account.tenant_id, req->params[0], &c, &e)) ==
	    ERR_NOTFOUND)
		return web_error(req, res, 404, "not_found", "There is no client '%.64s'.",
				 req->params[0]);
	if (rc < 0)
		return rc;
	rc = app_client_view(req->db, req->cfg->lib, req->account.tenant_id, c.id, req->arena, &v,
			     &e);
	web_page_start(req, res, c.name);
	str_puts(&res->body, "<h1>");
	web_html(res, c.name);
	str_puts(&res->body, "</h1>\n");
	if (req->role >= ROLE_TECHNICIAN)
		str_appendf(&res->body, "<p><a href=\"/clients/%s/intake\">%s the intake "
			    "questionnaire</a></p>\n", c.slug, rc == ERR_NOTFOUND ? "Answer" : "Change");
	if (req->role >= ROLE_ADMIN)
		str_appendf(&res->body, "<p><a href=\"/clients/%s/settings\">Legal settings for "
			    "this client</a></p>\n", c.slug);
	if (req->role >= ROLE_ADMIN)
		web_client_admin_form(req, res, &c);
	if (rc == ERR_NOTFOUND) {
		str_puts(&res->body, "<p>The intake questionnaire is not done yet.</p>\n");
	} else if (rc < 0) {
		str_puts(&res->body, "<p class=\"error\">");
		web_html(res, e.msg);
		str_puts(&res->body, "</p>\n");
	} else {
		obligations_section(res, &v.obligations);
		rc = documents_section(req, res, &v);
		web_acceptance_section(req, res, &c);
		matrix_section(res, &v.matrix);
		if (req->role >= ROLE_TECHNICIAN) {
			web_services_form(req, res, &v);
			web_matrix_form(req, res, &v);
		}
		app_client_view_free(&v);
		if (rc < 0)
			return rc;
	}
	web_page_end(req, res);
	return 0;
}

int
web_client_document(struct web_request *req, struct web_response *res)
{
	return api_document(req, res);
}

/* ------------------------------------------------ the library */

int
web_library_page(struct web_request *req, struct web_response *res)
{
	const struct library *lib = req->cfg->lib;

	web_page_start(req, res, "Library");
	str_appendf(&res->body, "<h1>Library</h1>\n<p>Content library %s: %zu frameworks, %zu "
		    "<a href=\"/library/safeguards\">safeguards</a>, and the "
		    "<a href=\"/library/crosswalk\">crosswalk</a> between any two frameworks.</p>\n"
		    "<table>\n<thead><tr><th scope=\"col\">Framework</th>"
		    "<th scope=\"col\">Version</th><th scope=\"col\">Controls</th></tr></thead>\n"
		    "<tbody>\n", lib->version, lib->n_frameworks, lib->n_safeguards);
	for (size_t i = 0; i < lib->n_frameworks; i++) {
		const struct lib_framework *f = &lib->frameworks[i];

		str_appendf(&res->body, "<tr><td><a href=\"/library/%s\">", f->id);
		web_html(res, f->name);
		str_puts(&res->body, "</a></td><td>");
		web_html(res, f->version);
		str_appendf(&res->body, "</td><td>%zu</td></tr>\n", f->n_controls);
	}
	str_puts(&res->body, "</tbody>\n</table>\n");
	web_page_end(req, res);
	return 0;
}

static void
framework_options(struct web_response *res, const struct library *lib, const char *chosen)
{
	for (size_t i = 0; i < lib->n_frameworks; i++) {
		const struct lib_framework *f = &lib->frameworks[i];

		str_appendf(&res->body, "<option value=\"%s\"%s>", f->id,
			    chosen && !strcmp(chosen, f->id) ? " selected" : "");
		web_html(res, f->name);
		str_puts(&res->body, "</option>");
	}
}

/* How two frameworks' controls relate, through the safeguards. */
int
web_crosswalk_page(struct web_request *req, struct web_response *res)
{
	const struct library *lib = req->cfg->lib;
	const char *from_id = http_field_get(&req->query, "from"),
		   *to_id = http_field_get(&req->query, "to");
	const struct lib_framework *from = from_id ? lib_framework_get(lib, from_id) : NULL,
				   *to = to_id ? lib_framework_get(lib, to_id) : NULL;
	const struct lib_pair *pairs;
	size_t n;

	web_page_start(req, res, "Crosswalk");
	str_puts(&res->body, "<h1>Crosswalk</h1>\n<form method=\"get\" action=\"/library/"
		 "crosswalk\" class=\"inline\">\n<label for=\"from\">From</label><select id=\"from\" "
		 "name=\"from\">");
	framework_options(res, lib, from_id);
	str_puts(&res->body, "</select>\n<label for=\"to\">to</label><select id=\"to\" name=\"to\">");
	framework_options(res, lib, to_id);
	str_puts(&res->body, "</select>\n<button type=\"submit\">Show</button>\n</form>\n");
	if (from && to) {
		n = lib_crosswalk(lib, from, to, req->arena, &pairs);
		str_appendf(&res->body, "<p>%zu pairs of controls, related through the library's "
			    "safeguards (NIST IR 8477 relationships).</p>\n<div class=\"scroll\"><table>\n"
			    "<thead><tr><th scope=\"col\">From</th><th scope=\"col\">Relationship</th>"
			    "<th scope=\"col\">To</th><th scope=\"col\">Through</th></tr></thead>\n"
			    "<tbody>\n", n);
		for (size_t i = 0; i < n; i++) {
			str_puts(&res->body, "<tr><td>");
			web_html(res, pairs[i].from->id);
			str_appendf(&res->body, "</td><td>%s</td><td>",
				    lib_rel_name(pairs[i].relationship));
			web_html(res, pairs[i].to->id);
			str_puts(&res->body, "</td><td>");
			for (size_t k = 0; k < pairs[i].n_via; k++) {
				if (k)
					str_puts(&res->body, ", ");
				web_html(res, pairs[i].via[k]->name);
			}
			str_puts(&res->body, "</td></tr>\n");
		}
		str_puts(&res->body, "</tbody>\n</table></div>\n");
	}
	web_page_end(req, res);
	return 0;
}

/* Every safeguard: what it is, and what may happen without it. */
int
web_safeguards_page(struct web_request *req, struct web_response *res)
{
	const struct library *lib = req->cfg->lib;

	web_page_start(req, res, "Safeguards");
	str_appendf(&res->body, "<h1>Safeguards</h1>\n<p>%zu safeguards, each mapped to the "
		    "controls of every framework it serves.</p>\n<div class=\"scroll\"><table>\n"
		    "<thead><tr><th scope=\"col\">Safeguard</th><th scope=\"col\">In plain words"
		    "</th><th scope=\"col\">Without it</th></tr></thead>\n<tbody>\n", lib->n_safeguards);
	for (size_t i = 0; i < lib->n_safeguards; i++) {
		str_puts(&res->body, "<tr><td>");
		web_html(res, lib->safeguards[i].name);
		str_puts(&res->body, "</td><td>");
		web_html(res, lib->safeguards[i].plain);
		str_puts(&res->body, "</td><td>");
		web_html(res, lib->safeguards[i].risk);
		str_puts(&res->body, "</td></tr>\n");
	}
	str_puts(&res->body, "</tbody>\n</table></div>\n");
	web_page_end(req, res);
	return 0;
}

int
web_framework_page(struct web_request *req, struct web_response *res)
{
	const struct lib_framework *f = lib_framework_get(req->cfg->lib, req->params[0]);

	if (!f)
		return web_error(req, res, 404, "not_found", "There is no framework '%.64s'.",
				 req->params[0]);
	web_page_start(req, res, f->name);
	str_puts(&res->body, "<h1>");
	web_html(res, f->name);
	str_puts(&res->body, "</h1>\n<div class=\"scroll\"><table>\n<thead><tr><th scope=\"col\">"
		 "Control</th><th scope=\"col\">Level</th><th scope=\"col\">Title</th></tr></thead>\n"
		 "<tbody>\n");
	for (size_t i = 0; i < f->n_controls; i++) {
		const struct lib_control *c = &f->controls[i];

		str_puts(&res->body, "<tr><td>");
		web_html(res, c->id);
		str_puts(&res->body, "</td><td>");
		web_html(res, f->levels[c->level]);
		str_puts(&res->body, "</td><td>");
		web_html(res, c->title ? c->title : c->description);
		str_puts(&res->body, "</td></tr>\n");
	}
	str_puts(&res->body, "</tbody>\n</table></div>\n");
	web_page_end(req, res);
	return 0;
}

/* ------------------------------------------------ assets */

static const char stylesheet[] =
	":root{--ink:#111;--muted:#555;--line:#ccc;--accent:#1d4f91}"
	"*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:var(--ink)}"
	"header.top{display:flex;flex-wrap:wrap;gap:1em;align-items:center;padding:.6em 1em;"
	"background:var(--accent);color:#fff}header.top a{color:#fff}.brand{font-weight:700;"
	"text-decoration:none}nav a{margin-right:1em}.who{margin-left:auto}"
	"button.link{background:none;border:0;color:#fff;text-decoration:underline;cursor:pointer;"
	"font:inherit}main{max-width:70em;margin:0 auto;padding:1em}"
	"table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid var(--line);"
	"padding:.35em .5em;text-align:left;vertical-align:top}.scroll{overflow-x:auto}"
	".badge{display:inline-block;background:var(--accent);color:#fff;border-radius:.8em;"
	"padding:0 .6em;font-size:.8em;margin:.1em 0}.badge.soft{background:#e3e9f2;color:var(--ink)}"
	"form.narrow{display:grid;gap:.4em;max-width:24em}form.wide{display:grid;gap:.4em}"
	"textarea{font:14px/1.4 monospace;width:100%}form.inline{display:flex;gap:.5em;"
	"align-items:center;margin:1em 0}input,button{font:inherit;padding:.4em .6em}"
	"button{background:var(--accent);color:#fff;border:0;border-radius:.3em;cursor:pointer}"
	".badge.warn{background:#a00000}.error{color:#a00000}.owner-4{color:#a00000;font-weight:600}.muted{color:var(--muted)}"
	"fieldset{border:1px solid var(--line);border-radius:.3em;margin:0 0 1em;padding:.5em 1em}"
	"fieldset label{display:block;margin:.2em 0}legend{font-weight:600}"
	".clause{border-top:1px solid var(--line);padding:.5em 0}.clause h2{font-size:1.1em}"
	".plain{background:#f3f6fa;border-left:4px solid var(--accent);padding:.2em .8em;"
	"margin:.5em 0}.plain .label,.mark .label p{margin:.3em 0}.plain .label{font-weight:600}"
	".mark{border:1px dashed var(--accent);border-radius:.3em;padding:.2em .8em;margin:.5em 0}"
	".mark.done{border-style:solid;border-color:#2f7d32}.ok{color:#1f5f23}"
	".notice{background:#fff6d6;padding:.5em .8em;border-radius:.3em}.meta,.note{color:var(--muted)}"
	"label.check{display:flex;gap:.5em;align-items:flex-start}"
	"button.secondary{background:#fff;color:var(--accent);border:1px solid var(--accent)}"
	".consent{max-width:40em}ul.docs li{margin:.4em 0}"
	".legal,.plain,.mark,.meta,code{overflow-wrap:anywhere}"
	"@media print{header.top,form{display:none}}";

int
web_asset(struct web_request *req, struct web_response *res)
{
	(void)req;
	res->content_type = "text/css; charset=utf-8";
	web_header(res, "Cache-Control", "public, max-age=3600");
	str_puts(&res->body, stylesheet);
	return 0;
}

/* The matrix as an XLSX workbook; libxlsxwriter writes files, so it goes
 * through a private temporary directory. */
int
web_matrix_xlsx(struct web_request *req, struct web_response *res)
{
	struct app_client_view v;
	char dir[] = "/tmp/prudent-xlsx-XXXXXX", now[TIME_RFC3339_LEN];
	struct err e = {0};
	char *bytes = NULL;
	const char *path;
	size_t len;
	int rc;

	if ((rc = web_client_view(req, res, req->params[0], &v)) != 0)
		return rc < 0 ? rc : 0;
	if (!mkdtemp(dir)) {
		app_client_view_free(&v);
		return -1;
	}
	path = arena_printf(req->arena, "%s/matrix.xlsx", dir);
	struct doc_matrix d = {v.client.slug, v.client.name, req->cfg->lib->version,
		v.obligations.profile_hash, time_now_rfc3339(now), &v.obligations, &v.matrix, NULL,
		req->arena};
	if ((rc = doc_matrix_xlsx(&d, path, &e)) == 0 &&
	    (rc = file_read_all(path, 64 << 20, &bytes, &len, &e)) == 0) {
		str_append(&res->body, bytes, len);
		res->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		web_header(res, "Content-Disposition", arena_printf(req->arena,
			   "attachment; filename=\"%s.matrix.xlsx\"", v.client.slug));
	}
	free(bytes);
	unlink(path);
	rmdir(dir);
	app_client_view_free(&v);
	return rc;
}
