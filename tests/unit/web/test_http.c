/*
 * test_http.c - the request parsers of src/web/http.c.
 *
 * Forms and queries (decoding, empty and odd pairs, every way an escape or
 * the decoded text can be bad, the field limit), cookies the way browsers
 * send them and the way other sites may have set them, bearer tokens, numbers
 * in fields, and path segments.  Forms are parsed from an exact-size heap
 * copy with no NUL after it, so AddressSanitizer catches a read past len.
 */
#include <stdlib.h>

#include "support/support.h"
#include "web/http.h"
#include "web_tests.h"

static int
setup(void **state)
{
	*state = arena_new();
	return 0;
}

static int
teardown(void **state)
{
	arena_free(*state);
	return 0;
}

static int
parse_form(struct arena *a, const char *data, size_t len, struct http_fields *f,
	   struct err *e)
{
	char *copy = xmalloc(len ? len : 1);
	int rc;

	memcpy(copy, data, len);
	f->n = 12345; /* must be reset whatever happens */
	rc = http_parse_form(copy, len, a, f, e);
	free(copy);
	return rc;
}

/* Parse string literal lit (which may contain NULs) as a form. */
#define FORM(lit, f, e) parse_form(a, (lit), sizeof(lit) - 1, (f), (e))

/* Assert that form lit is refused with a message containing want, and leaves
 * no fields behind. */
#define FORM_BAD(lit, want)                                                       \
	do {                                                                      \
		struct http_fields bad_f;                                         \
		struct err bad_e = {0};                                           \
		assert_int_equal(FORM(lit, &bad_f, &bad_e), ERR_INPUT);           \
		assert_int_equal(bad_e.code, ERR_INPUT);                          \
		if (!strstr(bad_e.msg, (want)))                                   \
			fail_msg("form \"%s\": message \"%s\" lacks \"%s\"", #lit, \
				 bad_e.msg, (want));                              \
		assert_int_equal(bad_f.n, 0);                                     \
		assert_null(bad_f.v);                                             \
	} while (0)

/* Parse form lit, which must hold exactly one field, and check it. */
static void
form_one(struct arena *a, const char *data, size_t len, const char *name, const char *value)
{
	struct http_fields f;
	struct err e = {0};

	if (parse_form(a, data, len, &f, &e) != 0)
		fail_msg("form \"%.*s\": %s", (int)len, data, e.msg);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.v[0].name, name);
	assert_string_equal(f.v[0].value, value);
}
#define FORM_ONE(lit, name, value) form_one(a, (lit), sizeof(lit) - 1, (name), (value))

static void
test_form_basic(void **state)
{
	struct arena *a = *state;
	struct http_fields f;
	struct err e = {0};

	assert_int_equal(FORM("a=1&bee=two&a=3", &f, &e), 0);
	assert_int_equal(f.n, 3);
	assert_string_equal(f.v[0].name, "a");
	assert_string_equal(f.v[0].value, "1");
	assert_string_equal(f.v[1].name, "bee");
	assert_string_equal(f.v[1].value, "two");
	assert_string_equal(http_field_get(&f, "bee"), "two");
	assert_string_equal(http_field_get(&f, "a"), "1"); /* the first of two */
	assert_null(http_field_get(&f, "b"));
	assert_null(http_field_get(&f, ""));

	assert_int_equal(FORM("", &f, &e), 0);
	assert_int_equal(f.n, 0);
	assert_null(http_field_get(&f, "a"));
	assert_int_equal(http_parse_form(NULL, 0, a, &f, &e), 0);
	assert_int_equal(f.n, 0);

	/* len is the end, whatever follows. */
	assert_int_equal(http_parse_form("a=1&b=2", 3, a, &f, &e), 0);
	assert_int_equal(f.n, 1);
	assert_string_equal(f.v[0].value, "1");
}

