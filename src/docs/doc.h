/*
 * doc.h - documents Prudent writes for people: the responsibility matrix in
 * Markdown, CSV, HTML, JSON and XLSX.  Each renderer takes the same model (an
 * eng_matrix and the obligations it came from) so every format says the same
 * thing.
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

#endif
