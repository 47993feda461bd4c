/*
 * mustache.h - Mustache templates for the documents Prudent writes.
 *
 * Letters, reports and pages that a firm may want to word its own way are
 * Mustache templates (https://mustache.github.io/mustache.5.html) filled from
 * a JSON object.  The engine follows the official specification (comments,
 * delimiters, interpolation, inverted sections, partials, sections and the
 * optional inheritance module; not lambdas) and is checked against its test
 * suite in tests/unit/docs.
 *
 * A template is parsed once into a tree (doc_template_parse) and rendered any
 * number of times, by any number of threads: rendering never changes it.
 * Escaping is chosen per render, for the destination: {{name}} is escaped for
 * HTML or Markdown, {{{name}}} and {{&name}} are copied as they are.
 *
 * Where the specification leaves a choice open:
 *   - falsey values (a section is skipped, an inverted section shown) are a
 *     missing name, null, false, 0, "" and the empty list, as `!!data` in the
 *     specification's wording; an empty object is truthy;
 *   - numbers print as integers, or in the shortest form that reads back as
 *     the same double (1.210 prints "1.21"); true and false print as words;
 *     lists and objects print as compact JSON;
 *   - indentation of a standalone partial or parent is added to every
 *     non-empty line of it, each pass of a section included;
 *   - block overrides reach blocks in partials included by the parent.
 *
 * Limits keep a hostile or mistaken template from exhausting the machine:
 * see the enum below.  A template or partial that breaks one fails with
 * ERR_INPUT and a message naming the line.
 */
#ifndef PRUDENT_DOC_MUSTACHE_H
#define PRUDENT_DOC_MUSTACHE_H

#include <jansson.h>

#include "core/core.h"

enum {
	DOC_MUSTACHE_MAX_SIZE = 4 * 1024 * 1024,    /* bytes of one template or partial */
	DOC_MUSTACHE_MAX_DEPTH = 64,                /* sections nested in one template; partials,
						       parents and overrides nested in a render */
	DOC_MUSTACHE_MAX_NESTING = 512,             /* all of the above together, in a render */
	DOC_MUSTACHE_MAX_OUTPUT = 64 * 1024 * 1024, /* bytes one render may produce */
	DOC_MUSTACHE_MAX_STEPS = 16 * 1024 * 1024   /* tags and texts one render may visit */
};

/* How {{name}} is escaped.  HTML: str_append_html.  Markdown: every ASCII
 * punctuation character gets a backslash (CommonMark allows it for all of them),
 * so `*Acme*` prints as \*Acme\* and never turns bold, and NUL becomes U+FFFD.
 * None: the bytes as they are, NULs included. */
enum doc_escape { DOC_ESCAPE_HTML, DOC_ESCAPE_MARKDOWN, DOC_ESCAPE_NONE, DOC_ESCAPE__MAX };

/* A parsed template: opaque, immutable once parsed. */
struct doc_template;

/*
 * Parse len bytes of text (which need not be NUL-terminated and may hold NULs)
 * into *out, which the caller frees with doc_template_free; the template keeps
 * its own copy of the text.  Errors are ERR_INPUT with a message naming the
 * line: an unclosed tag, a closing tag that matches no open section, a section
 * never closed, a bad delimiter change, an empty tag name, nesting deeper than
 * DOC_MUSTACHE_MAX_DEPTH, or text over DOC_MUSTACHE_MAX_SIZE.  *out is NULL on
 * error.
 */
int doc_template_parse(const char *text, size_t len, struct doc_template **out, struct err *e);

/* Free a template from doc_template_parse; NULL is fine. */
void doc_template_free(struct doc_template *t);

/*
 * Render t with data (usually a JSON object; any JSON value is accepted, NULL
 * is an empty context) and partials (a JSON object mapping names to template
 * text, or NULL), escaping {{name}} per esc, and append the result to out.
 * Both JSON values are borrowed.  A partial or parent that is missing, or not
 * a string, renders as nothing; one that does not parse fails the render.
 * Errors are ERR_INPUT: a partial's parse error (prefixed with its name),
 * partials nested deeper than DOC_MUSTACHE_MAX_DEPTH (a partial that includes
 * itself without end), or a render over one of the other limits.  On error
 * out holds what was rendered before the failure; callers discard it.
 */
int doc_template_render(const struct doc_template *t, json_t *data, json_t *partials,
			enum doc_escape esc, struct str *out, struct err *e);

/* Parse and render in one call: the errors of both. */
int doc_mustache(const char *text, size_t len, json_t *data, json_t *partials,
		 enum doc_escape esc, struct str *out, struct err *e);

/* Append len bytes of data escaped for Markdown text, as DOC_ESCAPE_MARKDOWN
 * does: for other renderers that write Markdown by hand. */
void doc_append_markdown(struct str *out, const char *data, size_t len);

#endif /* PRUDENT_DOC_MUSTACHE_H */
