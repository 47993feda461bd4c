/*
 * model.h - the one document model every renderer reads.
 *
 * A document (the agreement, an addendum, the risk-acceptance letter, the
 * summary) is built once from the matrix, the clauses and the settings into a
 * flat list of blocks: headings, paragraphs and list items made of styled
 * runs, tables, initials boxes and signature blocks.  The Markdown, HTML, PDF
 * and DOCX renderers each walk that list; none of them sees a clause, a
 * template or the database, so the four formats cannot say different things.
 *
 * Everything a document points to lives in its arena.  Renderers are
 * deterministic: the same document gives the same bytes.
 */
#ifndef PRUDENT_DOCS_MODEL_H
#define PRUDENT_DOCS_MODEL_H

#include "core/core.h"

/* A run of text in one style.  text is UTF-8, never escaped. */
enum { DOC_BOLD = 1, DOC_ITALIC = 2, DOC_CODE = 4 };
struct doc_run {
	const char *text;
	size_t len;
	unsigned style;
};

enum doc_block_kind {
	DOC_HEADING,    /* level 1 (a part or section) or 2 (a clause); number may be "" */
	DOC_PARA,       /* a paragraph of runs */
	DOC_ITEM,       /* a list item: a paragraph of runs at depth `level` (1, 2, ...) */
	DOC_TABLE,      /* a table of plain cells with a header row */
	DOC_INITIALS,   /* "Customer's initials" box for the clause just before it */
	DOC_SIGNATURES, /* signature blocks for the parties */
	DOC__KIND_MAX
};

/* Flags on paragraphs and items. */
enum {
	DOC_PLAIN = 1, /* part of a clause's plain-language twin (set off, as an aside) */
	DOC_SMALL = 2, /* a note in small type (a clause's id and version) */
};

struct doc_table {
	size_t n_cols, n_rows;     /* n_rows excludes the header */
	const char *const *header; /* n_cols */
	const char *const *cells;  /* n_rows * n_cols, row by row; "" for empty */
	const unsigned *widths;    /* n_cols relative column widths (summing to 100) */
};

struct doc_party {
	const char *role; /* "Customer", "Provider" */
	const char *name; /* the party's legal name */
	const char *signatory, *title; /* the person who signs, or NULL for a blank line */
};

struct doc_block {
	enum doc_block_kind kind;
	unsigned flags;
	int level;           /* DOC_HEADING: 1 or 2; DOC_ITEM: nesting depth from 1 */
	int ordinal;         /* DOC_ITEM: its number in an ordered list, 0 for a bullet */
	const char *number;  /* DOC_HEADING: "2" or "2.1" or ""; never NULL */
	const struct doc_run *runs; /* DOC_HEADING, DOC_PARA, DOC_ITEM */
	size_t n_runs;
	const struct doc_table *table;       /* DOC_TABLE */
	const struct doc_party *parties;     /* DOC_SIGNATURES */
	size_t n_parties;
};

/* A clause as the document used it: what identity records. */
struct doc_clause_ref {
	const char *id;
	int64_t version;
	char sha256[65]; /* of the version's legal and plain texts as written */
	/* As this document printed it: the number and title of its heading, its
	 * legal and plain texts filled in (Markdown), and whether the customer
	 * initials it.  The acceptance portal shows these. */
	const char *number, *title, *legal, *plain;
	bool initials;
};

struct doc_document {
	const char *kind;     /* "agreement", "hipaa-baa", ... (lib_doc_name) */
	const char *title;    /* "Standard of Care Agreement" */
	const char *subtitle; /* "Between X (the Provider) and Y (the Customer)" */
	const char *doc_id;   /* "bright-smile-dental.agreement" */
	const char *version;  /* "draft", or "1", "2", ... once issued */
	char source_sha256[65]; /* of everything the document is drawn from */
	const char *generated_at; /* RFC 3339 UTC */
	const char *lang;     /* "en-US" */
	/* Front matter lines, printed under the title block in small type. */
	const char *const *front;
	size_t n_front;
	const struct doc_block *blocks;
	size_t n_blocks;
	const struct doc_clause_ref *clauses;
	size_t n_clauses;
};

/* The short hash printed in headers and footers: the first 12 hex digits. */
#define DOC_SHORT_HASH 12

/* ------------------------------------------------ building */

struct doc_builder; /* opaque; everything it makes lives in the arena */

struct doc_builder *doc_builder_new(struct arena *arena, struct doc_document *doc);
void doc_heading(struct doc_builder *b, int level, const char *number, const char *text);
/* Parse Markdown (CommonMark with GFM tables) into paragraphs, items and tables
 * with `flags`; raw HTML is shown as text.  Headings inside become bold
 * paragraphs and block quotes their paragraphs. */
void doc_markdown(struct doc_builder *b, const char *md, size_t len, unsigned flags);
/* A paragraph of one run. */
void doc_para(struct doc_builder *b, const char *text, unsigned style, unsigned flags);
void doc_add_table(struct doc_builder *b, const struct doc_table *t);
void doc_initials(struct doc_builder *b);
void doc_signatures(struct doc_builder *b, const struct doc_party *parties, size_t n);
/* Finish: the blocks go into the document; the builder is gone. */
void doc_builder_finish(struct doc_builder *b);

/* ------------------------------------------------ rendering */

enum doc_render_format { DOC_R_MD, DOC_R_HTML, DOC_R_PDF, DOC_R_DOCX, DOC_R__MAX };
/* "md", "html", "pdf", "docx"; -1 for other names. */
int doc_render_format_parse(const char *name);
const char *doc_render_format_name(enum doc_render_format f);

/* Each renderer appends the whole file to out.  0, or ERR_IO / ERR_INTERNAL
 * when the PDF or ZIP library fails. */
int doc_render_md(const struct doc_document *d, struct str *out, struct err *e);
int doc_render_html(const struct doc_document *d, struct str *out, struct err *e);
int doc_render_pdf(const struct doc_document *d, struct str *out, struct err *e);
int doc_render_docx(const struct doc_document *d, struct str *out, struct err *e);
int doc_render(const struct doc_document *d, enum doc_render_format f, struct str *out,
	       struct err *e);

/* The clauses as the acceptance portal shows them, as JSON text (malloc'd):
 * {"document", "version", "clauses": [{"id", "version", "sha256", "number",
 * "title", "legal", "plain", "text_sha256", "marks": [{"id", "label"}]}]}.
 * A clause that needs initials has one mark per "Initials: ________" item
 * in its legal text (each declined safeguard), or one for the whole clause;
 * text_sha256 is the SHA-256 of the legal text, a NUL, and the plain text. */
char *doc_clauses_json(const struct doc_document *d);

/* Minimal Markdown escaping for text in the rendered Markdown: backslash only
 * the characters that would change the meaning where they stand. */
void doc_md_escape(struct str *out, const char *s, size_t len, bool line_start);

#endif
