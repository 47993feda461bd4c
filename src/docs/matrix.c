/*
 * matrix.c - the responsibility matrix as Markdown, CSV, HTML and JSON.
 *
 * One model, four renderers; each escapes for its own destination through the
 * core's escaping functions (Markdown's own below), so a client or party named
 * "*Acme* | <b>" prints as written everywhere.
 */
#include <stdlib.h>

#include "docs/doc.h"

static const char *const format_names[DOC__MAX] = {"md", "csv", "json", "html", "xlsx"};

int
doc_format_parse(const char *name)
{
	for (int i = 0; i < DOC__MAX; i++)
		if (strcmp(name, format_names[i]) == 0)
			return i;
	return -1;
}

/* Markdown: backslash the characters that would change the table or the text. */
static void
md_text(struct str *out, const char *s)
{
	for (; s && *s; s++) {
		if (strchr("\\`*_[]<>|#!", *s))
			str_putc(out, '\\');
		if (*s == '\n')
			str_putc(out, ' ');
		else
			str_putc(out, *s);
	}
}

/* "hipaa-security 164.312(d), nist-csf-2.0 PR.AA-03" */
static void
controls_text(const struct eng_row *r, struct str *out)
{
	const struct lib_framework *last = NULL;

	for (size_t k = 0; k < r->n_controls; k++) {
		const struct lib_control *c = r->controls[k];

		if (c->framework != last)
			str_appendf(out, "%s%s ", k ? "; " : "", c->framework->id);
		else
			str_puts(out, ", ");
		str_puts(out, c->id);
		last = c->framework;
	}
}

/* Who does what, in words: the split, the party, the reason it is not applicable. */
static void
detail_text(const struct eng_row *r, struct str *out)
{
	if (r->owner == ENG_OWNER_SHARED && r->msp_part)
		str_appendf(out, "MSP: %s Customer: %s", r->msp_part, r->customer_part);
	else if (r->owner == ENG_OWNER_THIRD_PARTY && r->third_party)
		str_appendf(out, "%s", r->third_party);
	else if (r->owner == ENG_OWNER_NOT_APPLICABLE && r->na_reason)
		str_appendf(out, "%s", r->na_reason);
	else if (r->owner == ENG_OWNER_CUSTOMER && r->n_recommended) {
		str_puts(out, "Recommended: ");
		for (size_t k = 0; k < r->n_recommended; k++)
			str_appendf(out, "%s%s", k ? ", " : "", r->recommended[k]->name);
	}
	if (r->flagged)
		str_appendf(out, "%sDECLINED although required by law or contract: the duty remains.",
			    out->len ? " " : "");
}

static void
decision_text(const struct eng_row *r, struct str *out)
{
	if (!r->decision)
		return;
	str_appendf(out, "%s by %s", eng_decision_name(r->decision->kind),
		    r->decision->by ? r->decision->by : "?");
	if (r->decision->until)
		str_appendf(out, " until %s", r->decision->until);
	if (r->decision->reason)
		str_appendf(out, ": %s", r->decision->reason);
}

static const char *
service_text(const struct eng_row *r)
{
	return r->service ? r->service->id : "";
}

/* ---------------------------------------------------------- Markdown */

static void
md_framework(const struct doc_matrix *d, struct str *out)
{
	struct eng_control_row *rows;
	size_t n = eng_matrix_framework(d->matrix, d->framework, d->arena, &rows);

	str_puts(out, "| Control | Owner | Safeguards |\n|---|---|---|\n");
	for (size_t i = 0; i < n; i++) {
		str_puts(out, "| ");
		md_text(out, rows[i].control->id);
		str_appendf(out, " | %s | ", eng_owner_name(rows[i].owner));
		for (size_t k = 0; k < rows[i].n_rows; k++) {
			str_puts(out, k ? ", " : "");
			md_text(out, rows[i].rows[k]->safeguard->id);
			str_appendf(out, " (%s)", eng_owner_name(rows[i].rows[k]->owner));
		}
		str_puts(out, " |\n");
	}
}

