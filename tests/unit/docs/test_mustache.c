/*
 * test_mustache.c - the Mustache engine (src/docs/mustache.c).
 *
 * First the official specification's own tests, every file of
 * ../shared/test-suites/mustache-spec (lambdas aside: that module is optional
 * and needs code in the data), rendered with HTML escaping as the suite
 * expects.  Then what Prudent needs beyond the suite: Markdown and HTML
 * escaping of hostile names, errors that name the line, the limits that stop
 * runaway templates, large templates, and NUL bytes in data and templates.
 */
#include <stdlib.h>

#include <jansson.h>

#include "support/support.h"
#include "docs/mustache.h"

#define SPEC_DIR PRUDENT_SHARED_DIR "/test-suites/mustache-spec/"
#define FFFD "\xef\xbf\xbd"

/* s as a JSON string literal, for showing templates with their newlines. */
static char *
quoted(const char *p, size_t len)
{
	struct str s = STR_INIT;

	str_putc(&s, '"');
	str_append_json(&s, p, len);
	str_putc(&s, '"');
	return str_take(&s);
}

/* Run every test of one spec file; print the count passed and every failure,
 * then fail if any did. */
static void
run_spec(const char *file)
{
	char path[512];
	json_error_t jerr;
	json_t *root, *tests, *tc;
	size_t i, passed = 0;

	snprintf(path, sizeof(path), "%s%s.json", SPEC_DIR, file);
	root = json_load_file(path, 0, &jerr);
	if (!root)
		fail_msg("cannot read %s: %s (line %d); configure with -DPRUDENT_SHARED_DIR=...",
			 path, jerr.text, jerr.line);
	tests = json_object_get(root, "tests");
	assert_true(json_array_size(tests) > 0);
	json_array_foreach(tests, i, tc) {
		json_t *tmpl = json_object_get(tc, "template");
		json_t *want = json_object_get(tc, "expected");
		struct str out = STR_INIT;
		struct err e = {0};
		int rc;

		assert_true(json_is_string(tmpl) && json_is_string(want));
		rc = doc_mustache(json_string_value(tmpl), json_string_length(tmpl),
				  json_object_get(tc, "data"), json_object_get(tc, "partials"),
				  DOC_ESCAPE_HTML, &out, &e);
		if (rc == 0 && out.len == json_string_length(want) &&
		    memcmp(str_cstr(&out), json_string_value(want), out.len) == 0) {
			passed++;
		} else {
			char *t = quoted(json_string_value(tmpl), json_string_length(tmpl));
			char *w = quoted(json_string_value(want), json_string_length(want));
			char *g = quoted(str_cstr(&out), out.len);

			print_message("FAIL %s: %s\n  template: %s\n  expected: %s\n  got:      %s%s\n",
				      file, json_string_value(json_object_get(tc, "name")), t, w,
				      rc < 0 ? "error: " : "", rc < 0 ? e.msg : g);
			free(t);
			free(w);
			free(g);
		}
		str_free(&out);
	}
	print_message("%s: %zu/%zu passed\n", file, passed, json_array_size(tests));
	if (passed != json_array_size(tests))
		fail_msg("%s: %zu of %zu spec tests failed", file, json_array_size(tests) - passed,
			 json_array_size(tests));
	json_decref(root);
}

/* One cmocka test per spec file, named after it; the state is the file. */
static void
test_spec(void **state)
{
	run_spec(*state);
}

#define SPEC_TEST(file) {"spec " file, test_spec, NULL, NULL, (void *)file}

/* Render tmpl with data and partials given as JSON text; expect want_len bytes
 * of want. */
static void
check_render(const char *tmpl, size_t tmpl_len, const char *data, const char *partials,
	     enum doc_escape esc, const char *want, size_t want_len)
{
	json_t *d = data ? json_loads(data, 0, NULL) : NULL;
	json_t *p = partials ? json_loads(partials, 0, NULL) : NULL;
	struct str out = STR_INIT;
	struct err e = {0};
	int rc;

	assert_true(!data || d);
	assert_true(!partials || p);
	rc = doc_mustache(tmpl, tmpl_len, d, p, esc, &out, &e);
	if (rc < 0)
		fail_msg("rendering %s failed: %s", tmpl, e.msg);
	if (out.len != want_len || memcmp(str_cstr(&out), want, want_len) != 0) {
		char *w = quoted(want, want_len), *g = quoted(str_cstr(&out), out.len);

		print_message("template: %s\nexpected: %s\ngot:      %s\n", tmpl, w, g);
		free(w);
		free(g);
		fail();
	}
	str_free(&out);
	json_decref(d);
	json_decref(p);
}