static void
test_form_decoding(void **state)
{
	struct arena *a = *state;

	FORM_ONE("q=hello+world", "q", "hello world");
	FORM_ONE("first+name=Ann+Lee", "first name", "Ann Lee");
	FORM_ONE("a=%2B%20+", "a", "+  ");
	FORM_ONE("a=%4a%4A%6b%6B", "a", "JJkk");
	FORM_ONE("a=%e2%82%ac%E2%82%AC", "a", "\xe2\x82\xac\xe2\x82\xac");
	FORM_ONE("%61%3D=%26", "a=", "&");
	FORM_ONE("a==b", "a", "=b");
	FORM_ONE("a=%25", "a", "%");
	FORM_ONE("note=line1%0D%0Aline2%09tab", "note", "line1\r\nline2\ttab");
	FORM_ONE("name=J\xc3\xbcrgen", "name", "J\xc3\xbcrgen");
	FORM_ONE("emoji=%F0%9F%98%80", "emoji", "\xf0\x9f\x98\x80");
}

static void
test_form_empty_pairs(void **state)
{
	struct arena *a = *state;
	struct http_fields f;
	struct err e = {0};

	FORM_ONE("&&a=1&&", "a", "1");
	FORM_ONE("flag", "flag", "");
	FORM_ONE("a=", "a", "");
	FORM_ONE("&a", "a", "");
	assert_int_equal(FORM("&", &f, &e), 0);
	assert_int_equal(f.n, 0);
	assert_int_equal(FORM("&&&&", &f, &e), 0);
	assert_int_equal(f.n, 0);
	assert_int_equal(FORM("x&y=2&z", &f, &e), 0);
	assert_int_equal(f.n, 3);
	assert_string_equal(http_field_get(&f, "x"), "");
	assert_string_equal(http_field_get(&f, "y"), "2");
	assert_string_equal(http_field_get(&f, "z"), "");

	FORM_BAD("=x", "empty name");
	FORM_BAD("=", "empty name");
	FORM_BAD("a=1&=2", "form field 2 has an empty name (offset 4)");
}

static void
test_form_bad_escapes(void **state)
{
	struct arena *a = *state;

	FORM_BAD("a=%", "bad escape '%' at offset 2");
	FORM_BAD("a=%4", "bad escape '%4' at offset 2");
	FORM_BAD("a=%G1", "bad escape '%G1'");
	FORM_BAD("a=%4G", "bad escape '%4G'");
	FORM_BAD("a=%%41", "bad escape");
	FORM_BAD("a=% 41", "bad escape");
	FORM_BAD("a=%-1", "bad escape");
	FORM_BAD("ok=1&a=x%", "form field 'a': bad escape '%' at offset 8");
	FORM_BAD("%=1", "form field 1 name: bad escape");
	FORM_BAD("a%4=1", "form field 1 name: bad escape '%4' at offset 1");
	/* An escape cut by len, though the bytes after it would complete it. */
	{
		struct http_fields f;
		struct err e = {0};

		assert_int_equal(http_parse_form("a=%41", 4, a, &f, &e), ERR_INPUT);
		assert_non_null(strstr(e.msg, "bad escape '%4'"));
	}
}

static void
test_form_bad_text(void **state)
{
	struct arena *a = *state;

	FORM_BAD("a=%00", "form field 'a': NUL byte at offset 2");
	FORM_BAD("a=x%00y", "NUL byte at offset 3");
	FORM_BAD("a=x\0y", "NUL byte at offset 3");
	FORM_BAD("%00=1", "form field 1 name: NUL byte");
	FORM_BAD("a=%01", "control character at offset 2");
	FORM_BAD("a=%1F", "control character");
	FORM_BAD("a=%1b[2J", "control character");
	FORM_BAD("a=%7F", "control character");
	FORM_BAD("a=%C2%85", "control character"); /* NEL, a C1 control */
	FORM_BAD("a=%c2%9f", "control character");
	FORM_BAD("a=\x01", "control character");
	FORM_BAD("a=\x7f", "control character");
	FORM_BAD("a=\xc2\x80", "control character");
	FORM_BAD("a=%0B", "control character"); /* vertical tab is not a line break */

	FORM_BAD("a=\xff", "invalid UTF-8 at offset 2");
	FORM_BAD("a=b%FF", "form field 'a': invalid UTF-8 at offset 3");
	FORM_BAD("a=%C3", "invalid UTF-8");         /* truncated */
	FORM_BAD("a=%C3%28", "invalid UTF-8");      /* bad continuation */
	FORM_BAD("a=%C0%AF", "invalid UTF-8");      /* overlong '/' */
	FORM_BAD("a=%E0%80%AF", "invalid UTF-8");   /* overlong '/' */
	FORM_BAD("a=%ED%A0%80", "invalid UTF-8");   /* surrogate */
	FORM_BAD("a=%F4%90%80%80", "invalid UTF-8"); /* above U+10FFFF */
	FORM_BAD("a=%80", "invalid UTF-8");
	FORM_BAD("\xc3=1", "form field 1 name: invalid UTF-8 at offset 0");
	FORM_BAD("ab=%e2%82%ac%e2%82", "invalid UTF-8 at offset 12");
}

