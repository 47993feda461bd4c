/*
 * docx.c - a document as a Word file, for the attorney who edits it.
 *
 * WordprocessingML is XML in a ZIP.  The parts are few and small, so we write
 * the XML ourselves and let libzip package it in memory.  What matters to the
 * attorney is that the file behaves like one a person made: every block has a
 * real named style (Heading1, Plain, Note, ...) so restyling the agreement is
 * one edit per style, lists are Word lists (numbering.xml), tables repeat
 * their header row on each page, and the footer's page numbers are live
 * PAGE and NUMPAGES fields that Word and LibreOffice fill in.
 *
 * Like every renderer this one is deterministic: the parts go into the
 * archive in a fixed order with a fixed time stamp, the core properties carry
 * the document's generated_at rather than the clock, and no part holds a
 * random id (Word's rsids and GUIDs are optional, and we leave them out).
 */
#include <assert.h>
#include <stdlib.h>
#include <zip.h>

#include "docs/model.h"

/* US Letter with 1-inch margins, in twentieths of a point. */
#define PAGE_W 12240
#define PAGE_H 15840
#define MARGIN 1440
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define INITIALS_W 2880 /* the initials box: two inches */
#define PLAIN_INDENT 567 /* a centimetre: the Plain style's left indent in styles_xml */

#define LIST_LEVELS 9 /* as deep as Word lists go */
#define BULLET_NUM 1  /* numId of every bulleted list; ordered lists get 2, 3, ... */

#define MIDDOT "\xc2\xb7"
#define BLANK "______________________________"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define NS_R "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL_TYPE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* The parts, in the order they go into the archive.  [Content_Types].xml
 * comes first, as Word writes it, for readers that stream the archive. */
enum part {
	P_TYPES, P_RELS, P_DOCUMENT, P_STYLES, P_NUMBERING, P_SETTINGS, P_HEADER, P_FOOTER,
	P_DOC_RELS, P_CORE, P_APP, P__MAX
};
static const char *const part_names[P__MAX] = {"[Content_Types].xml", "_rels/.rels",
	"word/document.xml", "word/styles.xml", "word/numbering.xml", "word/settings.xml",
	"word/header1.xml", "word/footer1.xml", "word/_rels/document.xml.rels",
	"docProps/core.xml", "docProps/app.xml"};

/* What the walk over the blocks keeps between blocks. */
struct docx {
	const struct doc_document *d;
	struct str *xml;  /* word/document.xml */
	struct str *nums; /* numbering.xml's w:num elements, one per ordered list */
	int n_nums;
	int list_num[LIST_LEVELS];  /* per level: the ordered list still open (numId), or 0 */
	int list_last[LIST_LEVELS]; /* and the ordinal of its last item */
};

/* ------------------------------------------------ text */

/*
 * Append len bytes of UTF-8 text escaped for XML content or a double-quoted
 * attribute.  XML 1.0 has no way at all to write most C0 controls (not even
 * as references) and Word refuses a part with invalid UTF-8, so controls are
 * dropped, invalid sequences become U+FFFD, and the non-characters U+FFFE and
 * U+FFFF go too.  In a run (in_run) a line break becomes a space, since the
 * model's runs are soft-wrapped text, and a tab becomes a w:tab element,
 * which is how WordprocessingML writes a tab.
 */
static void
xml_text(struct str *s, const char *text, size_t len, bool in_run)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t i = 0, valid = 0;

	while (i < len) {
		if (i == valid) {
			valid = i + utf8_valid_prefix(text + i, len - i);
			if (valid == i) {
				str_puts(s, "\xef\xbf\xbd");
				valid = ++i;
				continue;
			}
		}
		if (p[i] == 0xef && p[i + 1] == 0xbf && (p[i + 2] & 0xfe) == 0xbe) {
			i += 3; /* U+FFFE or U+FFFF, whole inside the valid span */
			continue;
		}
		switch (p[i]) {
		case '&': str_puts(s, "&amp;"); break;
		case '<': str_puts(s, "&lt;"); break;
		case '>': str_puts(s, "&gt;"); break;
		case '"': str_puts(s, "&quot;"); break;
		case '\n':
		case '\r': str_putc(s, in_run ? ' ' : (char)p[i]); break;
		case '\t':
			str_puts(s, in_run ? "</w:t><w:tab/><w:t xml:space=\"preserve\">" : "\t");
			break;
		default:
			if (p[i] >= 0x20)
				str_putc(s, (char)p[i]);
		}
		i++;
	}
}