void
doc_matrix_md(const struct doc_matrix *d, struct str *out)
{
	struct str cell = STR_INIT;

	str_puts(out, "# Responsibility matrix: ");
	md_text(out, d->client_name);
	if (d->framework) {
		str_puts(out, " — ");
		md_text(out, d->framework->framework->name);
	}
	str_appendf(out, "\n\nGenerated %s from content library %s and intake profile %s.\n\n",
		    d->generated_at, d->library_version, d->profile_hash);
	if (d->framework) {
		md_framework(d, out);
		return;
	}
	str_puts(out, "| Safeguard | Strength | Owner | Who does what | Service | Decision | Controls |\n"
		 "|---|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < d->matrix->n_rows; i++) {
		const struct eng_row *r = &d->matrix->rows[i];

		str_puts(out, "| ");
		md_text(out, r->safeguard->name);
		str_appendf(out, " (%s) | %s | %s | ", r->safeguard->id, r->must ? "must" : "should",
			    eng_owner_name(r->owner));
		str_clear(&cell);
		detail_text(r, &cell);
		md_text(out, str_cstr(&cell));
		str_puts(out, " | ");
		md_text(out, service_text(r));
		str_puts(out, " | ");
		str_clear(&cell);
		decision_text(r, &cell);
		md_text(out, str_cstr(&cell));
		str_puts(out, " | ");
		str_clear(&cell);
		controls_text(r, &cell);
		md_text(out, str_cstr(&cell));
		str_puts(out, " |\n");
	}
	str_puts(out, "\n| Framework | In scope | Carried | Declined | Not applicable |\n"
		 "|---|---|---|---|---|\n");
	for (size_t i = 0; i < d->matrix->n_coverage; i++) {
		const struct eng_coverage *c = &d->matrix->coverage[i];

		str_puts(out, "| ");
		md_text(out, c->obligation->framework->name);
		str_appendf(out, " | %zu | %zu | %zu | %zu |\n", c->in_scope, c->owned, c->declined,
			    c->not_applicable);
	}
	str_free(&cell);
}

/* --------------------------------------------------------------- CSV */

static void
csv_cell(struct str *out, const char *s, bool last)
{
	str_append_csv(out, s ? s : "", s ? strlen(s) : 0);
	str_puts(out, last ? "\r\n" : ",");
}

void
doc_matrix_csv(const struct doc_matrix *d, struct str *out)
{
	struct str cell = STR_INIT;

	if (d->framework) {
		struct eng_control_row *rows;
		size_t n = eng_matrix_framework(d->matrix, d->framework, d->arena, &rows);

		str_puts(out, "framework,control,owner,safeguards\r\n");
		for (size_t i = 0; i < n; i++) {
			str_clear(&cell);
			for (size_t k = 0; k < rows[i].n_rows; k++)
				str_appendf(&cell, "%s%s (%s)", k ? "; " : "", rows[i].rows[k]->safeguard->id,
					    eng_owner_name(rows[i].rows[k]->owner));
			csv_cell(out, d->framework->framework->id, false);
			csv_cell(out, rows[i].control->id, false);
			csv_cell(out, eng_owner_name(rows[i].owner), false);
			csv_cell(out, str_cstr(&cell), true);
		}
		str_free(&cell);
		return;
	}
	str_puts(out, "safeguard,name,strength,owner,msp_part,customer_part,third_party,service,"
		 "decision,decided_by,decision_reason,until,flagged,controls,reasons\r\n");
	for (size_t i = 0; i < d->matrix->n_rows; i++) {
		const struct eng_row *r = &d->matrix->rows[i];
		const struct eng_decision *dec = r->decision;

		csv_cell(out, r->safeguard->id, false);
		csv_cell(out, r->safeguard->name, false);
		csv_cell(out, r->must ? "must" : "should", false);
		csv_cell(out, eng_owner_name(r->owner), false);
		csv_cell(out, r->msp_part, false);
		csv_cell(out, r->customer_part, false);
		csv_cell(out, r->third_party, false);
		csv_cell(out, service_text(r), false);
		csv_cell(out, dec ? eng_decision_name(dec->kind) : "", false);
		csv_cell(out, dec ? dec->by : "", false);
		csv_cell(out, dec ? dec->reason : "", false);
		csv_cell(out, dec ? dec->until : "", false);
		csv_cell(out, r->flagged ? "yes" : "", false);
		str_clear(&cell);
		controls_text(r, &cell);
		csv_cell(out, str_cstr(&cell), false);
		str_clear(&cell);
		for (size_t k = 0; k < r->n_reasons; k++)
			str_appendf(&cell, "%s%s", k ? "; " : "", r->reasons[k]);
		csv_cell(out, str_cstr(&cell), true);
	}
	str_free(&cell);
}

