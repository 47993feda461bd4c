/*
 * app.h - application services the CLI and the web application share: loading
 * a client's view from the database and the library.  Above engine, docs and
 * store; below cli and web.
 */
#ifndef PRUDENT_APP_H
#define PRUDENT_APP_H

#include <jansson.h>

#include "core/core.h"
#include "docs/doc.h"
#include "engine/eng.h"
#include "evidence/evidence.h"
#include "library/lib.h"
#include "store/store.h"

/* Everything a client's matrix is computed from, loaded together. */
struct app_client_view {
	struct store_client client;
	json_t *answers;                       /* the current profile */
	struct eng_result obligations;
	const struct lib_service **catalogue;  /* library services, with the MSP's versions */
	size_t n_catalogue;
	struct eng_state state;                /* the client's changes replayed */
	struct eng_matrix matrix;
	int policy_version;                    /* 0: the library's floor */
};

/* Load the client's profile, obligations (with the MSP's floor policy),
 * catalogue, changes and matrix.  Release with app_client_view_free. */
int app_client_view(struct store *db, const struct library *lib, const char *tenant_id,
		    const char *client, struct arena *arena, struct app_client_view *out,
		    struct err *e);
void app_client_view_free(struct app_client_view *v);
/* The catalogue alone: library services, replaced or extended by the MSP's. */
int app_catalogue(struct store *db, const struct library *lib, const char *tenant_id,
		  struct arena *arena, const struct lib_service ***out, size_t *n, struct err *e);

/* ------------------------------------------------ changes to the matrix */

/* The client's baseline row for a safeguard, or NULL with an error naming
 * the problem (not in the library, or not in this client's baseline). */
const struct eng_row *app_baseline_row(const struct library *lib, const struct app_client_view *v,
				       const char *safeguard, struct err *e);

struct app_assign {
	const char *safeguard;
	const char *to;            /* msp, customer, shared, third-party */
	const char *party;         /* the third party */
	const char *msp_part, *customer_part; /* the split of a shared safeguard */
	const char *note;
};
/* Record who carries a safeguard; ERR_INPUT naming what is missing or wrong. */
int app_assign(struct store *db, const struct library *lib, const struct app_client_view *v,
	       const struct app_assign *a, const char *by, struct err *e);

struct app_decision {
	const char *safeguard;
	const char *kind;   /* accept, decline, defer */
	const char *by;     /* the customer's decision maker: "NAME, TITLE" */
	const char *reason;
	const char *until;  /* the expiry or re-offer date, YYYY-MM-DD, or NULL for the
			     * default: 12 months (a deferral: 90 days, and at most that) */
	int impact, likelihood; /* the MSP's assessment, 1-5 each */
	const char *risk;   /* the risk in plain words; NULL: the library's */
	const char *insurance; /* the consequence for the client's cyber insurance, or NULL */
};
/* Record the customer's decision with the exact text shown to them (kept,
 * with its SHA-256); *row is the safeguard's baseline row. */
int app_decide(struct store *db, const struct library *lib, const struct app_client_view *v,
	       const struct app_decision *d, const char *recorder, const struct eng_row **row,
	       struct err *e);
/* Mark a safeguard not applicable (with a reason, and a condition the library
 * allows when a law or contract requires it) or applicable again. */
int app_tailor(struct store *db, const struct library *lib, const struct app_client_view *v,
	       const char *safeguard, bool not_applicable, const char *reason,
	       const char *condition, const char *by, struct err *e);

/* Subscribe the client to a service of the catalogue, or end it; *changed is
 * false when it was so already.  ERR_NOTFOUND for an unknown service. */
int app_subscribe(struct store *db, const struct app_client_view *v, const char *service,
		  bool subscribe, const char *by, bool *changed, struct err *e);

/* ------------------------------------------------ the catalogue and the floor */

/* A service's definition as JSON, in the format of library/services/; origin
 * ("library", "msp") is added when not NULL. */
json_t *app_service_json(const struct lib_service *s, const char *origin);
/* Check a definition against the library and store it as the next version of
 * service id; ERR_INPUT with every problem in *problems. */
int app_service_save(struct store *db, const struct library *lib, const char *tenant_id,
		     const char *id, json_t *def, const char *by, struct arena *arena,
		     struct eng_problems *problems, int *version, size_t *n_covers, struct err *e);
/* A floor from specs such as "cis-controls-v8.1:ig=2", checked against the
 * library, as the JSON list store_policy_set keeps. */