#define CHECK(tmpl, data, partials, esc, want)                                              \
	check_render(tmpl, strlen(tmpl), data, partials, esc, want, strlen(want))

/* A name like *Acme* must print as written in Markdown, never turn bold or
 * into a link or HTML; {{{ }}} and {{& }} stay raw on purpose. */
static void
test_escape_markdown(void **state)
{
	static const char data[] =
		"{\"client\": \"*Acme*\", \"link\": \"[link](x)\", \"tag\": \"<b>\","
		" \"plain\": \"Caf\\u00e9 Ltd 2024\", \"all\": \"!\\\"#$%&'()*+,-./:;<=>?@[\\\\]^_`{|}~\"}";

	(void)state;
	CHECK("{{client}}", data, NULL, DOC_ESCAPE_MARKDOWN, "\\*Acme\\*");
	CHECK("{{link}}", data, NULL, DOC_ESCAPE_MARKDOWN, "\\[link\\]\\(x\\)");
	CHECK("{{tag}}", data, NULL, DOC_ESCAPE_MARKDOWN, "\\<b\\>");
	CHECK("{{plain}}", data, NULL, DOC_ESCAPE_MARKDOWN, "Caf\xc3\xa9 Ltd 2024");
	CHECK("{{all}}", data, NULL, DOC_ESCAPE_MARKDOWN,
	      "\\!\\\"\\#\\$\\%\\&\\'\\(\\)\\*\\+\\,\\-\\.\\/\\:\\;\\<\\=\\>\\?\\@\\[\\\\\\]\\^\\_\\`"
	      "\\{\\|\\}\\~");
	CHECK("# Report for {{client}}\n\n| {{link}} | {{tag}} |\n", data, NULL,
	      DOC_ESCAPE_MARKDOWN, "# Report for \\*Acme\\*\n\n| \\[link\\]\\(x\\) | \\<b\\> |\n");
	CHECK("{{{client}}} {{&link}}", data, NULL, DOC_ESCAPE_MARKDOWN, "*Acme* [link](x)");

	/* The same function for renderers that write Markdown by hand. */
	struct str s = STR_INIT;
	doc_append_markdown(&s, "a_b", 3);
	assert_string_equal(str_cstr(&s), "a\\_b");
	str_free(&s);
}

static void
test_escape_html(void **state)
{
	static const char data[] = "{\"x\": \"<b>\\\"Tom\\\" & 'Jerry'</b>\", \"md\": \"*Acme*\"}";

	(void)state;
	CHECK("<p>{{x}}</p>", data, NULL, DOC_ESCAPE_HTML,
	      "<p>&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;</p>");
	CHECK("{{{x}}}|{{&x}}", data, NULL, DOC_ESCAPE_HTML,
	      "<b>\"Tom\" & 'Jerry'</b>|<b>\"Tom\" & 'Jerry'</b>");
	CHECK("{{md}}", data, NULL, DOC_ESCAPE_HTML, "*Acme*");
	CHECK("{{x}}", data, NULL, DOC_ESCAPE_NONE, "<b>\"Tom\" & 'Jerry'</b>");
}

