/*
 * auth.c - who is asking: browser sessions, API tokens, signing in and out,
 * the first-run setup of the owner's account, CSRF, and login rate limits.
 *
 * A session cookie holds 256 random bits; the database keeps their SHA-256.
 * Sessions end after 2 idle hours or 12 hours in all.  Every POST from a
 * session carries the session's CSRF token in a form field.  The login form
 * has no session yet, so it pairs a random cookie with the same value in the
 * form (a form posted from another site cannot read the cookie).  Failed
 * logins are counted per address and per account in memory; past the limit,
 * the login is refused without checking the password.
 */
#include <ctype.h>
#include <pthread.h>
#include <time.h>

#include "web/web_impl.h"

#define SESSION_COOKIE "prudent_session"
#define LOGIN_COOKIE "prudent_login"
enum {
	IDLE_SECONDS = 2 * 3600,
	ABSOLUTE_SECONDS = 12 * 3600,
	FAIL_WINDOW = 15 * 60,
	FAILS_PER_ADDRESS = 20,
	FAILS_PER_ACCOUNT = 10,
	BUCKETS = 1024,
};

/* ------------------------------------------------ rate limits */

struct bucket {
	char key[160];
	time_t start;
	unsigned fails;
};

static struct bucket buckets[BUCKETS];
static pthread_mutex_t bucket_lock = PTHREAD_MUTEX_INITIALIZER;

static struct bucket *
bucket(const char *key)
{
	uint32_t h = 2166136261u;

	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return &buckets[h % BUCKETS];
}

/* Whether key has had fewer than max failures in the current window.  Two
 * keys sharing a slot share a count: at worst an early refusal, never a
 * missed one. */
static bool
under_limit(const char *key, unsigned max)
{
	time_t now = time(NULL);
	bool ok;

	pthread_mutex_lock(&bucket_lock);
	struct bucket *b = bucket(key);
	ok = strcmp(b->key, key) != 0 || now - b->start > FAIL_WINDOW || b->fails < max;
	pthread_mutex_unlock(&bucket_lock);
	return ok;
}

static void
record_failure(const char *key)
{
	time_t now = time(NULL);

	pthread_mutex_lock(&bucket_lock);
	struct bucket *b = bucket(key);
	if (strcmp(b->key, key) != 0 || now - b->start > FAIL_WINDOW) {
		snprintf(b->key, sizeof(b->key), "%s", key);
		b->start = now;
		b->fails = 0;
	}
	b->fails++;
	pthread_mutex_unlock(&bucket_lock);
}

/* ------------------------------------------------ sessions */

/* Percent-encode everything but unreserved characters and '/'. */
static const char *
url_encode(struct arena *a, const char *s)
{
	struct str out = STR_INIT;
	const char *r;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (isalnum(c) || strchr("-._~/", c))
			str_putc(&out, (char)c);
		else
			str_appendf(&out, "%%%02X", c);
	}
	r = arena_strdup(a, str_cstr(&out));
	str_free(&out);
	return r;
}

/* A place to go after signing in: a path on this site, one line, never
 * "//host" (another site) or "/\host" (read as one by some browsers). */
static bool
safe_next(const char *next)
{
	return next && next[0] == '/' && next[1] != '/' && next[1] != '\\' &&
	       strlen(next) < 1000 && !strpbrk(next, "\r\n\t");
}

bool
web_login_allowed(struct web_request *req, const char *email)
{
	return under_limit(arena_printf(req->arena, "addr:%s", req->address), FAILS_PER_ADDRESS) &&
	       under_limit(arena_printf(req->arena, "acct:%s", email), FAILS_PER_ACCOUNT);
}

void
web_login_failed(struct web_request *req, const char *email)
{
	record_failure(arena_printf(req->arena, "addr:%s", req->address));
	record_failure(arena_printf(req->arena, "acct:%s", email));
}

int
web_login_event(struct web_request *req, const char *tenant_id, const char *client_id,
		const char *actor, const char *type, const char *key, const char *value,
		struct err *e)
{
	json_t *p = json_pack("{s:s,s:s,s:s}", key, value, "address", req->address, "user_agent",
			      req->user_agent ? req->user_agent : "");

	return store_event_commit(req->db, store_begin(req->db, e), tenant_id, client_id, actor,
				  type, p, e);
}

static const char *
cookie_attrs(const struct web_request *req)
{
	return req->tls ? "; Path=/; HttpOnly; SameSite=Lax; Secure" : "; Path=/; HttpOnly; SameSite=Lax";
}

static void
sign_in_as(struct web_request *req, const struct store_account *a)
{
	req->signed_in = true;
	req->account = *a;
	req->role = (enum web_role)web_role_parse(a->role);
}

/* Answer a request that needs someone signed in: 401 for the API, else a
 * redirect to sign in (or to set up the first account). */
