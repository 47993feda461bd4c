/*
 * model.c - building the document model, and the two text renderers
 * (Markdown and HTML).  The PDF and DOCX renderers are pdf.c and docx.c.
 *
 * Clause texts arrive as Markdown (filled templates).  cmark-gfm parses them
 * once, here, into paragraphs, list items and tables of styled runs; from then
 * on no renderer parses anything, so a clause reads the same in every format.
 */
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdlib.h>

#include "docs/model.h"

struct doc_builder {
	struct arena *arena;
	struct doc_document *doc;
	struct doc_block *blocks;
	size_t n, cap;
	/* The runs of the paragraph being collected. */
	struct doc_run *runs;
	size_t n_runs, cap_runs;
	struct str text; /* the current run's text */
	unsigned style;
	bool open;       /* a run is being collected */
};

struct doc_builder *
doc_builder_new(struct arena *arena, struct doc_document *doc)
{
	struct doc_builder *b = xcalloc(1, sizeof(*b));

	b->arena = arena;
	b->doc = doc;
	return b;
}

static struct doc_block *
push_block(struct doc_builder *b, enum doc_block_kind kind, unsigned flags)
{
	struct doc_block *k;

	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 64;
		b->blocks = xrealloc(b->blocks, b->cap * sizeof(*b->blocks));
	}
	k = &b->blocks[b->n++];
	memset(k, 0, sizeof(*k));
	k->kind = kind;
	k->flags = flags;
	k->number = "";
	return k;
}

/* ------------------------------------------------ runs */

static void
end_run(struct doc_builder *b)
{
	struct doc_run *r;

	if (!b->open)
		return;
	b->open = false;
	if (b->text.len == 0)
		return;
	if (b->n_runs == b->cap_runs) {
		b->cap_runs = b->cap_runs ? 2 * b->cap_runs : 16;
		b->runs = xrealloc(b->runs, b->cap_runs * sizeof(*b->runs));
	}
	r = &b->runs[b->n_runs++];
	r->len = b->text.len;
	r->text = arena_strndup(b->arena, b->text.buf, b->text.len);
	r->style = b->style;
	str_clear(&b->text);
}

/* Append text in a style; text of the same style joins the run before it. */
static void
add_text(struct doc_builder *b, const char *s, size_t len, unsigned style)
{
	if (len == 0)
		return;
	if (b->open && b->style != style)
		end_run(b);
	b->open = true;
	b->style = style;
	str_append(&b->text, s, len);
}

/* The runs collected so far, into the arena, for a block. */
static void
take_runs(struct doc_builder *b, struct doc_block *k)
{
	struct doc_run *runs;

	end_run(b);
	runs = arena_array(b->arena, b->n_runs + 1, sizeof(*runs));
	memcpy(runs, b->runs, b->n_runs * sizeof(*runs));
	k->runs = runs;
	k->n_runs = b->n_runs;
	b->n_runs = 0;
}

/* ------------------------------------------------ Markdown to blocks */

static void
inlines(struct doc_builder *b, cmark_node *n, unsigned style)
{
	for (cmark_node *c = cmark_node_first_child(n); c; c = cmark_node_next(c)) {
		const char *lit;

		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE: /* raw HTML is off: shown as written */
			lit = cmark_node_get_literal(c);
			add_text(b, lit, strlen(lit), style);
			break;
		case CMARK_NODE_CODE:
			lit = cmark_node_get_literal(c);
			add_text(b, lit, strlen(lit), style | DOC_CODE);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK: add_text(b, " ", 1, style); break;
		case CMARK_NODE_EMPH: inlines(b, c, style | DOC_ITALIC); break;
		case CMARK_NODE_STRONG: inlines(b, c, style | DOC_BOLD); break;
		default: inlines(b, c, style); break; /* links and images: their text */
		}
	}
}

/* A GFM table: its first row is the header; columns share the width. */
static void
table(struct doc_builder *b, cmark_node *n, unsigned flags)
{
	struct doc_table *t = arena_alloc(b->arena, sizeof(*t));
	size_t rows = 0, cols = cmark_gfm_extensions_get_table_columns(n), r = 0;
	const char **cells;
	unsigned *widths;
	struct str cell = STR_INIT;

	for (cmark_node *row = cmark_node_first_child(n); row; row = cmark_node_next(row))
		rows++;
	if (rows == 0 || cols == 0)
		return;
	cells = arena_array(b->arena, rows * cols, sizeof(*cells));
	widths = arena_array(b->arena, cols, sizeof(*widths));
	for (size_t i = 0; i < cols; i++)
		widths[i] = (unsigned)(100 / cols + (i == cols - 1 ? 100 % cols : 0));
	for (cmark_node *row = cmark_node_first_child(n); row; row = cmark_node_next(row), r++) {
		size_t c = 0;

		for (cmark_node *x = cmark_node_first_child(row); x && c < cols;
		     x = cmark_node_next(x), c++) {
			struct doc_block tmp = {0};

			inlines(b, x, 0);
			take_runs(b, &tmp);
			str_clear(&cell);
			for (size_t i = 0; i < tmp.n_runs; i++)
				str_append(&cell, tmp.runs[i].text, tmp.runs[i].len);
			cells[r * cols + c] = arena_strdup(b->arena, str_cstr(&cell));
		}
		for (; c < cols; c++)
			cells[r * cols + c] = "";
	}
	str_free(&cell);
	t->n_cols = cols;
	t->n_rows = rows - 1;
	t->header = cells;
	t->cells = cells + cols;
	t->widths = widths;
	push_block(b, DOC_TABLE, flags)->table = t;
}

