/*
 * portal.c - the acceptance portal: where a client's contact reads what
 * awaits acceptance, agrees to do business electronically, initials each
 * clause that needs it, signs or refuses, and downloads the signed copy.
 *
 * A contact signs in with the password set from a single-use invitation; the
 * session is a separate cookie from staff sessions, and every handler here
 * works on the contact's own client only (its id comes from the session,
 * never from the address).  Every step is an event (src/evidence/accept.c).
 * The pages need no script and read on a phone.
 */
#include <cmark-gfm.h>
#include <stdlib.h>
#include <time.h>

#include "web/web_impl.h"

#define PORTAL_COOKIE "prudent_portal"
enum { IDLE_SECONDS = 2 * 3600, ABSOLUTE_SECONDS = 12 * 3600, MIN_PASSWORD = 12 };

static const char *
cookie_attrs(const struct web_request *req)
{
	return req->tls ? "; Path=/portal; HttpOnly; SameSite=Lax; Secure"
			: "; Path=/portal; HttpOnly; SameSite=Lax";
}

static struct ev_actor
actor(const struct web_request *req)
{
	return (struct ev_actor){.actor = req->contact.email, .contact_id = req->contact.id,
		.name = req->contact.name, .title = req->contact.title, .address = req->address,
		.user_agent = req->user_agent ? req->user_agent : "",
		.auth = "email invitation, then password (client portal)"};
}

int
web_portal_authenticate(struct web_request *req, struct web_response *res, struct err *e)
{
	const char *cookie = http_field_get(&req->cookies, PORTAL_COOKIE);
	struct store_portal_session s;
	int64_t now = (int64_t)time(NULL);

	if (!cookie || strlen(cookie) != SECRET_HEX_LEN - 1) {
		web_redirect(res, "/portal/login");
		return 1;
	}
	hash_sha256_hex(cookie, strlen(cookie), req->session_hash);
	if (store_portal_session_get(req->db, req->session_hash, &s, e) < 0 || s.contact.disabled ||
	    now - s.last_seen > IDLE_SECONDS || now - s.created_at > ABSOLUTE_SECONDS ||
	    store_client_get(req->db, s.contact.tenant_id, s.contact.client_id, &req->client,
			     e) < 0) {
		store_portal_session_delete(req->db, req->session_hash, e);
		web_redirect(res, "/portal/login");
		return 1;
	}
	if (now - s.last_seen > 60)
		store_portal_session_touch(req->db, req->session_hash, now, e);
	req->portal = true;
	req->contact = s.contact;
	snprintf(req->csrf, sizeof(req->csrf), "%s", s.csrf);
	return 0;
}

static int
start_session(struct web_request *req, struct web_response *res, const struct store_contact *ct)
{
	char token[SECRET_HEX_LEN], hash[HASH_SHA256_HEX_LEN], csrf[SECRET_HEX_LEN];
	struct err e = {0};

	secret_hex(token);
	secret_hex(csrf);
	hash_sha256_hex(token, strlen(token), hash);
	if (store_portal_session_add(req->db, ct, hash, csrf, (int64_t)time(NULL), req->address,
				     req->user_agent ? req->user_agent : "", &e) < 0 ||
	    web_login_event(req, ct->tenant_id, ct->client_id, ct->email, "portal.login", "contact",
			    ct->id, &e) < 0)
		return -1;
	web_header(res, "Set-Cookie", arena_printf(req->arena, PORTAL_COOKIE "=%s; Max-Age=%d%s",
						   token, ABSOLUTE_SECONDS, cookie_attrs(req)));
	return web_redirect(res, "/portal");
}

static void
message(struct web_response *res, const char *cls, const char *text)
{
	if (!text)
		return;
	str_appendf(&res->body, "<p class=\"%s\" role=\"%s\">", cls,
		    strcmp(cls, "error") == 0 ? "alert" : "status");
	web_html(res, text);
	str_puts(&res->body, "</p>\n");
}

/* ------------------------------------------------ signing in */

