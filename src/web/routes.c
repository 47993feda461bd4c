/*
 * routes.c - every page and API route with the weakest role that may use it,
 * and the OpenAPI document, made from the same table so the two cannot
 * disagree.
 */
#include "web/web_impl.h"

static int
web_client_issue(struct web_request *req, struct web_response *res)
{
	int rc = api_issue(req, res);

	if (rc == 0 && res->status == 201) {
		str_clear(&res->body);
		return web_redirect(res, arena_printf(req->arena, "/clients/%s", req->params[0]));
	}
	return rc;
}

#define PUBLIC ROLE_PUBLIC
#define PORTAL ROLE_PORTAL

const struct web_route web_routes[] = {
	/* Pages */
	{"GET", "/", web_dashboard, ROLE_READONLY, NULL},
	{"GET", "/login", web_login_page, PUBLIC, NULL},
	{"POST", "/login", web_login, PUBLIC, NULL},
	{"POST", "/logout", web_logout, ROLE_READONLY, NULL},
	{"GET", "/setup", web_setup_page, PUBLIC, NULL},
	{"POST", "/setup", web_setup, PUBLIC, NULL},
	{"GET", "/clients", web_clients_page, ROLE_READONLY, NULL},
	{"POST", "/clients", web_clients_page, ROLE_TECHNICIAN, NULL},
	{"GET", "/clients/:slug", web_client_page, ROLE_READONLY, NULL},
	{"GET", "/clients/:slug/intake", web_intake_page, ROLE_TECHNICIAN, NULL},
	{"POST", "/clients/:slug/intake", web_intake, ROLE_TECHNICIAN, NULL},
	{"POST", "/clients/:slug/matrix", web_matrix_change, ROLE_TECHNICIAN, NULL},
	{"GET", "/clients/:slug/matrix.xlsx", web_matrix_xlsx, ROLE_READONLY, NULL},
	{"POST", "/clients/:slug/services", web_services_change, ROLE_TECHNICIAN, NULL},
	{"POST", "/clients/:slug/rename", web_client_rename, ROLE_TECHNICIAN, NULL},
	{"POST", "/clients/:slug/archive", web_client_archive, ROLE_ADMIN, NULL},
	{"GET", "/clients/:slug/settings", web_client_settings_page, ROLE_ADMIN, NULL},
	{"POST", "/clients/:slug/settings", web_client_settings, ROLE_ADMIN, NULL},
	{"GET", "/clients/:slug/documents/:kind", web_client_document, ROLE_READONLY, NULL},
	{"POST", "/clients/:slug/issue", web_client_issue, ROLE_TECHNICIAN, NULL},
	{"POST", "/clients/:slug/contacts", web_contact_add, ROLE_TECHNICIAN, NULL},
	{"POST", "/clients/:slug/contacts/invite", web_contact_invite, ROLE_TECHNICIAN, NULL},
	{"POST", "/clients/:slug/contacts/disable", web_contact_disable, ROLE_ADMIN, NULL},
	{"POST", "/clients/:slug/walkthrough", web_walkthrough, ROLE_TECHNICIAN, NULL},
	{"POST", "/clients/:slug/wet-ink", web_wet_ink, ROLE_TECHNICIAN, NULL},
	{"GET", "/clients/:slug/acceptance/:version/:doc/:file", web_acceptance_file, ROLE_READONLY,
	 NULL},
	{"GET", "/settings", web_settings_page, ROLE_ADMIN, NULL},
	{"POST", "/settings", web_settings, ROLE_ADMIN, NULL},
	{"POST", "/settings/floor", web_floor, ROLE_ADMIN, NULL},
	{"GET", "/services", web_services_page, ROLE_READONLY, NULL},
	{"GET", "/services/:id", web_service_page, ROLE_READONLY, NULL},
	{"POST", "/services/:id", web_service_save, ROLE_ADMIN, NULL},
	{"GET", "/users", web_users_page, ROLE_ADMIN, NULL},
	{"POST", "/users", web_user_add, ROLE_ADMIN, NULL},
	{"POST", "/users/token", web_token_add, ROLE_ADMIN, NULL},
	{"GET", "/library", web_library_page, ROLE_READONLY, NULL},
	{"GET", "/library/crosswalk", web_crosswalk_page, ROLE_READONLY, NULL},
	{"GET", "/library/safeguards", web_safeguards_page, ROLE_READONLY, NULL},
	{"GET", "/library/:framework", web_framework_page, ROLE_READONLY, NULL},
	{"GET", "/assets/app.css", web_asset, PUBLIC, NULL},
	/* The acceptance portal, for a client's contacts */
	{"GET", "/portal", web_portal_home, PORTAL, NULL},
	{"GET", "/portal/login", web_portal_login_page, PUBLIC, NULL},
	{"POST", "/portal/login", web_portal_login, PUBLIC, NULL},
	{"POST", "/portal/logout", web_portal_logout, PORTAL, NULL},
	{"GET", "/portal/invite/:token", web_portal_invite_page, PUBLIC, NULL},
	{"POST", "/portal/invite/:token", web_portal_invite, PUBLIC, NULL},
	{"GET", "/portal/consent", web_portal_consent_page, PORTAL, NULL},
	{"POST", "/portal/consent", web_portal_consent, PORTAL, NULL},
	{"POST", "/portal/consent/withdraw", web_portal_withdraw, PORTAL, NULL},
	{"GET", "/portal/documents/:version/:doc", web_portal_document, PORTAL, NULL},
	{"POST", "/portal/documents/:version/:doc/initial", web_portal_initial, PORTAL, NULL},
	{"POST", "/portal/documents/:version/:doc/sign", web_portal_sign, PORTAL, NULL},
	{"POST", "/portal/documents/:version/:doc/refuse", web_portal_refuse, PORTAL, NULL},
	{"GET", "/portal/documents/:version/:doc/:file", web_portal_file, PORTAL, NULL},
	/* The JSON API */
	{"GET", "/api/v1/openapi.json", api_openapi, PUBLIC, "This document"},
	{"GET", "/api/v1/clients", api_clients, ROLE_READONLY,
	 "List clients (?q= search, ?limit= 1-500, ?offset=)"},
	{"POST", "/api/v1/clients", api_client_add, ROLE_TECHNICIAN,
	 "Add a client: {\"name\", \"legal_name\"?, \"slug\"?}"},
	{"GET", "/api/v1/clients/:slug", api_client, ROLE_READONLY, "One client"},
	{"GET", "/api/v1/clients/:slug/profiles", api_profiles, ROLE_READONLY,
	 "The client's intake answers, every version, oldest first"},
	{"GET", "/api/v1/clients/:slug/obligations", api_obligations, ROLE_READONLY,
	 "What binds the client, and why"},
	{"GET", "/api/v1/clients/:slug/matrix", api_matrix, ROLE_READONLY,
	 "The client's responsibility matrix"},
	{"GET", "/api/v1/clients/:slug/changes", api_changes, ROLE_READONLY,
	 "The changes that shaped the client's matrix, oldest first"},
	{"POST", "/api/v1/clients/:slug/changes", api_change_add, ROLE_TECHNICIAN,
	 "Record a change: {\"kind\": \"subscribe\"|\"unsubscribe\", \"service\"} or "
	 "{\"kind\": \"assign\", \"safeguard\", \"owner\", \"party\"?, \"msp_part\"?, "
	 "\"customer_part\"?} or {\"kind\": \"decide\", \"safeguard\", \"decision\", \"by\", "
	 "\"reason\", \"impact\": 1-5, \"likelihood\": 1-5, \"until\"?, \"risk\"?, "
	 "\"insurance\"?} or {\"kind\": \"tailor\", \"safeguard\", "
	 "\"not_applicable\", \"reason\", \"condition\"?}"},
	{"GET", "/api/v1/clients/:slug/documents", api_documents, ROLE_READONLY,
	 "The client's issued documents with their identities"},
	{"GET", "/api/v1/clients/:slug/acceptances", api_acceptances, ROLE_READONLY,
	 "How each issued document stands: awaiting acceptance, awaiting signed copy, signed, "
	 "refused, superseded"},
	{"POST", "/api/v1/clients/:slug/acceptances/:version/:doc/walkthrough", api_walkthrough,
	 ROLE_TECHNICIAN, "Record a verbal walkthrough: {\"explained_by\", \"attended\", "
	 "\"held_on\": \"YYYY-MM-DD\", \"notes\"?}; the document then awaits a signed copy"},
	{"POST", "/api/v1/clients/:slug/acceptances/:version/:doc/wet-ink", api_wet_ink,
	 ROLE_TECHNICIAN, "Record a wet-ink signature: the body is the scan (application/pdf, "
	 "image/png or image/jpeg, up to 20 MB); ?signer=&title=&signed_on=YYYY-MM-DD"},
	{"GET", "/api/v1/clients/:slug/acceptances/:version/:doc/:file", web_acceptance_file,
	 ROLE_READONLY, "certificate.pdf: the certificate of completion; signed.pdf: the issued "
	 "PDF with the certificate appended"},
	{"GET", "/api/v1/clients/:slug/contacts", api_contacts, ROLE_READONLY,
	 "The client's contacts, who may accept its documents in the portal"},
	{"POST", "/api/v1/clients/:slug/contacts", api_contact_add, ROLE_TECHNICIAN,
	 "Add a contact: {\"email\", \"name\", \"title\", \"invite\"?: true}; with invite, "
	 "the answer holds the single-use invitation link"},
	{"GET", "/api/v1/clients/:slug/evidence", api_evidence, ROLE_READONLY,
	 "The client's evidence bundle (ZIP): documents, certificates, events, checkpoints, "
	 "public key, signed manifest"},
	{"GET", "/api/v1/verify", api_verify, ROLE_ADMIN,
	 "Verify the whole event log, its signatures and every document"},
	{"GET", "/api/v1/due", api_due, ROLE_READONLY,
	 "Decisions to renew, signed copies due, documents awaiting acceptance (?within=DAYS)"},
	{"GET", "/api/v1/clients/:slug/documents/:kind", api_document, ROLE_READONLY,
	 "A draft document now (?format=md|html|pdf|docx)"},
	{"GET", "/api/v1/clients/:slug/documents/:kind/:version", api_issued_file, ROLE_READONLY,
	 "An issued document's file, byte for byte (?format=md|html|pdf|docx)"},
	{"POST", "/api/v1/clients/:slug/issue", api_issue, ROLE_TECHNICIAN,
	 "Issue every applicable document as the next version"},
	{"GET", "/api/v1/services", api_services, ROLE_READONLY,
	 "The service catalogue: the library's services with the MSP's versions"},
	{"POST", "/api/v1/services/:id", api_service_save, ROLE_ADMIN,
	 "Save a service definition as the next version of id (adds a service)"},
	{"GET", "/api/v1/policy", api_policy, ROLE_READONLY, "The standard-of-care floor"},
	{"POST", "/api/v1/policy", api_policy_set, ROLE_ADMIN,
	 "Set the floor: {\"floor\": [\"nist-csf-2.0\", \"cis-controls-v8.1:ig=2\"]}"},
	{"GET", "/api/v1/library/frameworks", api_frameworks, ROLE_READONLY,
	 "The frameworks of the content library"},
	{"GET", "/api/v1/library/frameworks/:framework", api_framework, ROLE_READONLY,
	 "A framework's controls"},
	{"GET", "/api/v1/library/safeguards", api_safeguards, ROLE_READONLY, "The safeguards"},
	{"GET", "/api/v1/library/crosswalk", api_crosswalk, ROLE_READONLY,
	 "How two frameworks' controls relate (?from=&to=)"},
};
const size_t web_n_routes = ARRAY_LEN(web_routes);