static void
test_form_limit(void **state)
{
	struct arena *a = *state;
	struct str s = STR_INIT;
	struct http_fields f;
	struct err e = {0};
	size_t i;

	for (i = 0; i < HTTP_MAX_FIELDS; i++)
		str_appendf(&s, "%sf%zu=%zu", i ? "&" : "", i, i);
	assert_int_equal(parse_form(a, s.buf, s.len, &f, &e), 0);
	assert_int_equal(f.n, HTTP_MAX_FIELDS);
	assert_string_equal(http_field_get(&f, "f255"), "255");

	/* Empty pairs do not count... */
	str_puts(&s, "&&&&");
	assert_int_equal(parse_form(a, s.buf, s.len, &f, &e), 0);
	assert_int_equal(f.n, HTTP_MAX_FIELDS);
	/* ...one more field does. */
	str_puts(&s, "x");
	assert_int_equal(parse_form(a, s.buf, s.len, &f, &e), ERR_INPUT);
	assert_string_equal(e.msg, "form has more than 256 fields");
	assert_int_equal(f.n, 0);

	/* A million separators hold no fields and cost no memory. */
	str_clear(&s);
	for (i = 0; i < 1000000; i++)
		str_putc(&s, '&');
	i = arena_used(a);
	assert_int_equal(parse_form(a, s.buf, s.len, &f, &e), 0);
	assert_int_equal(f.n, 0);
	assert_int_equal(arena_used(a), i);
	/* A flood of fields is refused before anything is allocated. */
	str_clear(&s);
	for (i = 0; i < 100000; i++)
		str_puts(&s, "a&");
	i = arena_used(a);
	assert_int_equal(parse_form(a, s.buf, s.len, &f, &e), ERR_INPUT);
	assert_int_equal(arena_used(a), i);
	str_free(&s);
}

/* Messages quote at most 32 bytes of what was sent, with no control bytes. */
static void
test_error_quoting(void **state)
{
	struct arena *a = *state;
	struct str s = STR_INIT;
	struct http_fields f;
	struct err e = {0};
	const char *out;
	int64_t n;
	size_t i;

	/* A long name is cut to 32 bytes; a line break in it shows as '?'. */
	str_puts(&s, "a%0Ab");
	for (i = 0; i < 100; i++)
		str_putc(&s, 'x');
	str_puts(&s, "=v%");
	assert_int_equal(parse_form(a, s.buf, s.len, &f, &e), ERR_INPUT);
	str_clear(&s);
	str_puts(&s, "form field 'a?b");
	for (i = 0; i < 29; i++)
		str_putc(&s, 'x');
	str_puts(&s, "...': bad escape '%' at offset 107 ('%' needs two hex digits)");
	assert_string_equal(e.msg, s.buf);
	str_free(&s);

	/* A character straddling the cut is dropped whole; LF shows as '?'. */
	assert_int_equal(http_int("n", "12345678901234567890123456789012\xc3\xa9", 0, 1, &n, &e),
			 ERR_INPUT);
	assert_non_null(strstr(e.msg, "'12345678901234567890123456789012...'"));
	assert_int_equal(http_int("n", "1234567890123456789012345678901\xc3\xa9", 0, 1, &n, &e),
			 ERR_INPUT);
	assert_non_null(strstr(e.msg, "'1234567890123456789012345678901...'"));
	assert_int_equal(http_int("n", "1\n2\x1b\xff\xc2\x85\xc3\xa9", 0, 1, &n, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "'1?2???\xc3\xa9'"));
	assert_int_equal(http_decode_segment("x\r\ny/", 5, a, &out, &e), ERR_INPUT);
	assert_string_equal(e.msg, "path segment 'x??y/': '/' at offset 4");
	for (i = 0; e.msg[i]; i++)
		assert_true((unsigned char)e.msg[i] >= 0x20);
}