static void
login_form(struct web_request *req, struct web_response *res, const char *error)
{
	web_page_start(req, res, "Client portal");
	str_puts(&res->body, "<h1>Client portal</h1>\n<p>Sign in to review and accept the documents "
		 "your IT provider sent you.</p>\n");
	message(res, "error", error);
	str_puts(&res->body, "<form method=\"post\" action=\"/portal/login\" class=\"narrow\">\n"
		 "<label for=\"email\">Email</label>\n<input id=\"email\" name=\"email\" "
		 "type=\"email\" autocomplete=\"username\" required autofocus>\n"
		 "<label for=\"password\">Password</label>\n<input id=\"password\" name=\"password\" "
		 "type=\"password\" autocomplete=\"current-password\" required>\n"
		 "<button type=\"submit\">Sign in</button>\n</form>\n<p class=\"note\">First time? "
		 "Use the link in your invitation to set a password.</p>\n");
	web_page_end(req, res);
}

int
web_portal_login_page(struct web_request *req, struct web_response *res)
{
	login_form(req, res, NULL);
	return 0;
}

int
web_portal_login(struct web_request *req, struct web_response *res)
{
	const char *email = http_field_get(&req->form, "email");
	const char *password = http_field_get(&req->form, "password");
	struct store_contact ct;
	struct err e = {0};
	char lower[256];

	if (!email || !password || !*email || !*password) {
		res->status = 400;
		login_form(req, res, "Enter your email and password.");
		return 0;
	}
	str_lower_copy(lower, sizeof(lower), email);
	if (!web_login_allowed(req, lower)) {
		res->status = 429;
		web_header(res, "Retry-After", "900");
		login_form(req, res, "Too many failed sign-ins. Wait 15 minutes and try again.");
		return 0;
	}
	if (store_contact_by_email(req->db, lower, &ct, &e) < 0 || ct.disabled ||
	    !ct.password_hash[0] || !password_verify(ct.password_hash, password)) {
		web_login_failed(req, lower);
		res->status = 401;
		login_form(req, res, "That email and password do not match.");
		return 0;
	}
	return start_session(req, res, &ct);
}

int
web_portal_logout(struct web_request *req, struct web_response *res)
{
	struct err e = {0};

	store_portal_session_delete(req->db, req->session_hash, &e);
	web_header(res, "Set-Cookie", arena_printf(req->arena, PORTAL_COOKIE "=; Max-Age=0%s",
						   cookie_attrs(req)));
	return web_redirect(res, "/portal/login");
}

static void
invite_form(struct web_request *req, struct web_response *res, const struct store_contact *ct,
	    const char *error)
{
	web_page_start(req, res, "Set your password");
	str_puts(&res->body, "<h1>Welcome, ");
	web_html(res, ct->name);
	str_puts(&res->body, "</h1>\n<p>Choose a password for the client portal. You will use it "
		 "with your email, ");
	web_html(res, ct->email);
	str_puts(&res->body, ", to sign in.</p>\n");
	message(res, "error", error);
	str_puts(&res->body, "<form method=\"post\" class=\"narrow\">\n<label for=\"password\">"
		 "Password (at least 12 characters)</label>\n<input id=\"password\" name=\"password\" "
		 "type=\"password\" autocomplete=\"new-password\" minlength=\"12\" required>\n"
		 "<label for=\"again\">The same password again</label>\n<input id=\"again\" "
		 "name=\"again\" type=\"password\" autocomplete=\"new-password\" required>\n"
		 "<button type=\"submit\">Set password and continue</button>\n</form>\n");
	web_page_end(req, res);
}

static int
invite_contact(struct web_request *req, struct web_response *res, struct store_contact *ct)
{
	char hash[HASH_SHA256_HEX_LEN];
	struct err e = {0};
	const char *token = req->params[0];

	if (strlen(token) != SECRET_HEX_LEN - 1 ||
	    store_invite_contact(req->db, hash_sha256_hex(token, strlen(token), hash),
				 (int64_t)time(NULL), ct, &e) < 0) {
		web_error(req, res, 404, "invitation_invalid", "This invitation link has been used, "
			  "has expired, or is not valid. Ask your IT provider for a new one.");
		return 1;
	}
	return 0;
}

int
web_portal_invite_page(struct web_request *req, struct web_response *res)
{
	struct store_contact ct;

	if (invite_contact(req, res, &ct) == 0)
		invite_form(req, res, &ct, NULL);
	return 0;
}

