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

/* The standard-of-care floor: the frameworks every client gets. */
static void
floor_form(struct web_request *req, struct web_response *res)
{
	struct store_record rec = {0};
	struct err e = {0};
	json_t *list = NULL, *x;
	size_t i;

	str_puts(&res->body, "<h2>Standard-of-care floor</h2>\n<p>The frameworks every client "
		 "gets, whatever binds it: framework ids, each with its variant, such as "
		 "<code>nist-csf-2.0 cis-controls-v8.1:ig=1</code>.</p>\n<form method=\"post\" "
		 "action=\"/settings/floor\" class=\"narrow\">\n");
	web_csrf_field(req, res);
	str_puts(&res->body, "\n<label for=\"floor\">Floor</label><input id=\"floor\" "
		 "name=\"floor\" value=\"");
	if (store_policy_current(req->db, req->account.tenant_id, &rec, &e) == 0)
		list = json_loads(rec.data, 0, NULL);
	json_array_foreach(list, i, x) {
		const char *key;
		json_t *val;
		bool first = true;

		str_puts(&res->body, i ? " " : "");
		web_html(res, json_string_value(json_object_get(x, "framework")));
		json_object_foreach(json_object_get(x, "variant"), key, val) {
			str_puts(&res->body, first ? ":" : ",");
			first = false;
			web_html(res, key);
			str_putc(&res->body, '=');
			web_html(res, json_string_value(val));
		}
	}
	json_decref(list);
	store_record_clear(&rec);
	str_puts(&res->body, "\" placeholder=\"the library's: nist-csf-2.0 cis-controls-v8.1:ig=1\">\n"
		 "<button type=\"submit\">Save the floor</button>\n</form>\n");
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
	if (!c)
		floor_form(req, res);
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

int
web_client_settings_page(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	int rc = web_route_client(req, res, &c);

	return rc != 0 ? (rc < 0 ? rc : 0) : settings_form(req, res, &c, NULL);
}

int
web_client_settings(struct web_request *req, struct web_response *res)
{
	struct store_client c;
	int rc = web_route_client(req, res, &c);

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
	int rc;

	str_lower_copy(lower, sizeof(lower), email);
	res->status = 400;
	if (!email_valid(lower))
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

/* ------------------------------------------------ services and the floor */

int
web_services_page(struct web_request *req, struct web_response *res)
{
	const struct lib_service **cat;
	size_t n;
	struct err e = {0};

	if (app_catalogue(req->db, req->cfg->lib, req->account.tenant_id, req->arena, &cat, &n,
			  &e) < 0)
		return web_error(req, res, 409, "bad_catalogue", "%s", e.msg);
	web_page_start(req, res, "Services");
	str_puts(&res->body, "<h1>Services</h1>\n<p>The services the MSP sells: the library's, "
		 "replaced or extended by the MSP's own versions. Each says which safeguards it "
		 "carries, wholly or shared.</p>\n<table>\n<thead><tr><th scope=\"col\">Service</th>"
		 "<th scope=\"col\">Id</th><th scope=\"col\">Safeguards</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		str_appendf(&res->body, "<tr><td><a href=\"/services/%s\">", cat[i]->id);
		web_html(res, cat[i]->name);
		str_appendf(&res->body, "</a></td><td><code>%s</code></td><td>%zu</td></tr>\n",
			    cat[i]->id, cat[i]->n_covers);
	}
	str_puts(&res->body, "</tbody>\n</table>\n");
	web_page_end(req, res);
	return 0;
}

static int
service_form(struct web_request *req, struct web_response *res, const char *id,
	     const char *text, const struct eng_problems *problems, const char *message)
{
	web_page_start(req, res, "Service");
	str_puts(&res->body, "<h1>Service <code>");
	web_html(res, id);
	str_puts(&res->body, "</code></h1>\n<p>The definition in JSON (the format of the "
		 "library's <code>services/</code>: name, description, and covers: each safeguard "
		 "with coverage <code>msp</code> or <code>shared</code> and the two parts). Saving "
		 "under a new id adds a service; saving adds a version, and the newest counts.</p>\n");
	if (message) {
		str_puts(&res->body, "<div class=\"error\" role=\"alert\"><p>");
		web_html(res, message);
		str_puts(&res->body, "</p>");
		for (size_t i = 0; problems && i < problems->n_lines; i++) {
			str_puts(&res->body, i ? "<br>" : "<p>");
			web_html(res, problems->lines[i]);
		}
		str_puts(&res->body, problems && problems->n_lines ? "</p></div>\n" : "</div>\n");
	}
	str_appendf(&res->body, "<form method=\"post\" action=\"/services/%s\" class=\"wide\">\n", id);
	web_csrf_field(req, res);
	str_puts(&res->body, "\n<label for=\"id\">Id</label><input id=\"id\" name=\"id\" value=\"");
	web_html(res, id);
	str_puts(&res->body, "\" pattern=\"[a-z0-9-]+\">\n<label for=\"definition\">Definition"
		 "</label>\n<textarea id=\"definition\" name=\"definition\" rows=\"24\">");
	web_html(res, text);
	str_puts(&res->body, "</textarea>\n<button type=\"submit\">Save</button>\n</form>\n");
	web_page_end(req, res);
	return 0;
}

int
web_service_page(struct web_request *req, struct web_response *res)
{
	const struct lib_service **cat;
	size_t n;
	struct err e = {0};
	char *text;
	json_t *def;

	if (app_catalogue(req->db, req->cfg->lib, req->account.tenant_id, req->arena, &cat, &n,
			  &e) < 0)
		return web_error(req, res, 409, "bad_catalogue", "%s", e.msg);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(cat[i]->id, req->params[0]) != 0)
			continue;
		def = app_service_json(cat[i], NULL);
		text = json_dumps(def, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		json_decref(def);
		service_form(req, res, cat[i]->id, text, NULL, NULL);
		free(text);
		return 0;
	}
	return web_error(req, res, 404, "not_found", "There is no service '%.64s'.", req->params[0]);
}

