/*
 * fuzz_mustache.c - libFuzzer target for Mustache templates.
 *
 * The input is parsed as a template and, when it parses, rendered in each
 * escape mode against a small fixed context (nested objects, lists, booleans,
 * numbers, strings full of < > & * [ ]) and a few partials, one of them
 * recursive and one a layout with blocks.  Properties: a failed parse or
 * render is ERR_INPUT with a message; rendering is deterministic; a template
 * without '<' and without raw tags, partials or parents renders HTML with no
 * '<' in it, whatever the data holds.
 */
#include <stdlib.h>

#include "docs/mustache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char context_json[] =
	"{\"name\": \"<Acme & *Co*>\", \"n\": 3, \"r\": 1.5, \"t\": true, \"f\": false, \"z\": null,"
	" \"empty\": \"\", \"list\": [\"a<\", \"b>\", \"c&\"],"
	" \"people\": [{\"name\": \"*Ann*\", \"kids\": [{\"name\": \"[Bo](x)\"}]},"
	"              {\"name\": \"_Cy_\", \"kids\": []}],"
	" \"obj\": {\"a\": {\"b\": {\"c\": \"deep <i>\"}}},"
	" \"tree\": {\"name\": \"root\", \"kids\": [{\"name\": \"k1\", \"kids\":"
	"           [{\"name\": \"k2\", \"kids\": []}]}]}}";

static const char partials_json[] =
	"{\"p\": \"<{{name}}>\\n  {{#list}}{{.}}{{/list}}\\n\","
	" \"tree\": \"{{name}}\\n{{#kids}}\\n  {{>tree}}\\n{{/kids}}\\n\","
	" \"layout\": \"Hi {{$title}}default{{/title}}\\n  {{$body}}\\n  body\\n  {{/body}}\\n\"}";

static json_t *context, *partials;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct doc_template *t;
	struct err e;

	if (!context) {
		context = json_loads(context_json, 0, NULL);
		partials = json_loads(partials_json, 0, NULL);
		if (!context || !partials)
			__builtin_trap();
	}
	memset(&e, 0, sizeof(e));
	if (doc_template_parse((const char *)data, size, &t, &e) < 0) {
		if (e.code != ERR_INPUT || !e.msg[0] || t)
			__builtin_trap();
		return 0;
	}
	for (int esc = 0; esc < DOC_ESCAPE__MAX; esc++) {
		struct str out = STR_INIT, again = STR_INIT;
		int rc, rc2;

		memset(&e, 0, sizeof(e));
		rc = doc_template_render(t, context, partials, (enum doc_escape)esc, &out, &e);
		if (rc < 0 && (rc != ERR_INPUT || !e.msg[0]))
			__builtin_trap();
		rc2 = doc_template_render(t, context, partials, (enum doc_escape)esc, &again, NULL);
		if (rc2 != rc || (rc == 0 && (out.len != again.len ||
					      (out.len && memcmp(out.buf, again.buf, out.len)))))
			__builtin_trap();
		str_free(&out);
		str_free(&again);
	}
	/* Without raw tags, partials, parents or delimiter changes, every value
	 * is escaped: a '<' in the HTML can only come from the template. */
	if (!memchr(data, '<', size) && !memchr(data, '>', size) && !memchr(data, '&', size) &&
	    !memchr(data, '=', size)) {
		struct str out = STR_INIT;
		bool triple = false;

		for (size_t i = 0; i + 2 < size; i++)
			triple |= data[i] == '{' && data[i + 1] == '{' && data[i + 2] == '{';
		if (!triple && doc_template_render(t, context, partials, DOC_ESCAPE_HTML, &out,
						   NULL) == 0 &&
		    out.len && memchr(out.buf, '<', out.len))
			__builtin_trap();
		str_free(&out);
	}
	doc_template_free(t);
	return 0;
}