static void
test_cookies(void **state)
{
	struct arena *a = *state;
	struct http_fields f;
	struct err e = {0};

	assert_int_equal(http_parse_cookies("sid=abc123; theme=dark", a, &f, &e), 0);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.v[0].name, "sid");
	assert_string_equal(f.v[0].value, "abc123");
	assert_string_equal(http_field_get(&f, "theme"), "dark");

	assert_int_equal(http_parse_cookies("a=1;b=2;;  ;c=3;", a, &f, &e), 0);
	assert_int_equal(f.n, 3);
	assert_string_equal(http_field_get(&f, "c"), "3");

	/* Quotes are stripped, percent escapes are not decoded, '=' may follow. */
	assert_int_equal(http_parse_cookies("q=\"quoted\"; e=\"\"; p=%41; b=x==", a, &f, &e), 0);
	assert_int_equal(f.n, 4);
	assert_string_equal(http_field_get(&f, "q"), "quoted");
	assert_string_equal(http_field_get(&f, "e"), "");
	assert_string_equal(http_field_get(&f, "p"), "%41");
	assert_string_equal(http_field_get(&f, "b"), "x==");

	/* Whitespace around names and values goes. */
	assert_int_equal(http_parse_cookies("  a = 1 ;\tb=2\t", a, &f, &e), 0);
	assert_int_equal(f.n, 2);
	assert_string_equal(http_field_get(&f, "a"), "1");
	assert_string_equal(http_field_get(&f, "b"), "2");

	/* Malformed pairs are skipped and the rest kept. */
	assert_int_equal(http_parse_cookies("noequals; =v; b c=1; sp=a b; q=\"a b\"; "
					    "half=\"x; c=a,b; bs=a\\b; ok=1; n(x)=1; "
					    "u=\xc3\xa9; ctl=a\x01; empty=; \"q\"=1",
					    a, &f, &e), 0);
	assert_int_equal(f.n, 2);
	assert_string_equal(f.v[0].name, "ok");
	assert_string_equal(f.v[0].value, "1");
	assert_string_equal(f.v[1].name, "empty");
	assert_string_equal(f.v[1].value, "");

	/* The first of two is the most specific path, which browsers send first. */
	assert_int_equal(http_parse_cookies("sid=new; sid=old", a, &f, &e), 0);
	assert_string_equal(http_field_get(&f, "sid"), "new");

	assert_int_equal(http_parse_cookies("", a, &f, &e), 0);
	assert_int_equal(f.n, 0);
	assert_int_equal(http_parse_cookies(NULL, a, &f, &e), 0);
	assert_int_equal(f.n, 0);
	assert_int_equal(http_parse_cookies(" ; ;; ", a, &f, &e), 0);
	assert_int_equal(f.n, 0);
}

static void
test_cookie_limit(void **state)
{
	struct arena *a = *state;
	struct str s = STR_INIT;
	struct http_fields f;
	struct err e = {0};
	size_t i;

	for (i = 0; i < HTTP_MAX_COOKIES; i++)
		str_appendf(&s, "c%zu=%zu; ", i, i);
	assert_int_equal(http_parse_cookies(s.buf, a, &f, &e), 0);
	assert_int_equal(f.n, HTTP_MAX_COOKIES);
	assert_string_equal(http_field_get(&f, "c63"), "63");
	/* Malformed pairs count too: they cost work all the same. */
	str_puts(&s, "junk");
	assert_int_equal(http_parse_cookies(s.buf, a, &f, &e), ERR_INPUT);
	assert_string_equal(e.msg, "Cookie header has more than 64 cookies");
	assert_int_equal(f.n, 0);
	assert_null(f.v);
	str_free(&s);
}

