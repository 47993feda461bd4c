/*
 * acceptance.c - contacts and acceptances for MSP staff: who at a client may
 * sign, invitations to the portal, how each issued document stands, the
 * certificates, walkthroughs and scanned wet-ink copies; and the JSON API
 * for the same, with evidence bundles and verification.
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "web/web_impl.h"

static struct ev_actor
staff(const struct web_request *req)
{
	return (struct ev_actor){.actor = req->account.email, .address = req->address,
		.user_agent = req->user_agent ? req->user_agent : "",
		.auth = req->by_token ? "API token (staff)" : "password (staff)"};
}

/* Where invitation links point: the configured address, else the host this
 * staff member reached us at (only characters a host name or address has). */
static const char *
base_url(struct web_request *req)
{
	const char *h = req->host;

	if (req->cfg->public_url)
		return req->cfg->public_url;
	if (!h || !*h || strlen(h) > 255 || strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
						   "OPQRSTUVWXYZ0123456789.-:[]") != strlen(h))
		h = "127.0.0.1";
	return arena_printf(req->arena, "%s://%s", req->tls ? "https" : "http", h);
}

/* "VERSION/DOC_ID" from a form, parsed. */
static int
doc_field(const char *value, int64_t *version, const char **doc_id, struct err *e)
{
	char *end;

	*version = value ? strtoll(value, &end, 10) : 0;
	if (!value || *version < 1 || *end != '/' || !end[1])
		return err_set(e, ERR_INPUT, "choose a document");
	*doc_id = end + 1;
	return 0;
}

/* ------------------------------------------------ the client page */

struct contacts_ctx {
	struct web_request *req;
	struct web_response *res;
	size_t n;
};

/* A button posting the contact's email to /clients/SLUG/contacts/ACTION. */
static void
contact_button(struct contacts_ctx *x, const struct store_contact *ct, const char *action,
	       const char *label)
{
	struct web_response *res = x->res;

	str_puts(&res->body, " <form method=\"post\" action=\"/clients/");
	web_html(res, x->req->params[0]);
	str_appendf(&res->body, "/contacts/%s\" class=\"inline\">", action);
	web_csrf_field(x->req, res);
	str_puts(&res->body, "<input type=\"hidden\" name=\"email\" value=\"");
	web_html(res, ct->email);
	str_appendf(&res->body, "\"><button type=\"submit\" class=\"secondary\">%s</button></form>",
		    label);
}

static int
contact_row(const struct store_contact *ct, void *arg)
{
	struct contacts_ctx *x = arg;
	struct web_response *res = x->res;

	if (x->n++ == 0)
		str_puts(&res->body, "<table>\n<thead><tr><th scope=\"col\">Contact</th>"
			 "<th scope=\"col\">Title</th><th scope=\"col\">Email</th><th scope=\"col\">"
			 "Portal</th></tr></thead>\n<tbody>\n");
	str_puts(&res->body, "<tr><td>");
	web_html(res, ct->name);
	str_puts(&res->body, "</td><td>");
	web_html(res, ct->title);
	str_puts(&res->body, "</td><td>");
	web_html(res, ct->email);
	str_appendf(&res->body, "</td><td>%s", ct->disabled ? "disabled" : ct->password_hash[0]
		    ? "active" : "invited, no password yet");
	if (x->req->role >= ROLE_TECHNICIAN && !ct->disabled)
		contact_button(x, ct, "invite", "New invitation link");
	if (x->req->role >= ROLE_ADMIN && !ct->disabled)
		contact_button(x, ct, "disable", "Disable");
	str_puts(&res->body, "</td></tr>\n");
	return 0;
}

/* A choice of the documents still awaiting the client (or their signed copy,
 * when copy_ok), valued "VERSION/DOC_ID". */
