/*
 * text.c - the Markdown and HTML renderers of the document model, and the
 * choice of renderer by format name.
 */
#include <ctype.h>

#include "docs/model.h"

static const char *const format_names[] = {"md", "html", "pdf", "docx"};

int
doc_render_format_parse(const char *name)
{
	for (int i = 0; i < DOC_R__MAX; i++)
		if (strcmp(name, format_names[i]) == 0)
			return i;
	return -1;
}

const char *
doc_render_format_name(enum doc_render_format f)
{
	return f < DOC_R__MAX ? format_names[f] : "?";
}

int
doc_render(const struct doc_document *d, enum doc_render_format f, struct str *out,
	   struct err *e)
{
	switch (f) {
	case DOC_R_MD: return doc_render_md(d, out, e);
	case DOC_R_HTML: return doc_render_html(d, out, e);
	case DOC_R_PDF: return doc_render_pdf(d, out, e);
	case DOC_R_DOCX: return doc_render_docx(d, out, e);
	default: return err_set(e, ERR_INTERNAL, "no renderer for format %d", (int)f);
	}
}

static const char *
short_hash(const struct doc_document *d, char buf[DOC_SHORT_HASH + 1])
{
	memcpy(buf, d->source_sha256, DOC_SHORT_HASH);
	buf[DOC_SHORT_HASH] = '\0';
	return buf;
}

/* ------------------------------------------------ Markdown */

/*
 * Backslash only what would change meaning: emphasis, code, links, HTML and
 * entities, table pipes, and block markers at the start of a line.  The
 * Mustache escaping for Markdown is stricter because it cannot know where a
 * value lands; here the renderer does.
 */
void
doc_md_escape(struct str *out, const char *s, size_t len, bool line_start)
{
	for (size_t i = 0; i < len; i++) {
		char c = s[i] == '\n' || s[i] == '\r' ? ' ' : s[i];
		bool esc = strchr("\\`*_[]<|~", c) != NULL && c != '\0';

		/* A run of '*' or '_' between spaces is no emphasis: a blank
		 * line to write on reads as written. */
		if ((c == '*' || c == '_') && !(line_start && i == 0)) {
			size_t j = i;

			while (j < len && s[j] == c)
				j++;
			if ((i == 0 || s[i - 1] == ' ') && (j == len || s[j] == ' ')) {
				str_append(out, s + i, j - i);
				i = j - 1;
				continue;
			}
		}
		if (c == '&' && i + 1 < len && (isalnum((unsigned char)s[i + 1]) || s[i + 1] == '#'))
			esc = true;
		if (line_start && i == 0 && strchr("#>+-=", c) && c != '\0')
			esc = true;
		/* "1986. A year" would start an ordered list. */
		if (line_start && i > 0 && (c == '.' || c == ')') &&
		    strspn(s, "0123456789") == i)
			esc = true;
		if (esc)
			str_putc(out, '\\');
		str_putc(out, c);
	}
}

/* A run with its emphasis markers outside its leading and trailing spaces, or
 * CommonMark would not see them as emphasis. */
static void
md_run(struct str *out, const struct doc_run *r, unsigned extra, bool line_start)
{
	unsigned style = r->style | extra;
	const char *mark = (style & DOC_BOLD) && (style & DOC_ITALIC) ? "***"
			   : style & DOC_BOLD ? "**" : style & DOC_ITALIC ? "*" : "";
	size_t lead = 0, trail = 0;

	while (lead < r->len && r->text[lead] == ' ')
		lead++;
	while (trail < r->len - lead && r->text[r->len - 1 - trail] == ' ')
		trail++;
	str_append(out, r->text, lead);
	if (lead == r->len)
		return;
	str_puts(out, mark);
	if (style & DOC_CODE) {
		/* A code span cannot hold escapes: fence it with more backticks
		 * than it contains. */
		const char *fence = memchr(r->text + lead, '`', r->len - lead - trail) ? "`` " : "`";

		str_puts(out, fence);
		for (size_t i = lead; i < r->len - trail; i++)
			str_putc(out, r->text[i] == '\n' ? ' ' : r->text[i]);
		str_puts(out, fence[1] ? " ``" : "`");
	} else {
		doc_md_escape(out, r->text + lead, r->len - lead - trail, line_start && lead == 0);
	}
	str_puts(out, mark);
	str_append(out, r->text + r->len - trail, trail);
}

static void
md_runs(struct str *out, const struct doc_block *k, unsigned extra)
{
	for (size_t i = 0; i < k->n_runs; i++)
		md_run(out, &k->runs[i], extra, i == 0);
}

