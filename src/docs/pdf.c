/*
 * pdf.c - the PDF renderer of the document model, on cairo and pango.
 *
 * US Letter, one-inch margins.  The title block opens the first page; each
 * page carries a header (title, document id) and a footer (document id,
 * version, short hash, "Page X of Y").  The total is known only after laying
 * everything out, so the document is laid out twice with the same code: first
 * onto a PDF surface that throws its bytes away, to count the pages, then for
 * real.  Lines break across pages one at a time; a heading keeps at least two
 * lines of what follows; table rows never split, and a table's header row
 * repeats on each page.
 *
 * Pango's defaults are for screens: the font map runs at 72 dpi here, so a
 * point is a PDF unit, and glyph positions are not rounded to whole pixels.
 */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "docs/model.h"

#define PAGE_W 612.0
#define PAGE_H 792.0
#define MARGIN 72.0
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define BOTTOM (PAGE_H - MARGIN)

#define SERIF "Noto Serif"
#define SANS "Noto Sans"
#define MONO "DejaVu Sans Mono"

struct pdf {
	const struct doc_document *d;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fontmap;
	PangoContext *ctx;
	PangoLayout *layout; /* the text being laid out */
	PangoLayout *furniture; /* headers and footers, drawn mid-flow on a page break */
	struct str markup;
	double y;
	int page, total; /* total is 0 while counting */
};

