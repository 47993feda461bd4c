/*
 * xlsx.c - the responsibility matrix as a spreadsheet (libxlsxwriter).
 *
 * A summary sheet with one row per baseline safeguard, then one sheet per
 * obligation framework with its in-scope controls: frozen headers, filters,
 * readable widths, and owners colour-coded, so an MSP can hand the file to a
 * client or an assessor as it is.  The file is written beside its final path
 * and renamed into place, so a reader never sees half a workbook.
 */
#include <stdio.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "docs/doc.h"

/* Background colours per owner: blue MSP, amber customer, indigo shared,
 * violet third party, red declined, grey not applicable. */
static const uint32_t owner_colours[ENG_OWNER__MAX] = {
	0xDBEAFE, 0xFEF3C7, 0xE0E7FF, 0xEDE9FE, 0xFEE2E2, 0xF3F4F6};

struct sheet_ctx {
	lxw_workbook *wb;
	lxw_format *header, *wrap, *owner[ENG_OWNER__MAX];
};

static void
header_row(struct sheet_ctx *x, lxw_worksheet *ws, const char *const *names, const double *widths,
	   int n)
{
	for (int i = 0; i < n; i++) {
		worksheet_write_string(ws, 0, (lxw_col_t)i, names[i], x->header);
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], x->wrap);
	}
	worksheet_freeze_panes(ws, 1, 0);
}

static void
cell(lxw_worksheet *ws, int row, int col, const char *s, lxw_format *f)
{
	worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s ? s : "", f);
}

static void
summary_sheet(struct sheet_ctx *x, const struct doc_matrix *d)
{
	static const char *const names[] = {"Safeguard", "Name", "Strength", "Owner", "MSP does",
		"Customer does", "Third party", "Service", "Decision", "Controls"};
	static const double widths[] = {26, 40, 9, 14, 40, 40, 20, 20, 30, 50};
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, "Summary");
	struct str s = STR_INIT;
	int row = 1;

	header_row(x, ws, names, widths, (int)ARRAY_LEN(names));
	for (size_t i = 0; i < d->matrix->n_rows; i++, row++) {
		const struct eng_row *r = &d->matrix->rows[i];

		cell(ws, row, 0, r->safeguard->id, NULL);
		cell(ws, row, 1, r->safeguard->name, x->wrap);
		cell(ws, row, 2, r->must ? "must" : "should", NULL);
		cell(ws, row, 3, eng_owner_name(r->owner), x->owner[r->owner]);
		cell(ws, row, 4, r->msp_part, x->wrap);
		cell(ws, row, 5, r->owner == ENG_OWNER_NOT_APPLICABLE ? r->na_reason : r->customer_part,
		     x->wrap);
		cell(ws, row, 6, r->third_party, NULL);
		cell(ws, row, 7, r->service ? r->service->name : "", NULL);
		str_clear(&s);
		if (r->decision)
			str_appendf(&s, "%s by %s%s%s", eng_decision_name(r->decision->kind),
				    r->decision->by ? r->decision->by : "?", r->flagged ? " (required: duty remains)" : "",
				    "");
		cell(ws, row, 8, str_cstr(&s), x->wrap);
		str_clear(&s);
		for (size_t k = 0; k < r->n_controls; k++)
			str_appendf(&s, "%s%s %s", k ? "; " : "", r->controls[k]->framework->id,
				    r->controls[k]->id);
		cell(ws, row, 9, str_cstr(&s), x->wrap);
	}
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)(row > 1 ? row - 1 : 1), (lxw_col_t)ARRAY_LEN(names) - 1);
	str_free(&s);
}

static void
framework_sheet(struct sheet_ctx *x, const struct doc_matrix *d, const struct eng_obligation *ob)
{
	static const char *const names[] = {"Control", "Title", "Owner", "Safeguards"};
	static const double widths[] = {18, 50, 14, 60};
	struct eng_control_row *rows;
	size_t n = eng_matrix_framework(d->matrix, ob, d->arena, &rows);
	char name[32];
	lxw_worksheet *ws;
	struct str s = STR_INIT;
	int row = 1;

	snprintf(name, sizeof(name), "%.31s", ob->framework->id);
	ws = workbook_add_worksheet(x->wb, name);
	header_row(x, ws, names, widths, (int)ARRAY_LEN(names));
	for (size_t i = 0; i < n; i++, row++) {
		const struct lib_control *c = rows[i].control;

		cell(ws, row, 0, c->id, NULL);
		cell(ws, row, 1, c->title ? c->title : c->text, x->wrap);
		cell(ws, row, 2, eng_owner_name(rows[i].owner), x->owner[rows[i].owner]);
		str_clear(&s);
		for (size_t k = 0; k < rows[i].n_rows; k++)
			str_appendf(&s, "%s%s (%s)", k ? "; " : "", rows[i].rows[k]->safeguard->id,
				    eng_owner_name(rows[i].rows[k]->owner));
		cell(ws, row, 3, str_cstr(&s), x->wrap);
	}
	worksheet_autofilter(ws, 0, 0, (lxw_row_t)(row > 1 ? row - 1 : 1), 3);
	str_free(&s);
}

int
doc_matrix_xlsx(const struct doc_matrix *d, const char *path, struct err *e)
{
	struct str tmp = STR_INIT;
	struct sheet_ctx x = {0};
	int64_t created;
	struct err bad_time = {0};
	lxw_error rc;

	str_appendf(&tmp, "%s.tmp-%ld", path, (long)getpid());
	x.wb = workbook_new(tmp.buf);
	if (!x.wb) {
		str_free(&tmp);
		return err_set(e, ERR_IO, "cannot create %s", path);
	}
	/* The creation time is the document's, never the clock's, so the same
	 * matrix gives the same bytes (libxlsxwriter stamps the zip entries with
	 * it too). */
	if (time_parse_rfc3339(d->generated_at, strlen(d->generated_at), &created, &bad_time) == 0) {
		lxw_doc_properties props = {.created = (time_t)created};

		workbook_set_properties(x.wb, &props);
	}
	x.header = workbook_add_format(x.wb);
	format_set_bold(x.header);
	format_set_bg_color(x.header, 0xE5E7EB);
	format_set_text_wrap(x.header);
	x.wrap = workbook_add_format(x.wb);
	format_set_text_wrap(x.wrap);
	format_set_align(x.wrap, LXW_ALIGN_VERTICAL_TOP);
	for (int i = 0; i < ENG_OWNER__MAX; i++) {
		x.owner[i] = workbook_add_format(x.wb);
		format_set_bg_color(x.owner[i], owner_colours[i]);
		format_set_align(x.owner[i], LXW_ALIGN_VERTICAL_TOP);
	}
	if (!d->framework)
		summary_sheet(&x, d);
	for (size_t i = 0; i < d->obligations->n_obligations; i++)
		if (!d->framework || d->framework == &d->obligations->obligations[i])
			framework_sheet(&x, d, &d->obligations->obligations[i]);
	rc = workbook_close(x.wb);
	if (rc != LXW_NO_ERROR || rename(tmp.buf, path) != 0) {
		unlink(tmp.buf);
		str_free(&tmp);
		return err_set(e, ERR_IO, "cannot write %s: %s", path,
			       rc != LXW_NO_ERROR ? lxw_strerror(rc) : "rename failed");
	}
	str_free(&tmp);
	return 0;
}