static void
md_cell(struct str *out, const char *s)
{
	str_putc(out, ' ');
	doc_md_escape(out, s, strlen(s), false);
	str_puts(out, " |");
}

static void
md_table(struct str *out, const struct doc_table *t, const char *quote)
{
	str_puts(out, quote);
	str_putc(out, '|');
	for (size_t c = 0; c < t->n_cols; c++)
		md_cell(out, t->header[c]);
	str_putc(out, '\n');
	str_puts(out, quote);
	str_putc(out, '|');
	for (size_t c = 0; c < t->n_cols; c++)
		str_puts(out, " --- |");
	str_putc(out, '\n');
	for (size_t r = 0; r < t->n_rows; r++) {
		str_puts(out, quote);
		str_putc(out, '|');
		for (size_t c = 0; c < t->n_cols; c++)
			md_cell(out, t->cells[r * t->n_cols + c]);
		str_putc(out, '\n');
	}
}

int
doc_render_md(const struct doc_document *d, struct str *out, struct err *e)
{
	char sh[DOC_SHORT_HASH + 1];

	(void)e;
	str_puts(out, "# ");
	doc_md_escape(out, d->title, strlen(d->title), false);
	str_puts(out, "\n\n");
	doc_md_escape(out, d->subtitle, strlen(d->subtitle), true);
	str_puts(out, "\n\n");
	for (size_t i = 0; i < d->n_front; i++) {
		str_putc(out, '*');
		doc_md_escape(out, d->front[i], strlen(d->front[i]), false);
		str_puts(out, "*\n\n");
	}
	str_appendf(out, "Document %s, version %s, source SHA-256 `%s` (%s).\n",
		    d->doc_id, d->version, d->source_sha256, short_hash(d, sh));
	for (size_t i = 0; i < d->n_blocks; i++) {
		const struct doc_block *k = &d->blocks[i];
		const struct doc_block *prev = i ? &d->blocks[i - 1] : NULL;
		bool in_plain = k->flags & DOC_PLAIN;
		const char *quote = in_plain ? "> " : "";

		/* A blank line between blocks, except between items of one list;
		 * inside the plain-language quote the blank line is a bare '>'. */
		if (!(k->kind == DOC_ITEM && prev && prev->kind == DOC_ITEM))
			str_puts(out, prev && in_plain && (prev->flags & DOC_PLAIN) ? ">\n" : "\n");
		switch (k->kind) {
		case DOC_HEADING:
			str_puts(out, k->level == 1 ? "## " : "### ");
			if (*k->number)
				str_appendf(out, k->level == 1 ? "%s. " : "%s ", k->number);
			md_runs(out, k, 0);
			str_putc(out, '\n');
			break;
		case DOC_PARA:
			str_puts(out, quote);
			md_runs(out, k, k->flags & DOC_SMALL ? DOC_ITALIC : 0);
			str_putc(out, '\n');
			break;
		case DOC_ITEM:
			str_puts(out, quote);
			for (int l = 1; l < k->level; l++)
				str_puts(out, "    ");
			if (k->ordinal)
				str_appendf(out, "%d. ", k->ordinal);
			else
				str_puts(out, "- ");
			md_runs(out, k, 0);
			str_putc(out, '\n');
			break;
		case DOC_TABLE: md_table(out, k->table, quote); break;
		case DOC_INITIALS: str_puts(out, "Customer's initials: ________\n"); break;
		case DOC_SIGNATURES:
			for (size_t p = 0; p < k->n_parties; p++) {
				const struct doc_party *pt = &k->parties[p];

				str_appendf(out, "%s**For the %s:** ", p ? "\n" : "", pt->role);
				doc_md_escape(out, pt->name, strlen(pt->name), false);
				str_puts(out, "\n\nSignature: ______________________________\n\nName: ");
				if (pt->signatory)
					doc_md_escape(out, pt->signatory, strlen(pt->signatory), false);
				else
					str_puts(out, "______________________________");
				str_puts(out, "\n\nTitle: ");
				if (pt->title)
					doc_md_escape(out, pt->title, strlen(pt->title), false);
				else
					str_puts(out, "______________________________");
				str_puts(out, "\n\nDate: ______________\n");
			}
			break;
		default: break;
		}
	}
	str_appendf(out, "\n---\n\n*%s · version %s · %s*\n", d->doc_id, d->version, sh);
	return 0;
}

/* ------------------------------------------------ HTML */

enum { HTML_MAX_DEPTH = 16 };