int
web_service_save(struct web_request *req, struct web_response *res)
{
	const char *id = http_field_get(&req->form, "id");
	const char *text = http_field_get(&req->form, "definition");
	struct eng_problems problems = {0};
	json_error_t je;
	json_t *def;
	struct err e = {0};
	size_t covers;
	int rc, version;

	if (!id || !*id || strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") != strlen(id) ||
	    strlen(id) > 64) {
		res->status = 400;
		return service_form(req, res, req->params[0], text ? text : "", NULL,
				    "The id is lower-case letters, digits and hyphens (at most 64).");
	}
	if (!text || !(def = json_loads(text, JSON_REJECT_DUPLICATES, &je)) || !json_is_object(def)) {
		res->status = 400;
		return service_form(req, res, id, text ? text : "", NULL,
				    "The definition is not a JSON object.");
	}
	rc = app_service_save(req->db, req->cfg->lib, req->account.tenant_id, id, def,
			      req->account.email, req->arena, &problems, &version, &covers, &e);
	json_decref(def);
	if (rc == ERR_INPUT) {
		res->status = 400;
		return service_form(req, res, id, text, &problems, e.msg);
	}
	return rc < 0 ? rc : web_redirect(res, arena_printf(req->arena, "/services/%s", id));
}

int
web_floor(struct web_request *req, struct web_response *res)
{
	const char *text = http_field_get(&req->form, "floor");
	const char *specs[32];
	char *copy, *save = NULL;
	size_t n = 0, n_fw;
	json_t *floor;
	struct err e = {0};
	char *json;
	int rc, version;

	copy = arena_strdup(req->arena, text ? text : "");
	for (char *w = strtok_r(copy, " \t,", &save); w && n < ARRAY_LEN(specs);
	     w = strtok_r(NULL, " \t,", &save))
		specs[n++] = w;
	if (n == 0 || (rc = app_floor_from_specs(req->cfg->lib, specs, n, req->arena, &floor, &n_fw,
						 &e)) < 0) {
		res->status = 400;
		return settings_form(req, res, NULL, n ? e.msg : "Name at least one framework for the "
				     "floor, such as nist-csf-2.0 cis-controls-v8.1:ig=1.");
	}
	json = json_dumps(floor, JSON_COMPACT);
	rc = store_policy_set(req->db, req->account.tenant_id, json, req->account.email, &version, &e);
	free(json);
	json_decref(floor);
	return rc < 0 ? rc : web_redirect(res, "/settings");
}
