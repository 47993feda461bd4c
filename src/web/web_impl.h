/*
 * web_impl.h - what the files of src/web/ share: a request as the handlers see
 * it, the response they fill, the route table and the roles.
 */
#ifndef PRUDENT_WEB_IMPL_H
#define PRUDENT_WEB_IMPL_H

#include <jansson.h>

#include "app/app.h"
#include "store/store.h"
#include "web/http.h"
#include "web/web.h"

/* Roles, weakest first: a route names the weakest that may use it.  Portal
 * routes are for a client's contacts, never staff; public ones for anyone. */
enum web_role { ROLE_READONLY, ROLE_TECHNICIAN, ROLE_ADMIN, ROLE_OWNER, ROLE__MAX };
enum { ROLE_PUBLIC = -1, ROLE_PORTAL = -2 };
int web_role_parse(const char *name);

enum { WEB_MAX_PARAMS = 4, WEB_MAX_SCAN = 20 << 20 /* bytes of a scanned signed copy */ };

struct web_request {
	const struct web_config *cfg;
	struct arena *arena;
	struct store *db;            /* this worker thread's connection */
	const char *method, *path;   /* path without the query string */
	struct http_fields query, form, cookies;
	struct http_file file;       /* a multipart form's uploaded file */
	const char *content_type, *user_agent, *authorization, *address, *host;
	const char *body;
	size_t body_len;
	bool tls;
	bool api;                    /* under /api/: JSON errors, bearer tokens */
	const char *params[WEB_MAX_PARAMS]; /* the route's :name segments, decoded */
	size_t n_params;
	/* Who is asking (after authentication). */
	bool signed_in;
	bool by_token;               /* an API token, not a browser session */
	struct store_account account;
	enum web_role role;
	char session_hash[HASH_SHA256_HEX_LEN];
	/* A client's contact signed in to the portal (routes of ROLE_PORTAL). */
	bool portal;
	struct store_contact contact;
	struct store_client client;  /* the contact's client */
	char csrf[65];
	char nonce[SECRET_HEX_LEN];  /* for this response's Content-Security-Policy */
};

enum { WEB_MAX_HEADERS = 6 };

struct web_response {
	unsigned status;
	const char *content_type;
	struct str body;
	const char *headers[WEB_MAX_HEADERS][2];
	size_t n_headers;
};

void web_header(struct web_response *res, const char *name, const char *value);

/* JSON bodies; web_json takes the reference. */
int web_json(struct web_response *res, unsigned status, json_t *body);
/* An error: {"error":{"code","message"}} for the API, a page for people.
 * code is a short machine word ("not_found"); returns 0 (the response is
 * made). */
int web_error(struct web_request *req, struct web_response *res, unsigned status,
	      const char *code, const char *fmt, ...) PRINTF_LIKE(5, 6);
int web_redirect(struct web_response *res, const char *location);

/* A route: METHOD and a pattern whose ":name" segments match one segment. */
struct web_route {
	const char *method, *pattern;
	int (*fn)(struct web_request *req, struct web_response *res);
	int min_role;     /* an enum web_role, or -1 for a route open to everyone */
	const char *summary; /* for the OpenAPI document (API routes) */
};

extern const struct web_route web_routes[];
extern const size_t web_n_routes;

/* Authentication and sessions (auth.c). */
int web_authenticate(struct web_request *req, struct web_response *res, struct err *e);
bool web_csrf_ok(const struct web_request *req);
/* Sign-in limits shared by staff and portal logins: false past 20 failures
 * from the address or 10 for the email in 15 minutes. */
bool web_login_allowed(struct web_request *req, const char *email);
void web_login_failed(struct web_request *req, const char *email);
/* Record a sign-in as an event: who, from where, with what browser, and
 * key=value (the role, or the contact). */
int web_login_event(struct web_request *req, const char *tenant_id, const char *client_id,
		    const char *actor, const char *type, const char *key, const char *value,
		    struct err *e);
int web_login_page(struct web_request *req, struct web_response *res);
int web_login(struct web_request *req, struct web_response *res);
int web_logout(struct web_request *req, struct web_response *res);
int web_setup_page(struct web_request *req, struct web_response *res);
int web_setup(struct web_request *req, struct web_response *res);

/* The acceptance portal (portal.c). */
int web_portal_authenticate(struct web_request *req, struct web_response *res, struct err *e);
int web_portal_home(struct web_request *req, struct web_response *res);
int web_portal_login_page(struct web_request *req, struct web_response *res);
int web_portal_login(struct web_request *req, struct web_response *res);
int web_portal_logout(struct web_request *req, struct web_response *res);
int web_portal_invite_page(struct web_request *req, struct web_response *res);
int web_portal_invite(struct web_request *req, struct web_response *res);
int web_portal_consent_page(struct web_request *req, struct web_response *res);
int web_portal_consent(struct web_request *req, struct web_response *res);
int web_portal_withdraw(struct web_request *req, struct web_response *res);
int web_portal_document(struct web_request *req, struct web_response *res);
int web_portal_initial(struct web_request *req, struct web_response *res);
int web_portal_sign(struct web_request *req, struct web_response *res);
int web_portal_refuse(struct web_request *req, struct web_response *res);
int web_portal_file(struct web_request *req, struct web_response *res);

/* Contacts and acceptances, for staff (acceptance.c). */
void web_acceptance_section(struct web_request *req, struct web_response *res,
			    const struct store_client *c);