static void
doc_select(struct web_response *res, const char *id, const struct ev_doc_status *docs,
	   size_t n, bool copy_ok)
{
	str_appendf(&res->body, "\n<label for=\"%s\">Document</label><select id=\"%s\" "
		    "name=\"doc\">", id, id);
	for (size_t i = 0; i < n; i++)
		if (docs[i].state == EV_AWAITING || (copy_ok && docs[i].state == EV_AWAITING_COPY)) {
			str_appendf(&res->body, "<option value=\"%lld/%s\">", (long long)docs[i].version,
				    docs[i].doc_id);
			web_html(res, docs[i].title);
			str_appendf(&res->body, ", version %lld</option>", (long long)docs[i].version);
		}
	str_puts(&res->body, "</select>");
}

void
web_acceptance_section(struct web_request *req, struct web_response *res,
		       const struct store_client *c)
{
	struct contacts_ctx x = {req, res, 0};
	struct ev_doc_status *docs;
	struct err e = {0};
	size_t n = 0, open = 0;

	str_puts(&res->body, "<h2 id=\"acceptance\">Acceptance</h2>\n");
	if (ev_doc_statuses(req->db, c, req->arena, &docs, &n, &e) < 0) {
		str_puts(&res->body, "<p class=\"error\">");
		web_html(res, e.msg);
		str_puts(&res->body, "</p>\n");
		return;
	}
	if (n == 0)
		str_puts(&res->body, "<p>Nothing has been issued yet: issue the documents, then the "
			 "client's contacts can accept them in the portal.</p>\n");
	else
		str_puts(&res->body, "<table>\n<thead><tr><th scope=\"col\">Document</th>"
			 "<th scope=\"col\">Version</th><th scope=\"col\">Status</th>"
			 "<th scope=\"col\">Evidence</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const struct ev_doc_status *d = &docs[i];

		open += d->state == EV_AWAITING || d->state == EV_AWAITING_COPY;
		str_puts(&res->body, "<tr><td>");
		web_html(res, d->title);
		str_appendf(&res->body, "</td><td>%lld</td><td>%s", (long long)d->version,
			    ev_state_name(d->state));
		if (d->decided_at && (d->state == EV_SIGNED || d->state == EV_REFUSED)) {
			str_appendf(&res->body, " %.10s by ", d->decided_at);
			web_html(res, d->decided_by);
		}
		str_puts(&res->body, "</td><td>");
		if (d->state == EV_SIGNED || d->state == EV_REFUSED)
			str_appendf(&res->body, "<a href=\"/clients/%s/acceptance/%lld/%s/certificate."
				    "pdf\">certificate</a> · <a href=\"/clients/%s/acceptance/%lld/%s/"
				    "signed.pdf\">%s copy</a>", c->slug, (long long)d->version, d->doc_id,
				    c->slug, (long long)d->version, d->doc_id,
				    d->state == EV_SIGNED ? "signed" : "refused");
		str_puts(&res->body, "</td></tr>\n");
	}
	if (n)
		str_appendf(&res->body, "</tbody>\n</table>\n<p><a href=\"/api/v1/clients/%s/evidence\">"
			    "Download the evidence bundle</a> (every document, certificate and event, "
			    "signed; <code>prudent verify BUNDLE.zip</code> checks it).</p>\n",
			    c->slug);
	str_puts(&res->body, "<h3>Contacts who may sign</h3>\n");
	if (store_contact_each(req->db, c->id, contact_row, &x, &e) < 0)
		return;
	str_puts(&res->body, x.n ? "</tbody>\n</table>\n" : "<p>No contacts yet.</p>\n");
	if (req->role < ROLE_TECHNICIAN)
		return;
	str_appendf(&res->body, "<form method=\"post\" action=\"/clients/%s/contacts\" "
		    "class=\"narrow\">", c->slug);
	web_csrf_field(req, res);
	str_puts(&res->body, "\n<label for=\"ct_email\">Email</label><input id=\"ct_email\" "
		 "name=\"email\" type=\"email\" required>\n<label for=\"ct_name\">Full name</label>"
		 "<input id=\"ct_name\" name=\"name\" required>\n<label for=\"ct_title\">Title</label>"
		 "<input id=\"ct_title\" name=\"title\" required placeholder=\"Office Manager\">\n"
		 "<label class=\"check\"><input type=\"checkbox\" name=\"invite\" value=\"yes\" "
		 "checked> Make an invitation link now</label>\n<button type=\"submit\">Add the "
		 "contact</button>\n</form>\n");
	if (!open)
		return;
	/* The other ways to agree. */
	str_appendf(&res->body, "<h3>Record a walkthrough</h3>\n<p>When you explained a document "
		    "in person or by phone: it then awaits a signed copy, with a reminder.</p>\n"
		    "<form method=\"post\" action=\"/clients/%s/walkthrough\" class=\"narrow\">",
		    c->slug);
	web_csrf_field(req, res);
	doc_select(res, "wt_doc", docs, n, false);
	str_puts(&res->body, "\n<label for=\"wt_by\">Explained by</label><input "
		 "id=\"wt_by\" name=\"explained_by\" required>\n<label for=\"wt_att\">Who attended"
		 "</label><input id=\"wt_att\" name=\"attended\" required>\n<label for=\"wt_on\">"
		 "Date</label><input id=\"wt_on\" name=\"held_on\" type=\"date\" required>\n<label "
		 "for=\"wt_notes\">Notes</label><textarea id=\"wt_notes\" name=\"notes\" rows=\"3\" "
		 "maxlength=\"4000\"></textarea>\n<button type=\"submit\">Record the walkthrough"
		 "</button>\n</form>\n");
	str_appendf(&res->body, "<h3>Record a signature on paper</h3>\n<form method=\"post\" "
		    "action=\"/clients/%s/wet-ink\" enctype=\"multipart/form-data\" "
		    "class=\"narrow\">", c->slug);
	web_csrf_field(req, res);
	doc_select(res, "wi_doc", docs, n, true);
	str_puts(&res->body, "\n<label for=\"wi_signer\">Signed by</label><input "
		 "id=\"wi_signer\" name=\"signer\" required>\n<label for=\"wi_title\">Their title"
		 "</label><input id=\"wi_title\" name=\"title\" required>\n<label for=\"wi_on\">Date "
		 "signed</label><input id=\"wi_on\" name=\"signed_on\" type=\"date\" required>\n"
		 "<label for=\"wi_scan\">The scanned signed copy (PDF, PNG or JPEG, up to 20 MB)"
		 "</label><input id=\"wi_scan\" name=\"scan\" type=\"file\" accept=\"application/pdf,"
		 "image/png,image/jpeg\" required>\n<button type=\"submit\">Record the signed copy"
		 "</button>\n</form>\n");
}