static void
xml_cstr(struct str *s, const char *text)
{
	xml_text(s, text, strlen(text), false);
}

/* A run of text in the model's styles.  Monospace is the Code character
 * style rather than a font name, so the attorney can change it in one place. */
static void
run(struct str *s, const char *text, size_t len, unsigned style)
{
	if (len == 0)
		return;
	str_puts(s, "<w:r>");
	if (style & (DOC_BOLD | DOC_ITALIC | DOC_CODE)) {
		str_puts(s, "<w:rPr>");
		if (style & DOC_CODE)
			str_puts(s, "<w:rStyle w:val=\"Code\"/>");
		if (style & DOC_BOLD)
			str_puts(s, "<w:b/>");
		if (style & DOC_ITALIC)
			str_puts(s, "<w:i/>");
		str_puts(s, "</w:rPr>");
	}
	str_puts(s, "<w:t xml:space=\"preserve\">");
	xml_text(s, text, len, true);
	str_puts(s, "</w:t></w:r>");
}

static void
run_cstr(struct str *s, const char *text, unsigned style)
{
	run(s, text, strlen(text), style);
}

/*
 * Open a paragraph in style (NULL for Normal).  keep_next holds it on the
 * page of the paragraph after it; more is further w:pPr content, which must
 * follow w:keepNext in the schema's order (Word rejects elements out of order).
 */
static void
para_open(struct str *s, const char *style, bool keep_next, const char *more)
{
	str_puts(s, "<w:p>");
	if (!style && !keep_next && !*more)
		return;
	str_puts(s, "<w:pPr>");
	if (style)
		str_appendf(s, "<w:pStyle w:val=\"%s\"/>", style);
	if (keep_next)
		str_puts(s, "<w:keepNext/>");
	str_appendf(s, "%s</w:pPr>", more);
}

/* A paragraph of one plain run. */
static void
para_text(struct str *s, const char *style, bool keep_next, const char *text)
{
	para_open(s, style, keep_next, "");
	run_cstr(s, text, 0);
	str_puts(s, "</w:p>");
}

static void
para_runs(struct str *s, const struct doc_block *b)
{
	for (size_t i = 0; i < b->n_runs; i++)
		run(s, b->runs[i].text, b->runs[i].len, b->runs[i].style);
	str_puts(s, "</w:p>");
}

/* A paragraph's style from its flags: the small note wins over the aside. */
static const char *
para_style(const struct doc_block *b, const char *normal)
{
	if (b->flags & DOC_SMALL)
		return "Note";
	return b->flags & DOC_PLAIN ? "Plain" : normal;
}

/* ------------------------------------------------ blocks */

static void
title_block(struct docx *x)
{
	const struct doc_document *d = x->d;
	struct str line = STR_INIT;

	para_text(x->xml, "Title", false, d->title);
	if (d->subtitle && *d->subtitle)
		para_text(x->xml, "Subtitle", false, d->subtitle);
	for (size_t i = 0; i < d->n_front; i++)
		para_text(x->xml, "FrontMatter", false, d->front[i]);
	str_appendf(&line, "Document %s, version %s, source SHA-256 %s", d->doc_id, d->version,
		    d->source_sha256);
	para_text(x->xml, "FrontMatter", false, str_cstr(&line));
	str_free(&line);
}

/* Part numbers read "2. Customer obligations", clause numbers "2.1 Backups". */
static void
heading(struct docx *x, const struct doc_block *b)
{
	para_open(x->xml, b->level == 1 ? "Heading1" : "Heading2", false, "");
	if (*b->number) {
		run_cstr(x->xml, b->number, 0);
		run_cstr(x->xml, b->level == 1 ? ". " : " ", 0);
	}
	para_runs(x->xml, b);
}