/* -------------------------------------------------------------- JSON */

static json_t *
row_json(const struct eng_row *r)
{
	json_t *o = json_object(), *controls = json_object(), *reasons = json_array(), *rec = json_array();

	json_object_set_new(o, "safeguard", json_string(r->safeguard->id));
	json_object_set_new(o, "name", json_string(r->safeguard->name));
	json_object_set_new(o, "category", json_string(r->safeguard->category->id));
	json_object_set_new(o, "strength", json_string(r->must ? "must" : "should"));
	json_object_set_new(o, "owner", json_string(eng_owner_name(r->owner)));
	if (r->msp_part || r->customer_part)
		json_object_set_new(o, "split", json_pack("{s:s?,s:s?}", "msp", r->msp_part, "customer",
							  r->customer_part));
	else
		json_object_set_new(o, "split", json_null());
	json_object_set_new(o, "service", r->service ? json_string(r->service->id) : json_null());
	json_object_set_new(o, "third_party", r->third_party ? json_string(r->third_party) : json_null());
	if (r->decision)
		json_object_set_new(o, "decision", json_pack("{s:s,s:s?,s:s?,s:s?,s:s?,s:s?}",
			"decision", eng_decision_name(r->decision->kind), "by", r->decision->by,
			"reason", r->decision->reason, "until", r->decision->until, "recorded_at",
			r->decision->at, "recorded_by", r->decision->recorded_by));
	else
		json_object_set_new(o, "decision", json_null());
	json_object_set_new(o, "flagged", json_boolean(r->flagged));
	json_object_set_new(o, "not_applicable_reason", r->na_reason ? json_string(r->na_reason) : json_null());
	json_object_set_new(o, "note", r->note ? json_string(r->note) : json_null());
	for (size_t k = 0; k < r->n_controls; k++) {
		const char *fw = r->controls[k]->framework->id;
		json_t *list = json_object_get(controls, fw);

		if (!list)
			json_object_set_new(controls, fw, list = json_array());
		json_array_append_new(list, json_string(r->controls[k]->id));
	}
	json_object_set_new(o, "controls", controls);
	for (size_t k = 0; k < r->n_reasons; k++)
		json_array_append_new(reasons, json_string(r->reasons[k]));
	json_object_set_new(o, "reasons", reasons);
	for (size_t k = 0; k < r->n_recommended; k++)
		json_array_append_new(rec, json_string(r->recommended[k]->id));
	json_object_set_new(o, "recommended_services", rec);
	return o;
}

json_t *
doc_matrix_json(const struct doc_matrix *d)
{
	json_t *o = json_object(), *rows = json_array(), *cov = json_array();

	json_object_set_new(o, "client", json_string(d->client_slug));
	json_object_set_new(o, "library_version", json_string(d->library_version));
	json_object_set_new(o, "profile_hash", json_string(d->profile_hash));
	json_object_set_new(o, "generated_at", json_string(d->generated_at));
	if (d->framework) {
		struct eng_control_row *view;
		size_t n = eng_matrix_framework(d->matrix, d->framework, d->arena, &view);

		json_object_set_new(o, "framework", json_string(d->framework->framework->id));
		for (size_t i = 0; i < n; i++) {
			json_t *r = json_object(), *sgs = json_array();
			const struct lib_control *c = view[i].control;

			json_object_set_new(r, "control", json_string(c->id));
			json_object_set_new(r, "title", c->title ? json_string(c->title) : json_null());
			json_object_set_new(r, "owner", json_string(eng_owner_name(view[i].owner)));
			for (size_t k = 0; k < view[i].n_rows; k++)
				json_array_append_new(sgs, json_pack("{s:s,s:s}", "safeguard",
					view[i].rows[k]->safeguard->id, "owner",
					eng_owner_name(view[i].rows[k]->owner)));
			json_object_set_new(r, "safeguards", sgs);
			json_array_append_new(rows, r);
		}
		json_object_set_new(o, "rows", rows);
		json_decref(cov);
		return o;
	}
	for (size_t i = 0; i < d->matrix->n_rows; i++)
		json_array_append_new(rows, row_json(&d->matrix->rows[i]));
	json_object_set_new(o, "rows", rows);
	for (size_t i = 0; i < d->matrix->n_coverage; i++) {
		const struct eng_coverage *c = &d->matrix->coverage[i];

		json_array_append_new(cov, json_pack("{s:s,s:s,s:I,s:I,s:I,s:I}", "framework",
			c->obligation->framework->id, "strength", c->obligation->must ? "must" : "should",
			"in_scope", (json_int_t)c->in_scope, "owned", (json_int_t)c->owned,
			"declined", (json_int_t)c->declined, "not_applicable",
			(json_int_t)c->not_applicable));
	}
	json_object_set_new(o, "coverage", cov);
	return o;
}