/* ------------------------------------------------ staff forms */

static void
link_page(struct web_request *req, struct web_response *res, const struct store_contact *ct,
	  const char *link, bool mailed)
{
	web_page_start(req, res, "Invitation link");
	str_puts(&res->body, "<h1>Invitation for ");
	web_html(res, ct->name);
	str_puts(&res->body, "</h1>\n<p>");
	if (mailed)
		str_puts(&res->body, "It was emailed. ");
	str_puts(&res->body, "Send this link to ");
	web_html(res, ct->email);
	str_puts(&res->body, ". It works once, for 7 days, and is shown only now:</p>\n<p><code "
		 "class=\"token\">");
	web_html(res, link);
	str_puts(&res->body, "</code></p>\n<p><a href=\"/clients/");
	web_html(res, req->params[0]);
	str_puts(&res->body, "#acceptance\">Back to the client</a></p>\n");
	web_page_end(req, res);
}

static int
invite(struct web_request *req, struct web_response *res, const struct store_contact *ct)
{
	const char *link;
	bool mailed = false;
	struct err e = {0};
	int rc = app_invite(req->db, ct, req->account.email, base_url(req), 7, req->arena, &link,
			    &mailed, &e);

	if (rc == ERR_IO && link) /* the mail failed; the link works */
		log_msg(LOG_WARN, "%s", e.msg);
	else if (rc < 0)
		return rc;
	link_page(req, res, ct, link, mailed);
	return 0;
}

