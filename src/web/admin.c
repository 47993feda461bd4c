/*
 * admin.c - the pages that run the MSP's account: its legal settings, and its
 * staff accounts with their API tokens.
 */
#include <stdlib.h>

#include "docs/doc.h"
#include "web/web_impl.h"

/* ------------------------------------------------ settings */

struct values {
	struct arena *arena;
	struct map map; /* key -> value */
};

static int
keep(const char *key, const char *value, const char *at, const char *by, void *arg)
{
	struct values *v = arg;

	(void)at, (void)by;
	map_put(&v->map, arena_strdup(v->arena, key), arena_strdup(v->arena, value));
	return 0;
}

/* The legal settings of the MSP (c NULL) or of one client, as a form. */
static int
settings_form(struct web_request *req, struct web_response *res, const struct store_client *c,
	      const char *message)
{
	struct values v = {req->arena, {0}};
	struct err e = {0};
	size_t n;
	const struct doc_setting_key *keys = doc_setting_keys(&n);

	if (store_setting_each(req->db, req->account.tenant_id, c ? c->id : NULL, keep, &v, &e) < 0) {
		map_free(&v.map);
		return -1;
	}
	web_page_start(req, res, "Settings");
	if (c) {
		str_puts(&res->body, "<h1>Legal settings: ");
		web_html(res, c->name);
		str_puts(&res->body, "</h1>\n<p>This client's own settings; an empty field uses the "
			 "MSP's (<a href=\"/settings\">settings</a>).</p>\n");
	} else {
		str_puts(&res->body, "<h1>Settings</h1>\n<p>The MSP's legal settings: every client's "
			 "documents use them unless the client has its own (on the client's page). "
			 "Leave a field empty to remove it.</p>\n");
	}
	if (message) {
		str_puts(&res->body, "<p class=\"error\" role=\"alert\">");
		web_html(res, message);
		str_puts(&res->body, "</p>\n");
	}
	if (c)
		str_appendf(&res->body, "<form method=\"post\" action=\"/clients/%s/settings\" "
			    "class=\"narrow\">\n", c->slug);
	else
		str_puts(&res->body, "<form method=\"post\" action=\"/settings\" class=\"narrow\">\n");
	web_csrf_field(req, res);
	for (size_t i = 0; i < n; i++) {
		if (c ? !keys[i].client : !keys[i].msp)
			continue;
		str_appendf(&res->body, "\n<label for=\"%s\">", keys[i].key);
		web_html(res, keys[i].help);
		str_appendf(&res->body, "</label>\n<input id=\"%s\" name=\"%s\" maxlength=\"200\" "
			    "value=\"", keys[i].key, keys[i].key);
		web_html(res, map_get(&v.map, keys[i].key));
		str_puts(&res->body, "\">");
	}
	str_puts(&res->body, "\n<button type=\"submit\">Save the settings</button>\n</form>\n");
	web_page_end(req, res);
	map_free(&v.map);
	return 0;
}

/* Save the posted settings of the MSP (c NULL) or a client: every value is
 * checked first, so nothing is stored unless all are good. */
static int
save_settings(struct web_request *req, struct web_response *res, const struct store_client *c)
{
	size_t n;
	const struct doc_setting_key *keys = doc_setting_keys(&n);
	struct err e = {0};
	int rc = 0;

	for (size_t i = 0; i < n; i++) {
		const char *v = (c ? keys[i].client : keys[i].msp)
					? http_field_get(&req->form, keys[i].key) : NULL;

		if (v && *v && doc_setting_check(keys[i].key, v, c != NULL, &e) < 0) {
			res->status = 400;
			return settings_form(req, res, c, e.msg);
		}
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		const char *v = (c ? keys[i].client : keys[i].msp)
					? http_field_get(&req->form, keys[i].key) : NULL;

		if (v)
			rc = store_setting_set(req->db, req->account.tenant_id, c ? c->id : NULL,
					       keys[i].key, *v ? v : NULL, req->account.email, &e);
	}
	if (rc < 0)
		return rc;
	return web_redirect(res, c ? arena_printf(req->arena, "/clients/%s", c->slug)
				   : "/settings");
}

int
web_settings_page(struct web_request *req, struct web_response *res)
{
	return settings_form(req, res, NULL, NULL);
}

int
web_settings(struct web_request *req, struct web_response *res)
{
	return save_settings(req, res, NULL);
}

/* The client named by the route's :slug; 1 after a 404. */
static int
route_client(struct web_request *req, struct web_response *res, struct store_client *c)
{
	struct err e = {0};
	int rc = store_client_get(req->db, req->account.tenant_id, req->params[0], c, &e);

	if (rc == ERR_NOTFOUND)
		return web_error(req, res, 404, "not_found", "There is no client '%.64s'.",
				 req->params[0]), 1;
	return rc;
}

int
web_client_settings_page(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	int rc = route_client(req, res, &c);

	return rc != 0 ? (rc < 0 ? rc : 0) : settings_form(req, res, &c, NULL);
}

int
web_client_settings(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	int rc = route_client(req, res, &c);

	return rc != 0 ? (rc < 0 ? rc : 0) : save_settings(req, res, &c);
}

/* ------------------------------------------------ accounts and tokens */

static const char *const roles[] = {"readonly", "technician", "admin", "owner"};