/*
 * A list item.  Bullets all share one Word list.  Each ordered list gets its
 * own w:num starting at its first ordinal; otherwise Word would number every
 * ordered list in the document as one, counting on from the last.  A list is
 * new when no list is open at its level or the ordinal does not follow on;
 * anything but an item closes every list (see lists_close), and an item closes
 * the lists nested deeper than itself.  An item of the plain-language twin is
 * indented past the twin's rule, which would otherwise cut through its bullet.
 */
static void
item(struct docx *x, const struct doc_block *b, bool keep_next)
{
	int level = b->level < 1 ? 0 : b->level > LIST_LEVELS ? LIST_LEVELS - 1 : b->level - 1;
	int num = BULLET_NUM, n;
	char more[160];

	for (int i = level + 1; i < LIST_LEVELS; i++)
		x->list_num[i] = 0;
	if (b->ordinal == 0) {
		x->list_num[level] = 0;
	} else {
		if (!x->list_num[level] || b->ordinal != x->list_last[level] + 1) {
			x->list_num[level] = BULLET_NUM + ++x->n_nums;
			str_appendf(x->nums,
				    "<w:num w:numId=\"%d\"><w:abstractNumId w:val=\"1\"/>"
				    "<w:lvlOverride w:ilvl=\"%d\"><w:startOverride w:val=\"%d\"/>"
				    "</w:lvlOverride></w:num>",
				    x->list_num[level], level, b->ordinal);
		}
		x->list_last[level] = b->ordinal;
		num = x->list_num[level];
	}
	n = snprintf(more, sizeof(more), "<w:numPr><w:ilvl w:val=\"%d\"/><w:numId w:val=\"%d\"/>"
		     "</w:numPr>", level, num);
	if ((b->flags & (DOC_PLAIN | DOC_SMALL)) == DOC_PLAIN)
		snprintf(more + n, sizeof(more) - (size_t)n, "<w:ind w:left=\"%d\" w:hanging=\"360\"/>",
			 PLAIN_INDENT + 360 * (level + 1));
	para_open(x->xml, para_style(b, "ListParagraph"), keep_next, more);
	para_runs(x->xml, b);
}

static void
lists_close(struct docx *x)
{
	memset(x->list_num, 0, sizeof(x->list_num));
}

/* One table cell of plain text, width in twips. */
static void
cell(struct str *s, const char *text, unsigned width, bool header)
{
	str_appendf(s, "<w:tc><w:tcPr><w:tcW w:w=\"%u\" w:type=\"dxa\"/>%s</w:tcPr>", width,
		    header ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E5E7EB\"/>" : "");
	para_text(s, header ? "TableHeading" : "TableText", false, text);
	str_puts(s, "</w:tc>");
}

/*
 * A table across the text width.  Each column gets its share of the text
 * width by the model's widths (which may not add up to exactly 100: three
 * columns get 33 each), and the last takes what rounding leaves.
 * The layout is fixed: Word's autofit would otherwise reflow the columns to
 * their contents and ignore the widths we chose.
 */