int app_floor_from_specs(const struct library *lib, const char *const *specs, size_t n,
			 struct arena *arena, json_t **out, size_t *n_frameworks, struct err *e);

/* ------------------------------------------------ intake */

/* Turn what was typed for question q into its answer; NULL with the reason in
 * *why when it does not fit.  Choices by number (1-based) or value; lists are
 * comma-separated, "none" the empty list. */
json_t *app_intake_value(const struct lib_question *q, const char *text, struct str *why);
/* Check answers against the questionnaire and store them as a new profile
 * version when they differ from old (NULL for none).  *version is 0 when
 * nothing changed.  ERR_INPUT with every problem in *problems. */
int app_intake_save(struct store *db, const struct library *lib, const struct store_client *c,
		    json_t *old, json_t *answers, const char *by, struct arena *arena,
		    struct eng_problems *problems, int *version, struct err *e);

/* ------------------------------------------------ documents */

/* What a client's documents are drawn from: the view, the tenant, the legal
 * settings (the MSP's, then the client's); version "draft". */
int app_doc_context(struct store *db, const struct library *lib, const struct store_tenant *t,
		    const struct app_client_view *v, const char *generated_at, struct arena *arena,
		    struct doc_context *ctx, struct err *e);

/* One document in every format, with each file's SHA-256. */
struct app_rendered {
	struct doc_document doc;
	struct str files[DOC_R__MAX];
	char sha256[DOC_R__MAX][HASH_SHA256_HEX_LEN];
};

/* Build and render every document that applies; free with app_rendered_free. */
int app_render_all(const struct doc_context *ctx, struct arena *arena, struct app_rendered **out,
		   size_t *n, struct err *e);
void app_rendered_free(struct app_rendered *r, size_t n);
/* "agreement.pdf": a document's file name in a packet. */
const char *app_file_name(char buf[64], const struct app_rendered *r, int format);
/* A document's identity with its files' names, sizes and hashes. */
json_t *app_identity(const struct library *lib, const struct app_rendered *r);

/* Issue every applicable document as the client's next version, stored with
 * its files in one transaction; *identities gets the list of identities. */
int app_issue(struct store *db, const struct app_client_view *v, struct doc_context *ctx,
	      const char *by, struct arena *arena, int64_t *version, json_t **identities,
	      struct err *e);

/* ------------------------------------------------ acceptance and evidence */

/* The parties' legal names: the MSP's legal_name setting (else its name) and
 * the client's legal name (else its name). */
int app_parties(struct store *db, const struct store_tenant *t, const struct store_client *c,
		struct arena *a, const char **provider, const char **customer, struct err *e);
/* The certificate of completion of a signed or refused document as a PDF, or
 * (signed_copy) the issued PDF with the certificate appended. */
int app_certificate_pdf(struct store *db, const struct store_tenant *t,
			const struct store_client *c, int64_t version, const char *doc_id,
			bool signed_copy, struct str *out, struct err *e);

/* Check and add a contact of a client (email, full name, title). */
int app_contact_add(struct store *db, const struct store_client *c, const char *email,
		    const char *name, const char *title, const char *by, struct store_contact *out,
		    struct err *e);
/* Make a single-use invitation link for a contact, valid for `days` days
 * (1-30), at base_url ("https://prudent.example.com"); *link is in the arena.
 * When $PRUDENT_MAIL_COMMAND is set (a sendmail-compatible command such as
 * "/usr/sbin/sendmail -t" or "msmtp -t"), the link is also emailed and
 * *mailed is true. */
int app_invite(struct store *db, const struct store_contact *ct, const char *by,
	       const char *base_url, int days, struct arena *a, const char **link, bool *mailed,
	       struct err *e);

/* Something the MSP must act on by a date. */
struct app_due_item {
	const char *kind;        /* "decision", "signed-copy", "acceptance" */
	const char *client_slug, *client_name;
	const char *subject_id, *subject; /* a safeguard or a document: its id and name */
	const char *detail;      /* "declined by Dr. Ana Lee, Owner: Cost" */
	char due[11];            /* YYYY-MM-DD */
	bool overdue;
};
/* What is due by today + within_days, soonest first: decisions (declines,
 * acceptances, deferrals) to offer again or decide; documents explained in a
 * walkthrough whose signed copy is due (14 days after it, and always listed);
 * documents that have awaited acceptance for 14 days or more. */
int app_due(struct store *db, const struct library *lib, const char *tenant_id, int within_days,
	    struct arena *a, struct app_due_item **out, size_t *n, struct err *e);

#endif /* PRUDENT_APP_H */