static int
not_signed_in(struct web_request *req, struct web_response *res)
{
	int64_t n = 1;
	struct err e = {0};

	if (req->api) {
		web_header(res, "WWW-Authenticate", "Bearer");
		return web_error(req, res, 401, "unauthenticated", "Sign in, or send an API token as "
				 "'Authorization: Bearer TOKEN'."), 1;
	}
	store_account_count(req->db, NULL, &n, &e);
	if (n == 0)
		return web_redirect(res, "/setup"), 1;
	if (strcmp(req->method, "GET") != 0 || strcmp(req->path, "/") == 0)
		return web_redirect(res, "/login"), 1;
	return web_redirect(res, arena_printf(req->arena, "/login?next=%s",
					      url_encode(req->arena, req->path))), 1;
}

int
web_authenticate(struct web_request *req, struct web_response *res, struct err *e)
{
	const char *bearer = req->api && req->authorization ? http_bearer(req->authorization) : NULL;
	const char *cookie = http_field_get(&req->cookies, SESSION_COOKIE);
	struct store_account a;
	struct store_session s;
	int64_t now = (int64_t)time(NULL);

	if (bearer) {
		hash_sha256_hex(bearer, strlen(bearer), req->session_hash);
		if (store_token_account(req->db, req->session_hash, &a, e) == 0 && !a.disabled) {
			sign_in_as(req, &a);
			req->by_token = true;
			return 0;
		}
		return not_signed_in(req, res);
	}
	if (!cookie || strlen(cookie) != SECRET_HEX_LEN - 1)
		return not_signed_in(req, res);
	hash_sha256_hex(cookie, strlen(cookie), req->session_hash);
	if (store_session_get(req->db, req->session_hash, &s, e) < 0 || s.account.disabled ||
	    now - s.last_seen > IDLE_SECONDS || now - s.created_at > ABSOLUTE_SECONDS) {
		store_session_delete(req->db, req->session_hash, e);
		return not_signed_in(req, res);
	}
	/* Record activity at most once a minute: reads stay reads. */
	if (now - s.last_seen > 60)
		store_session_touch(req->db, req->session_hash, now, e);
	sign_in_as(req, &s.account);
	snprintf(req->csrf, sizeof(req->csrf), "%s", s.csrf);
	return 0;
}

bool
web_csrf_ok(const struct web_request *req)
{
	const char *sent = http_field_get(&req->form, "_csrf");

	return sent && req->csrf[0] && secret_equal(sent, req->csrf);
}

static int
start_session(struct web_request *req, struct web_response *res, const struct store_account *a,
	      const char *next)
{
	char token[SECRET_HEX_LEN], hash[HASH_SHA256_HEX_LEN], csrf[SECRET_HEX_LEN];
	struct err e = {0};

	secret_hex(token);
	secret_hex(csrf);
	hash_sha256_hex(token, strlen(token), hash);
	if (store_session_add(req->db, a, hash, csrf, (int64_t)time(NULL), req->address,
			      req->user_agent ? req->user_agent : "", &e) < 0 ||
	    web_login_event(req, a->tenant_id, NULL, a->email, "staff.login", "role", a->role,
			    &e) < 0)
		return -1;
	store_session_expire(req->db, (int64_t)time(NULL) - IDLE_SECONDS, &e);
	web_header(res, "Set-Cookie", arena_printf(req->arena, SESSION_COOKIE "=%s; Max-Age=%d%s",
						   token, ABSOLUTE_SECONDS, cookie_attrs(req)));
	return web_redirect(res, safe_next(next) ? next : "/");
}

/* ------------------------------------------------ pages */

/* The login form's token: the one this browser holds, or a new one in a
 * cookie.  Kept across a failed attempt, so a second try works. */
static const char *
form_token(struct web_request *req, struct web_response *res)
{
	const char *held = http_field_get(&req->cookies, LOGIN_COOKIE);
	char *token;

	if (held && strlen(held) == SECRET_HEX_LEN - 1 && strspn(held, "0123456789abcdef") ==
							    SECRET_HEX_LEN - 1)
		return held;
	token = arena_alloc(req->arena, SECRET_HEX_LEN);
	secret_hex(token);
	web_header(res, "Set-Cookie", arena_printf(req->arena, LOGIN_COOKIE "=%s%s", token,
						   cookie_attrs(req)));
	return token;
}

static void
login_form(struct web_request *req, struct web_response *res, const char *message)
{
	const char *next = http_field_get(&req->query, "next");
	const char *token = form_token(req, res);

	web_page_start(req, res, "Sign in");
	str_puts(&res->body, "<h1>Sign in</h1>\n");
	if (message) {
		str_puts(&res->body, "<p class=\"error\" role=\"alert\">");
		str_append_html(&res->body, message, strlen(message));
		str_puts(&res->body, "</p>\n");
	}
	str_appendf(&res->body, "<form method=\"post\" action=\"/login\" class=\"narrow\">\n"
		    "<input type=\"hidden\" name=\"_login\" value=\"%s\">\n"
		    "<input type=\"hidden\" name=\"next\" value=\"", token);
	if (next)
		str_append_html(&res->body, next, strlen(next));
	str_puts(&res->body, "\">\n<label for=\"email\">Email</label>\n<input id=\"email\" "
		 "name=\"email\" type=\"email\" autocomplete=\"username\" required autofocus>\n"
		 "<label for=\"password\">Password</label>\n<input id=\"password\" name=\"password\" "
		 "type=\"password\" autocomplete=\"current-password\" required>\n"
		 "<button type=\"submit\">Sign in</button>\n</form>\n");
	web_page_end(req, res);
}

