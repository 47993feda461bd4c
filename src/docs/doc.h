/*
 * doc.h - documents Prudent writes for people: the responsibility matrix in
 * Markdown, CSV, HTML, JSON and XLSX; the Standard of Care Agreement, its
 * addenda, the risk-acceptance letter and the summary, built into the
 * document model (model.h) and rendered as Markdown, HTML, PDF and DOCX.
 * Everything is drawn from one eng_matrix and the obligations it came from,
 * so every document says the same thing.
 */
#ifndef PRUDENT_DOC_H
#define PRUDENT_DOC_H

#include <jansson.h>

#include "core/core.h"
#include "docs/model.h"
#include "engine/eng.h"

/* What a matrix document is about. */
struct doc_matrix {
	const char *client_slug, *client_name;
	const char *library_version;
	const char *profile_hash;
	const char *generated_at; /* RFC 3339 */
	const struct eng_result *obligations;
	const struct eng_matrix *matrix;
	const struct eng_obligation *framework; /* the per-framework view, or NULL */
	struct arena *arena;
};

enum doc_format { DOC_MD, DOC_CSV, DOC_JSON, DOC_HTML, DOC_XLSX, DOC__MAX };
/* "md", "csv", ...; -1 for an unknown name. */
int doc_format_parse(const char *name);

/* Text formats into out. */
void doc_matrix_md(const struct doc_matrix *d, struct str *out);
void doc_matrix_csv(const struct doc_matrix *d, struct str *out);
void doc_matrix_html(const struct doc_matrix *d, struct str *out);
json_t *doc_matrix_json(const struct doc_matrix *d);
/* XLSX to a file: a summary sheet and one sheet per obligation framework (or
 * only the chosen framework). */
int doc_matrix_xlsx(const struct doc_matrix *d, const char *path, struct err *e);

/* ------------------------------------------------ legal settings */

/* The settings documents are written with (docs/agreement.md, "Settings"). */
struct doc_settings {
	const char *msp_legal_name, *msp_address, *msp_signatory, *msp_signatory_title;
	const char *client_address, *client_signatory, *client_signatory_title;
	const char *governing_law;     /* "Ohio", or NULL */
	const char *effective_date;    /* YYYY-MM-DD, or NULL: the date the customer signs */
	const char *data_incident_cap; /* a higher cap for data incidents, or NULL */
	const char *attorney_review;   /* who reviewed the clause wording, or NULL */
	int64_t cap_months;            /* the liability cap: fees of this many months */
	int64_t review_months;         /* how often the parties review the agreement */
};

struct doc_setting_key {
	const char *key;
	bool msp, client; /* whose setting it can be */
	const char *help;
};

const struct doc_setting_key *doc_setting_keys(size_t *n);
/* ERR_INPUT naming the problem when key is not a setting of the MSP (client
 * false) or a client, or value is not a valid value for it. */
int doc_setting_check(const char *key, const char *value, bool client, struct err *e);
/* Built-in defaults: caps and review at 12 months, everything else unset. */
void doc_settings_init(struct doc_settings *s);
/* Apply one checked setting; a client's, applied after the MSP's, wins. */
void doc_settings_apply(struct doc_settings *s, struct arena *a, const char *key,
			const char *value, bool client);

/* ------------------------------------------------ a client's documents */

/* Everything a client's documents are drawn from. */
struct doc_context {
	const struct library *lib;
	const char *msp_name, *client_name, *client_slug, *client_legal_name;
	const char *generated_at; /* RFC 3339 */
	const char *version;      /* "draft", or the issue number */
	const struct eng_result *obligations;
	const struct eng_matrix *matrix;
	struct doc_settings settings;
};

/* Whether the client's obligations call for a document of this kind: the
 * agreement and summary always, the risk-acceptance letter when something is
 * declined, each addendum when its framework binds the client. */
bool doc_applies(const struct doc_context *c, enum lib_doc kind);
/* The title of a kind of document ("Standard of Care Agreement"). */
const char *doc_kind_title(enum lib_doc kind);

/* Build the document of one kind for the client into the model: the clauses
 * whose conditions hold, current versions, each legal text filled from the
 * matrix with its plain-language twin; schedules; initials and signatures.
 * ERR_INPUT only when a clause fails to render (a render limit). */
int doc_build(const struct doc_context *c, enum lib_doc kind, struct arena *arena,
	      struct doc_document *out, struct err *e);

/* What identifies a document: id, kind, version, title, source hash, library
 * version, generated time and each clause's id, version and SHA-256.  The
 * caller adds the rendered files' hashes. */
json_t *doc_identity(const struct doc_document *d, const struct library *lib);

#endif