int web_contact_add(struct web_request *req, struct web_response *res);
int web_contact_invite(struct web_request *req, struct web_response *res);
int web_contact_disable(struct web_request *req, struct web_response *res);
int web_walkthrough(struct web_request *req, struct web_response *res);
int web_wet_ink(struct web_request *req, struct web_response *res);
int web_acceptance_file(struct web_request *req, struct web_response *res);
/* Answer with a document's certificate.pdf or signed.pdf (404 for other
 * names, or when it was neither signed nor refused). */
int web_certificate(struct web_request *req, struct web_response *res, const struct store_client *c,
		    int64_t version, const char *doc_id, const char *file);
int api_acceptances(struct web_request *req, struct web_response *res);
int api_contacts(struct web_request *req, struct web_response *res);
int api_contact_add(struct web_request *req, struct web_response *res);
int api_walkthrough(struct web_request *req, struct web_response *res);
int api_wet_ink(struct web_request *req, struct web_response *res);
int api_evidence(struct web_request *req, struct web_response *res);
int api_verify(struct web_request *req, struct web_response *res);
int api_due(struct web_request *req, struct web_response *res);

/* Pages (pages.c) and the API (api.c).  Text from data always goes through
 * web_html; every form of a session carries web_csrf_field. */
void web_html(struct web_response *res, const char *s);
void web_csrf_field(struct web_request *req, struct web_response *res);
void web_page_start(struct web_request *req, struct web_response *res, const char *title);
void web_page_end(struct web_request *req, struct web_response *res);
int web_dashboard(struct web_request *req, struct web_response *res);
int web_clients_page(struct web_request *req, struct web_response *res);
int web_client_page(struct web_request *req, struct web_response *res);
int web_client_document(struct web_request *req, struct web_response *res);
int web_library_page(struct web_request *req, struct web_response *res);
int web_framework_page(struct web_request *req, struct web_response *res);
int web_crosswalk_page(struct web_request *req, struct web_response *res);
int web_safeguards_page(struct web_request *req, struct web_response *res);
int web_asset(struct web_request *req, struct web_response *res);
int web_intake_page(struct web_request *req, struct web_response *res);
int web_intake(struct web_request *req, struct web_response *res);
int web_matrix_change(struct web_request *req, struct web_response *res);
int web_services_change(struct web_request *req, struct web_response *res);
void web_services_form(struct web_request *req, struct web_response *res,
		       const struct app_client_view *v);
int web_settings_page(struct web_request *req, struct web_response *res);
int web_settings(struct web_request *req, struct web_response *res);
int web_client_settings_page(struct web_request *req, struct web_response *res);
int web_client_settings(struct web_request *req, struct web_response *res);
int web_users_page(struct web_request *req, struct web_response *res);
int web_services_page(struct web_request *req, struct web_response *res);
int web_service_page(struct web_request *req, struct web_response *res);
int web_service_save(struct web_request *req, struct web_response *res);
int web_floor(struct web_request *req, struct web_response *res);
int web_user_add(struct web_request *req, struct web_response *res);
int web_token_add(struct web_request *req, struct web_response *res);
int api_changes(struct web_request *req, struct web_response *res);
int api_profiles(struct web_request *req, struct web_response *res);
int api_issued_file(struct web_request *req, struct web_response *res);
int web_client_rename(struct web_request *req, struct web_response *res);
int web_client_archive(struct web_request *req, struct web_response *res);
void web_client_admin_form(struct web_request *req, struct web_response *res,
			   const struct store_client *c);
int web_matrix_xlsx(struct web_request *req, struct web_response *res);
int api_services(struct web_request *req, struct web_response *res);
int api_service_save(struct web_request *req, struct web_response *res);
int api_policy(struct web_request *req, struct web_response *res);
int api_policy_set(struct web_request *req, struct web_response *res);
int api_change_add(struct web_request *req, struct web_response *res);
void web_matrix_form(struct web_request *req, struct web_response *res,
		     const struct app_client_view *v);

int api_clients(struct web_request *req, struct web_response *res);
int api_client_add(struct web_request *req, struct web_response *res);
int api_client(struct web_request *req, struct web_response *res);
int api_obligations(struct web_request *req, struct web_response *res);
int api_matrix(struct web_request *req, struct web_response *res);
int api_documents(struct web_request *req, struct web_response *res);
int api_document(struct web_request *req, struct web_response *res);
int api_issue(struct web_request *req, struct web_response *res);
int api_frameworks(struct web_request *req, struct web_response *res);
int api_framework(struct web_request *req, struct web_response *res);
int api_safeguards(struct web_request *req, struct web_response *res);
int api_crosswalk(struct web_request *req, struct web_response *res);
int api_openapi(struct web_request *req, struct web_response *res);

/* Answers kept until the client's data changes (cache.c): big ones (matrix
 * and obligations JSON) and small ones (a client's row on the dashboard). */
enum web_cache_kind { WEB_CACHE_BIG, WEB_CACHE_SMALL, WEB_CACHE__MAX };
void web_cache_init(void);
void web_cache_free(void);
/* Append the entry for key to out if it was made at stamp. */
bool web_cache_get(enum web_cache_kind kind, const char *key, const char *stamp, struct str *out);
void web_cache_put(enum web_cache_kind kind, const char *key, const char *stamp, const char *body,
		   size_t len);

/* The client named by the route's first parameter, in the signed-in
 * account's tenant: 0, or 1 after answering 404 (another tenant's client is
 * not found, so existence does not leak), or a negative error. */
int web_route_client(struct web_request *req, struct web_response *res, struct store_client *c);

/* A client of the signed-in account's tenant, loaded with its matrix; a
 * client of another tenant is not found (404), so existence does not leak.
 * Returns 0, or 1 after making an error response. */
int web_client_view(struct web_request *req, struct web_response *res, const char *slug,
		    struct app_client_view *view);

#endif
