/*
 * server.c - libmicrohttpd underneath the application: connections, limits,
 * routing, security headers, the access log, and shutdown on a signal.
 *
 * A request is handled in three steps the way libmicrohttpd calls us: the
 * first call only sets up the connection's state (queueing a response there
 * would lose keep-alive), middle calls collect the body up to the limit, and
 * the last call routes, authenticates and answers.  Each worker thread keeps
 * its own database connection (SQLite connections are not shared between
 * threads); a request's memory is one arena, freed when it completes.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <time.h>

#include "web/web_impl.h"

static const struct web_config *config;
static pthread_key_t db_key;

/* What one connection's current request has gathered so far. */
struct pending {
	struct arena *arena;
	struct str body;
	bool too_large;
	struct timespec start;
};

static const char *const role_names[] = {"readonly", "technician", "admin", "owner"};

int
web_role_parse(const char *name)
{
	for (int i = 0; i < ROLE__MAX; i++)
		if (strcmp(name, role_names[i]) == 0)
			return i;
	return -1;
}

static void
close_db(void *db)
{
	store_close(db);
}

/* This thread's database connection, opened on first use. */
static struct store *
thread_db(struct err *e)
{
	struct store *db = pthread_getspecific(db_key);

	if (!db && store_open(config->db_path, 0, &db, e) == 0)
		pthread_setspecific(db_key, db);
	return db;
}

/* ------------------------------------------------ responses */

void
web_header(struct web_response *res, const char *name, const char *value)
{
	if (res->n_headers < WEB_MAX_HEADERS) {
		res->headers[res->n_headers][0] = name;
		res->headers[res->n_headers][1] = value;
		res->n_headers++;
	}
}

int
web_json(struct web_response *res, unsigned status, json_t *body)
{
	char *text = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER);

	res->status = status;
	res->content_type = "application/json";
	str_clear(&res->body);
	str_puts(&res->body, text ? text : "null");
	str_putc(&res->body, '\n');
	free(text);
	json_decref(body);
	return 0;
}

int
web_redirect(struct web_response *res, const char *location)
{
	res->status = 303;
	web_header(res, "Location", location);
	return 0;
}

int
web_error(struct web_request *req, struct web_response *res, unsigned status, const char *code,
	  const char *fmt, ...)
{
	struct str msg = STR_INIT;
	va_list ap;

	va_start(ap, fmt);
	str_vappendf(&msg, fmt, ap);
	va_end(ap);
	if (req->api) {
		web_json(res, status, json_pack("{s:{s:s, s:s}}", "error", "code", code, "message",
						str_cstr(&msg)));
	} else {
		str_clear(&res->body);
		web_page_start(req, res, "Something went wrong");
		str_puts(&res->body, "<h1>Sorry</h1>\n<p class=\"error\">");
		str_append_html(&res->body, msg.buf ? msg.buf : "", msg.len);
		str_puts(&res->body, strncmp(req->path, "/portal", 7) == 0
			 ? "</p>\n<p><a href=\"/portal\">Back to your documents</a></p>\n"
			 : "</p>\n<p><a href=\"/\">Back to the dashboard</a></p>\n");
		web_page_end(req, res);
		res->status = status;
	}
	str_free(&msg);
	return 0;
}

/* ------------------------------------------------ routing */

/* Match path against pattern; fill the :params.  libmicrohttpd has already
 * percent-decoded the path (so "%2F" arrived as '/' and matches nothing);
 * a parameter must be UTF-8 text without control characters. */
static bool
match(struct web_request *req, const char *pattern, bool *bad)
{
	const char *p = pattern, *s = req->path;

	req->n_params = 0;
	while (*p && *s) {
		size_t pl = strcspn(p + 1, "/") + 1, sl = strcspn(s + 1, "/") + 1;

		if (p[1] == ':') {
			if (sl < 2 || req->n_params == WEB_MAX_PARAMS)
				return false;
			for (size_t i = 1; i < sl; i++)
				if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
					*bad = true;
			if (*bad || !utf8_valid(s + 1, sl - 1))
				return *bad = true, false;
			req->params[req->n_params++] = arena_strndup(req->arena, s + 1, sl - 1);
		} else if (pl != sl || memcmp(p, s, pl) != 0) {
			return false;
		}
		p += pl;
		s += sl;
	}
	return *p == '\0' && *s == '\0';
}

static const struct web_route *
route(struct web_request *req, bool *wrong_method, bool *bad)
{
	const char *method = strcmp(req->method, "HEAD") == 0 ? "GET" : req->method;

	*wrong_method = false;
	for (size_t i = 0; i < web_n_routes; i++) {
		if (!match(req, web_routes[i].pattern, bad)) {
			if (*bad)
				return NULL;
			continue;
		}
		if (strcmp(web_routes[i].method, method) == 0)
			return &web_routes[i];
		*wrong_method = true;
	}
	return NULL;
}