int
web_contact_add(struct web_request *req, struct web_response *res)
{
	const char *wants = http_field_get(&req->form, "invite");
	struct store_client c;
	struct store_contact ct;
	struct err e = {0};
	int rc;

	if ((rc = web_route_client(req, res, &c)) != 0)
		return rc < 0 ? rc : 0;
	rc = app_contact_add(req->db, &c, http_field_get(&req->form, "email"),
			     http_field_get(&req->form, "name"), http_field_get(&req->form, "title"),
			     req->account.email, &ct, &e);
	if (rc == ERR_INPUT || rc == ERR_CONFLICT)
		return web_error(req, res, rc == ERR_INPUT ? 400 : 409, "bad_field", "%s", e.msg);
	if (rc < 0)
		return rc;
	if (wants && strcmp(wants, "yes") == 0)
		return invite(req, res, &ct);
	return web_redirect(res, arena_printf(req->arena, "/clients/%s#acceptance", c.slug));
}

/* A contact of the route's client by email, else 404. */
static int
route_contact(struct web_request *req, struct web_response *res, const struct store_client *c,
	      const char *email, struct store_contact *ct)
{
	struct err e = {0};
	char lower[256];

	str_lower_copy(lower, sizeof(lower), email);
	if (store_contact_by_email(req->db, lower, ct, &e) < 0 || strcmp(ct->client_id, c->id) != 0)
		return web_error(req, res, 404, "not_found", "%s has no contact with that email.",
				 c->slug), 1;
	return 0;
}

int
web_contact_invite(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	struct store_contact ct;
	int rc;

	if ((rc = web_route_client(req, res, &c)) != 0)
		return rc < 0 ? rc : 0;
	if (route_contact(req, res, &c, http_field_get(&req->form, "email"), &ct) != 0)
		return 0;
	return invite(req, res, &ct);
}

int
web_contact_disable(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	struct store_contact ct;
	struct err e = {0};
	int rc;

	if ((rc = web_route_client(req, res, &c)) != 0)
		return rc < 0 ? rc : 0;
	if (route_contact(req, res, &c, http_field_get(&req->form, "email"), &ct) != 0)
		return 0;
	rc = store_contact_disable(req->db, &ct, req->account.email, &e);
	if (rc == ERR_CONFLICT)
		return web_error(req, res, 409, "conflict", "%s", e.msg);
	if (rc < 0)
		return rc;
	return web_redirect(res, arena_printf(req->arena, "/clients/%s#acceptance", c.slug));
}

/* After a staff record: back to the client, or the reason it was refused. */
static int
recorded(struct web_request *req, struct web_response *res, const struct store_client *c, int rc,
	 const struct err *e)
{
	if (rc == ERR_INPUT || rc == ERR_CONFLICT || rc == ERR_NOTFOUND)
		return web_error(req, res, rc == ERR_INPUT ? 400 : rc == ERR_CONFLICT ? 409 : 404,
				 "not_recorded", "%s", e->msg);
	if (rc < 0)
		return rc;
	if (req->api)
		return web_json(res, 201, json_pack("{s:b}", "recorded", 1));
	return web_redirect(res, arena_printf(req->arena, "/clients/%s#acceptance", c->slug));
}

static int
walkthrough(struct web_request *req, struct web_response *res, int64_t version,
	    const char *doc_id, const struct ev_walkthrough *w)
{
	struct store_client c;
	struct ev_actor who = staff(req);
	struct err e = {0};
	int rc;

	if ((rc = web_route_client(req, res, &c)) != 0)
		return rc < 0 ? rc : 0;
	rc = ev_record_walkthrough(req->db, &c, &who, version, doc_id, w, &e);
	return recorded(req, res, &c, rc, &e);
}