static const char *const role_words[] = {"readonly", "technician", "admin", "owner"};

/* "/api/v1/clients/:slug" as the OpenAPI path "/api/v1/clients/{slug}", with
 * its parameters. */
static const char *
openapi_path(struct arena *a, const char *pattern, json_t *params)
{
	struct str s = STR_INIT;
	const char *out;

	for (const char *p = pattern; *p;) {
		if (*p == ':') {
			size_t n = strcspn(p + 1, "/");
			char *name = arena_strndup(a, p + 1, n);

			str_appendf(&s, "{%s}", name);
			json_array_append_new(params, json_pack("{s:s, s:s, s:b, s:{s:s}}", "name", name,
								"in", "path", "required", 1, "schema",
								"type", "string"));
			p += n + 1;
		} else {
			str_putc(&s, *p++);
		}
	}
	out = arena_strdup(a, str_cstr(&s));
	str_free(&s);
	return out;
}

int
api_openapi(struct web_request *req, struct web_response *res)
{
	json_t *paths = json_object(), *doc;

	for (size_t i = 0; i < web_n_routes; i++) {
		const struct web_route *r = &web_routes[i];
		json_t *params, *op, *item;
		char method[8];
		const char *path;

		if (!r->summary)
			continue; /* a page, not the API */
		params = json_array();
		path = openapi_path(req->arena, r->pattern, params);
		for (size_t k = 0; k < sizeof(method) - 1 && r->method[k]; k++)
			method[k] = (char)(r->method[k] + ('a' - 'A')), method[k + 1] = '\0';
		op = json_pack("{s:s, s:o, s:{s:{s:s}, s:{s:s}, s:{s:s}, s:{s:s}}}", "summary",
			       r->summary, "parameters", params, "responses",
			       "200", "description", "Success",
			       "401", "description", "Not signed in, or no valid bearer token",
			       "403", "description", "The account's role is too weak",
			       "404", "description", "Not found (also another tenant's data)");
		if (r->min_role >= 0) {
			json_object_set_new(op, "x-minimum-role", json_string(role_words[r->min_role]));
			json_object_set_new(op, "security", json_pack("[{s:[]}, {s:[]}]", "bearer",
								      "session"));
		}
		if (!(item = json_object_get(paths, path))) {
			item = json_object();
			json_object_set_new(paths, path, item);
		}
		json_object_set_new(item, method, op);
	}
	doc = json_pack("{s:s, s:{s:s, s:s, s:s}, s:o, s:{s:{s:{s:s, s:s}, s:{s:s, s:s, s:s}}, "
			"s:{s:{s:s, s:{s:{s:s, s:{s:{s:s}, s:{s:s}}}}}}}}",
			"openapi", "3.1.0",
			"info", "title", "Prudent API", "version", "1",
			"description", "Clients, obligations, responsibility matrices, documents and "
			"the content library of one MSP. Errors are {\"error\":{\"code\","
			"\"message\"}}.",
			"paths", paths,
			"components", "securitySchemes",
			"bearer", "type", "http", "scheme", "bearer",
			"session", "type", "apiKey", "in", "cookie", "name", "prudent_session",
			"schemas", "Error", "type", "object", "properties", "error", "type",
			"object", "properties", "code", "type", "string", "message", "type",
			"string");
	return web_json(res, 200, doc);
}