/* ------------------------------------------------ one request */

struct arg_ctx {
	struct web_request *req;
	bool bad;
};

/* libmicrohttpd has decoded the query string: keep each pair if it is valid
 * UTF-8 without controls. */
static enum MHD_Result
query_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct arg_ctx *x = cls;
	struct http_fields *q = &x->req->query;

	(void)kind;
	value = value ? value : "";
	if (q->n == HTTP_MAX_FIELDS || !utf8_valid(key, strlen(key)) ||
	    !utf8_valid(value, strlen(value))) {
		x->bad = true;
		return MHD_NO;
	}
	for (const char *p = value; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t') {
			x->bad = true;
			return MHD_NO;
		}
	if (!q->v)
		q->v = arena_array(x->req->arena, HTTP_MAX_FIELDS, sizeof(*q->v));
	q->v[q->n].name = arena_strdup(x->req->arena, key);
	q->v[q->n].value = arena_strdup(x->req->arena, value);
	q->n++;
	return MHD_YES;
}

static const char *
header(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

static const char *
peer(struct MHD_Connection *c, struct arena *a)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char buf[INET6_ADDRSTRLEN] = "?";

	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;

		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
				  buf, sizeof(buf));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
				  buf, sizeof(buf));
	}
	return arena_strdup(a, buf);
}

/* Scanned signed copies may be larger than any other body. */
static size_t
body_limit(const char *url)
{
	size_t n = strlen(url);

	if (n > 8 && strcmp(url + n - 8, "/wet-ink") == 0 && config->max_body < WEB_MAX_SCAN)
		return WEB_MAX_SCAN;
	return config->max_body;
}

/* After a write: sign a checkpoint of the event log when one is due. */
static void
checkpoint_due(struct web_request *req)
{
	const char *tenant = req->portal ? req->contact.tenant_id
			     : req->signed_in ? req->account.tenant_id : NULL;
	struct err e = {0};

	if (tenant && config->key_path &&
	    ev_checkpoint_due(req->db, tenant, config->key_path, &e) < 0)
		log_msg(LOG_WARN, "no checkpoint was signed: %s", e.msg);
}

/* Route, authenticate, check role and CSRF, and run the handler. */
static void
handle(struct web_request *req, struct web_response *res, struct pending *k)
{
	const struct web_route *r;
	bool wrong_method, bad = false;
	struct err e = {0};

	if (k->too_large) {
		web_error(req, res, 413, "too_large", "The request body is larger than %zu bytes.",
			  body_limit(req->path));
		return;
	}
	if (!(req->db = thread_db(&e))) {
		web_error(req, res, 503, "unavailable", "The database cannot be opened.");
		return;
	}
	if (req->content_type && strncmp(req->content_type, "application/x-www-form-urlencoded",
					 33) == 0 &&
	    http_parse_form(req->body, req->body_len, req->arena, &req->form, &e) < 0) {
		web_error(req, res, 400, "bad_form", "%s", e.msg);
		return;
	}
	if (req->content_type && strncmp(req->content_type, "multipart/form-data", 19) == 0 &&
	    http_parse_multipart(req->content_type, req->body, req->body_len, req->arena,
				 &req->form, &req->file, &e) < 0) {
		web_error(req, res, 400, "bad_form", "%s", e.msg);
		return;
	}
	r = route(req, &wrong_method, &bad);
	if (bad) {
		web_error(req, res, 400, "bad_path", "A part of the address holds a control "
			  "character or is not UTF-8.");
		return;
	}
	if (!r) {
		if (wrong_method) {
			web_header(res, "Allow", "GET, POST");
			web_error(req, res, 405, "method_not_allowed", "%s is not allowed here.",
				  req->method);
		} else {
			web_error(req, res, 404, "not_found", "There is no page at this address.");
		}
		return;
	}
	if (r->min_role == ROLE_PORTAL) {
		if (web_portal_authenticate(req, res, &e) != 0)
			return; /* a redirect to the portal's sign-in */
		if (strcmp(req->method, "POST") == 0 && !web_csrf_ok(req)) {
			web_error(req, res, 403, "csrf", "The form is out of date or did not come from "
				  "this site; reload the page and try again.");
			return;
		}
	} else if (r->min_role >= 0) {
		if (web_authenticate(req, res, &e) != 0)
			return; /* it answered: a redirect to sign in, or 401 */
		if ((int)req->role < r->min_role) {
			web_error(req, res, 403, "forbidden", "Your role (%s) cannot do this; it needs "
				  "%s or above.", role_names[req->role], role_names[r->min_role]);
			return;
		}
		if (strcmp(req->method, "POST") == 0 && !req->by_token && !web_csrf_ok(req)) {
			web_error(req, res, 403, "csrf", "The form is out of date or did not come from "
				  "this site; reload the page and try again.");
			return;
		}
	}
	if (r->fn(req, res) < 0)
		web_error(req, res, 500, "internal", "Something failed inside Prudent.");
	else if (strcmp(req->method, "POST") == 0 && res->status < 400)
		checkpoint_due(req);
}