int
web_portal_invite(struct web_request *req, struct web_response *res)
{
	const char *password = http_field_get(&req->form, "password");
	const char *again = http_field_get(&req->form, "again");
	char hash[HASH_SHA256_HEX_LEN], pw[PASSWORD_HASH_LEN];
	struct store_contact ct;
	struct err e = {0};

	if (invite_contact(req, res, &ct) != 0)
		return 0;
	if (!password || strlen(password) < MIN_PASSWORD || strlen(password) > 256) {
		res->status = 400;
		invite_form(req, res, &ct, "The password must have 12 to 256 characters.");
		return 0;
	}
	if (!again || strcmp(password, again) != 0) {
		res->status = 400;
		invite_form(req, res, &ct, "The two passwords are not the same.");
		return 0;
	}
	if (password_hash(password, pw, &e) < 0)
		return -1;
	hash_sha256_hex(req->params[0], strlen(req->params[0]), hash);
	if (store_invite_use(req->db, hash, (int64_t)time(NULL), pw, &ct, &e) < 0)
		return web_error(req, res, 404, "invitation_invalid", "This invitation link has "
				 "been used or has expired. Ask your IT provider for a new one.");
	return start_session(req, res, &ct);
}

/* ------------------------------------------------ consent */

static int
consent_page(struct web_request *req, struct web_response *res, const char *error)
{
	struct ev_progress p;
	struct err e = {0};
	const char *next = http_field_get(&req->query, "next");

	if (ev_progress(req->db, &req->client, req->contact.id, 0, "", &p, &e) < 0)
		return -1;
	web_page_start(req, res, "Doing business electronically");
	str_puts(&res->body, "<h1>Doing business electronically</h1>\n");
	message(res, "error", error);
	str_puts(&res->body, "<div class=\"consent\">\n");
	{
		char *html = cmark_markdown_to_html(ev_consent_text, strlen(ev_consent_text),
						    CMARK_OPT_DEFAULT);

		str_puts(&res->body, html);
		free(html);
	}
	str_puts(&res->body, "</div>\n");
	if (p.consent_seq) {
		str_puts(&res->body, "<p class=\"ok\" role=\"status\">You have agreed to this.</p>\n"
			 "<form method=\"post\" action=\"/portal/consent/withdraw\">");
		web_csrf_field(req, res);
		str_puts(&res->body, "<button type=\"submit\" class=\"secondary\">Withdraw my "
			 "consent</button></form>\n");
	} else {
		str_puts(&res->body, "<form method=\"post\" action=\"/portal/consent\" class=\"narrow\">");
		web_csrf_field(req, res);
		str_puts(&res->body, "<input type=\"hidden\" name=\"next\" value=\"");
		if (next && next[0] == '/' && next[1] != '/')
			web_html(res, next);
		str_puts(&res->body, "\">\n<label class=\"check\"><input type=\"checkbox\" "
			 "name=\"agree\" value=\"yes\" required> I agree to do business "
			 "electronically with my IT provider, as described above.</label>\n"
			 "<button type=\"submit\">I agree</button>\n</form>\n");
	}
	str_puts(&res->body, "<p><a href=\"/portal\">Back to your documents</a></p>\n");
	web_page_end(req, res);
	ev_progress_free(&p);
	return 0;
}

int
web_portal_consent_page(struct web_request *req, struct web_response *res)
{
	return consent_page(req, res, NULL);
}

int
web_portal_consent(struct web_request *req, struct web_response *res)
{
	const char *agree = http_field_get(&req->form, "agree");
	const char *next = http_field_get(&req->form, "next");
	struct ev_actor who = actor(req);
	struct err e = {0};

	if (!agree || strcmp(agree, "yes") != 0) {
		res->status = 400;
		return consent_page(req, res, "Tick the box to agree, or ask your IT provider for "
				    "paper copies instead.");
	}
	if (ev_record_consent(req->db, &req->client, &who, &e) < 0)
		return -1;
	return web_redirect(res, next && next[0] == '/' && next[1] != '/' &&
			    strncmp(next, "/portal", 7) == 0 ? next : "/portal");
}

int
web_portal_withdraw(struct web_request *req, struct web_response *res)
{
	struct ev_actor who = actor(req);
	struct err e = {0};

	if (ev_record_withdrawal(req->db, &req->client, &who, &e) < 0)
		return -1;
	return web_redirect(res, "/portal/consent");
}

