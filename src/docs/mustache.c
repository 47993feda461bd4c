/*
 * mustache.c - the Mustache engine behind mustache.h.
 *
 * Parsing makes three passes over the template text (copied into the
 * template's arena, so nodes point into it):
 *
 *   1. tokenize: text runs and tags, following delimiter changes and matching
 *      each closing tag with the section it closes (which is where unclosed
 *      and mismatched sections are found, with their lines);
 *   2. standalone lines: a line holding only whitespace and one tag of the
 *      kinds that print nothing themselves (section, inverted, closing,
 *      comment, partial, block, delimiter change) vanishes from the output,
 *      its whitespace and newline too.  Parent tags and their closing tags do
 *      not count against the "one tag", which is how the specification's
 *      "{{<parent}}{{/parent}}" and "{{<parent}}{{$block}}" lines are
 *      standalone while "{{$block}}{{/block}}" is not;
 *   3. build: the tokens that survive become a tree of nodes.
 *
 * Rendering walks the tree with the context stack as a linked list on the C
 * stack.  Partials named by the template are parsed on first use and kept for
 * the rest of the render.
 *
 * Indentation.  A standalone partial's indentation goes before each line of
 * the partial, and inheritance moves whole blocks of lines between templates:
 * "block indentation is removed at the site of definition and added at the
 * site of expansion".  Both are done as the output is written, not by
 * rewriting template text: the renderer holds one transform, "at the start of
 * each template line, drop this much of the leading whitespace (strip) and
 * write this indentation (add)".  add is a chain of pieces (one per nesting
 * partial or block) so that nothing is copied; strip is only ever the
 * indentation a block's content had where it was written.  Interpolated
 * values are never re-indented: the indentation belongs to template lines.
 *
 * A block's indentation, where it is written and where it is expanded alike,
 * is the leading whitespace of the line after its opening tag when that tag
 * is standalone (so default content decides, the specification's "intrinsic
 * indentation"), or else of the line the tag is on.  An override is rendered
 * with strip = its own indentation and add = the expansion site's, seen
 * through the transform already in force there.
 */
#include <stdlib.h>

#include "docs/mustache.h"

#define NO_STRIP SIZE_MAX
#define NOT_FOUND SIZE_MAX
/* Longest delimiter a {{=| |=}} tag may set: long ones make tag search slow. */
#define MAX_DELIMITER 32
/* Names in messages are cut to this many bytes. */
#define NAME_SHOWN 60
#define SHOW(s) (int)((s).len < NAME_SHOWN ? (s).len : NAME_SHOWN), (s).p

struct slice {
	const char *p;
	size_t len;
};

/* ------------------------------------------------------------------ tree */

enum node_kind {
	NODE_TEXT,
	NODE_VAR,      /* {{name}}: escaped */
	NODE_RAW,      /* {{{name}}}, {{&name}}: as it is */
	NODE_SECTION,  /* {{#name}} */
	NODE_INVERTED, /* {{^name}} */
	NODE_PARTIAL,  /* {{>name}} */
	NODE_PARENT,   /* {{<name}}: its block children are the arguments */
	NODE_BLOCK,    /* {{$name}}: its children are the default content */
	NODE__MAX
};

struct node {
	enum node_kind kind;
	bool standalone;
	unsigned line;
	struct slice name;   /* NODE_TEXT: the text; the others: the tag's name */
	const char *name_z;  /* NODE_PARTIAL, NODE_PARENT: the name, NUL-terminated */
	struct slice *parts; /* NODE_VAR to NODE_INVERTED: the name split on dots; */
	size_t n_parts;      /* none for ".", the top of the context stack */
	/* NODE_PARTIAL, NODE_PARENT: the whitespace before a standalone tag.
	 * NODE_BLOCK: the indentation of its content, which is the leading
	 * whitespace of the line after a standalone opening tag, or of the tag's
	 * own line otherwise. */
	struct slice indent;
	struct node *first, *next; /* children, siblings */
};

struct doc_template {
	struct arena *arena;
	struct node *first;
};

/* ------------------------------------------------------------- tokenize */

enum tok_kind {
	TOK_TEXT,
	TOK_VAR,
	TOK_RAW,
	TOK_SECTION,
	TOK_INVERTED,
	TOK_CLOSE,
	TOK_COMMENT,
	TOK_PARTIAL,
	TOK_PARENT,
	TOK_BLOCK,
	TOK_DELIM,
	TOK__MAX
};