static enum MHD_Result
send_response(struct MHD_Connection *c, struct web_request *req, struct web_response *res)
{
	struct MHD_Response *m = MHD_create_response_from_buffer(res->body.len,
		res->body.buf ? res->body.buf : (char *)"", MHD_RESPMEM_MUST_COPY);
	char csp[256];
	enum MHD_Result ok;

	if (!m)
		return MHD_NO;
	snprintf(csp, sizeof(csp), "default-src 'none'; style-src 'self'; img-src 'self' data:; "
		 "script-src 'nonce-%s'; connect-src 'self'; form-action 'self'; "
		 "frame-ancestors 'none'; base-uri 'none'", req->nonce);
	MHD_add_response_header(m, "Content-Type", res->content_type ? res->content_type
								       : "text/html; charset=utf-8");
	MHD_add_response_header(m, "Content-Security-Policy", csp);
	MHD_add_response_header(m, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(m, "X-Frame-Options", "DENY");
	MHD_add_response_header(m, "Referrer-Policy", "same-origin");
	if (req->tls)
		MHD_add_response_header(m, "Strict-Transport-Security", "max-age=31536000");
	bool cache = false;

	for (size_t i = 0; i < res->n_headers; i++) {
		MHD_add_response_header(m, res->headers[i][0], res->headers[i][1]);
		cache |= strcmp(res->headers[i][0], "Cache-Control") == 0;
	}
	/* Pages and API answers hold client data: never kept by a cache. */
	if (!cache)
		MHD_add_response_header(m, "Cache-Control", "no-store");
	ok = MHD_queue_response(c, res->status, m);
	MHD_destroy_response(m);
	return ok;
}

static void
access_log(const struct web_request *req, const struct web_response *res,
	   const struct pending *k)
{
	struct timespec end;
	char now[TIME_RFC3339_LEN], path[201];
	double ms;
	size_t i;

	if (!config->access_log)
		return;
	/* A decoded path can hold a line break: never let it forge a log line. */
	for (i = 0; i < sizeof(path) - 1 && req->path[i]; i++)
		path[i] = (unsigned char)req->path[i] < 0x20 || req->path[i] == '"' ? '?' : req->path[i];
	path[i] = '\0';
	clock_gettime(CLOCK_MONOTONIC, &end);
	ms = (double)(end.tv_sec - k->start.tv_sec) * 1e3 +
	     (double)(end.tv_nsec - k->start.tv_nsec) / 1e6;
	/* One fprintf per line: stdio locks the stream, so lines never mix. */
	fprintf(config->access_log, "%s %s \"%s %s\" %u %zu %.1fms %s\n", time_now_rfc3339(now),
		req->address, req->method, path, res->status, res->body.len, ms,
		req->signed_in ? req->account.email : "-");
	fflush(config->access_log);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
	   const char *version, const char *upload_data, size_t *upload_size, void **state)
{
	struct pending *k = *state;
	struct web_request req = {0};
	struct web_response res = {.status = 200};
	struct arg_ctx args = {&req, false};
	const union MHD_ConnectionInfo *tls;
	enum MHD_Result ok;

	(void)cls, (void)version;
	if (!k) {
		k = xcalloc(1, sizeof(*k));
		k->arena = arena_new();
		clock_gettime(CLOCK_MONOTONIC, &k->start);
		*state = k;
		return MHD_YES;
	}
	if (*upload_size) {
		if (k->body.len + *upload_size > body_limit(url))
			k->too_large = true;
		else
			str_append(&k->body, upload_data, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	req.cfg = config;
	req.arena = k->arena;
	req.method = method;
	req.path = url;
	req.api = strncmp(url, "/api/", 5) == 0;
	req.body = k->body.buf ? k->body.buf : "";
	req.body_len = k->body.len;
	req.content_type = header(c, MHD_HTTP_HEADER_CONTENT_TYPE);
	req.user_agent = header(c, MHD_HTTP_HEADER_USER_AGENT);
	req.host = header(c, MHD_HTTP_HEADER_HOST);
	req.authorization = header(c, MHD_HTTP_HEADER_AUTHORIZATION);
	req.address = peer(c, k->arena);
	tls = MHD_get_connection_info(c, MHD_CONNECTION_INFO_PROTOCOL);
	req.tls = config->tls_cert && tls;
	secret_hex(req.nonce);
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, query_arg, &args);
	if (!utf8_valid(url, strlen(url)) || strpbrk(url, "\r\n"))
		web_error(&req, &res, 400, "bad_path", "The address is not valid UTF-8 text on one "
			  "line.");
	else if (args.bad)
		web_error(&req, &res, 400, "bad_query", "The query string has a field that is not "
			  "valid UTF-8 text, or more than %d fields.", HTTP_MAX_FIELDS);
	else if (http_parse_cookies(header(c, MHD_HTTP_HEADER_COOKIE), k->arena, &req.cookies,
				    &(struct err){0}) < 0)
		web_error(&req, &res, 400, "bad_cookie", "The request has too many cookies.");
	else
		handle(&req, &res, k);
	ok = send_response(c, &req, &res);
	access_log(&req, &res, k);
	str_free(&res.body);
	return ok;
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **state,
	     enum MHD_RequestTerminationCode why)
{
	struct pending *k = *state;

	(void)cls, (void)c, (void)why;
	if (!k)
		return;
	str_free(&k->body);
	arena_free(k->arena);
	free(k);
	*state = NULL;
}

/* libmicrohttpd's own messages (a refused connection, a TLS failure), on
 * stderr.  The format is libmicrohttpd's, never a request's. */
static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fputs("prudent serve: ", stderr);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	vfprintf(stderr, fmt, ap);
#pragma GCC diagnostic pop
}

/* ------------------------------------------------ the daemon */

int
web_serve(const struct web_config *c, struct err *e)
{
	struct sockaddr_storage ss = {0};
	struct sockaddr_in *v4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&ss;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
	char *cert = NULL, *key = NULL;
	size_t len;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	sigset_t sigs;
	int sig, rc = 0;

	config = c;
	if (inet_pton(AF_INET, c->bind, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)c->port);
	} else if (inet_pton(AF_INET6, c->bind, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)c->port);
		flags |= MHD_USE_IPv6;
	} else {
		return err_set(e, ERR_INPUT, "--bind takes an IPv4 or IPv6 address, not '%.64s'",
			       c->bind);
	}
	if (c->tls_cert || c->tls_key) {
		if (!c->tls_cert || !c->tls_key)
			return err_set(e, ERR_INPUT, "TLS needs both --tls-cert and --tls-key");
		if ((rc = file_read_all(c->tls_cert, 1 << 20, &cert, &len, e)) < 0 ||
		    (rc = file_read_all(c->tls_key, 1 << 20, &key, &len, e)) < 0) {
			free(cert);
			return rc;
		}
		flags |= MHD_USE_TLS;
	}
	/* Signals go to sigwait below, never to a worker thread: block them
	 * before any thread starts. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	pthread_key_create(&db_key, close_db);
	web_cache_init();
	d = MHD_start_daemon(flags, (uint16_t)c->port, NULL, NULL, on_request, NULL,
			     MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, /* first, to catch all */
			     MHD_OPTION_SOCK_ADDR, &ss,
			     MHD_OPTION_THREAD_POOL_SIZE, c->threads,
			     MHD_OPTION_CONNECTION_LIMIT, c->max_connections,
			     MHD_OPTION_CONNECTION_TIMEOUT, c->timeout,
			     MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
			     /* Without TLS the list ends here. */
			     cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert,
			     MHD_OPTION_HTTPS_MEM_KEY, key,
			     MHD_OPTION_END);
	if (!d) {
		rc = err_set(e, ERR_IO, "cannot serve on %s port %u (in use, or not an address of "
			     "this machine?)", c->bind, c->port);
		goto done;
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	if (c->ready) {
		fprintf(c->ready, "Listening on %s://%s%s%s:%u/\n", cert ? "https" : "http",
			flags & MHD_USE_IPv6 ? "[" : "", c->bind, flags & MHD_USE_IPv6 ? "]" : "",
			info ? info->port : c->port);
		fflush(c->ready);
	}
	while (sigwait(&sigs, &sig) != 0)
		;
	if (c->ready) {
		fprintf(c->ready, "Stopping: finishing the requests in flight.\n");
		fflush(c->ready);
	}
	MHD_stop_daemon(d);
done:
	web_cache_free();
	pthread_key_delete(db_key);
	if (key)
		secret_wipe(key, strlen(key));
	free(cert);
	free(key);
	return rc;
}