/* ------------------------------------------------ documents */

static const char *
doc_url(struct web_request *req, const struct ev_doc_status *d)
{
	return arena_printf(req->arena, "/portal/documents/%lld/%s", (long long)d->version,
			    d->doc_id);
}

int
web_portal_home(struct web_request *req, struct web_response *res)
{
	struct ev_doc_status *list;
	struct ev_progress p;
	struct err e = {0};
	size_t n, waiting = 0;

	if (ev_doc_statuses(req->db, &req->client, req->arena, &list, &n, &e) < 0 ||
	    ev_progress(req->db, &req->client, req->contact.id, 0, "", &p, &e) < 0)
		return -1;
	web_page_start(req, res, "Your documents");
	str_puts(&res->body, "<h1>Documents for ");
	web_html(res, req->client.legal_name[0] ? req->client.legal_name : req->client.name);
	str_puts(&res->body, "</h1>\n");
	if (!p.consent_seq)
		str_puts(&res->body, "<p class=\"notice\">Before you can accept documents here, "
			 "<a href=\"/portal/consent\">agree to do business electronically</a> (or ask "
			 "your IT provider for paper copies).</p>\n");
	for (size_t i = 0; i < n; i++)
		waiting += list[i].state == EV_AWAITING || list[i].state == EV_AWAITING_COPY;
	str_appendf(&res->body, "<h2>Waiting for you (%zu)</h2>\n", waiting);
	if (!waiting)
		str_puts(&res->body, "<p>Nothing is waiting for you.</p>\n");
	str_puts(&res->body, "<ul class=\"docs\">\n");
	for (size_t i = 0; i < n; i++) {
		if (list[i].state != EV_AWAITING && list[i].state != EV_AWAITING_COPY)
			continue;
		str_appendf(&res->body, "<li><a href=\"%s\">", doc_url(req, &list[i]));
		web_html(res, list[i].title);
		str_appendf(&res->body, "</a> <span class=\"meta\">version %lld, sent %.10s</span></li>\n",
			    (long long)list[i].version, list[i].issued_at);
	}
	str_puts(&res->body, "</ul>\n<h2>All documents</h2>\n<div class=\"scroll\"><table>\n"
		 "<thead><tr><th scope=\"col\">"
		 "Document</th><th scope=\"col\">Version</th><th scope=\"col\">Status</th>"
		 "<th scope=\"col\">Files</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		str_appendf(&res->body, "<tr><td><a href=\"%s\">", doc_url(req, &list[i]));
		web_html(res, list[i].title);
		str_appendf(&res->body, "</a></td><td>%lld</td><td>%s", (long long)list[i].version,
			    ev_state_name(list[i].state));
		if (list[i].decided_at && (list[i].state == EV_SIGNED || list[i].state == EV_REFUSED))
			str_appendf(&res->body, " %.10s", list[i].decided_at);
		str_appendf(&res->body, "</td><td><a href=\"%s/document.pdf\">PDF</a>",
			    doc_url(req, &list[i]));
		if (list[i].state == EV_SIGNED || list[i].state == EV_REFUSED)
			str_appendf(&res->body, " · <a href=\"%s/signed.pdf\">%s copy</a> · <a "
				    "href=\"%s/certificate.pdf\">certificate</a>", doc_url(req, &list[i]),
				    list[i].state == EV_SIGNED ? "signed" : "refused",
				    doc_url(req, &list[i]));
		str_puts(&res->body, "</td></tr>\n");
	}
	str_puts(&res->body, "</tbody>\n</table></div>\n<p class=\"note\"><a href=\"/portal/consent\">"
		 "Doing business electronically</a>: read it again, or withdraw your consent.</p>\n");
	web_page_end(req, res);
	ev_progress_free(&p);
	return 0;
}

/* The route's document (params :version and :doc) of the contact's client:
 * 0, or 1 after answering 404. */