struct token {
	enum tok_kind kind;
	enum tok_kind closes; /* TOK_CLOSE: the kind of tag it closes */
	size_t start, end;    /* the whole token in the text */
	size_t keep_start, keep_end; /* TOK_TEXT: what standalone lines leave of it */
	struct slice name;    /* a tag's content, trimmed */
	unsigned line;
	bool standalone;
	struct slice indent;
};

struct parser {
	const char *src;
	size_t len;
	struct token *toks;
	size_t n_toks, cap;
	struct err *e;
};

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static struct slice
trim(const char *p, size_t len)
{
	while (len && is_space(p[0]))
		p++, len--;
	while (len && is_space(p[len - 1]))
		len--;
	return (struct slice){p, len};
}

static bool
slice_eq(struct slice a, struct slice b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

/* The length of the run of spaces and tabs at p (at most len). */
static size_t
indent_len(const char *p, size_t len)
{
	size_t n = 0;

	while (n < len && (p[n] == ' ' || p[n] == '\t'))
		n++;
	return n;
}

static unsigned
count_lines(const char *p, size_t len)
{
	unsigned n = 0;
	const char *nl;

	while (len && (nl = memchr(p, '\n', len))) {
		n++;
		len -= (size_t)(nl - p) + 1;
		p = nl + 1;
	}
	return n;
}

/* The offset of the first match at or after from of delim, preceded by the
 * byte lead unless lead is 0; NOT_FOUND if there is none. */
static size_t
find(const char *src, size_t from, size_t len, char lead, struct slice delim)
{
	size_t need = delim.len + (lead ? 1 : 0);
	char first = lead ? lead : delim.p[0];
	size_t i = from;

	while (i <= len && len - i >= need) {
		const char *hit = memchr(src + i, first, len - i - need + 1);

		if (!hit)
			return NOT_FOUND;
		i = (size_t)(hit - src);
		if (memcmp(src + i + (lead ? 1 : 0), delim.p, delim.len) == 0)
			return i;
		i++;
	}
	return NOT_FOUND;
}

static struct token *
push_token(struct parser *p, enum tok_kind kind, size_t start, size_t end, unsigned line)
{
	struct token *t;

	if (p->n_toks == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->toks = xrealloc(p->toks, size_mul_add(p->cap, sizeof(*p->toks), 0));
	}
	t = &p->toks[p->n_toks++];
	memset(t, 0, sizeof(*t));
	t->kind = kind;
	t->start = t->keep_start = start;
	t->end = t->keep_end = end;
	t->line = line;
	return t;
}

/* {{=<% %>=}}: two delimiters separated by whitespace. */
static int
set_delimiters(struct parser *p, const struct token *t, struct slice *open, struct slice *close)
{
	const char *s = t->name.p, *end = t->name.p + t->name.len;
	struct slice a, b;

	a.p = s;
	while (s < end && !is_space(*s))
		s++;
	a.len = (size_t)(s - a.p);
	while (s < end && is_space(*s))
		s++;
	b.p = s;
	while (s < end && !is_space(*s))
		s++;
	b.len = (size_t)(s - b.p);
	if (a.len == 0 || b.len == 0 || s != end || a.len > MAX_DELIMITER || b.len > MAX_DELIMITER)
		return err_set(p->e, ERR_INPUT,
			       "line %u: bad delimiter change '%.*s': it takes two delimiters of at most"
			       " %d bytes, separated by a space, as in {{=<%% %%>=}}",
			       t->line, SHOW(t->name), MAX_DELIMITER);
	*open = a;
	*close = b;
	return 0;
}

/* Split the text into tokens, checking that sections nest. */
static int
tokenize(struct parser *p)
{
	static const char *const shown[TOK__MAX] = {
		[TOK_SECTION] = "section", [TOK_INVERTED] = "inverted section",
		[TOK_PARENT] = "parent", [TOK_BLOCK] = "block",
	};
	struct slice open = {"{{", 2}, close = {"}}", 2};
	size_t opened[DOC_MUSTACHE_MAX_DEPTH];
	size_t n_opened = 0, pos = 0;
	unsigned line = 1;

	while (pos < p->len) {
		size_t at = find(p->src, pos, p->len, 0, open);
		enum tok_kind kind = TOK_VAR;
		size_t q, stop, end;
		struct token *t;
		char lead = 0;
		int rc;

		if (at == NOT_FOUND)
			at = p->len;
		if (at > pos) {
			push_token(p, TOK_TEXT, pos, at, line);
			line += count_lines(p->src + pos, at - pos);
		}
		if (at == p->len)
			break;
		q = at + open.len;
		if (q < p->len) {
			switch (p->src[q]) {
			case '{': kind = TOK_RAW; lead = '}'; break;
			case '&': kind = TOK_RAW; break;
			case '#': kind = TOK_SECTION; break;
			case '^': kind = TOK_INVERTED; break;
			case '/': kind = TOK_CLOSE; break;
			case '!': kind = TOK_COMMENT; break;
			case '>': kind = TOK_PARTIAL; break;
			case '<': kind = TOK_PARENT; break;
			case '$': kind = TOK_BLOCK; break;
			case '=': kind = TOK_DELIM; lead = '='; break;
			default: break;
			}
			if (kind != TOK_VAR)
				q++;
		}
		stop = find(p->src, q, p->len, lead, close);
		if (stop == NOT_FOUND)
			return err_set(p->e, ERR_INPUT, "line %u: unclosed tag: '%.*s' without a '%.*s%.*s'",
				       line, (int)(q - at), p->src + at, lead ? 1 : 0, &lead,
				       (int)close.len, close.p);
		end = stop + (lead ? 1 : 0) + close.len;
		t = push_token(p, kind, at, end, line);
		t->name = trim(p->src + q, stop - q);
		line += count_lines(p->src + at, end - at);
		pos = end;

		if (kind == TOK_COMMENT)
			continue;
		if (kind == TOK_DELIM) {
			if ((rc = set_delimiters(p, t, &open, &close)) < 0)
				return rc;
			continue;
		}
		if (t->name.len == 0)
			return err_set(p->e, ERR_INPUT, "line %u: a tag without a name", t->line);
		if (kind == TOK_SECTION || kind == TOK_INVERTED || kind == TOK_PARENT ||
		    kind == TOK_BLOCK) {
			if (n_opened == DOC_MUSTACHE_MAX_DEPTH)
				return err_set(p->e, ERR_INPUT,
					       "line %u: sections nested deeper than %d levels",
					       t->line, DOC_MUSTACHE_MAX_DEPTH);
			opened[n_opened++] = p->n_toks - 1;
		} else if (kind == TOK_CLOSE) {
			const struct token *o;

			if (n_opened == 0)
				return err_set(p->e, ERR_INPUT,
					       "line %u: closing tag '%.*s' without an open section",
					       t->line, SHOW(t->name));
			o = &p->toks[opened[n_opened - 1]];
			if (!slice_eq(o->name, t->name))
				return err_set(p->e, ERR_INPUT,
					       "line %u: closing tag '%.*s' does not match %s '%.*s'"
					       " opened at line %u",
					       t->line, SHOW(t->name), shown[o->kind], SHOW(o->name),
					       o->line);
			t->closes = o->kind;
			n_opened--;
		}
	}
	if (n_opened) {
		const struct token *o = &p->toks[opened[n_opened - 1]];

		return err_set(p->e, ERR_INPUT, "line %u: %s '%.*s' is never closed", o->line,
			       shown[o->kind], SHOW(o->name));
	}
	return 0;
}

/* ------------------------------------------------------------ standalone */

/* What one line of the template holds, for deciding whether it is standalone. */
struct line_scan {
	size_t first_tok; /* the token the line starts in */
	size_t start;     /* the offset it starts at */
	bool text;        /* some text other than whitespace */
	unsigned interpolations, parents, others;
};

/* Is p[0, len) only spaces and tabs, with maybe a \r at the end (before a
 * newline that follows)? */
static bool
blank(const char *p, size_t len, bool cr_ok)
{
	size_t n = indent_len(p, len);

	return n == len || (cr_ok && n + 1 == len && p[n] == '\r');
}

/* The line that ends at end (after its newline, or at the end of the text)
 * and whose last token is last: mark it standalone and drop its whitespace,
 * or not. */
static void
finish_line(struct parser *p, const struct line_scan *ls, size_t last, size_t end)
{
	bool standalone = !ls->text && ls->interpolations == 0 && ls->others <= 1 &&
			  ls->others + ls->parents > 0;
	struct slice lead = {p->src + ls->start, indent_len(p->src + ls->start, end - ls->start)};
	struct slice next = {p->src + end, 0};

	if (standalone && end > ls->start && p->src[end - 1] == '\n')
		next.len = indent_len(p->src + end, p->len - end);
	for (size_t i = ls->first_tok; i <= last && i < p->n_toks; i++) {
		struct token *t = &p->toks[i];

		if (t->kind == TOK_TEXT) {
			size_t a = t->keep_start > ls->start ? t->keep_start : ls->start;
			size_t b = t->keep_end < end ? t->keep_end : end;

			if (!standalone || a >= b)
				continue;
			/* The line is the tail of a text, its head, or all of it. */
			if (a == t->keep_start)
				t->keep_start = b;
			else if (b == t->keep_end)
				t->keep_end = a;
			continue;
		}
		t->standalone = standalone;
		if (t->kind == TOK_BLOCK)
			t->indent = standalone ? next : lead;
		else if (standalone)
			t->indent = lead;
	}
}

static void
mark_standalone(struct parser *p)
{
	struct line_scan ls = {0};

	for (size_t k = 0; k < p->n_toks; k++) {
		struct token *t = &p->toks[k];
		const char *s = p->src + t->start, *nl, *last_nl;
		size_t n = t->end - t->start;

		switch (t->kind) {
		case TOK_TEXT:
			break;
		case TOK_VAR:
		case TOK_RAW:
			ls.interpolations++;
			continue;
		case TOK_PARENT:
			ls.parents++;
			continue;
		case TOK_CLOSE:
			if (t->closes == TOK_PARENT)
				ls.parents++;
			else
				ls.others++;
			continue;
		default:
			ls.others++;
			continue;
		}
		if (!(nl = memchr(s, '\n', n))) {
			ls.text |= !blank(s, n, false);
			continue;
		}
		ls.text |= !blank(s, (size_t)(nl - s), true);
		finish_line(p, &ls, k, (size_t)(nl - p->src) + 1);
		for (last_nl = s + n - 1; *last_nl != '\n'; last_nl--)
			;
		memset(&ls, 0, sizeof(ls));
		ls.start = (size_t)(last_nl - p->src) + 1;
		ls.first_tok = ls.start < t->end ? k : k + 1;
		ls.text = !blank(p->src + ls.start, t->end - ls.start, false);
	}
	if (p->n_toks)
		finish_line(p, &ls, p->n_toks - 1, p->len);
}

/* ----------------------------------------------------------------- build */

static void
split_name(struct arena *a, struct node *n)
{
	size_t i, start, k = 1;

	if (n->name.len == 1 && n->name.p[0] == '.')
		return; /* the implicit iterator: no parts */
	for (i = 0; i < n->name.len; i++)
		k += n->name.p[i] == '.';
	n->parts = arena_array(a, k, sizeof(*n->parts));
	for (i = start = 0; i <= n->name.len; i++) {
		if (i == n->name.len || n->name.p[i] == '.') {
			n->parts[n->n_parts++] = (struct slice){n->name.p + start, i - start};
			start = i + 1;
		}
	}
}

/* Turn the checked tokens into the tree: nesting is known to be right. */
static void
build(struct parser *p, struct doc_template *t)
{
	static const enum node_kind kinds[TOK__MAX] = {
		[TOK_VAR] = NODE_VAR, [TOK_RAW] = NODE_RAW, [TOK_SECTION] = NODE_SECTION,
		[TOK_INVERTED] = NODE_INVERTED, [TOK_PARTIAL] = NODE_PARTIAL,
		[TOK_PARENT] = NODE_PARENT, [TOK_BLOCK] = NODE_BLOCK,
	};
	struct {
		struct node *node, *last;
	} levels[DOC_MUSTACHE_MAX_DEPTH + 1];
	struct node root;
	size_t depth = 0;

	memset(&root, 0, sizeof(root));
	levels[0].node = &root;
	levels[0].last = NULL;
	for (size_t k = 0; k < p->n_toks; k++) {
		const struct token *tok = &p->toks[k];
		struct node *n, *last = levels[depth].last;

		switch (tok->kind) {
		case TOK_COMMENT:
		case TOK_DELIM:
			continue;
		case TOK_CLOSE:
			if (depth == 0)
				panic("mustache: unmatched closing tag after checking");
			depth--;
			continue;
		case TOK_TEXT:
			if (tok->keep_start >= tok->keep_end)
				continue;
			if (last && last->kind == NODE_TEXT &&
			    last->name.p + last->name.len == p->src + tok->keep_start) {
				last->name.len += tok->keep_end - tok->keep_start;
				continue;
			}
			n = arena_alloc(t->arena, sizeof(*n));
			n->kind = NODE_TEXT;
			n->name = (struct slice){p->src + tok->keep_start,
						 tok->keep_end - tok->keep_start};
			break;
		default:
			n = arena_alloc(t->arena, sizeof(*n));
			n->kind = kinds[tok->kind];
			n->name = tok->name;
			n->standalone = tok->standalone;
			n->indent = tok->indent;
			if (n->kind == NODE_PARTIAL || n->kind == NODE_PARENT)
				n->name_z = arena_strndup(t->arena, tok->name.p, tok->name.len);
			else if (n->kind != NODE_BLOCK)
				split_name(t->arena, n);
			break;
		}
		n->line = tok->line;
		if (last)
			last->next = n;
		else
			levels[depth].node->first = n;
		levels[depth].last = n;
		if (n->kind == NODE_SECTION || n->kind == NODE_INVERTED || n->kind == NODE_PARENT ||
		    n->kind == NODE_BLOCK) {
			if (depth == DOC_MUSTACHE_MAX_DEPTH)
				panic("mustache: nesting over the limit after checking");
			depth++;
			levels[depth].node = n;
			levels[depth].last = NULL;
		}
	}
	t->first = root.first;
}

int
doc_template_parse(const char *text, size_t len, struct doc_template **out, struct err *e)
{
	struct parser p;
	struct doc_template *t;
	int rc;

	*out = NULL;
	if (len > DOC_MUSTACHE_MAX_SIZE)
		return err_set(e, ERR_INPUT, "the template is %zu bytes, over the limit of %d",
			       len, DOC_MUSTACHE_MAX_SIZE);
	t = xcalloc(1, sizeof(*t));
	t->arena = arena_new();
	memset(&p, 0, sizeof(p));
	p.src = arena_strndup(t->arena, len ? text : "", len);
	p.len = len;
	p.e = e;
	if ((rc = tokenize(&p)) < 0) {
		free(p.toks);
		doc_template_free(t);
		return rc;
	}
	mark_standalone(&p);
	build(&p, t);
	free(p.toks);
	*out = t;
	return 0;
}

void
doc_template_free(struct doc_template *t)
{
	if (!t)
		return;
	arena_free(t->arena);
	free(t);
}

/* ---------------------------------------------------------------- escape */

void
doc_append_markdown(struct str *out, const char *data, size_t len)
{
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];
		bool punct = (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) ||
			     (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);

		if (!punct && c != '\0')
			continue;
		str_append(out, data + run, i - run);
		if (c == '\0') {
			str_puts(out, "\xEF\xBF\xBD");
		} else {
			str_putc(out, '\\');
			str_putc(out, (char)c);
		}
		run = i + 1;
	}
	str_append(out, data + run, len - run);
}