/* -------------------------------------------------------------- HTML */

static void
html_text(struct str *out, const char *s)
{
	if (s)
		str_append_html(out, s, strlen(s));
}

void
doc_matrix_html(const struct doc_matrix *d, struct str *out)
{
	struct str cell = STR_INIT;

	str_puts(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>"
		 "Responsibility matrix: ");
	html_text(out, d->client_name);
	str_puts(out, "</title>\n<style>body{font-family:sans-serif;margin:1.5em}"
		 "table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;"
		 "padding:.3em;text-align:left;vertical-align:top}th{background:#eee}"
		 ".msp{background:#dbeafe}.customer{background:#fef3c7}.shared{background:#e0e7ff}"
		 ".third_party{background:#ede9fe}.declined{background:#fee2e2}"
		 ".not_applicable{background:#f3f4f6}</style></head><body>\n<h1>Responsibility matrix: ");
	html_text(out, d->client_name);
	str_puts(out, "</h1>\n<p>Generated ");
	html_text(out, d->generated_at);
	str_puts(out, " from content library ");
	html_text(out, d->library_version);
	str_puts(out, " and intake profile ");
	html_text(out, d->profile_hash);
	str_puts(out, ".</p>\n");
	if (d->framework) {
		struct eng_control_row *rows;
		size_t n = eng_matrix_framework(d->matrix, d->framework, d->arena, &rows);

		str_puts(out, "<h2>");
		html_text(out, d->framework->framework->name);
		str_puts(out, "</h2>\n<table><tr><th>Control</th><th>Owner</th><th>Safeguards</th></tr>\n");
		for (size_t i = 0; i < n; i++) {
			str_appendf(out, "<tr class=\"%s\"><td>", eng_owner_name(rows[i].owner));
			html_text(out, rows[i].control->id);
			str_appendf(out, "</td><td>%s</td><td>", eng_owner_name(rows[i].owner));
			for (size_t k = 0; k < rows[i].n_rows; k++) {
				str_puts(out, k ? ", " : "");
				html_text(out, rows[i].rows[k]->safeguard->name);
			}
			str_puts(out, "</td></tr>\n");
		}
		str_puts(out, "</table>\n</body></html>\n");
		str_free(&cell);
		return;
	}
	str_puts(out, "<table><tr><th>Safeguard</th><th>Strength</th><th>Owner</th>"
		 "<th>Who does what</th><th>Service</th><th>Decision</th><th>Controls</th></tr>\n");
	for (size_t i = 0; i < d->matrix->n_rows; i++) {
		const struct eng_row *r = &d->matrix->rows[i];

		str_appendf(out, "<tr class=\"%s\"><td>", eng_owner_name(r->owner));
		html_text(out, r->safeguard->name);
		str_appendf(out, "</td><td>%s</td><td>%s</td><td>", r->must ? "must" : "should",
			    eng_owner_name(r->owner));
		str_clear(&cell);
		detail_text(r, &cell);
		html_text(out, str_cstr(&cell));
		str_puts(out, "</td><td>");
		html_text(out, service_text(r));
		str_puts(out, "</td><td>");
		str_clear(&cell);
		decision_text(r, &cell);
		html_text(out, str_cstr(&cell));
		str_puts(out, "</td><td>");
		str_clear(&cell);
		controls_text(r, &cell);
		html_text(out, str_cstr(&cell));
		str_puts(out, "</td></tr>\n");
	}
	str_puts(out, "</table>\n</body></html>\n");
	str_free(&cell);
}
