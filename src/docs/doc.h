/*
 * doc.h - documents Prudent writes for people: the responsibility matrix in
 * Markdown, CSV, HTML, JSON and XLSX, and the Standard of Care Agreement.
 * Each renderer takes the same model (an eng_matrix and the obligations it
 * came from) so every document says the same thing.
 */
#ifndef PRUDENT_DOC_H
#define PRUDENT_DOC_H

#include <jansson.h>

#include "core/core.h"
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

/* What a Standard of Care Agreement is drawn from: a client's matrix and
 * obligations, the clause library and the terms the MSP chose. */
struct doc_agreement {
	const struct library *lib;
	const char *msp_name, *client_name;
	const char *generated_at; /* RFC 3339 */
	const struct eng_result *obligations;
	const struct eng_matrix *matrix;
	int64_t cap_months;            /* the liability cap: fees of this many months */
	const char *data_incident_cap; /* the higher cap for data incidents, or NULL */
	int64_t review_months;         /* how often the parties review it */
};

/* The agreement as a Markdown draft: the clauses whose conditions hold for the
 * client (its obligation frameworks, the services carrying its safeguards, its
 * declines), current versions in agreement order, each legal text filled from
 * the matrix with its plain-language twin, initials lines and signature
 * blocks.  ERR_INPUT only when a clause fails to render (a render limit). */
int doc_agreement_md(const struct doc_agreement *d, struct arena *arena, struct str *out,
		     struct err *e);

#endif