static void
append_escaped(struct str *out, const char *data, size_t len, enum doc_escape esc)
{
	switch (esc) {
	case DOC_ESCAPE_HTML:
		str_append_html(out, data, len);
		break;
	case DOC_ESCAPE_MARKDOWN:
		doc_append_markdown(out, data, len);
		break;
	default:
		str_append(out, data, len);
		break;
	}
}

/* The shortest %g form that reads back as d: 1.21, not 1.2099999999999999645. */
static int
format_real(double d, char *buf, size_t size)
{
	int n = 0;

	if (d == 0)
		return snprintf(buf, size, "0"); /* and not "-0" */
	for (int prec = 1; prec <= 17; prec++) {
		n = snprintf(buf, size, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	return n;
}

/* ---------------------------------------------------------------- render */

/* One piece of the indentation written at the start of each line; the whole
 * indentation is the chain, outermost first. */
struct indent {
	struct slice piece;
	const struct indent *outer;
};

/* The context stack: innermost first. */
struct ctx {
	json_t *value;
	const struct ctx *up;
};

/* The parent tags being rendered, innermost first: their blocks override. */
struct frame {
	const struct node *parent;
	const struct frame *outer;
};

struct render {
	json_t *partials;
	enum doc_escape esc;
	struct str *out;
	size_t out_start;
	struct err *e;
	struct map cache; /* partial name -> struct doc_template *, for this render */
	const struct frame *frames;
	/* The line transform (see the top of the file). */
	struct slice strip;
	const struct indent *add;
	size_t strip_pos; /* how much of strip this line has dropped, or NO_STRIP */
	bool pending;     /* the next byte out starts a line: write add first */
	unsigned includes, nesting;
	size_t steps;
};

static int render_list(struct render *r, const struct node *first, const struct ctx *c);

static void
emit_indent(struct render *r, const struct indent *in)
{
	if (!in)
		return;
	emit_indent(r, in->outer);
	str_append(r->out, in->piece.p, in->piece.len);
}

/* Template text: indentation is dropped and added at the start of each line;
 * empty lines stay empty. */
static void
emit_text(struct render *r, const char *p, size_t len)
{
	while (len > 0) {
		const char *eol;
		size_t n;

		if (r->strip_pos < r->strip.len) {
			while (len > 0 && r->strip_pos < r->strip.len && *p == r->strip.p[r->strip_pos])
				p++, len--, r->strip_pos++;
			if (len == 0)
				return;
		}
		if (r->pending) {
			if (*p == '\n' || (*p == '\r' && len > 1 && p[1] == '\n')) {
				n = *p == '\n' ? 1 : 2;
				str_append(r->out, p, n);
				p += n, len -= n;
				r->strip_pos = 0;
				continue;
			}
			emit_indent(r, r->add);
			r->pending = false;
		}
		r->strip_pos = NO_STRIP;
		eol = memchr(p, '\n', len);
		n = eol ? (size_t)(eol - p) + 1 : len;
		str_append(r->out, p, n);
		p += n, len -= n;
		if (eol) {
			r->pending = true;
			r->strip_pos = 0;
		}
	}
}

/* An interpolated value: escaped, never re-indented. */
static void
emit_value(struct render *r, json_t *v, enum doc_escape esc)
{
	char buf[64];
	const char *p = buf;
	char *dumped = NULL;
	int n = 0;
	size_t len;

	if (!v)
		return;
	switch (json_typeof(v)) {
	case JSON_STRING:
		p = json_string_value(v);
		len = json_string_length(v);
		break;
	case JSON_INTEGER:
		n = snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		len = n > 0 ? (size_t)n : 0;
		break;
	case JSON_REAL:
		n = format_real(json_real_value(v), buf, sizeof(buf));
		len = n > 0 ? (size_t)n : 0;
		break;
	case JSON_TRUE:
		p = "true";
		len = 4;
		break;
	case JSON_FALSE:
		p = "false";
		len = 5;
		break;
	case JSON_OBJECT:
	case JSON_ARRAY:
		dumped = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		if (!dumped)
			panic("mustache: json_dumps failed");
		p = dumped;
		len = strlen(dumped);
		break;
	default:
		return; /* null */
	}
	if (len > 0) {
		if (r->pending) {
			emit_indent(r, r->add);
			r->pending = false;
		}
		r->strip_pos = NO_STRIP;
		append_escaped(r->out, p, len, esc);
	}
	free(dumped);
}

/* The spec's `!!data`. */
static bool
truthy(json_t *v)
{
	if (!v)
		return false;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
	case JSON_TRUE:
		return true;
	case JSON_ARRAY:
		return json_array_size(v) > 0;
	case JSON_STRING:
		return json_string_length(v) > 0;
	case JSON_INTEGER:
		return json_integer_value(v) != 0;
	case JSON_REAL:
		return json_real_value(v) != 0;
	default:
		return false;
	}
}

/* Resolve a name: the first part against the context stack, from the top, the
 * rest each against the value before.  NULL when any part is missing. */
static json_t *
lookup(const struct ctx *c, const struct node *n)
{
	json_t *v = NULL;

	if (n->n_parts == 0)
		return c->value;
	for (; c; c = c->up)
		if (json_is_object(c->value) &&
		    (v = json_object_getn(c->value, n->parts[0].p, n->parts[0].len)))
			break;
	for (size_t i = 1; v && i < n->n_parts; i++)
		v = json_is_object(v) ? json_object_getn(v, n->parts[i].p, n->parts[i].len) : NULL;
	return v;
}

/* What a standalone tag indented by w adds to the indentation, under the
 * current transform: w less what the transform strips. */
static struct slice
strip_prefix(struct slice strip, struct slice w)
{
	size_t k = 0;

	while (k < strip.len && k < w.len && strip.p[k] == w.p[k])
		k++;
	return (struct slice){w.p + k, w.len - k};
}

/* The parsed partial named by n, or NULL when there is none. */
static int
get_partial(struct render *r, const struct node *n, const struct doc_template **out)
{
	struct doc_template *t;
	json_t *text;
	int rc;

	*out = NULL;
	if (memchr(n->name.p, '\0', n->name.len))
		return 0;
	if ((t = map_get(&r->cache, n->name_z))) {
		*out = t;
		return 0;
	}
	text = r->partials ? json_object_getn(r->partials, n->name.p, n->name.len) : NULL;
	if (!json_is_string(text))
		return 0;
	if ((rc = doc_template_parse(json_string_value(text), json_string_length(text), &t,
				     r->e)) < 0) {
		err_prefix(r->e, "partial '%.*s'", SHOW(n->name));
		return rc;
	}
	map_put(&r->cache, n->name_z, t);
	*out = t;
	return 0;
}

/* The innermost state a partial or an override changes. */
struct saved {
	struct slice strip;
	const struct indent *add;
	size_t strip_pos;
	const struct frame *frames;
};

static void
save(const struct render *r, struct saved *s)
{
	s->strip = r->strip;
	s->add = r->add;
	s->strip_pos = r->strip_pos;
	s->frames = r->frames;
}

static void
restore(struct render *r, const struct saved *s)
{
	r->strip = s->strip;
	r->add = s->add;
	r->strip_pos = s->strip_pos;
	r->frames = s->frames;
}

static int
too_deep(struct render *r, const struct node *n, const char *what)
{
	return err_set(r->e, ERR_INPUT,
		       "line %u: %s '%.*s' nested deeper than %d levels (does it include itself?)",
		       n->line, what, SHOW(n->name), DOC_MUSTACHE_MAX_DEPTH);
}

/* {{>name}}, and {{<name}} whose blocks override the partial's. */
static int
render_partial(struct render *r, const struct node *n, const struct ctx *c)
{
	const struct doc_template *t;
	struct indent in;
	struct frame f;
	struct saved s;
	int rc;

	if ((rc = get_partial(r, n, &t)) < 0 || !t)
		return rc;
	if (r->includes >= DOC_MUSTACHE_MAX_DEPTH)
		return too_deep(r, n, n->kind == NODE_PARENT ? "parent" : "partial");
	save(r, &s);
	if (n->standalone) {
		in.piece = strip_prefix(r->strip, n->indent);
		in.outer = r->add;
		if (in.piece.len)
			r->add = &in;
	}
	r->strip = (struct slice){"", 0};
	r->strip_pos = NO_STRIP;
	if (n->kind == NODE_PARENT) {
		f.parent = n;
		f.outer = r->frames;
		r->frames = &f;
	}
	r->includes++;
	rc = render_list(r, t->first, c);
	r->includes--;
	restore(r, &s);
	return rc;
}

/* {{$name}}: the outermost override, reindented from where it was written to
 * here, or the default content. */
static int
render_block(struct render *r, const struct node *n, const struct ctx *c)
{
	const struct node *o = NULL;
	struct indent in;
	struct saved s;
	int rc;

	for (const struct frame *f = r->frames; f; f = f->outer) {
		for (const struct node *k = f->parent->first; k; k = k->next) {
			if (k->kind == NODE_BLOCK && slice_eq(k->name, n->name)) {
				o = k;
				break;
			}
		}
	}
	if (!o)
		return render_list(r, n->first, c);
	if (r->includes >= DOC_MUSTACHE_MAX_DEPTH)
		return too_deep(r, n, "block");
	save(r, &s);
	in.piece = strip_prefix(r->strip, n->indent);
	in.outer = r->add;
	if (in.piece.len)
		r->add = &in;
	r->strip = o->indent;
	r->strip_pos = o->standalone ? 0 : NO_STRIP;
	r->includes++;
	rc = render_list(r, o->first, c);
	r->includes--;
	restore(r, &s);
	return rc;
}

/* Count one step of work and check the limits on work and output. */
static int
budget(struct render *r, const struct node *n)
{
	if (++r->steps > DOC_MUSTACHE_MAX_STEPS)
		return err_set(r->e, ERR_INPUT,
			       "line %u: rendering stopped after %d steps (sections nested over"
			       " long lists?)", n->line, DOC_MUSTACHE_MAX_STEPS);
	if (r->out->len - r->out_start > DOC_MUSTACHE_MAX_OUTPUT)
		return err_set(r->e, ERR_INPUT, "line %u: rendering stopped at %d bytes of output",
			       n->line, DOC_MUSTACHE_MAX_OUTPUT);
	return 0;
}

static int
render_node(struct render *r, const struct node *n, const struct ctx *c)
{
	struct ctx sub;
	json_t *v;
	int rc;

	switch (n->kind) {
	case NODE_TEXT:
		emit_text(r, n->name.p, n->name.len);
		return 0;
	case NODE_VAR:
	case NODE_RAW:
		emit_value(r, lookup(c, n), n->kind == NODE_VAR ? r->esc : DOC_ESCAPE_NONE);
		return 0;
	case NODE_SECTION:
		v = lookup(c, n);
		sub.up = c;
		if (json_is_array(v)) {
			for (size_t i = 0; i < json_array_size(v); i++) {
				sub.value = json_array_get(v, i);
				if ((rc = budget(r, n)) < 0 ||
				    (rc = render_list(r, n->first, &sub)) < 0)
					return rc;
			}
			return 0;
		}
		if (!truthy(v))
			return 0;
		sub.value = v;
		return render_list(r, n->first, &sub);
	case NODE_INVERTED:
		return truthy(lookup(c, n)) ? 0 : render_list(r, n->first, c);
	case NODE_PARTIAL:
	case NODE_PARENT:
		return render_partial(r, n, c);
	case NODE_BLOCK:
		return render_block(r, n, c);
	default:
		panic("mustache: node kind %d", (int)n->kind);
	}
}

static int
render_list(struct render *r, const struct node *first, const struct ctx *c)
{
	int rc = 0;

	if (!first)
		return 0;
	if (r->nesting >= DOC_MUSTACHE_MAX_NESTING)
		return err_set(r->e, ERR_INPUT, "line %u: templates nested deeper than %d levels",
			       first->line, DOC_MUSTACHE_MAX_NESTING);
	r->nesting++;
	for (const struct node *n = first; n && rc == 0; n = n->next)
		if ((rc = budget(r, n)) == 0)
			rc = render_node(r, n, c);
	r->nesting--;
	return rc;
}

int
doc_template_render(const struct doc_template *t, json_t *data, json_t *partials,
		    enum doc_escape esc, struct str *out, struct err *e)
{
	struct ctx root = {data, NULL};
	struct render r;
	int rc;

	if ((unsigned)esc >= DOC_ESCAPE__MAX)
		panic("doc_template_render: escape mode %d", (int)esc);
	memset(&r, 0, sizeof(r));
	r.partials = json_is_object(partials) ? partials : NULL;
	r.esc = esc;
	r.out = out;
	r.out_start = out->len;
	r.e = e;
	r.strip = (struct slice){"", 0};
	r.pending = true;
	rc = render_list(&r, t->first, &root);
	for (size_t i = 0; i < r.cache.cap; i++)
		if (r.cache.keys[i])
			doc_template_free(r.cache.values[i]);
	map_free(&r.cache);
	return rc;
}

int
doc_mustache(const char *text, size_t len, json_t *data, json_t *partials, enum doc_escape esc,
	     struct str *out, struct err *e)
{
	struct doc_template *t;
	int rc;

	if ((rc = doc_template_parse(text, len, &t, e)) < 0)
		return rc;
	rc = doc_template_render(t, data, partials, esc, out, e);
	doc_template_free(t);
	return rc;
}