int
web_walkthrough(struct web_request *req, struct web_response *res)
{
	struct ev_walkthrough w = {http_field_get(&req->form, "explained_by"),
		http_field_get(&req->form, "attended"), http_field_get(&req->form, "notes"),
		http_field_get(&req->form, "held_on")};
	const char *doc_id = NULL;
	int64_t version;
	struct err e = {0};

	if (doc_field(http_field_get(&req->form, "doc"), &version, &doc_id, &e) < 0)
		return web_error(req, res, 400, "bad_field", "%s", e.msg);
	return walkthrough(req, res, version, doc_id, &w);
}

static int
wet_ink(struct web_request *req, struct web_response *res, int64_t version, const char *doc_id,
	const struct ev_wet_ink *w)
{
	struct store_client c;
	struct ev_actor who = staff(req);
	struct ev_key k;
	struct err e = {0};
	int rc;

	if ((rc = web_route_client(req, res, &c)) != 0)
		return rc < 0 ? rc : 0;
	if (ev_key_open(req->db, req->account.tenant_id, req->cfg->key_path, &k, &e) < 0)
		return web_error(req, res, 503, "unavailable", "The signing key cannot be opened: %s",
				 e.msg);
	rc = ev_record_wet_ink(req->db, &c, &who, version, doc_id, w, &k, &e);
	ev_key_wipe(&k);
	return recorded(req, res, &c, rc, &e);
}

int
web_wet_ink(struct web_request *req, struct web_response *res)
{
	struct ev_wet_ink w = {http_field_get(&req->form, "signer"),
		http_field_get(&req->form, "title"), http_field_get(&req->form, "signed_on"),
		req->file.content_type, req->file.data, req->file.len};
	const char *doc_id = NULL;
	int64_t version;
	struct err e = {0};

	if (doc_field(http_field_get(&req->form, "doc"), &version, &doc_id, &e) < 0)
		return web_error(req, res, 400, "bad_field", "%s", e.msg);
	if (!req->file.present || req->file.len == 0)
		return web_error(req, res, 400, "bad_field", "Attach the scanned signed copy.");
	return wet_ink(req, res, version, doc_id, &w);
}

/* GET .../:version/:doc/:file: the certificate or the signed copy. */
int
web_acceptance_file(struct web_request *req, struct web_response *res)
{
	const char *file = req->params[3];
	struct store_client c;
	struct err e = {0};
	int64_t version;
	int rc;

	if (http_int("version", req->params[1], 1, INT32_MAX, &version, &e) < 0)
		return web_error(req, res, 400, "bad_path", "%s", e.msg);
	if ((rc = web_route_client(req, res, &c)) != 0)
		return rc < 0 ? rc : 0;
	return web_certificate(req, res, &c, version, req->params[2], file);
}

int
web_certificate(struct web_request *req, struct web_response *res, const struct store_client *c,
		int64_t version, const char *doc_id, const char *file)
{
	struct store_tenant t;
	struct err e = {0};
	int rc;

	if (strcmp(file, "certificate.pdf") && strcmp(file, "signed.pdf"))
		return web_error(req, res, 404, "not_found", "There is no such file.");
	if ((rc = store_tenant_get(req->db, c->tenant_id, &t, &e)) < 0)
		return rc;
	rc = app_certificate_pdf(req->db, &t, c, version, doc_id, file[0] == 's', &res->body, &e);
	if (rc == ERR_NOTFOUND)
		return web_error(req, res, 404, "not_found", "%s", e.msg);
	if (rc < 0)
		return rc;
	res->content_type = "application/pdf";
	web_header(res, "Content-Disposition", arena_printf(req->arena, "attachment; filename=\""
		   "%s.v%lld.%s\"", doc_id, (long long)version, file));
	return 0;
}

/* ------------------------------------------------ the API */