static const char html_style[] =
	"body{font-family:\"Noto Serif\",Georgia,serif;font-size:11pt;line-height:1.45;"
	"color:#111;max-width:46em;margin:2em auto;padding:0 1em}"
	"h1{font-size:1.7em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em;"
	"border-bottom:1px solid #999}h3{font-size:1.05em;margin-top:1.2em}"
	".subtitle{font-size:1.1em}.front,.small,.ident{font-size:.85em;color:#444}"
	"aside.plain{background:#f3f5f7;border-left:4px solid #6b7f99;padding:.2em 1em;"
	"margin:.6em 0}"
	"table{border-collapse:collapse;width:100%;font-size:.9em;margin:.8em 0}"
	"th,td{border:1px solid #888;padding:.25em .45em;text-align:left;vertical-align:top}"
	"th{background:#e8e8e8}"
	".initials{text-align:right;font-size:.9em}.initials .box{display:inline-block;"
	"width:5em;height:1.8em;border:1px solid #111;vertical-align:middle;margin-left:.5em}"
	".party{margin:1.5em 0;page-break-inside:avoid;break-inside:avoid}"
	".party p{margin:.9em 0}.line{display:inline-block;min-width:18em;"
	"border-bottom:1px solid #111}"
	"footer{margin-top:3em;font-size:.8em;color:#555;border-top:1px solid #999}"
	"@media print{@page{size:letter;margin:1in}body{max-width:none;margin:0;padding:0}"
	"h2,h3{break-after:avoid;page-break-after:avoid}tr,aside.plain,.initials"
	"{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}"
	"aside.plain{background:none;border-left:2px solid #666}}";

static void
html_text(struct str *out, const char *s)
{
	str_append_html(out, s, strlen(s));
}

static void
html_runs(struct str *out, const struct doc_block *k)
{
	for (size_t i = 0; i < k->n_runs; i++) {
		const struct doc_run *r = &k->runs[i];

		if (r->style & DOC_BOLD)
			str_puts(out, "<strong>");
		if (r->style & DOC_ITALIC)
			str_puts(out, "<em>");
		if (r->style & DOC_CODE)
			str_puts(out, "<code>");
		str_append_html(out, r->text, r->len);
		if (r->style & DOC_CODE)
			str_puts(out, "</code>");
		if (r->style & DOC_ITALIC)
			str_puts(out, "</em>");
		if (r->style & DOC_BOLD)
			str_puts(out, "</strong>");
	}
}

/* The lists open at a point of the HTML: each holds an <li> still open, whose
 * nested list (if any) is the next one. */
struct lists {
	bool ordered[HTML_MAX_DEPTH];
	size_t open;
};

static void
lists_close(struct str *out, struct lists *l, size_t depth)
{
	while (l->open > depth) {
		l->open--;
		str_puts(out, l->ordered[l->open] ? "</li>\n</ol>\n" : "</li>\n</ul>\n");
	}
}

/* Start an item at `depth` (from 1): close deeper lists and the previous
 * sibling, or open lists down to this depth inside the open items. */
static void
lists_item(struct str *out, struct lists *l, size_t depth, int ordinal)
{
	bool ordered = ordinal != 0;

	lists_close(out, l, depth);
	if (l->open == depth && l->ordered[depth - 1] != ordered)
		lists_close(out, l, depth - 1);
	if (l->open == depth)
		str_puts(out, "</li>\n");
	for (; l->open < depth; l->open++) {
		bool last = l->open + 1 == depth;

		l->ordered[l->open] = last && ordered;
		if (l->open > 0)
			str_putc(out, '\n'); /* after the parent item's text */
		str_puts(out, l->ordered[l->open] ? "<ol>\n" : "<ul>\n");
		/* A list skipped to (a deeper item with no parent) gets an item of
		 * its own, so every open list holds an open <li>. */
		if (!last)
			str_puts(out, "<li>");
	}
	if (ordered)
		str_appendf(out, "<li value=\"%d\">", ordinal);
	else
		str_puts(out, "<li>");
}

static void
html_table(struct str *out, const struct doc_table *t)
{
	str_puts(out, "<table>\n<colgroup>");
	for (size_t c = 0; c < t->n_cols; c++)
		str_appendf(out, "<col style=\"width:%u%%\">", t->widths[c]);
	str_puts(out, "</colgroup>\n<thead><tr>");
	for (size_t c = 0; c < t->n_cols; c++) {
		str_puts(out, "<th>");
		html_text(out, t->header[c]);
		str_puts(out, "</th>");
	}
	str_puts(out, "</tr></thead>\n<tbody>\n");
	for (size_t r = 0; r < t->n_rows; r++) {
		str_puts(out, "<tr>");
		for (size_t c = 0; c < t->n_cols; c++) {
			str_puts(out, "<td>");
			html_text(out, t->cells[r * t->n_cols + c]);
			str_puts(out, "</td>");
		}
		str_puts(out, "</tr>\n");
	}
	str_puts(out, "</tbody>\n</table>\n");
}