static void
test_bearer(void **state)
{
	const char *h;

	(void)state;
	assert_string_equal(http_bearer("Bearer abc.DEF-123_~+/"), "abc.DEF-123_~+/");
	assert_string_equal(http_bearer("bearer abc"), "abc");
	assert_string_equal(http_bearer("BEARER abc"), "abc");
	assert_string_equal(http_bearer("bEaReR abc"), "abc");
	assert_string_equal(http_bearer("Bearer    abc"), "abc");
	assert_string_equal(http_bearer("Bearer \t abc"), "abc");
	assert_string_equal(http_bearer("  Bearer abc"), "abc");
	assert_string_equal(http_bearer("Bearer abc=="), "abc==");
	/* The token is borrowed from the header. */
	h = "Bearer xyz";
	assert_ptr_equal(http_bearer(h), h + 7);

	assert_null(http_bearer(NULL));
	assert_null(http_bearer(""));
	assert_null(http_bearer("Bearer"));
	assert_null(http_bearer("Bearer "));
	assert_null(http_bearer("Bearer    "));
	assert_null(http_bearer("Bearer ="));
	assert_null(http_bearer("Bearerabc"));
	assert_null(http_bearer("Bear abc"));
	assert_null(http_bearer("Basic YWxhZGRpbjpvcGVuc2VzYW1l"));
	assert_null(http_bearer("Bearer a b"));
	assert_null(http_bearer("Bearer abc "));
	assert_null(http_bearer("Bearer abc=x"));
	assert_null(http_bearer("Bearer abc,def"));
	assert_null(http_bearer("Bearer ab\"c"));
	assert_null(http_bearer("Bearer \xc3\xa9"));
	assert_null(http_bearer("Bearer abc\r\n"));
}