static void
table(struct docx *x, const struct doc_table *t)
{
	struct str *s = x->xml;
	unsigned *widths, sum = 0, used = 0;

	if (t->n_cols == 0)
		return; /* a w:tbl without columns is a corrupt file to Word */
	widths = xcalloc(t->n_cols, sizeof(*widths));
	for (size_t c = 0; c < t->n_cols; c++)
		sum += t->widths[c];
	for (size_t c = 0; c + 1 < t->n_cols; c++) {
		widths[c] = (unsigned)((unsigned long)TEXT_W * t->widths[c] / (sum ? sum : 1));
		used += widths[c];
	}
	widths[t->n_cols - 1] = TEXT_W - used;
	str_puts(s, "<w:tbl><w:tblPr><w:tblStyle w:val=\"ContractTable\"/>"
		    "<w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblLayout w:type=\"fixed\"/></w:tblPr>"
		    "<w:tblGrid>");
	for (size_t c = 0; c < t->n_cols; c++)
		str_appendf(s, "<w:gridCol w:w=\"%u\"/>", widths[c]);
	/* The header row repeats on each page; no row breaks across pages. */
	str_puts(s, "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
	for (size_t c = 0; c < t->n_cols; c++)
		cell(s, t->header[c], widths[c], true);
	str_puts(s, "</w:tr>");
	for (size_t r = 0; r < t->n_rows; r++) {
		str_puts(s, "<w:tr><w:trPr><w:cantSplit/></w:trPr>");
		for (size_t c = 0; c < t->n_cols; c++)
			cell(s, t->cells[r * t->n_cols + c], widths[c], false);
		str_puts(s, "</w:tr>");
	}
	str_puts(s, "</w:tbl>");
	free(widths);
}

/* A one-cell table at the right margin, tall enough to write initials in:
 * a table, not a frame, because both editors handle tables alike. */
static void
initials(struct docx *x)
{
	str_appendf(x->xml,
		    "<w:tbl><w:tblPr><w:tblStyle w:val=\"ContractTable\"/>"
		    "<w:tblW w:w=\"%d\" w:type=\"dxa\"/><w:jc w:val=\"right\"/>"
		    "<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"%d\"/>"
		    "</w:tblGrid><w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"864\"/></w:trPr>"
		    "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/></w:tcPr>",
		    INITIALS_W, INITIALS_W, INITIALS_W);
	para_text(x->xml, "Note", false, "Customer's initials");
	str_puts(x->xml, "</w:tc></w:tr></w:tbl>");
}

/* A signature line: the value, or a blank to write on. */
static void
sign_line(struct str *s, const char *label, const char *value, bool keep_next)
{
	para_open(s, "Signature", keep_next, "");
	run_cstr(s, label, 0);
	run_cstr(s, value ? value : BLANK, 0);
	str_puts(s, "</w:p>");
}

/* Each party's block stays on one page: every line keeps with the next
 * but the last, so two parties may still fall on different pages. */
static void
signatures(struct docx *x, const struct doc_block *b)
{
	for (size_t i = 0; i < b->n_parties; i++) {
		const struct doc_party *p = &b->parties[i];

		para_open(x->xml, "SignatureParty", true, "");
		run_cstr(x->xml, "For the ", DOC_BOLD);
		run_cstr(x->xml, p->role, DOC_BOLD);
		run_cstr(x->xml, ": ", DOC_BOLD);
		run_cstr(x->xml, p->name, 0);
		str_puts(x->xml, "</w:p>");
		sign_line(x->xml, "Signature: ", NULL, true);
		sign_line(x->xml, "Name: ", p->signatory, true);
		sign_line(x->xml, "Title: ", p->title, true);
		sign_line(x->xml, "Date: ", NULL, false);
	}
}

/* word/document.xml, collecting the ordered lists' w:num elements on the way. */
static void
document_xml(struct docx *x)
{
	const struct doc_document *d = x->d;

	str_puts(x->xml, XML_DECL "<w:document " NS_W " " NS_R "><w:body>");
	title_block(x);
	for (size_t i = 0; i < d->n_blocks; i++) {
		const struct doc_block *b = &d->blocks[i];
		/* The initials box belongs to the clause just before it. */
		bool keep_next = i + 1 < d->n_blocks && d->blocks[i + 1].kind == DOC_INITIALS;

		if (b->kind != DOC_ITEM)
			lists_close(x);
		switch (b->kind) {
		case DOC_HEADING: heading(x, b); break;
		case DOC_PARA:
			para_open(x->xml, para_style(b, NULL), keep_next, "");
			para_runs(x->xml, b);
			break;
		case DOC_ITEM: item(x, b, keep_next); break;
		case DOC_TABLE: table(x, b->table); break;
		case DOC_INITIALS: initials(x); break;
		case DOC_SIGNATURES: signatures(x, b); break;
		case DOC__KIND_MAX: panic("docx: block kind %d", (int)b->kind);
		}
		/* Two tables with nothing between them become one in Word, and
		 * Word wants a paragraph after the last table of the body: a thin
		 * empty paragraph follows each table. */
		if (b->kind == DOC_TABLE || b->kind == DOC_INITIALS)
			str_puts(x->xml, "<w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"120\" "
					 "w:lineRule=\"exact\"/></w:pPr></w:p>");
	}
	str_appendf(x->xml,
		    "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId4\"/>"
		    "<w:footerReference w:type=\"default\" r:id=\"rId5\"/>"
		    "<w:pgSz w:w=\"%d\" w:h=\"%d\"/><w:pgMar w:top=\"%d\" w:right=\"%d\" "
		    "w:bottom=\"%d\" w:left=\"%d\" w:header=\"720\" w:footer=\"720\" w:gutter=\"0\"/>"
		    "</w:sectPr></w:body></w:document>",
		    PAGE_W, PAGE_H, MARGIN, MARGIN, MARGIN, MARGIN);
}

/* ------------------------------------------------ the other parts */

/*
 * The styles, named as Word names its built-in ones where there is one
 * ("heading 1", "List Paragraph", "header"), so Word's navigation pane,
 * table of contents and style gallery treat them as its own.  Body text is
 * serif, headings sans; the plain-language twin is an indented, shaded aside
 * with a rule on its left.  The macros are the pieces that repeat.
 */
#define SANS "<w:rFonts w:ascii=\"Noto Sans\" w:hAnsi=\"Noto Sans\" w:cs=\"Noto Sans\"/>"
#define GREY "<w:color w:val=\"6B7280\"/>"
#define PARA(id, name, based, ppr, rpr)                                                   \
	"<w:style w:type=\"paragraph\" w:styleId=\"" id "\"><w:name w:val=\"" name "\"/>" \
	"<w:basedOn w:val=\"" based "\"/><w:qFormat/><w:pPr>" ppr "</w:pPr>"               \
	"<w:rPr>" rpr "</w:rPr></w:style>"
#define EDGE(side) "<w:" side " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"9CA3AF\"/>"

static void
styles_xml(struct str *s, const char *lang)
{
	str_puts(s, XML_DECL "<w:styles " NS_W "><w:docDefaults><w:rPrDefault><w:rPr>"
		    "<w:rFonts w:ascii=\"Noto Serif\" w:hAnsi=\"Noto Serif\" w:eastAsia=\"Noto Serif\" "
		    "w:cs=\"Noto Serif\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"");
	xml_cstr(s, lang);
	str_puts(s, "\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
		    "<w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/>"
		    "</w:pPr></w:pPrDefault></w:docDefaults>"
		    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
		    "<w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
		    "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
		    "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/>"
		    "<w:semiHidden/><w:unhideWhenUsed/></w:style>"
		    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\">"
		    "<w:name w:val=\"Normal Table\"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>"
		    "<w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
		    "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>"
		    "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
		    PARA("Title", "Title", "Normal", "<w:keepNext/><w:spacing w:after=\"120\"/>",
			 SANS "<w:b/><w:sz w:val=\"40\"/><w:szCs w:val=\"40\"/>")
		    PARA("Subtitle", "Subtitle", "Normal", "<w:keepNext/><w:spacing w:after=\"240\"/>",
			 "<w:color w:val=\"4B5563\"/><w:sz w:val=\"26\"/><w:szCs w:val=\"26\"/>")
		    PARA("FrontMatter", "Front Matter", "Normal", "<w:spacing w:after=\"40\"/>",
			 "<w:color w:val=\"374151\"/><w:sz w:val=\"18\"/><w:szCs w:val=\"18\"/>")
		    PARA("Heading1", "heading 1", "Normal",
			 "<w:keepNext/><w:keepLines/><w:spacing w:before=\"360\" w:after=\"120\"/>"
			 "<w:outlineLvl w:val=\"0\"/>",
			 SANS "<w:b/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/>")
		    PARA("Heading2", "heading 2", "Normal",
			 "<w:keepNext/><w:keepLines/><w:spacing w:before=\"240\" w:after=\"80\"/>"
			 "<w:outlineLvl w:val=\"1\"/>",
			 SANS "<w:b/><w:sz w:val=\"23\"/><w:szCs w:val=\"23\"/>")
		    PARA("Plain", "Plain Language", "Normal",
			 "<w:pBdr><w:left w:val=\"single\" w:sz=\"18\" w:space=\"8\" "
			 "w:color=\"9CA3AF\"/></w:pBdr><w:shd w:val=\"clear\" w:color=\"auto\" "
			 "w:fill=\"F3F4F6\"/><w:ind w:left=\"567\" w:right=\"284\"/>",
			 "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>")
		    PARA("Note", "Note", "Normal", "<w:spacing w:after=\"60\"/>",
			 "<w:i/>" GREY "<w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/>")
		    PARA("ListParagraph", "List Paragraph", "Normal",
			 "<w:spacing w:after=\"60\"/><w:ind w:left=\"720\"/>", "")
		    PARA("TableText", "Table Text", "Normal",
			 "<w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/>",
			 "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/>")
		    PARA("TableHeading", "Table Heading", "TableText", "<w:keepNext/>", "<w:b/>")
		    PARA("SignatureParty", "Signature Party", "Normal",
			 "<w:keepNext/><w:keepLines/><w:spacing w:before=\"480\" w:after=\"0\"/>", "")
		    PARA("Signature", "Signature", "Normal", "<w:spacing w:before=\"320\" w:after=\"0\"/>",
			 "")
		    PARA("Header", "header", "Normal",
			 "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"4\" w:color=\"9CA3AF\"/>"
			 "</w:pBdr><w:tabs><w:tab w:val=\"right\" w:pos=\"9360\"/></w:tabs>"
			 "<w:spacing w:after=\"0\"/>",
			 SANS GREY "<w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/>")
		    PARA("Footer", "footer", "Normal", "<w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/>",
			 SANS GREY "<w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/>")
		    "<w:style w:type=\"character\" w:styleId=\"Code\"><w:name w:val=\"Code\"/>"
		    "<w:basedOn w:val=\"DefaultParagraphFont\"/><w:qFormat/><w:rPr>"
		    "<w:rFonts w:ascii=\"Courier New\" w:hAnsi=\"Courier New\" w:cs=\"Courier New\"/>"
		    "</w:rPr></w:style>"
		    "<w:style w:type=\"table\" w:styleId=\"ContractTable\"><w:name w:val=\"Contract Table\"/>"
		    "<w:basedOn w:val=\"TableNormal\"/><w:qFormat/><w:tblPr><w:tblBorders>"
		    EDGE("top") EDGE("left") EDGE("bottom") EDGE("right") EDGE("insideH") EDGE("insideV")
		    "</w:tblBorders><w:tblCellMar><w:top w:w=\"40\" w:type=\"dxa\"/>"
		    "<w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"40\" w:type=\"dxa\"/>"
		    "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
		    "</w:styles>");
}

#undef PARA
#undef SANS
#undef GREY
#undef EDGE

/* Two lists: bullets (•, ◦, ▪ by depth) and decimals, then the w:num
 * instances the body asked for. */
static void
numbering_xml(struct str *s, const struct str *nums)
{
	static const char *const bullets[] = {"\xe2\x80\xa2", "\xe2\x97\xa6", "\xe2\x96\xaa"};

	str_puts(s, XML_DECL "<w:numbering " NS_W ">");
	for (int a = 0; a < 2; a++) {
		str_appendf(s, "<w:abstractNum w:abstractNumId=\"%d\">"
			       "<w:multiLevelType w:val=\"hybridMultilevel\"/>", a);
		for (int l = 0; l < LIST_LEVELS; l++) {
			str_appendf(s, "<w:lvl w:ilvl=\"%d\"><w:start w:val=\"1\"/>", l);
			if (a == 0)
				str_appendf(s, "<w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"%s\"/>",
					    bullets[l % 3]);
			else
				str_appendf(s, "<w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%%%d.\"/>",
					    l + 1);
			str_appendf(s, "<w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"%d\" "
				       "w:hanging=\"360\"/></w:pPr></w:lvl>", 720 + 360 * l);
		}
		str_puts(s, "</w:abstractNum>");
	}
	str_appendf(s, "<w:num w:numId=\"%d\"><w:abstractNumId w:val=\"0\"/></w:num>", BULLET_NUM);
	str_append(s, nums->buf, nums->len);
	str_puts(s, "</w:numbering>");
}

/* The running header: the title, and the document id at the right margin. */
static void
header_xml(struct str *s, const struct doc_document *d)
{
	str_puts(s, XML_DECL "<w:hdr " NS_W "><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>");
	run_cstr(s, d->title, 0);
	str_puts(s, "<w:r><w:tab/></w:r>");
	run_cstr(s, d->doc_id, 0);
	str_puts(s, "</w:p></w:hdr>");
}

/* The footer names the exact document on every page.  The page numbers are
 * fields; the "1" inside is only what a reader shows before it lays out. */
static void
footer_xml(struct str *s, const struct doc_document *d)
{
	struct str line = STR_INIT;

	str_appendf(&line, "%s " MIDDOT " version %s " MIDDOT " %.*s " MIDDOT " Page ", d->doc_id,
		    d->version, DOC_SHORT_HASH, d->source_sha256);
	str_puts(s, XML_DECL "<w:ftr " NS_W "><w:p><w:pPr><w:pStyle w:val=\"Footer\"/></w:pPr>");
	run(s, line.buf, line.len, 0);
	str_puts(s, "<w:fldSimple w:instr=\" PAGE \"><w:r><w:t>1</w:t></w:r></w:fldSimple>"
		    "<w:r><w:t xml:space=\"preserve\"> of </w:t></w:r>"
		    "<w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>1</w:t></w:r></w:fldSimple>"
		    "</w:p></w:ftr>");
	str_free(&line);
}

/* docProps/core.xml: what Word shows under File > Info. */
static void
core_xml(struct str *s, const struct doc_document *d)
{
	str_puts(s, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
		    "package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
		    "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
		    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>");
	xml_cstr(s, d->title);
	str_puts(s, "</dc:title><dc:identifier>");
	xml_cstr(s, d->doc_id);
	str_puts(s, "</dc:identifier><cp:version>");
	xml_cstr(s, d->version);
	str_appendf(s, "</cp:version><dc:description>Source SHA-256 %s</dc:description>"
		       "<dc:language>", d->source_sha256);
	xml_cstr(s, d->lang);
	str_puts(s, "</dc:language><dcterms:created xsi:type=\"dcterms:W3CDTF\">");
	xml_cstr(s, d->generated_at);
	str_puts(s, "</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">");
	xml_cstr(s, d->generated_at);
	str_puts(s, "</dcterms:modified></cp:coreProperties>");
}

static const char content_types[] = XML_DECL
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" "
	"ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"" CT_WML "document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"" CT_WML "styles+xml\"/>"
	"<Override PartName=\"/word/numbering.xml\" ContentType=\"" CT_WML "numbering+xml\"/>"
	"<Override PartName=\"/word/settings.xml\" ContentType=\"" CT_WML "settings+xml\"/>"
	"<Override PartName=\"/word/header1.xml\" ContentType=\"" CT_WML "header+xml\"/>"
	"<Override PartName=\"/word/footer1.xml\" ContentType=\"" CT_WML "footer+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" "
	"ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
	"<Override PartName=\"/docProps/app.xml\" "
	"ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
	"</Types>";

static const char package_rels[] = XML_DECL
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" REL_TYPE "officeDocument\" Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
	"relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" REL_TYPE "extended-properties\" Target=\"docProps/app.xml\"/>"
	"</Relationships>";

/* rId4 and rId5 are the ids document.xml's w:sectPr uses. */
static const char document_rels[] = XML_DECL
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"" REL_TYPE "styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" REL_TYPE "numbering\" Target=\"numbering.xml\"/>"
	"<Relationship Id=\"rId3\" Type=\"" REL_TYPE "settings\" Target=\"settings.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"" REL_TYPE "header\" Target=\"header1.xml\"/>"
	"<Relationship Id=\"rId5\" Type=\"" REL_TYPE "footer\" Target=\"footer1.xml\"/>"
	"</Relationships>";

/* Compatibility mode 15 (Word 2013 and later) keeps Word from opening the
 * file in compatibility view. */
static const char settings[] = XML_DECL "<w:settings " NS_W ">"
	"<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"720\"/>"
	"<w:characterSpacingControl w:val=\"doNotCompress\"/><w:compat>"
	"<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" "
	"w:val=\"15\"/></w:compat></w:settings>";

static const char app[] = XML_DECL
	"<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
	"<Application>Prudent</Application></Properties>";

/* ------------------------------------------------ the package */

/* The time stamp of every part.  libzip stores local time (DOS format), so we
 * ask mktime for the moment that is 1980-01-01 12:00 here: the archive then
 * has the same bytes in every time zone.  The real date is in core.xml. */
static time_t
zip_mtime(void)
{
	struct tm tm = {.tm_year = 80, .tm_mon = 0, .tm_mday = 1, .tm_hour = 12, .tm_isdst = -1};

	return mktime(&tm);
}

/* Package the parts into a ZIP archive in memory and append its bytes to out. */
static int
write_zip(const struct str parts[P__MAX], struct str *out, struct err *e)
{
	zip_error_t ze;
	zip_source_t *src, *part;
	zip_t *za;
	zip_stat_t st;
	zip_int64_t idx, n = 0;
	time_t mtime = zip_mtime();
	struct str bytes = STR_INIT;
	char buf[16384];
	int rc = 0;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	if (!za) {
		rc = err_set(e, ERR_INTERNAL, "docx: cannot start a ZIP archive in memory: %s",
			     zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return rc;
	}
	/* Closing the archive would free the buffer we want to read back. */
	zip_source_keep(src);
	for (int i = 0; i < P__MAX; i++) {
		part = zip_source_buffer(za, parts[i].buf, parts[i].len, 0);
		idx = part ? zip_file_add(za, part_names[i], part, ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0 || zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0) < 0) {
			rc = err_set(e, ERR_INTERNAL, "docx: cannot add %s to the ZIP archive: %s",
				     part_names[i], zip_strerror(za));
			if (part && idx < 0)
				zip_source_free(part);
			zip_discard(za);
			goto done;
		}
	}
	if (zip_close(za) < 0) {
		rc = err_set(e, ERR_INTERNAL, "docx: cannot write the ZIP archive: %s", zip_strerror(za));
		zip_discard(za);
		goto done;
	}
	if (zip_source_open(src) < 0 || zip_source_stat(src, &st) < 0) {
		rc = err_set(e, ERR_INTERNAL, "docx: cannot read the ZIP archive back: %s",
			     zip_error_strerror(zip_source_error(src)));
		goto done;
	}
	/* A short read would be a truncated file that Word calls corrupt:
	 * fail instead, and leave out as it was. */
	while ((n = zip_source_read(src, buf, sizeof(buf))) > 0)
		str_append(&bytes, buf, (size_t)n);
	if (n < 0 || !(st.valid & ZIP_STAT_SIZE) || bytes.len != st.size)
		rc = err_set(e, ERR_INTERNAL, "docx: cannot read the ZIP archive back: %s",
			     n < 0 ? zip_error_strerror(zip_source_error(src)) : "short read");
	else
		str_append(out, bytes.buf, bytes.len);
	zip_source_close(src);
	str_free(&bytes);
done:
	zip_source_free(src);
	zip_error_fini(&ze);
	return rc;
}

int
doc_render_docx(const struct doc_document *d, struct str *out, struct err *e)
{
	struct str parts[P__MAX] = {{0}}, nums = STR_INIT;
	struct docx x = {.d = d, .xml = &parts[P_DOCUMENT], .nums = &nums};
	int rc;

	assert(d->title && d->doc_id && d->version && d->generated_at && d->lang);
	str_puts(&parts[P_TYPES], content_types);
	str_puts(&parts[P_RELS], package_rels);
	document_xml(&x);
	styles_xml(&parts[P_STYLES], d->lang);
	numbering_xml(&parts[P_NUMBERING], &nums);
	str_puts(&parts[P_SETTINGS], settings);
	header_xml(&parts[P_HEADER], d);
	footer_xml(&parts[P_FOOTER], d);
	str_puts(&parts[P_DOC_RELS], document_rels);
	core_xml(&parts[P_CORE], d);
	str_puts(&parts[P_APP], app);
	rc = write_zip(parts, out, e);
	for (int i = 0; i < P__MAX; i++)
		str_free(&parts[i]);
	str_free(&nums);
	return rc;
}