/* The blocks from node c and its following siblings, at list depth `depth`. */
static void
blocks(struct doc_builder *b, cmark_node *c, unsigned flags, int depth)
{
	for (; c; c = cmark_node_next(c)) {
		cmark_node_type type = cmark_node_get_type(c);
		const char *lit;
		int ordinal;

		switch (type) {
		case CMARK_NODE_PARAGRAPH:
			inlines(b, c, 0);
			take_runs(b, push_block(b, DOC_PARA, flags));
			break;
		case CMARK_NODE_HEADING:
			inlines(b, c, DOC_BOLD);
			take_runs(b, push_block(b, DOC_PARA, flags));
			break;
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
			lit = cmark_node_get_literal(c);
			add_text(b, lit, strlen(lit), type == CMARK_NODE_CODE_BLOCK ? DOC_CODE : 0);
			take_runs(b, push_block(b, DOC_PARA, flags));
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			blocks(b, cmark_node_first_child(c), flags, depth);
			break;
		case CMARK_NODE_LIST:
			ordinal = cmark_node_get_list_type(c) == CMARK_ORDERED_LIST
					  ? cmark_node_get_list_start(c) : 0;
			for (cmark_node *item = cmark_node_first_child(c); item;
			     item = cmark_node_next(item)) {
				cmark_node *first = cmark_node_first_child(item);
				struct doc_block *k;

				/* The item's first paragraph is the item; what follows it
				 * (a nested list, more paragraphs) comes after, one deeper. */
				if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH) {
					inlines(b, first, 0);
					first = cmark_node_next(first);
				}
				k = push_block(b, DOC_ITEM, flags);
				k->level = depth + 1;
				k->ordinal = ordinal ? ordinal++ : 0;
				take_runs(b, k);
				blocks(b, first, flags, depth + 1);
			}
			break;
		default:
			if (strcmp(cmark_node_get_type_string(c), "table") == 0)
				table(b, c, flags);
			break; /* thematic breaks */
		}
	}
}

void
doc_markdown(struct doc_builder *b, const char *md, size_t len, unsigned flags)
{
	static cmark_syntax_extension *tables;
	cmark_parser *p;
	cmark_node *root;

	if (!tables) {
		cmark_gfm_core_extensions_ensure_registered();
		tables = cmark_find_syntax_extension("table");
	}
	p = cmark_parser_new(CMARK_OPT_DEFAULT);
	if (tables)
		cmark_parser_attach_syntax_extension(p, tables);
	cmark_parser_feed(p, md, len);
	root = cmark_parser_finish(p);
	blocks(b, cmark_node_first_child(root), flags, 0);
	cmark_node_free(root);
	cmark_parser_free(p);
}

void
doc_heading(struct doc_builder *b, int level, const char *number, const char *text)
{
	struct doc_block *k = push_block(b, DOC_HEADING, 0);

	k->level = level;
	k->number = arena_strdup(b->arena, number);
	add_text(b, text, strlen(text), 0);
	take_runs(b, k);
}

void
doc_para(struct doc_builder *b, const char *text, unsigned style, unsigned flags)
{
	add_text(b, text, strlen(text), style);
	take_runs(b, push_block(b, DOC_PARA, flags));
}

void
doc_add_table(struct doc_builder *b, const struct doc_table *t)
{
	push_block(b, DOC_TABLE, 0)->table = t;
}

void
doc_initials(struct doc_builder *b)
{
	push_block(b, DOC_INITIALS, 0);
}

void
doc_signatures(struct doc_builder *b, const struct doc_party *parties, size_t n)
{
	struct doc_block *k = push_block(b, DOC_SIGNATURES, 0);

	k->parties = parties;
	k->n_parties = n;
}

void
doc_builder_finish(struct doc_builder *b)
{
	struct doc_block *list = arena_array(b->arena, b->n + 1, sizeof(*list));

	memcpy(list, b->blocks, b->n * sizeof(*list));
	b->doc->blocks = list;
	b->doc->n_blocks = b->n;
	free(b->blocks);
	free(b->runs);
	str_free(&b->text);
	free(b);
}