int
api_acceptances(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	struct ev_doc_status *docs;
	struct err e = {0};
	json_t *list = json_array();
	size_t n;
	int rc;

	if ((rc = web_route_client(req, res, &c)) != 0 ||
	    (rc = ev_doc_statuses(req->db, &c, req->arena, &docs, &n, &e)) < 0) {
		json_decref(list);
		return rc < 0 ? rc : 0;
	}
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "version",
			(json_int_t)docs[i].version, "doc_id", docs[i].doc_id, "kind", docs[i].kind,
			"title", docs[i].title, "issued_at", docs[i].issued_at, "pdf_sha256",
			docs[i].pdf_sha256, "state", ev_state_name(docs[i].state), "needs_signature",
			docs[i].needs_signature);

		if (docs[i].decided_seq) {
			json_object_set_new(o, "decided_seq", json_integer(docs[i].decided_seq));
			json_object_set_new(o, "decided_at", json_string(docs[i].decided_at));
			json_object_set_new(o, "decided_by", json_string(docs[i].decided_by));
		}
		json_array_append_new(list, o);
	}
	return web_json(res, 200, json_pack("{s:o}", "acceptances", list));
}

static int
contact_json(const struct store_contact *ct, void *arg)
{
	json_array_append_new(arg, json_pack("{s:s,s:s,s:s,s:s,s:b,s:b}", "email", ct->email,
		"name", ct->name, "title", ct->title, "created_at", ct->created_at, "active",
		ct->password_hash[0] != '\0', "disabled", ct->disabled));
	return 0;
}

int
api_contacts(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	struct err e = {0};
	json_t *list = json_array();
	int rc;

	if ((rc = web_route_client(req, res, &c)) != 0 ||
	    (rc = store_contact_each(req->db, c.id, contact_json, list, &e)) < 0) {
		json_decref(list);
		return rc < 0 ? rc : 0;
	}
	return web_json(res, 200, json_pack("{s:o}", "contacts", list));
}

static json_t *
json_body(struct web_request *req, struct web_response *res)
{
	json_error_t je;
	json_t *body = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &je);

	if (!json_is_object(body)) {
		web_error(req, res, 400, "bad_json", "The body must be a JSON object%s%s",
			  body ? "" : ": ", body ? "" : je.text);
		json_decref(body);
		return NULL;
	}
	return body;
}