static void
html_signatures(struct str *out, const struct doc_block *k)
{
	str_puts(out, "<section class=\"signatures\">\n");
	for (size_t p = 0; p < k->n_parties; p++) {
		const struct doc_party *pt = &k->parties[p];

		str_puts(out, "<div class=\"party\">\n<p><strong>For the ");
		html_text(out, pt->role);
		str_puts(out, ":</strong> ");
		html_text(out, pt->name);
		str_puts(out, "</p>\n<p>Signature: <span class=\"line\"></span></p>\n<p>Name: ");
		if (pt->signatory)
			html_text(out, pt->signatory);
		else
			str_puts(out, "<span class=\"line\"></span>");
		str_puts(out, "</p>\n<p>Title: ");
		if (pt->title)
			html_text(out, pt->title);
		else
			str_puts(out, "<span class=\"line\"></span>");
		str_puts(out, "</p>\n<p>Date: <span class=\"line\"></span></p>\n</div>\n");
	}
	str_puts(out, "</section>\n");
}

int
doc_render_html(const struct doc_document *d, struct str *out, struct err *e)
{
	char sh[DOC_SHORT_HASH + 1];
	struct lists lists = {0};
	bool aside = false;

	(void)e;
	str_appendf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<title>", d->lang);
	html_text(out, d->title);
	str_puts(out, " — ");
	html_text(out, d->doc_id);
	str_appendf(out, "</title>\n<meta name=\"document-id\" content=\"%s\">\n"
		    "<meta name=\"document-version\" content=\"%s\">\n"
		    "<meta name=\"source-sha256\" content=\"%s\">\n<style>%s</style>\n</head>\n"
		    "<body>\n<header>\n<h1>", d->doc_id, d->version, d->source_sha256, html_style);
	html_text(out, d->title);
	str_puts(out, "</h1>\n<p class=\"subtitle\">");
	html_text(out, d->subtitle);
	str_puts(out, "</p>\n");
	for (size_t i = 0; i < d->n_front; i++) {
		str_puts(out, "<p class=\"front\">");
		html_text(out, d->front[i]);
		str_puts(out, "</p>\n");
	}
	str_puts(out, "<p class=\"ident\">Document ");
	html_text(out, d->doc_id);
	str_appendf(out, ", version %s, source SHA-256 <code>%s</code></p>\n</header>\n<main>\n",
		    d->version, d->source_sha256);
	for (size_t i = 0; i < d->n_blocks; i++) {
		const struct doc_block *k = &d->blocks[i];
		size_t depth = k->kind != DOC_ITEM ? 0 : k->level < 1 ? 1
			       : k->level > HTML_MAX_DEPTH ? HTML_MAX_DEPTH : (size_t)k->level;

		if (depth == 0 || aside != ((k->flags & DOC_PLAIN) != 0))
			lists_close(out, &lists, 0);
		if (aside != ((k->flags & DOC_PLAIN) != 0)) {
			aside = !aside;
			str_puts(out, aside ? "<aside class=\"plain\">\n" : "</aside>\n");
		}
		switch (k->kind) {
		case DOC_HEADING:
			str_puts(out, k->level == 1 ? "<h2>" : "<h3>");
			if (*k->number)
				str_appendf(out, k->level == 1 ? "%s. " : "%s ", k->number);
			html_runs(out, k);
			str_puts(out, k->level == 1 ? "</h2>\n" : "</h3>\n");
			break;
		case DOC_PARA:
			str_puts(out, k->flags & DOC_SMALL ? "<p class=\"small\">" : "<p>");
			html_runs(out, k);
			str_puts(out, "</p>\n");
			break;
		case DOC_ITEM:
			lists_item(out, &lists, depth, k->ordinal);
			html_runs(out, k);
			break;
		case DOC_TABLE: html_table(out, k->table); break;
		case DOC_INITIALS:
			str_puts(out, "<p class=\"initials\">Customer's initials"
				 "<span class=\"box\"></span></p>\n");
			break;
		case DOC_SIGNATURES: html_signatures(out, k); break;
		default: break;
		}
	}
	lists_close(out, &lists, 0);
	if (aside)
		str_puts(out, "</aside>\n");
	str_puts(out, "</main>\n<footer><p>");
	html_text(out, d->doc_id);
	str_appendf(out, " · version %s · %s</p></footer>\n</body>\n</html>\n", d->version,
		    short_hash(d, sh));
	return 0;
}
