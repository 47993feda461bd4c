/*
 * fuzz_document.c - libFuzzer target for the document model: Markdown parsed
 * into blocks and rendered in every format, and the renderer's Markdown
 * escaping.
 *
 * The first byte picks the check:
 *   'e'  the rest is text: escaped with doc_md_escape and parsed back, it must
 *        come out as one paragraph holding exactly that text (printable ASCII
 *        without leading or trailing spaces, as a paragraph keeps it);
 *   'p'  the rest is Markdown, rendered to PDF as well (slower);
 *   else the rest is Markdown, rendered to Markdown, HTML and DOCX.
 * Nothing may crash, leak or fail to render.
 */
#include <stdlib.h>

#include "docs/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
escape_round_trip(const char *text, size_t len)
{
	struct arena *a;
	struct doc_document d = {0};
	struct doc_builder *b;
	struct str md = STR_INIT, back = STR_INIT;

	if (len == 0 || text[0] == ' ' || text[len - 1] == ' ')
		return;
	for (size_t i = 0; i < len; i++)
		if (text[i] < 0x20 || text[i] > 0x7e)
			return;
	a = arena_new();
	doc_md_escape(&md, text, len, true);
	b = doc_builder_new(a, &d);
	doc_markdown(b, md.buf, md.len, 0);
	doc_builder_finish(b);
	if (d.n_blocks != 1 || d.blocks[0].kind != DOC_PARA) {
		fprintf(stderr, "'%.*s' escaped as '%s' gives %zu blocks\n", (int)len, text,
			str_cstr(&md), d.n_blocks);
		abort();
	}
	for (size_t i = 0; i < d.blocks[0].n_runs; i++) {
		if (d.blocks[0].runs[i].style) {
			fprintf(stderr, "'%s' has a styled run\n", str_cstr(&md));
			abort();
		}
		str_append(&back, d.blocks[0].runs[i].text, d.blocks[0].runs[i].len);
	}
	if (back.len != len || memcmp(back.buf, text, len) != 0) {
		fprintf(stderr, "'%.*s' escaped as '%s' reads back as '%s'\n", (int)len, text,
			str_cstr(&md), str_cstr(&back));
		abort();
	}
	str_free(&md);
	str_free(&back);
	arena_free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const front[] = {"A front line."};
	struct arena *a;
	struct doc_document d = {.kind = "agreement", .title = "T", .subtitle = "S",
		.doc_id = "x.agreement", .version = "draft", .generated_at = "2026-01-01T00:00:00Z",
		.lang = "en-US", .front = front, .n_front = 1};
	struct doc_builder *b;
	struct str out = STR_INIT;
	struct err e = {0};
	char mode;

	if (size < 1 || size > 8192)
		return 0;
	mode = (char)data[0];
	if (mode == 'e') {
		escape_round_trip((const char *)data + 1, size - 1);
		return 0;
	}
	memset(d.source_sha256, 'a', 64);
	a = arena_new();
	b = doc_builder_new(a, &d);
	doc_heading(b, 1, "1", "Part");
	doc_markdown(b, (const char *)data + 1, size - 1, 0);
	doc_initials(b);
	doc_markdown(b, (const char *)data + 1, size - 1, DOC_PLAIN);
	doc_builder_finish(b);
	for (int f = 0; f < DOC_R__MAX; f++) {
		if (f == DOC_R_PDF && mode != 'p')
			continue;
		str_clear(&out);
		if (doc_render(&d, (enum doc_render_format)f, &out, &e) != 0) {
			fprintf(stderr, "%s: %s\n", doc_render_format_name((enum doc_render_format)f),
				e.msg);
			abort();
		}
	}
	str_free(&out);
	arena_free(a);
	return 0;
}