static cairo_status_t
discard(void *closure, const unsigned char *data, unsigned int len)
{
	(void)closure, (void)data, (void)len;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
collect(void *closure, const unsigned char *data, unsigned int len)
{
	str_append(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* ------------------------------------------------ text */

/* Set the layout's text: runs as pango markup in font `family` at `size`. */
static void
set_runs(struct pdf *p, const struct doc_run *runs, size_t n, const char *family, double size,
	 unsigned extra)
{
	PangoFontDescription *fd = pango_font_description_from_string(family);

	pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
	pango_layout_set_font_description(p->layout, fd);
	pango_font_description_free(fd);
	str_clear(&p->markup);
	for (size_t i = 0; i < n; i++) {
		unsigned style = runs[i].style | extra;

		str_puts(&p->markup, style & DOC_BOLD ? "<b>" : "");
		str_puts(&p->markup, style & DOC_ITALIC ? "<i>" : "");
		str_puts(&p->markup, style & DOC_CODE ? "<span font_family=\"" MONO "\">" : "");
		str_append_html(&p->markup, runs[i].text, runs[i].len);
		str_puts(&p->markup, style & DOC_CODE ? "</span>" : "");
		str_puts(&p->markup, style & DOC_ITALIC ? "</i>" : "");
		str_puts(&p->markup, style & DOC_BOLD ? "</b>" : "");
	}
	/* Markup fails only on characters XML forbids (control characters):
	 * then the same words without styles. */
	if (!pango_parse_markup(p->markup.buf ? p->markup.buf : "", -1, 0, NULL, NULL, NULL, NULL)) {
		str_clear(&p->markup);
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < runs[i].len; k++)
				if ((unsigned char)runs[i].text[k] >= 0x20)
					str_putc(&p->markup, runs[i].text[k]);
		pango_layout_set_text(p->layout, str_cstr(&p->markup), -1);
		return;
	}
	pango_layout_set_markup(p->layout, str_cstr(&p->markup), -1);
}

static void
set_text(struct pdf *p, const char *text, const char *family, double size, unsigned style)
{
	struct doc_run r = {text, strlen(text), style};

	set_runs(p, &r, 1, family, size, 0);
}

/* Draw the current layout whole, with its top at (x, y): text that never breaks
 * across pages (furniture, markers, table cells). */
static void
draw_at(struct pdf *p, double x, double y)
{
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, p->layout);
}

static double
layout_height(struct pdf *p)
{
	int w, h;

	pango_layout_get_size(p->layout, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void
grey(struct pdf *p, double level)
{
	cairo_set_source_rgb(p->cr, level, level, level);
}

/* ------------------------------------------------ pages */

static void
page_furniture(struct pdf *p)
{
	const struct doc_document *d = p->d;
	PangoLayout *text = p->layout;
	char buf[160];

	/* A page can break in the middle of a paragraph, whose layout must not
	 * change under its line iterator: headers and footers have their own. */
	p->layout = p->furniture;
	grey(p, 0.35);
	pango_layout_set_width(p->layout, -1);
	pango_layout_set_alignment(p->layout, PANGO_ALIGN_LEFT);
	pango_layout_set_justify(p->layout, FALSE);
	set_text(p, d->title, SANS, 8, 0);
	draw_at(p, MARGIN, 40);
	set_text(p, d->doc_id, SANS, 8, 0);
	pango_layout_set_width(p->layout, (int)(TEXT_W * PANGO_SCALE));
	pango_layout_set_alignment(p->layout, PANGO_ALIGN_RIGHT);
	draw_at(p, MARGIN, 40);
	cairo_set_line_width(p->cr, 0.5);
	cairo_move_to(p->cr, MARGIN, 54);
	cairo_line_to(p->cr, PAGE_W - MARGIN, 54);
	cairo_move_to(p->cr, MARGIN, PAGE_H - 54);
	cairo_line_to(p->cr, PAGE_W - MARGIN, PAGE_H - 54);
	cairo_stroke(p->cr);
	if (p->total)
		snprintf(buf, sizeof(buf), "Page %d of %d", p->page, p->total);
	else
		snprintf(buf, sizeof(buf), "Page %d of 999", p->page);
	set_text(p, buf, SANS, 8, 0);
	draw_at(p, MARGIN, PAGE_H - 48);
	snprintf(buf, sizeof(buf), "%.80s · version %.20s · %.*s", d->doc_id, d->version,
		 DOC_SHORT_HASH, d->source_sha256);
	set_text(p, buf, SANS, 8, 0);
	pango_layout_set_alignment(p->layout, PANGO_ALIGN_LEFT);
	draw_at(p, MARGIN, PAGE_H - 48);
	grey(p, 0);
	p->layout = text;
}

static void
new_page(struct pdf *p)
{
	if (p->page > 0)
		cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN;
	page_furniture(p);
}

/* Start a new page unless `h` points fit on this one. */
static void
need(struct pdf *p, double h)
{
	if (p->y + h > BOTTOM && p->y > MARGIN)
		new_page(p);
}

/* Draw the layout (already filled) line by line from the current position at
 * x, breaking pages between lines; with `plain`, the plain-language twin's
 * rule runs down the left of each line. */
static void
flow(struct pdf *p, double x, double width, bool justify, bool plain)
{
	PangoLayoutIter *it;
	double shift = 0; /* layout y of the current page's first line */

	pango_layout_set_width(p->layout, (int)(width * PANGO_SCALE));
	pango_layout_set_alignment(p->layout, PANGO_ALIGN_LEFT);
	pango_layout_set_justify(p->layout, justify);
	it = pango_layout_get_iter(p->layout);
	do {
		PangoRectangle r;
		double top, h, base;

		pango_layout_iter_get_line_extents(it, NULL, &r);
		top = (double)r.y / PANGO_SCALE;
		h = (double)r.height / PANGO_SCALE;
		/* A line that would run into the footer starts the next page (the
		 * first line too, unless the page is empty). */
		if (p->y + top - shift + h > BOTTOM && (top > shift || p->y > MARGIN)) {
			p->y += top - shift;
			new_page(p);
			shift = top;
		}
		base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		cairo_move_to(p->cr, x, p->y + base - shift);
		pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		if (plain) {
			cairo_set_source_rgb(p->cr, 0.42, 0.5, 0.6);
			cairo_rectangle(p->cr, MARGIN + 4, p->y + top - shift, 2.5, h);
			cairo_fill(p->cr);
			grey(p, 0);
		}
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	p->y += layout_height(p) - shift;
}

/* ------------------------------------------------ blocks */

static void
title_block(struct pdf *p)
{
	const struct doc_document *d = p->d;
	char buf[240];

	set_text(p, d->title, SANS, 20, DOC_BOLD);
	flow(p, MARGIN, TEXT_W, false, false);
	p->y += 6;
	set_text(p, d->subtitle, SERIF, 12, 0);
	flow(p, MARGIN, TEXT_W, false, false);
	p->y += 8;
	grey(p, 0.3);
	for (size_t i = 0; i < d->n_front; i++) {
		set_text(p, d->front[i], SERIF, 8.5, DOC_ITALIC);
		flow(p, MARGIN, TEXT_W, false, false);
		p->y += 3;
	}
	snprintf(buf, sizeof(buf), "Document %.80s, version %.20s, source SHA-256 %.64s", d->doc_id,
		 d->version, d->source_sha256);
	set_text(p, buf, SANS, 7.5, 0);
	flow(p, MARGIN, TEXT_W, false, false);
	grey(p, 0);
	p->y += 10;
}

static void
heading(struct pdf *p, const struct doc_block *k)
{
	struct str text = STR_INIT;

	if (*k->number)
		str_appendf(&text, k->level == 1 ? "%s.  " : "%s  ", k->number);
	for (size_t i = 0; i < k->n_runs; i++)
		str_append(&text, k->runs[i].text, k->runs[i].len);
	set_text(p, str_cstr(&text), SANS, k->level == 1 ? 14 : 11.5, DOC_BOLD);
	str_free(&text);
	/* Keep a heading with at least two lines of what follows. */
	pango_layout_set_width(p->layout, (int)(TEXT_W * PANGO_SCALE));
	p->y += k->level == 1 ? 14 : 8;
	need(p, layout_height(p) + 30);
	flow(p, MARGIN, TEXT_W, false, false);
	p->y += 4;
}

static void
paragraph(struct pdf *p, const struct doc_block *k)
{
	bool plain = k->flags & DOC_PLAIN, small = k->flags & DOC_SMALL;
	double indent = plain ? 16 : 0;

	if (k->kind == DOC_ITEM) {
		double at = MARGIN + indent + 14.0 * (k->level - 1), size = plain ? 9.5 : 10.5;
		char marker[16];

		/* The marker and the item's first line share a page. */
		need(p, size * 1.5);
		snprintf(marker, sizeof(marker), k->ordinal ? "%d." : "•", k->ordinal);
		set_text(p, marker, SERIF, size, 0);
		pango_layout_set_width(p->layout, -1);
		draw_at(p, at, p->y);
		set_runs(p, k->runs, k->n_runs, SERIF, size, 0);
		flow(p, at + 16, TEXT_W - (at - MARGIN) - 16, true, plain);
		p->y += 3;
		return;
	}
	set_runs(p, k->runs, k->n_runs, SERIF, small ? 8 : plain ? 9.5 : 10.5, 0);
	if (small)
		grey(p, 0.35);
	flow(p, MARGIN + indent, TEXT_W - indent, !small, plain);
	grey(p, 0);
	p->y += small ? 4 : 6;
}

/* One row of cells; returns its height.  draw false only measures. */
static double
table_row(struct pdf *p, const struct doc_table *t, const char *const *cells, bool header,
	  bool draw)
{
	double x = MARGIN, h = 0;

	for (size_t c = 0; c < t->n_cols; c++) {
		double w = TEXT_W * t->widths[c] / 100.0;

		set_text(p, cells[c], SANS, 8, header ? DOC_BOLD : 0);
		pango_layout_set_width(p->layout, (int)((w - 8) * PANGO_SCALE));
		pango_layout_set_justify(p->layout, FALSE);
		pango_layout_set_alignment(p->layout, PANGO_ALIGN_LEFT);
		if (layout_height(p) + 6 > h)
			h = layout_height(p) + 6;
		x += w;
	}
	if (!draw)
		return h;
	x = MARGIN;
	for (size_t c = 0; c < t->n_cols; c++) {
		double w = TEXT_W * t->widths[c] / 100.0;

		if (header) {
			cairo_set_source_rgb(p->cr, 0.9, 0.9, 0.9);
			cairo_rectangle(p->cr, x, p->y, w, h);
			cairo_fill(p->cr);
			grey(p, 0);
		}
		cairo_set_line_width(p->cr, 0.5);
		cairo_rectangle(p->cr, x, p->y, w, h);
		cairo_stroke(p->cr);
		set_text(p, cells[c], SANS, 8, header ? DOC_BOLD : 0);
		pango_layout_set_width(p->layout, (int)((w - 8) * PANGO_SCALE));
		draw_at(p, x + 4, p->y + 3);
		x += w;
	}
	p->y += h;
	return h;
}

static void
table(struct pdf *p, const struct doc_table *t)
{
	double hh = table_row(p, t, t->header, true, false);

	p->y += 4;
	need(p, hh + 20);
	table_row(p, t, t->header, true, true);
	for (size_t r = 0; r < t->n_rows; r++) {
		const char *const *row = t->cells + r * t->n_cols;

		if (p->y + table_row(p, t, row, false, false) > BOTTOM) {
			new_page(p);
			table_row(p, t, t->header, true, true);
		}
		table_row(p, t, row, false, true);
	}
	p->y += 8;
}

/* A box for the customer's initials at the right margin. */
static void
initials(struct pdf *p)
{
	const double w = 80, h = 26;

	need(p, h + 4);
	cairo_set_line_width(p->cr, 0.8);
	cairo_rectangle(p->cr, PAGE_W - MARGIN - w, p->y, w, h);
	cairo_stroke(p->cr);
	set_text(p, "Customer's initials", SANS, 8, 0);
	pango_layout_set_width(p->layout, (int)((TEXT_W - w - 8) * PANGO_SCALE));
	pango_layout_set_alignment(p->layout, PANGO_ALIGN_RIGHT);
	draw_at(p, MARGIN, p->y + h / 2 - 5);
	pango_layout_set_alignment(p->layout, PANGO_ALIGN_LEFT);
	p->y += h + 8;
}

static void
rule_line(struct pdf *p, const char *label, const char *value)
{
	set_text(p, label, SANS, 9, 0);
	pango_layout_set_width(p->layout, -1);
	draw_at(p, MARGIN, p->y + 12);
	if (value) {
		set_text(p, value, SERIF, 10.5, 0);
		draw_at(p, MARGIN + 70, p->y + 11);
	}
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, MARGIN + 68, p->y + 25);
	cairo_line_to(p->cr, MARGIN + 330, p->y + 25);
	cairo_stroke(p->cr);
	p->y += 30;
}

static void
signatures(struct pdf *p, const struct doc_block *k)
{
	for (size_t i = 0; i < k->n_parties; i++) {
		const struct doc_party *pt = &k->parties[i];
		char buf[300];

		need(p, 150);
		p->y += 12;
		snprintf(buf, sizeof(buf), "For the %.40s: %.200s", pt->role, pt->name);
		set_text(p, buf, SANS, 10, DOC_BOLD);
		flow(p, MARGIN, TEXT_W, false, false);
		rule_line(p, "Signature", NULL);
		rule_line(p, "Name", pt->signatory);
		rule_line(p, "Title", pt->title);
		rule_line(p, "Date", NULL);
	}
}

/* ------------------------------------------------ the whole document */

static int
pass(struct pdf *p, cairo_write_func_t write, void *closure, struct err *e)
{
	const struct doc_document *d = p->d;
	char date[32];
	cairo_status_t st;

	p->surface = cairo_pdf_surface_create_for_stream(write, closure, PAGE_W, PAGE_H);
	/* Dates from the document, never the clock: the same document gives
	 * the same bytes. */
	snprintf(date, sizeof(date), "%.19sZ", d->generated_at);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE, d->title);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_SUBJECT, d->doc_id);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR, "Prudent");
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
	p->cr = cairo_create(p->surface);
	pango_cairo_update_context(p->cr, p->ctx);
	p->layout = pango_layout_new(p->ctx);
	p->furniture = pango_layout_new(p->ctx);
	p->page = 0;
	new_page(p);
	title_block(p);
	for (size_t i = 0; i < d->n_blocks; i++) {
		const struct doc_block *k = &d->blocks[i];

		switch (k->kind) {
		case DOC_HEADING: heading(p, k); break;
		case DOC_PARA:
		case DOC_ITEM: paragraph(p, k); break;
		case DOC_TABLE: table(p, k->table); break;
		case DOC_INITIALS: initials(p); break;
		case DOC_SIGNATURES: signatures(p, k); break;
		default: break;
		}
	}
	cairo_show_page(p->cr);
	g_object_unref(p->layout);
	g_object_unref(p->furniture);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->surface);
	st = cairo_surface_status(p->surface);
	cairo_surface_destroy(p->surface);
	if (st != CAIRO_STATUS_SUCCESS)
		return err_set(e, ERR_INTERNAL, "cannot write the PDF: %s",
			       cairo_status_to_string(st));
	return 0;
}

int
doc_render_pdf(const struct doc_document *d, struct str *out, struct err *e)
{
	struct pdf p = {.d = d};
	cairo_font_options_t *fo = cairo_font_options_create();
	int rc;

	p.fontmap = pango_cairo_font_map_new();
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(p.fontmap), 72);
	p.ctx = pango_font_map_create_context(p.fontmap);
	pango_context_set_round_glyph_positions(p.ctx, FALSE);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(p.ctx, fo);
	cairo_font_options_destroy(fo);
	if ((rc = pass(&p, discard, NULL, e)) == 0) {
		p.total = p.page;
		rc = pass(&p, collect, out, e);
	}
	g_object_unref(p.ctx);
	g_object_unref(p.fontmap);
	str_free(&p.markup);
	return rc;
}