static int
route_doc(struct web_request *req, struct web_response *res, struct ev_doc_status *out)
{
	struct ev_doc_status *list;
	struct err e = {0};
	char *end;
	int64_t version = strtoll(req->params[0], &end, 10);
	size_t n;

	if (*end || version < 1 || ev_doc_statuses(req->db, &req->client, req->arena, &list, &n,
						   &e) < 0)
		return web_error(req, res, 404, "not_found", "There is no such document."), 1;
	for (size_t i = 0; i < n; i++)
		if (list[i].version == version && strcmp(list[i].doc_id, req->params[1]) == 0) {
			*out = list[i];
			return 0;
		}
	return web_error(req, res, 404, "not_found", "There is no such document."), 1;
}

static void
markdown(struct web_response *res, const char *md)
{
	char *html = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_DEFAULT);

	str_puts(&res->body, html);
	free(html);
}

/* The fragment id of a mark's box: "m-" and the id with anything but
 * letters and digits as '-'. */
static const char *
mark_anchor(struct arena *a, const char *id)
{
	char *out = arena_printf(a, "m-%.70s", id);

	for (char *p = out + 2; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			*p = '-';
	return out;
}

/* One mark: done (with who and when), or a form to initial it. */
static void
mark_box(struct web_request *req, struct web_response *res, const struct ev_doc_status *d,
	 json_t *m, json_t *done, bool can_act)
{
	const char *id = json_string_value(json_object_get(m, "id"));
	const char *label = json_string_value(json_object_get(m, "label"));
	json_t *x = json_object_get(done, id);
	const char *anchor = mark_anchor(req->arena, id);

	str_appendf(&res->body, "<div class=\"mark%s\" id=\"%s\">", x ? " done" : "", anchor);
	if (label && *label) {
		str_puts(&res->body, "<div class=\"label\">");
		markdown(res, label);
		str_puts(&res->body, "</div>");
	}
	if (x) {
		str_puts(&res->body, "<p class=\"ok\">Initialled <strong>");
		web_html(res, json_string_value(json_object_get(x, "initials")));
		str_appendf(&res->body, "</strong> on %.10s at %.5s UTC</p>",
			    json_string_value(json_object_get(x, "at")),
			    json_string_value(json_object_get(x, "at")) + 11);
	} else if (can_act) {
		str_appendf(&res->body, "<form method=\"post\" action=\"%s/initial\" class=\"inline\">",
			    doc_url(req, d));
		web_csrf_field(req, res);
		str_puts(&res->body, "<input type=\"hidden\" name=\"mark\" value=\"");
		web_html(res, id);
		str_appendf(&res->body, "\"><label for=\"i%s\">Your initials</label> <input "
			    "id=\"i%s\" name=\"initials\" size=\"5\" maxlength=\"12\" required "
			    "autocomplete=\"off\"> <button type=\"submit\">Initial</button></form>",
			    anchor, anchor);
	} else {
		str_puts(&res->body, "<p class=\"meta\">Not initialled.</p>");
	}
	str_puts(&res->body, "</div>\n");
}

static int
document_page(struct web_request *req, struct web_response *res, const char *error)
{
	struct ev_doc_status d;
	struct ev_progress p = {0};
	struct ev_actor who = actor(req);
	struct err e = {0};
	json_t *clauses = NULL, *c, *m;
	size_t i, j, missing = 0;
	bool can_act;

	if (route_doc(req, res, &d) != 0)
		return 0;
	if (ev_clauses(req->db, &req->client, d.version, d.doc_id, &clauses, &e) < 0 ||
	    ev_progress(req->db, &req->client, req->contact.id, d.version, d.doc_id, &p, &e) < 0)
		goto fail;
	if (!p.viewed_seq && strcmp(req->method, "GET") == 0 &&
	    ev_record_view(req->db, &req->client, &who, d.version, d.doc_id, &e) < 0)
		goto fail;
	can_act = d.needs_signature && p.consent_seq &&
		  (d.state == EV_AWAITING || d.state == EV_AWAITING_COPY);
	web_page_start(req, res, d.title);
	str_puts(&res->body, "<p><a href=\"/portal\">← Your documents</a></p>\n<h1>");
	web_html(res, d.title);
	str_appendf(&res->body, "</h1>\n<p class=\"meta\">Version %lld, sent %.10s. Status: <strong>"
		    "%s</strong>. <a href=\"%s/document.pdf\">Download the PDF</a> (SHA-256 "
		    "<code>%.16s…</code>).</p>\n", (long long)d.version, d.issued_at,
		    ev_state_name(d.state), doc_url(req, &d), d.pdf_sha256);
	message(res, "error", error);
	if (d.state == EV_SIGNED || d.state == EV_REFUSED)
		str_appendf(&res->body, "<p class=\"ok\" role=\"status\">%s on %.10s. <a href=\"%s/"
			    "signed.pdf\">Download the %s copy</a> · <a href=\"%s/certificate.pdf\">"
			    "Certificate of completion</a></p>\n", d.state == EV_SIGNED ? "Signed"
			    : "Refused", d.decided_at, doc_url(req, &d), d.state == EV_SIGNED
			    ? "signed" : "refused", doc_url(req, &d));
	else if (d.state == EV_SUPERSEDED)
		str_puts(&res->body, "<p class=\"notice\">A newer version of this document was sent; "
			 "accept that one instead.</p>\n");
	else if (d.needs_signature && !p.consent_seq)
		str_appendf(&res->body, "<p class=\"notice\">To initial and sign here, first <a "
			    "href=\"/portal/consent?next=%s\">agree to do business electronically"
			    "</a>.</p>\n", doc_url(req, &d));
	json_array_foreach(json_object_get(clauses, "clauses"), i, c) {
		const char *number = json_string_value(json_object_get(c, "number"));
		const char *plain = json_string_value(json_object_get(c, "plain"));

		str_puts(&res->body, "<section class=\"clause\">\n<h2>");
		if (number && *number) {
			web_html(res, number);
			str_putc(&res->body, ' ');
		}
		web_html(res, json_string_value(json_object_get(c, "title")));
		str_puts(&res->body, "</h2>\n<div class=\"legal\">");
		markdown(res, json_string_value(json_object_get(c, "legal")));
		str_puts(&res->body, "</div>\n");
		if (plain && *plain) {
			str_puts(&res->body, "<div class=\"plain\"><p class=\"label\">In plain words</p>");
			markdown(res, plain);
			str_puts(&res->body, "</div>\n");
		}
		json_array_foreach(json_object_get(c, "marks"), j, m) {
			mark_box(req, res, &d, m, p.initialled, can_act);
			missing += !json_object_get(p.initialled,
						    json_string_value(json_object_get(m, "id")));
		}
		str_puts(&res->body, "</section>\n");
	}
	if (can_act) {
		str_puts(&res->body, "<section class=\"sign\" id=\"sign\">\n<h2>Sign</h2>\n");
		if (missing)
			str_appendf(&res->body, "<p class=\"notice\">Initial the %zu item%s above that "
				    "still need%s your initials, then sign here.</p>\n", missing,
				    missing == 1 ? "" : "s", missing == 1 ? "s" : "");
		str_appendf(&res->body, "<form method=\"post\" action=\"%s/sign\" class=\"narrow\">",
			    doc_url(req, &d));
		web_csrf_field(req, res);
		str_puts(&res->body, "\n<label class=\"check\"><input type=\"checkbox\" name=\"attest\" "
			 "value=\"yes\" required> I am authorised to sign this document for, and to "
			 "bind, ");
		web_html(res, req->client.legal_name[0] ? req->client.legal_name : req->client.name);
		str_puts(&res->body, ".</label>\n<label for=\"name\">Your full name</label>\n<input "
			 "id=\"name\" name=\"name\" autocomplete=\"name\" required value=\"");
		web_html(res, req->contact.name);
		str_puts(&res->body, "\">\n<label for=\"title\">Your title</label>\n<input id=\"title\" "
			 "name=\"title\" autocomplete=\"organization-title\" required value=\"");
		web_html(res, req->contact.title);
		str_puts(&res->body, "\">\n<p class=\"note\">Typing your name and pressing Sign has "
			 "the same effect as signing by hand.</p>\n<button type=\"submit\">Sign</button>"
			 "\n</form>\n</section>\n<section class=\"refuse\">\n<h2>Refuse</h2>\n");
		str_appendf(&res->body, "<form method=\"post\" action=\"%s/refuse\" class=\"narrow\">",
			    doc_url(req, &d));
		web_csrf_field(req, res);
		str_puts(&res->body, "\n<label for=\"reason\">If you do not accept this document, "
			 "tell your IT provider why</label>\n<textarea id=\"reason\" name=\"reason\" "
			 "rows=\"3\" maxlength=\"2000\" required></textarea>\n<button type=\"submit\" "
			 "class=\"secondary\">Refuse</button>\n</form>\n</section>\n");
	}
	web_page_end(req, res);
	ev_progress_free(&p);
	json_decref(clauses);
	return 0;
fail:
	ev_progress_free(&p);
	json_decref(clauses);
	return -1;
}

int
web_portal_document(struct web_request *req, struct web_response *res)
{
	return document_page(req, res, NULL);
}

/* After a refused step: the page again with the reason (4xx), or a failure. */
static int
step_failed(struct web_request *req, struct web_response *res, int rc, const struct err *e)
{
	if (rc != ERR_INPUT && rc != ERR_CONFLICT && rc != ERR_NOTFOUND)
		return -1;
	str_clear(&res->body);
	res->status = rc == ERR_CONFLICT ? 409 : rc == ERR_NOTFOUND ? 404 : 400;
	return document_page(req, res, e->msg);
}

int
web_portal_initial(struct web_request *req, struct web_response *res)
{
	struct ev_doc_status d;
	struct ev_actor who = actor(req);
	struct err e = {0};
	const char *mark = http_field_get(&req->form, "mark");
	int rc;

	if (route_doc(req, res, &d) != 0)
		return 0;
	rc = ev_record_initial(req->db, &req->client, &who, d.version, d.doc_id, mark ? mark : "",
			       http_field_get(&req->form, "initials"), &e);
	if (rc < 0)
		return step_failed(req, res, rc, &e);
	/* Back to the place on the page, not its top. */
	return web_redirect(res, arena_printf(req->arena, "%s#%s", doc_url(req, &d),
					      mark_anchor(req->arena, mark ? mark : "")));
}

static int
decide(struct web_request *req, struct web_response *res, bool sign)
{
	struct ev_doc_status d;
	struct ev_actor who = actor(req);
	struct ev_key k;
	struct err e = {0};
	const char *attest = http_field_get(&req->form, "attest");
	int rc;

	if (route_doc(req, res, &d) != 0)
		return 0;
	if ((rc = ev_key_open(req->db, req->contact.tenant_id, req->cfg->key_path, &k, &e)) < 0) {
		log_msg(LOG_ERROR, "portal: cannot sign: %s", e.msg);
		return web_error(req, res, 503, "unavailable", "Signing is unavailable right now; "
				 "your IT provider has been told. Please try again later.");
	}
	if (sign) {
		struct ev_signature sig = {http_field_get(&req->form, "name"),
			http_field_get(&req->form, "title"), attest && strcmp(attest, "yes") == 0};

		rc = ev_record_signature(req->db, &req->client, &who, d.version, d.doc_id, &sig, &k,
					 NULL, &e);
	} else {
		rc = ev_record_refusal(req->db, &req->client, &who, d.version, d.doc_id,
				       http_field_get(&req->form, "reason"), &k, &e);
	}
	ev_key_wipe(&k);
	if (rc < 0)
		return step_failed(req, res, rc, &e);
	return web_redirect(res, doc_url(req, &d));
}

int
web_portal_sign(struct web_request *req, struct web_response *res)
{
	return decide(req, res, true);
}

int
web_portal_refuse(struct web_request *req, struct web_response *res)
{
	return decide(req, res, false);
}

/* The document's PDF as issued, its signed copy, or its certificate. */
int
web_portal_file(struct web_request *req, struct web_response *res)
{
	struct ev_doc_status d;
	struct err e = {0};
	const char *file = req->params[2];
	char *bytes = NULL;
	size_t len = 0;
	int rc;

	if (route_doc(req, res, &d) != 0)
		return 0;
	if (strcmp(file, "document.pdf") == 0) {
		if ((rc = store_doc_file(req->db, &req->client, d.version, d.doc_id, "pdf", &bytes,
					 &len, &e)) < 0)
			return rc;
		str_append(&res->body, bytes, len);
		free(bytes);
	} else {
		return web_certificate(req, res, &req->client, d.version, d.doc_id, file);
	}
	res->content_type = "application/pdf";
	web_header(res, "Content-Disposition", arena_printf(req->arena, "attachment; filename=\""
		   "%s.v%lld.%s\"", d.doc_id, (long long)d.version, file));
	return 0;
}