static void
test_int(void **state)
{
	struct err e = {0};
	int64_t n;

	(void)state;
	assert_int_equal(http_int("n", "42", 0, 100, &n, &e), 0);
	assert_int_equal(n, 42);
	assert_int_equal(http_int("n", "-5", -10, 10, &n, &e), 0);
	assert_int_equal(n, -5);
	assert_int_equal(http_int("n", "0", 0, 0, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(http_int("n", "-0", 0, 0, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(http_int("n", "007", 0, 10, &n, &e), 0);
	assert_int_equal(n, 7);
	/* Both bounds are inclusive. */
	assert_int_equal(http_int("n", "1", 1, 10, &n, &e), 0);
	assert_int_equal(http_int("n", "10", 1, 10, &n, &e), 0);
	assert_int_equal(n, 10);
	assert_int_equal(http_int("n", "9223372036854775807", INT64_MIN, INT64_MAX, &n, &e), 0);
	assert_true(n == INT64_MAX);
	assert_int_equal(http_int("n", "-9223372036854775808", INT64_MIN, INT64_MAX, &n, &e), 0);
	assert_true(n == INT64_MIN);

	n = 99;
	assert_int_equal(http_int("page", "0", 1, 10, &n, &e), ERR_INPUT);
	assert_string_equal(e.msg, "field 'page': '0' is outside 1 to 10");
	assert_int_equal(n, 99); /* untouched on error */
	assert_int_equal(http_int("page", "11", 1, 10, &n, &e), ERR_INPUT);
	assert_int_equal(http_int("page", "-1", 0, 10, &n, &e), ERR_INPUT);
	assert_int_equal(http_int("n", "9223372036854775808", 0, INT64_MAX, &n, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "is outside"));
	assert_int_equal(http_int("n", "-9223372036854775809", INT64_MIN, 0, &n, &e), ERR_INPUT);
	assert_int_equal(http_int("n", "99999999999999999999999999", 0, INT64_MAX, &n, &e),
			 ERR_INPUT);
	assert_int_equal(http_int("n", "18446744073709551616", 0, INT64_MAX, &n, &e), ERR_INPUT);
	assert_int_equal(n, 99);

	assert_int_equal(http_int("size", "12abc", 0, 100, &n, &e), ERR_INPUT);
	assert_string_equal(e.msg, "field 'size': '12abc' is not a whole number");
	assert_int_equal(http_int("size", "", 0, 100, &n, &e), ERR_INPUT);
	assert_string_equal(e.msg, "field 'size': '' is not a whole number");
	assert_int_equal(http_int("n", "-", 0, 100, &n, &e), ERR_INPUT);
	assert_int_equal(http_int("n", "+5", 0, 100, &n, &e), ERR_INPUT);
	assert_int_equal(http_int("n", " 5", 0, 100, &n, &e), ERR_INPUT);
	assert_int_equal(http_int("n", "5 ", 0, 100, &n, &e), ERR_INPUT);
	assert_int_equal(http_int("n", "--5", 0, 100, &n, &e), ERR_INPUT);
	assert_int_equal(http_int("n", "1e3", 0, 10000, &n, &e), ERR_INPUT);
	assert_int_equal(http_int("n", "0x10", 0, 100, &n, &e), ERR_INPUT);
	assert_int_equal(http_int("n", "1.0", 0, 100, &n, &e), ERR_INPUT);
	assert_int_equal(http_int("n", "\xd9\xa3", 0, 100, &n, &e), ERR_INPUT); /* Arabic 3 */
	assert_int_equal(n, 99);
	assert_int_equal(http_int("limit", NULL, 0, 100, &n, &e), ERR_INPUT);
	assert_string_equal(e.msg, "field 'limit' is missing");
}

static void
test_segment(void **state)
{
	struct arena *a = *state;
	struct err e = {0};
	const char *out;

	assert_int_equal(http_decode_segment("abc", 3, a, &out, &e), 0);
	assert_string_equal(out, "abc");
	assert_int_equal(http_decode_segment("a%20b+c%2b", 10, a, &out, &e), 0);
	assert_string_equal(out, "a b+c+");
	assert_int_equal(http_decode_segment("%c3%A9t%C3%a9", 13, a, &out, &e), 0);
	assert_string_equal(out, "\xc3\xa9t\xc3\xa9");
	assert_int_equal(http_decode_segment("", 0, a, &out, &e), 0);
	assert_string_equal(out, "");
	assert_int_equal(http_decode_segment("abcdef", 2, a, &out, &e), 0);
	assert_string_equal(out, "ab");

	assert_int_equal(http_decode_segment("a%2Fb", 5, a, &out, &e), ERR_INPUT);
	assert_string_equal(e.msg, "path segment 'a%2Fb': '/' at offset 1");
	assert_int_equal(http_decode_segment("%2f", 3, a, &out, &e), ERR_INPUT);
	assert_int_equal(http_decode_segment("a/b", 3, a, &out, &e), ERR_INPUT);
	assert_int_equal(http_decode_segment("%", 1, a, &out, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "bad escape"));
	assert_int_equal(http_decode_segment("%2F", 2, a, &out, &e), ERR_INPUT); /* cut by len */
	assert_non_null(strstr(e.msg, "bad escape"));
	assert_int_equal(http_decode_segment("x%00", 4, a, &out, &e), ERR_INPUT);
	assert_string_equal(e.msg, "path segment 'x%00': NUL byte at offset 1");
	assert_int_equal(http_decode_segment("%1f", 3, a, &out, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "control character"));
	/* http.h lets a segment hold what a form may, line breaks included. */
	assert_int_equal(http_decode_segment("a%0Ab", 5, a, &out, &e), 0);
	assert_string_equal(out, "a\nb");
	assert_int_equal(http_decode_segment("%FF", 3, a, &out, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "invalid UTF-8"));
	assert_int_equal(http_decode_segment("%C0%AF", 6, a, &out, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "invalid UTF-8"));
}

int
web_http_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_form_basic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form_decoding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form_empty_pairs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form_bad_escapes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form_bad_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_form_limit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_error_quoting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cookies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cookie_limit, setup, teardown),
		cmocka_unit_test(test_bearer),
		cmocka_unit_test(test_int),
		cmocka_unit_test_setup_teardown(test_segment, setup, teardown),
	};

	return cmocka_run_group_tests_name("http", tests, NULL, NULL);
}