struct rows {
	struct web_response *res;
	size_t n;
};

static int
account_row(const struct store_account *a, void *arg)
{
	struct rows *x = arg;

	x->n++;
	str_puts(&x->res->body, "<tr><td>");
	web_html(x->res, a->email);
	str_appendf(&x->res->body, "</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", a->role,
		    a->created_at, a->disabled ? "disabled" : "active");
	return 0;
}

static int
users_page(struct web_request *req, struct web_response *res, const char *message,
	   const char *token)
{
	struct rows x = {res, 0};
	struct err e = {0};

	web_page_start(req, res, "Users");
	str_puts(&res->body, "<h1>Users and API tokens</h1>\n");
	if (message) {
		str_puts(&res->body, "<p class=\"error\" role=\"alert\">");
		web_html(res, message);
		str_puts(&res->body, "</p>\n");
	}
	if (token)
		str_appendf(&res->body, "<p role=\"status\">The new API token, shown once: "
			    "<code id=\"token\">%s</code>. Send it as <code>Authorization: Bearer "
			    "TOKEN</code>.</p>\n", token);
	str_puts(&res->body, "<table>\n<thead><tr><th scope=\"col\">Email</th><th scope=\"col\">"
		 "Role</th><th scope=\"col\">Added</th><th scope=\"col\">State</th></tr></thead>\n"
		 "<tbody>\n");
	if (store_account_each(req->db, req->account.tenant_id, account_row, &x, &e) < 0)
		return -1;
	str_puts(&res->body, "</tbody>\n</table>\n<h2>Add a user</h2>\n<form method=\"post\" "
		 "action=\"/users\" class=\"narrow\">\n");
	web_csrf_field(req, res);
	str_puts(&res->body, "\n<label for=\"email\">Email</label><input id=\"email\" name=\"email\" "
		 "type=\"email\" required>\n<label for=\"role\">Role</label><select id=\"role\" "
		 "name=\"role\">");
	for (size_t i = 0; i < ARRAY_LEN(roles); i++)
		str_appendf(&res->body, "<option>%s</option>", roles[i]);
	str_puts(&res->body, "</select>\n<label for=\"password\">Password (at least 12 "
		 "characters; tell them to change it)</label><input id=\"password\" name=\"password\" "
		 "type=\"password\" minlength=\"12\" autocomplete=\"new-password\" required>\n"
		 "<button type=\"submit\">Add the user</button>\n</form>\n<h2>A new API token for "
		 "you</h2>\n<form method=\"post\" action=\"/users/token\" class=\"narrow\">\n");
	web_csrf_field(req, res);
	str_puts(&res->body, "\n<label for=\"name\">What it is for</label><input id=\"name\" "
		 "name=\"name\" required maxlength=\"100\" placeholder=\"PSA integration\">\n"
		 "<button type=\"submit\">Make a token</button>\n</form>\n");
	web_page_end(req, res);
	return 0;
}

int
web_users_page(struct web_request *req, struct web_response *res)
{
	return users_page(req, res, NULL, NULL);
}

int
web_user_add(struct web_request *req, struct web_response *res)
{
	const char *email = http_field_get(&req->form, "email");
	const char *role = http_field_get(&req->form, "role");
	const char *password = http_field_get(&req->form, "password");
	char lower[256], hash[PASSWORD_HASH_LEN];
	struct store_account a;
	struct err e = {0};
	const char *at;
	int rc;

	snprintf(lower, sizeof(lower), "%s", email ? email : "");
	for (char *p = lower; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	at = strchr(lower, '@');
	res->status = 400;
	if (!at || at == lower || !strchr(at, '.') || strpbrk(lower, " <>\"'\t\r\n"))
		return users_page(req, res, "Enter a valid email address.", NULL);
	if (!role || web_role_parse(role) < 0)
		return users_page(req, res, "Choose a role.", NULL);
	/* Only an owner makes owners. */
	if (web_role_parse(role) == ROLE_OWNER && req->role != ROLE_OWNER)
		return users_page(req, res, "Only an owner can add another owner.", NULL);
	if (!password || strlen(password) < 12 || strlen(password) > 1024)
		return users_page(req, res, "The password needs 12 to 1,024 characters.", NULL);
	if (password_hash(password, hash, &e) < 0)
		return -1;
	rc = store_account_add(req->db, req->account.tenant_id, lower, role, hash,
			       req->account.email, &a, &e);
	if (rc == ERR_CONFLICT)
		return users_page(req, res, e.msg, NULL);
	if (rc < 0)
		return rc;
	res->status = 200;
	return web_redirect(res, "/users");
}

int
web_token_add(struct web_request *req, struct web_response *res)
{
	const char *name = http_field_get(&req->form, "name");
	char token[SECRET_HEX_LEN], hash[HASH_SHA256_HEX_LEN];
	struct err e = {0};
	size_t len = name ? strlen(name) : 0;

	if (len == 0 || len > 100 || strpbrk(name, "\r\n\t")) {
		res->status = 400;
		return users_page(req, res, "Name the token in one line of at most 100 bytes.", NULL);
	}
	secret_hex(token);
	hash_sha256_hex(token, strlen(token), hash);
	if (store_token_add(req->db, &req->account, hash, name, &e) < 0)
		return -1;
	return users_page(req, res, NULL, token);
}