static const char *
field(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

int
api_contact_add(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	struct store_contact ct;
	struct err e = {0};
	json_t *body, *out;
	const char *link = NULL;
	bool mailed = false;
	int rc;

	if ((rc = web_route_client(req, res, &c)) != 0)
		return rc < 0 ? rc : 0;
	if (!(body = json_body(req, res)))
		return 0;
	rc = app_contact_add(req->db, &c, field(body, "email"), field(body, "name"),
			     field(body, "title"), req->account.email, &ct, &e);
	if (rc == 0 && json_is_true(json_object_get(body, "invite")))
		rc = app_invite(req->db, &ct, req->account.email, base_url(req), 7, req->arena, &link,
				&mailed, &e);
	json_decref(body);
	if (rc == ERR_INPUT || rc == ERR_CONFLICT)
		return web_error(req, res, rc == ERR_INPUT ? 400 : 409, "bad_field", "%s", e.msg);
	if (rc < 0 && !(rc == ERR_IO && link))
		return rc;
	out = json_pack("{s:s,s:s,s:s}", "email", ct.email, "name", ct.name, "title", ct.title);
	if (link) {
		json_object_set_new(out, "invitation", json_string(link));
		json_object_set_new(out, "emailed", json_boolean(mailed));
	}
	return web_json(res, 201, out);
}

int
api_walkthrough(struct web_request *req, struct web_response *res)
{
	json_t *body;
	int64_t version;
	struct err e = {0};
	int rc;

	if (http_int("version", req->params[1], 1, INT32_MAX, &version, &e) < 0)
		return web_error(req, res, 400, "bad_path", "%s", e.msg);
	if (!(body = json_body(req, res)))
		return 0;
	struct ev_walkthrough w = {field(body, "explained_by"), field(body, "attended"),
		field(body, "notes"), field(body, "held_on")};

	rc = walkthrough(req, res, version, req->params[2], &w);
	json_decref(body);
	return rc;
}

int
api_wet_ink(struct web_request *req, struct web_response *res)
{
	struct ev_wet_ink w = {http_field_get(&req->query, "signer"),
		http_field_get(&req->query, "title"), http_field_get(&req->query, "signed_on"),
		req->content_type, req->body, req->body_len};
	int64_t version;
	struct err e = {0};

	if (http_int("version", req->params[1], 1, INT32_MAX, &version, &e) < 0)
		return web_error(req, res, 400, "bad_path", "%s", e.msg);
	return wet_ink(req, res, version, req->params[2], &w);
}

int
api_evidence(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	struct store_tenant t;
	struct ev_key k;
	struct err e = {0};
	const char *provider, *customer;
	char dir[] = "/tmp/prudent-bundle-XXXXXX", *bytes = NULL;
	const char *path;
	size_t len = 0;
	int rc;

	if ((rc = web_route_client(req, res, &c)) != 0)
		return rc < 0 ? rc : 0;
	if ((rc = store_tenant_get(req->db, req->account.tenant_id, &t, &e)) < 0)
		return rc;
	if (ev_key_open(req->db, t.id, req->cfg->key_path, &k, &e) < 0)
		return web_error(req, res, 503, "unavailable", "The signing key cannot be opened: %s",
				 e.msg);
	/* libzip writes only files: a private directory, removed at once. */
	if (!mkdtemp(dir)) {
		ev_key_wipe(&k);
		return -1;
	}
	path = arena_printf(req->arena, "%s/bundle.zip", dir);
	if ((rc = ev_checkpoint(req->db, t.id, &k, NULL, &e)) == 0 &&
	    (rc = app_parties(req->db, &t, &c, req->arena, &provider, &customer, &e)) == 0 &&
	    (rc = ev_bundle_write(req->db, &t, &c, &k, provider, customer, path, &e)) == 0 &&
	    (rc = file_read_all(path, 1u << 30, &bytes, &len, &e)) == 0) {
		str_append(&res->body, bytes, len);
		res->content_type = "application/zip";
		web_header(res, "Content-Disposition", arena_printf(req->arena, "attachment; "
			   "filename=\"%s.evidence.zip\"", c.slug));
	}
	ev_key_wipe(&k);
	free(bytes);
	unlink(path);
	rmdir(dir);
	return rc;
}

int
api_verify(struct web_request *req, struct web_response *res)
{
	struct ev_set s;
	struct ev_report r;
	struct err e = {0};

	if (ev_load(req->db, req->account.tenant_id, req->arena, &s, &e) < 0)
		return -1;
	ev_verify(&s, &r);
	web_json(res, 200, json_pack("{s:b,s:I,s:I,s:I,s:I,s:I,s:I,s:O}", "ok", r.n_problems == 0,
		"events", (json_int_t)r.n_events, "head_seq", (json_int_t)r.head_seq,
		"checkpoints", (json_int_t)r.n_checkpoints, "signed_seq", (json_int_t)r.signed_seq,
		"documents", (json_int_t)r.n_docs, "acceptances", (json_int_t)r.n_acceptances,
		"problems", r.problems));
	ev_report_free(&r);
	return 0;
}

int
api_due(struct web_request *req, struct web_response *res)
{
	const char *within = http_field_get(&req->query, "within");
	struct app_due_item *items;
	struct err e = {0};
	json_t *list = json_array();
	int64_t days = 30;
	size_t n;

	if (within && http_int("within", within, 0, 365, &days, &e) < 0) {
		json_decref(list);
		return web_error(req, res, 400, "bad_query", "%s", e.msg);
	}
	if (app_due(req->db, req->cfg->lib, req->account.tenant_id, (int)days, req->arena, &items,
		    &n, &e) < 0) {
		json_decref(list);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "kind",
			items[i].kind, "due", items[i].due, "client", items[i].client_slug,
			"client_name", items[i].client_name, "subject_id", items[i].subject_id,
			"subject", items[i].subject, "detail", items[i].detail, "overdue",
			items[i].overdue));
	return web_json(res, 200, json_pack("{s:o}", "due", list));
}