int
web_login_page(struct web_request *req, struct web_response *res)
{
	login_form(req, res, NULL);
	return 0;
}

int
web_login(struct web_request *req, struct web_response *res)
{
	const char *email = http_field_get(&req->form, "email");
	const char *password = http_field_get(&req->form, "password");
	const char *sent = http_field_get(&req->form, "_login");
	const char *cookie = http_field_get(&req->cookies, LOGIN_COOKIE);
	char lower[256];
	struct store_account a;
	struct err e = {0};

	if (!sent || !cookie || !secret_equal(sent, cookie)) {
		res->status = 403;
		login_form(req, res, "The sign-in form expired. Please try again.");
		return 0;
	}
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
	if (store_account_by_email(req->db, lower, &a, &e) < 0 || a.disabled ||
	    !password_verify(a.password_hash, password)) {
		web_login_failed(req, lower);
		res->status = 401;
		login_form(req, res, "That email and password do not match an account.");
		return 0;
	}
	return start_session(req, res, &a, http_field_get(&req->form, "next"));
}

int
web_logout(struct web_request *req, struct web_response *res)
{
	struct err e = {0};

	store_session_delete(req->db, req->session_hash, &e);
	web_header(res, "Set-Cookie", arena_printf(req->arena, SESSION_COOKIE "=; Max-Age=0%s",
						   cookie_attrs(req)));
	return web_redirect(res, "/login");
}

/* ------------------------------------------------ first run */

static bool
has_accounts(struct web_request *req)
{
	int64_t n = 1;
	struct err e = {0};

	store_account_count(req->db, NULL, &n, &e);
	return n > 0;
}

static void
setup_form(struct web_request *req, struct web_response *res, const char *message)
{
	const char *token = form_token(req, res);

	web_page_start(req, res, "Set up Prudent");
	str_puts(&res->body, "<h1>Set up Prudent</h1>\n<p>Create the owner's account. The owner "
		 "can add everyone else.</p>\n");
	if (message) {
		str_puts(&res->body, "<p class=\"error\" role=\"alert\">");
		str_append_html(&res->body, message, strlen(message));
		str_puts(&res->body, "</p>\n");
	}
	str_appendf(&res->body, "<form method=\"post\" action=\"/setup\" class=\"narrow\">\n"
		    "<input type=\"hidden\" name=\"_login\" value=\"%s\">\n"
		    "<label for=\"email\">Your email</label>\n<input id=\"email\" name=\"email\" "
		    "type=\"email\" autocomplete=\"username\" required autofocus>\n"
		    "<label for=\"password\">Password (at least 12 characters)</label>\n"
		    "<input id=\"password\" name=\"password\" type=\"password\" minlength=\"12\" "
		    "autocomplete=\"new-password\" required>\n<button type=\"submit\">Create the "
		    "owner's account</button>\n</form>\n", token);
	web_page_end(req, res);
}

int
web_setup_page(struct web_request *req, struct web_response *res)
{
	if (has_accounts(req))
		return web_redirect(res, "/login");
	setup_form(req, res, NULL);
	return 0;
}

int
web_setup(struct web_request *req, struct web_response *res)
{
	const char *email = http_field_get(&req->form, "email");
	const char *password = http_field_get(&req->form, "password");
	const char *sent = http_field_get(&req->form, "_login");
	const char *cookie = http_field_get(&req->cookies, LOGIN_COOKIE);
	char lower[256], hash[PASSWORD_HASH_LEN];
	struct store_tenant t;
	struct store_account a;
	struct err e = {0};

	if (has_accounts(req))
		return web_error(req, res, 409, "conflict", "Prudent is set up already; sign in.");
	if (!sent || !cookie || !secret_equal(sent, cookie)) {
		res->status = 403;
		setup_form(req, res, "The form expired. Please try again.");
		return 0;
	}
	str_lower_copy(lower, sizeof(lower), email);
	if (!email_valid(lower)) {
		res->status = 400;
		setup_form(req, res, "Enter a valid email address.");
		return 0;
	}
	if (!password || strlen(password) < 12 || strlen(password) > 1024) {
		res->status = 400;
		setup_form(req, res, "The password needs 12 to 1,024 characters.");
		return 0;
	}
	if (store_tenant_default(req->db, &t, &e) < 0)
		return web_error(req, res, 500, "no_tenant", "%s", e.msg);
	if (password_hash(password, hash, &e) < 0 ||
	    store_account_add(req->db, t.id, lower, "owner", hash, "first-run setup", &a, &e) < 0)
		return web_error(req, res, 409, "conflict", "%s", e.msg);
	return start_session(req, res, &a, "/");
}