/* Parse errors are ERR_INPUT, leave *out NULL and name the line. */
static void
test_parse_errors(void **state)
{
	static const struct {
		const char *tmpl, *msg;
	} cases[] = {
		{"a\n{{#items}}\nx\n", "line 2: section 'items' is never closed"},
		{"{{#a}}\n{{^b}}\n{{/b}}\n", "line 1: section 'a' is never closed"},
		{"{{#a}}\n{{/b}}", "line 2: closing tag 'b' does not match section 'a' opened at line 1"},
		{"{{#a}}{{/a}}{{^b}}\n\n{{/c}}",
		 "line 3: closing tag 'c' does not match inverted section 'b' opened at line 1"},
		{"x\ny\n{{/a}}", "line 3: closing tag 'a' without an open section"},
		{"one\ntwo {{name\nthree", "line 2: unclosed tag: '{{' without a '}}'"},
		{"{{{x}}", "line 1: unclosed tag: '{{{' without a '}}}'"},
		{"{{! a\ncomment", "line 1: unclosed tag"},
		{"{{=<% %>=}}\n<%x}}", "line 2: unclosed tag: '<%' without a '%>'"},
		{"a\n{{=<%>=}}", "line 2: bad delimiter change"},
		{"{{= a b c =}}", "line 1: bad delimiter change"},
		{"{{=a =}}", "line 1: bad delimiter change"},
		{"\n\n{{ }}", "line 3: a tag without a name"},
		{"{{#}}{{/}}", "line 1: a tag without a name"},
		{"{{<layout}}\n{{$body}}\n{{/layout}}", "line 3: closing tag 'layout' does not match block 'body'"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct doc_template *t = (struct doc_template *)&t;
		struct err e = {0};
		int rc = doc_template_parse(cases[i].tmpl, strlen(cases[i].tmpl), &t, &e);

		if (rc != ERR_INPUT || e.code != ERR_INPUT || t || !strstr(e.msg, cases[i].msg))
			fail_msg("%s: rc %d, message '%s', want '%s'", cases[i].tmpl, rc, e.msg,
				 cases[i].msg);
	}
	/* A NULL error struct is allowed. */
	struct doc_template *t;
	assert_int_equal(doc_template_parse("{{#a}}", 6, &t, NULL), ERR_INPUT);
	assert_null(t);
}

/* Sections nest 64 deep, not 65: the parser's recursion is bounded. */
static void
test_nesting_limit(void **state)
{
	struct str tmpl = STR_INIT, out = STR_INIT;
	struct doc_template *t;
	struct err e = {0};
	json_t *data = json_pack("{s:b}", "t", 1);

	(void)state;
	for (int i = 0; i < DOC_MUSTACHE_MAX_DEPTH; i++)
		str_puts(&tmpl, "{{#t}}\n");
	str_puts(&tmpl, "deep\n");
	for (int i = 0; i < DOC_MUSTACHE_MAX_DEPTH; i++)
		str_puts(&tmpl, "{{/t}}\n");
	assert_int_equal(doc_template_parse(tmpl.buf, tmpl.len, &t, &e), 0);
	assert_int_equal(doc_template_render(t, data, NULL, DOC_ESCAPE_HTML, &out, &e), 0);
	assert_string_equal(str_cstr(&out), "deep\n");
	doc_template_free(t);

	str_clear(&tmpl);
	for (int i = 0; i <= DOC_MUSTACHE_MAX_DEPTH; i++)
		str_puts(&tmpl, "{{#t}}\n");
	assert_int_equal(doc_template_parse(tmpl.buf, tmpl.len, &t, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "line 65: sections nested deeper than 64 levels"));
	str_free(&tmpl);
	str_free(&out);
	json_decref(data);
}

/* Partials that include themselves stop with an error at 64 levels; so do
 * parents, and a block whose override uses itself. */
static void
test_recursion_limit(void **state)
{
	static const struct {
		const char *tmpl, *partials, *msg;
	} cases[] = {
		{"{{>self}}", "{\"self\": \"x{{>self}}\"}", "partial 'self' nested deeper than 64"},
		{"a\n  {{>self}}\n", "{\"self\": \"  {{>self}}\\n\"}", "partial 'self' nested deeper"},
		{"{{<p}}{{/p}}", "{\"p\": \"{{<p}}{{/p}}\"}", "parent 'p' nested deeper than 64"},
		{"{{<p}}{{$a}}x{{$a}}y{{/a}}{{/a}}{{/p}}", "{\"p\": \"{{$a}}{{/a}}\"}",
		 "block 'a' nested deeper than 64"},
		/* Ping-pong through two partials. */
		{"{{>a}}", "{\"a\": \"{{>b}}\", \"b\": \"{{#t}}{{>a}}{{/t}}\"}", "nested deeper than 64"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		json_t *partials = json_loads(cases[i].partials, 0, NULL);
		json_t *data = json_pack("{s:b}", "t", 1);
		struct str out = STR_INIT;
		struct err e = {0};
		int rc;

		assert_non_null(partials);
		rc = doc_mustache(cases[i].tmpl, strlen(cases[i].tmpl), data, partials,
				  DOC_ESCAPE_HTML, &out, &e);
		if (rc != ERR_INPUT || !strstr(e.msg, cases[i].msg))
			fail_msg("%s: rc %d, message '%s', want '%s'", cases[i].tmpl, rc, e.msg,
				 cases[i].msg);
		str_free(&out);
		json_decref(partials);
		json_decref(data);
	}
}

/* A template of over 1 MB renders, and exactly; one over 4 MiB is refused. */
static void
test_large_template(void **state)
{
	struct str tmpl = STR_INIT, want = STR_INIT, out = STR_INIT;
	json_t *data = json_pack("{s:s,s:[i,i]}", "name", "<Z>", "items", 1, 2);
	struct doc_template *t;
	struct err e = {0};
	char line[64], *big;
	int lines = 0;

	(void)state;
	while (tmpl.len < 1024 * 1024 + 1) {
		str_appendf(&tmpl, "%d Hello {{name}}, {{#items}}[{{.}}]{{/items}}{{! c }}\n", lines);
		str_appendf(&want, "%d Hello &lt;Z&gt;, [1][2]\n", lines);
		lines++;
	}
	assert_int_equal(doc_template_parse(tmpl.buf, tmpl.len, &t, &e), 0);
	assert_int_equal(doc_template_render(t, data, NULL, DOC_ESCAPE_HTML, &out, &e), 0);
	assert_int_equal(out.len, want.len);
	assert_memory_equal(out.buf, want.buf, want.len);
	doc_template_free(t);

	/* A parse error near the end names its line. */
	str_puts(&tmpl, "{{#unclosed}}\n");
	assert_int_equal(doc_template_parse(tmpl.buf, tmpl.len, &t, &e), ERR_INPUT);
	snprintf(line, sizeof(line), "line %d: section 'unclosed' is never closed", lines + 1);
	assert_string_equal(e.msg, line);

	big = xmalloc(DOC_MUSTACHE_MAX_SIZE + 1);
	memset(big, 'x', DOC_MUSTACHE_MAX_SIZE + 1);
	assert_int_equal(doc_template_parse(big, DOC_MUSTACHE_MAX_SIZE, &t, &e), 0);
	doc_template_free(t);
	assert_int_equal(doc_template_parse(big, DOC_MUSTACHE_MAX_SIZE + 1, &t, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "over the limit"));
	free(big);
	str_free(&tmpl);
	str_free(&want);
	str_free(&out);
	json_decref(data);
}

/* NUL bytes in data are rendered or replaced, never cut the output short; NULs
 * in a template are text like any other byte. */
static void
test_nul_bytes(void **state)
{
	json_t *data = json_pack("{s:s%}", "s", "a\0b<", (size_t)4);
	json_t *partials = json_pack("{s:s%}", "p", "[\0{{s}}]", (size_t)8);
	static const char tmpl[] = "x\0{{{s}}}\0y";
	struct str out = STR_INIT;
	struct err e = {0};

	(void)state;
	assert_non_null(data);
	assert_non_null(partials);
	assert_int_equal(doc_mustache("{{s}}", 5, data, NULL, DOC_ESCAPE_NONE, &out, &e), 0);
	assert_int_equal(out.len, 4);
	assert_memory_equal(out.buf, "a\0b<", 4);
	str_clear(&out);
	assert_int_equal(doc_mustache("{{s}}", 5, data, NULL, DOC_ESCAPE_HTML, &out, &e), 0);
	assert_int_equal(out.len, strlen("a" FFFD "b&lt;"));
	assert_memory_equal(out.buf, "a" FFFD "b&lt;", out.len);
	str_clear(&out);
	assert_int_equal(doc_mustache("{{s}}", 5, data, NULL, DOC_ESCAPE_MARKDOWN, &out, &e), 0);
	assert_int_equal(out.len, strlen("a" FFFD "b\\<"));
	assert_memory_equal(out.buf, "a" FFFD "b\\<", out.len);
	str_clear(&out);
	/* Raw interpolation keeps the NUL whatever the escaping. */
	assert_int_equal(doc_mustache(tmpl, sizeof(tmpl) - 1, data, NULL, DOC_ESCAPE_HTML, &out,
				      &e), 0);
	assert_int_equal(out.len, 8);
	assert_memory_equal(out.buf, "x\0a\0b<\0y", 8);
	str_clear(&out);
	assert_int_equal(doc_mustache("{{>p}}", 6, data, partials, DOC_ESCAPE_NONE, &out, &e), 0);
	assert_int_equal(out.len, 7);
	assert_memory_equal(out.buf, "[\0a\0b<]", 7);
	str_free(&out);
	json_decref(data);
	json_decref(partials);
}

/* How values print, and which are falsey. */
static void
test_values(void **state)
{
	json_t *data = json_pack("{s:I,s:f,s:f,s:f,s:f,s:f,s:b,s:b,s:n,s:[i,s],s:{s:s},s:I}",
				 "i", (json_int_t)85, "r", 1.210, "big", 1e21, "sum", 0.1 + 0.2,
				 "neg", -2.5, "zero", -0.0, "t", 1, "f", 0, "n", "list", 1, "a",
				 "obj", "k", "v", "huge", (json_int_t)9007199254740993LL);
	struct str out = STR_INIT;
	struct err e = {0};
	static const char tmpl[] = "{{i}}|{{r}}|{{big}}|{{sum}}|{{neg}}|{{zero}}|{{t}}|{{f}}|{{n}}|"
				   "{{{list}}}|{{{obj}}}|{{huge}}|{{missing}}";

	(void)state;
	assert_non_null(data);
	assert_int_equal(doc_mustache(tmpl, strlen(tmpl), data, NULL, DOC_ESCAPE_HTML, &out, &e), 0);
	assert_string_equal(str_cstr(&out), "85|1.21|1e+21|0.30000000000000004|-2.5|0|true|false||"
			    "[1,\"a\"]|{\"k\":\"v\"}|9007199254740993|");
	str_free(&out);
	json_decref(data);

	CHECK("{{#e}}E{{/e}}{{^e}}noE{{/e}} {{#z}}Z{{/z}}{{^z}}noZ{{/z}} {{#o}}O{{/o}}"
	      " {{#s}}[{{.}}]{{/s}} {{#one}}{{.}}{{/one}}",
	      "{\"e\": \"\", \"z\": 0, \"o\": {}, \"s\": \"x\", \"one\": 1.5}", NULL,
	      DOC_ESCAPE_HTML, "noE noZ O [x] 1.5");
	/* A key with a dot is never found by a dotted name: "a.b" is a then b. */
	CHECK("{{a.b}}|{{#a}}{{b}}{{/a}}", "{\"a.b\": 1, \"a\": {\"b\": 2}}", NULL, DOC_ESCAPE_HTML,
	      "2|2");
	/* No data at all is an empty context. */
	check_render("[{{x}}{{.}}{{#x}}y{{/x}}]", 25, NULL, NULL, DOC_ESCAPE_HTML, "[]", 2);
}

/* A template is parsed once and rendered many times; partials come per
 * render, are optional, and a broken one names itself. */
static void
test_reuse_and_partials(void **state)
{
	static const char tmpl[] = "Dear {{name}},\n{{>sig}}";
	json_t *a = json_pack("{s:s}", "name", "Ann");
	json_t *b = json_pack("{s:s}", "name", "Bob");
	json_t *partials = json_pack("{s:s}", "sig", "-- {{name}}\n");
	json_t *bad = json_pack("{s:s,s:i}", "sig", "ok\n{{#x}}", "n", 1);
	struct doc_template *t;
	struct str out = STR_INIT;
	struct err e = {0};

	(void)state;
	assert_int_equal(doc_template_parse(tmpl, strlen(tmpl), &t, &e), 0);
	assert_int_equal(doc_template_render(t, a, partials, DOC_ESCAPE_HTML, &out, &e), 0);
	assert_int_equal(doc_template_render(t, b, partials, DOC_ESCAPE_HTML, &out, &e), 0);
	assert_int_equal(doc_template_render(t, a, NULL, DOC_ESCAPE_HTML, &out, &e), 0);
	assert_string_equal(str_cstr(&out), "Dear Ann,\n-- Ann\nDear Bob,\n-- Bob\nDear Ann,\n");
	str_clear(&out);
	assert_int_equal(doc_template_render(t, a, bad, DOC_ESCAPE_HTML, &out, &e), ERR_INPUT);
	assert_string_equal(e.msg, "partial 'sig': line 2: section 'x' is never closed");
	/* Not a string: as good as missing. */
	str_clear(&out);
	assert_int_equal(doc_mustache("[{{>n}}]", 8, a, bad, DOC_ESCAPE_HTML, &out, &e), 0);
	assert_string_equal(str_cstr(&out), "[]");
	doc_template_free(t);
	str_free(&out);
	json_decref(a);
	json_decref(b);
	json_decref(partials);
	json_decref(bad);
}

/* Indentation where the spec leaves it open: every pass of a section in an
 * indented partial is indented, empty lines are not, nested partials add up. */
static void
test_indentation(void **state)
{
	static const char partials[] =
		"{\"list\": \"{{#l}}\\n- {{.}}\\n{{/l}}\\n\\nend\\n\","
		" \"outer\": \"<\\n  {{>inner}}\\n>\\n\", \"inner\": \"a\\nb\\n\"}";

	(void)state;
	CHECK("x\n  {{>list}}\ny\n", "{\"l\": [1, 2]}", partials, DOC_ESCAPE_HTML,
	      "x\n  - 1\n  - 2\n\n  end\ny\n");
	CHECK("  {{>outer}}\n", "{}", partials, DOC_ESCAPE_HTML, "  <\n    a\n    b\n  >\n");
	/* A layout with blocks, overridden from an indented child. */
	CHECK("{{<layout}}\n  {{$body}}\n    one\n      two\n  {{/body}}\n{{/layout}}\n", "{}",
	      "{\"layout\": \"<body>\\n    {{$body}}\\n    {{/body}}\\n</body>\\n\"}", DOC_ESCAPE_HTML,
	      "<body>\n    one\n      two\n</body>\n");
	/* On one line, a block is inline.  Text in a parent tag is ignored. */
	CHECK("{{<layout}}{{$title}}Hello {{name}}{{/title}}\n{{/layout}}\n", "{\"name\": \"<Ann>\"}",
	      "{\"layout\": \"<h1>{{$title}}{{/title}}</h1>\\n\"}", DOC_ESCAPE_HTML,
	      "<h1>Hello &lt;Ann&gt;</h1>\n");
}

/* Runaway renders stop with an error instead of eating the machine. */
static void
test_render_limits(void **state)
{
	struct str tmpl = STR_INIT, out = STR_INIT;
	struct err e = {0};
	json_t *data;
	char *big;

	(void)state;
	/* 10^8 passes over a ten-item list: a few seconds of work, refused. */
	data = json_pack("{s:[i,i,i,i,i,i,i,i,i,i]}", "l", 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
	for (int i = 0; i < 8; i++)
		str_puts(&tmpl, "{{#l}}");
	str_puts(&tmpl, "x");
	for (int i = 0; i < 8; i++)
		str_puts(&tmpl, "{{/l}}");
	assert_int_equal(doc_mustache(tmpl.buf, tmpl.len, data, NULL, DOC_ESCAPE_HTML, &out, &e),
			 ERR_INPUT);
	assert_non_null(strstr(e.msg, "rendering stopped after"));
	/* The passes count even when the sections hold nothing. */
	str_clear(&tmpl);
	str_clear(&out);
	for (int i = 0; i < 8; i++)
		str_puts(&tmpl, "{{#l}}");
	for (int i = 0; i < 8; i++)
		str_puts(&tmpl, "{{/l}}");
	assert_int_equal(doc_mustache(tmpl.buf, tmpl.len, data, NULL, DOC_ESCAPE_HTML, &out, &e),
			 ERR_INPUT);
	assert_non_null(strstr(e.msg, "rendering stopped after"));
	assert_int_equal(out.len, 0);
	json_decref(data);

	/* 20 copies of 4 MiB: over the output limit. */
	big = xmalloc(4 * 1024 * 1024);
	memset(big, 'x', 4 * 1024 * 1024);
	data = json_pack("{s:s%,s:[i,i,i,i,i,i,i,i,i,i,i,i,i,i,i,i,i,i,i,i]}", "big", big,
			 (size_t)4 * 1024 * 1024, "l", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
			 14, 15, 16, 17, 18, 19, 20);
	free(big);
	str_clear(&out);
	assert_int_equal(doc_mustache("{{#l}}{{big}}{{/l}}", 19, data, NULL, DOC_ESCAPE_HTML, &out,
				      &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "bytes of output"));
	json_decref(data);
	str_free(&tmpl);
	str_free(&out);
}

int docs_certificate_tests(void); /* test_certificate.c */

int
main(void)
{
	const struct CMUnitTest tests[] = {
		SPEC_TEST("comments"),
		SPEC_TEST("delimiters"),
		SPEC_TEST("interpolation"),
		SPEC_TEST("inverted"),
		SPEC_TEST("partials"),
		SPEC_TEST("sections"),
		SPEC_TEST("~inheritance"),
		cmocka_unit_test(test_escape_markdown),
		cmocka_unit_test(test_escape_html),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_nesting_limit),
		cmocka_unit_test(test_recursion_limit),
		cmocka_unit_test(test_large_template),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_reuse_and_partials),
		cmocka_unit_test(test_indentation),
		cmocka_unit_test(test_render_limits),
	};

	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	failed += docs_certificate_tests();
	return failed ? 1 : 0;
}
