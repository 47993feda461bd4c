/*
 * test_escape.c - the escaping conversions of struct str (HTML, JSON, CSV, SQL
 * identifiers, UTF-8 repair), utf8_valid and utf8_valid_prefix.
 *
 * These functions are the only path from untrusted bytes to a browser, a JSON
 * reader, a spreadsheet or SQL, so the cases cover every special character, NULs,
 * invalid UTF-8 in each of its forms, and large inputs; a property test feeds
 * random bytes and checks that the output is well-formed for its destination.
 */
#include <stdlib.h>

#include "support/support.h"
#include "core_tests.h"

#define FFFD "\xef\xbf\xbd"

typedef void (*escape_fn)(struct str *s, const char *data, size_t len);

static void
print_bytes(const char *label, const char *p, size_t len)
{
	size_t i;

	print_message("%s (%zu bytes):", label, len);
	for (i = 0; i < len && i < 64; i++)
		print_message(" %02x", (unsigned char)p[i]);
	print_message("%s\n", len > 64 ? " ..." : "");
}

/* Escape in[0..in_len) with fn and compare with want, byte for byte; on a
 * mismatch, show the input and both outputs in hex. */
static void
check(escape_fn fn, const char *in, size_t in_len, const char *want, size_t want_len)
{
	struct str s = STR_INIT;
	bool same;

	fn(&s, in, in_len);
	same = s.len == want_len && memcmp(str_cstr(&s), want, want_len) == 0;
	if (!same) {
		print_bytes("input", in, in_len);
		print_bytes("want ", want, want_len);
		print_bytes("got  ", str_cstr(&s), s.len);
	}
	assert_true(same);
	assert_int_equal(str_cstr(&s)[s.len], '\0');
	str_free(&s);
}

#define CHECK(fn, in, want) check(fn, in, sizeof(in) - 1, want, sizeof(want) - 1)

/* Appending keeps what the string held before. */
static void
check_keeps_prefix(escape_fn fn)
{
	struct str s = STR_INIT;

	str_puts(&s, "prefix:");
	fn(&s, "ok", 2);
	assert_str_bytes(&s, "prefix:ok");
	fn(&s, "", 0);
	assert_str_bytes(&s, "prefix:ok");
	str_free(&s);
}

/* ------------------------------------------------------------------ HTML */

static void
test_html_specials(void **state)
{
	(void)state;
	CHECK(str_append_html, "&", "&amp;");
	CHECK(str_append_html, "<", "&lt;");
	CHECK(str_append_html, ">", "&gt;");
	CHECK(str_append_html, "\"", "&quot;");
	CHECK(str_append_html, "'", "&#39;");
	CHECK(str_append_html, "&<>\"'", "&amp;&lt;&gt;&quot;&#39;");
	CHECK(str_append_html, "<a href=\"x\" title='y'>Tom & Jerry</a>",
	      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;");
	/* Already-escaped text is escaped again, not trusted. */
	CHECK(str_append_html, "&amp;", "&amp;amp;");
}

static void
test_html_nul(void **state)
{
	(void)state;
	CHECK(str_append_html, "a\0b", "a" FFFD "b");
	CHECK(str_append_html, "\0", FFFD);
	CHECK(str_append_html, "<\0>", "&lt;" FFFD "&gt;");
}

static void
test_html_plain_unchanged(void **state)
{
	(void)state;
	CHECK(str_append_html, "", "");
	CHECK(str_append_html, "Hello, world! 100% (ok) = fine; a/b \\ c",
	      "Hello, world! 100% (ok) = fine; a/b \\ c");
	CHECK(str_append_html, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\n\t",
	      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\n\t");
	check_keeps_prefix(str_append_html);
}

static void
test_html_large(void **state)
{
	enum { N = 4 * 1024 * 1024 };
	char *in = xmalloc(N);
	struct str s = STR_INIT;
	size_t i;

	(void)state;
	memset(in, '<', N);
	str_append_html(&s, in, N);
	assert_int_equal(s.len, (size_t)N * 4);
	for (i = 0; i < (size_t)N * 4; i += 4)
		assert_memory_equal(s.buf + i, "&lt;", 4);
	assert_int_equal(s.buf[s.len], '\0');
	free(in);
	str_free(&s);
}

/* ------------------------------------------------------------------ JSON */

static void
test_json_specials(void **state)
{
	(void)state;
	CHECK(str_append_json, "", "");
	CHECK(str_append_json, "plain text, 100% / ok", "plain text, 100% / ok");
	CHECK(str_append_json, "\"", "\\\"");
	CHECK(str_append_json, "\\", "\\\\");
	CHECK(str_append_json, "say \"hi\\\"", "say \\\"hi\\\\\\\"");
	CHECK(str_append_json, "\n\r\t\b\f", "\\n\\r\\t\\b\\f");
	CHECK(str_append_json, "a\nb", "a\\nb");
	check_keeps_prefix(str_append_json);
}

static void
test_json_controls(void **state)
{
	(void)state;
	CHECK(str_append_json, "\x01", "\\u0001");
	CHECK(str_append_json, "\x0b", "\\u000b");
	CHECK(str_append_json, "\x1b[31m", "\\u001b[31m");
	CHECK(str_append_json, "\x1f", "\\u001f");
	CHECK(str_append_json, "\x7f", "\\u007f");
	CHECK(str_append_json, "a\0b", "a\\u0000b");
	CHECK(str_append_json, "\0", "\\u0000");
	/* 0x20 is the first byte that needs no escape. */
	CHECK(str_append_json, " ", " ");
	CHECK(str_append_json, "~", "~");
}

static void
test_json_valid_utf8(void **state)
{
	(void)state;
	CHECK(str_append_json, "\xc2\x80", "\xc2\x80");                 /* U+0080 */
	CHECK(str_append_json, "caf\xc3\xa9", "caf\xc3\xa9");           /* é */
	CHECK(str_append_json, "\xdf\xbf", "\xdf\xbf");                 /* U+07FF */
	CHECK(str_append_json, "\xe0\xa0\x80", "\xe0\xa0\x80");         /* U+0800 */
	CHECK(str_append_json, "\xe2\x82\xac", "\xe2\x82\xac");         /* € */
	CHECK(str_append_json, "\xed\x9f\xbf", "\xed\x9f\xbf");         /* U+D7FF */
	CHECK(str_append_json, "\xee\x80\x80", "\xee\x80\x80");         /* U+E000 */
	CHECK(str_append_json, "\xef\xbf\xbf", "\xef\xbf\xbf");         /* U+FFFF */
	CHECK(str_append_json, "\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80"); /* 😀 */
	CHECK(str_append_json, "\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf"); /* U+10FFFF */
	CHECK(str_append_json, "\xe6\x97\xa5\xe6\x9c\xac \"x\"",
	      "\xe6\x97\xa5\xe6\x9c\xac \\\"x\\\"");
}

static void
test_json_invalid_utf8(void **state)
{
	(void)state;
	/* A lone continuation byte. */
	CHECK(str_append_json, "a\x80" "b", "a" FFFD "b");
	CHECK(str_append_json, "\xbf", FFFD);
	/* Overlong encodings: C0 and C1 never start a valid sequence. */
	CHECK(str_append_json, "\xc0\x80", FFFD FFFD);
	CHECK(str_append_json, "\xc1\xbf", FFFD FFFD);
	CHECK(str_append_json, "\xe0\x80\xaf", FFFD FFFD FFFD);
	CHECK(str_append_json, "\xf0\x80\x80\xaf", FFFD FFFD FFFD FFFD);
	/* A UTF-16 surrogate (U+D800) and the last one (U+DFFF). */
	CHECK(str_append_json, "\xed\xa0\x80", FFFD FFFD FFFD);
	CHECK(str_append_json, "\xed\xbf\xbf", FFFD FFFD FFFD);
	/* Above U+10FFFF, and lead bytes that cannot occur at all. */
	CHECK(str_append_json, "\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD);
	CHECK(str_append_json, "\xf5", FFFD);
	CHECK(str_append_json, "\xf5\x80\x80\x80", FFFD FFFD FFFD FFFD);
	CHECK(str_append_json, "\xfe\xff", FFFD FFFD);
	/* A sequence cut short by the end of the data, or by an ASCII byte (which
	 * must survive: the repair does not swallow the next character). */
	CHECK(str_append_json, "a\xc3", "a" FFFD);
	CHECK(str_append_json, "\xc3" "A", FFFD "A");
	CHECK(str_append_json, "\xe2" "\"", FFFD "\\\"");
	/* Invalid bytes between valid characters. */
	CHECK(str_append_json, "\xc3\xa9\xff\xc3\xa9", "\xc3\xa9" FFFD "\xc3\xa9");
}

/* A truncated multi-byte sequence at the very end: RFC 3629 allows one U+FFFD
 * for the whole sequence or one per byte, so accept either, but nothing else. */
static void
check_truncated(const char *in, size_t in_len, size_t keep)
{
	struct str s = STR_INIT;
	size_t i;

	str_append_json(&s, in, in_len);
	assert_true(utf8_valid(s.buf, s.len));
	assert_true(s.len > keep);
	assert_memory_equal(s.buf, in, keep);
	assert_int_equal((s.len - keep) % 3, 0);
	assert_true((s.len - keep) / 3 <= in_len - keep);
	for (i = keep; i < s.len; i += 3)
		assert_memory_equal(s.buf + i, FFFD, 3);
	str_free(&s);
}

static void
test_json_truncated_at_end(void **state)
{
	(void)state;
	check_truncated("x\xe2\x82", 3, 1);
	check_truncated("x\xf0\x9f\x98", 4, 1);
	check_truncated("x\xf0\x9f", 3, 1);
	check_truncated("\xe2", 1, 0);
}

/* A strict checker for the inside of a JSON string (RFC 8259): UTF-8, no raw
 * control characters or quotes, only the defined escapes. */
static bool
json_string_ok(const char *p, size_t len)
{
	size_t i, k;

	if (!utf8_valid(p, len))
		return false;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c < 0x20 || c == 0x7f || c == '"')
			return false;
		if (c != '\\')
			continue;
		if (++i >= len)
			return false;
		if (p[i] == 'u') {
			if (len - i < 5)
				return false;
			for (k = 1; k <= 4; k++)
				if (!strchr("0123456789abcdefABCDEF", p[i + k]) || p[i + k] == '\0')
					return false;
			i += 4;
		} else if (!strchr("\"\\/bfnrt", p[i]) || p[i] == '\0') {
			return false;
		}
	}
	return true;
}

static void
test_json_random_bytes(void **state)
{
	enum { N = 200000 };
	char *in = xmalloc(N);
	struct str s = STR_INIT;
	char all[256];
	int i;

	(void)state;
	for (i = 0; i < 256; i++)
		all[i] = (char)i;
	str_append_json(&s, all, sizeof(all));
	assert_true(json_string_ok(s.buf, s.len));
	str_clear(&s);
	test_fill_random(in, N, 42);
	str_append_json(&s, in, N);
	assert_true(json_string_ok(s.buf, s.len));
	free(in);
	str_free(&s);
}

static void
test_json_checker_rejects(void **state)
{
	(void)state;
	/* The property test above is only as good as its checker. */
	assert_true(json_string_ok("a\\n\\u00e9", 9));
	assert_false(json_string_ok("a\"b", 3));
	assert_false(json_string_ok("a\nb", 3));
	assert_false(json_string_ok("a\\x", 3));
	assert_false(json_string_ok("\\u12", 4));
	assert_false(json_string_ok("\xc0\x80", 2));
}

/* ------------------------------------------------------------------ UTF-8 */

static void
test_utf8_repair(void **state)
{
	(void)state;
	CHECK(str_append_utf8, "", "");
	CHECK(str_append_utf8, "plain <text> & \"quotes\"\n\t", "plain <text> & \"quotes\"\n\t");
	CHECK(str_append_utf8, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf",
	      "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf");
	CHECK(str_append_utf8, "a\0b", "a" FFFD "b");
	CHECK(str_append_utf8, "a\x80" "b", "a" FFFD "b");
	CHECK(str_append_utf8, "\xc0\x80", FFFD FFFD);
	CHECK(str_append_utf8, "\xed\xa0\x80", FFFD FFFD FFFD);
	CHECK(str_append_utf8, "\xf4\x90\x80\x80", FFFD FFFD FFFD FFFD);
	CHECK(str_append_utf8, "\xf5" "x", FFFD "x");
	CHECK(str_append_utf8, "x\xc3", "x" FFFD);
	CHECK(str_append_utf8, "\xc3" "A", FFFD "A");
	/* U+FFFD itself is valid and kept. */
	CHECK(str_append_utf8, FFFD, FFFD);
	check_keeps_prefix(str_append_utf8);
}

static void
test_utf8_repair_random(void **state)
{
	enum { N = 100000 };
	char *in = xmalloc(N);
	struct str s = STR_INIT;

	(void)state;
	test_fill_random(in, N, 9);
	str_append_utf8(&s, in, N);
	assert_true(utf8_valid(s.buf, s.len));
	assert_null(memchr(s.buf, '\0', s.len));
	/* Valid input comes out unchanged. */
	str_clear(&s);
	str_append_utf8(&s, "\xe6\x97\xa5\xe6\x9c\xac", 6);
	assert_str_bytes(&s, "\xe6\x97\xa5\xe6\x9c\xac");
	free(in);
	str_free(&s);
}

#define VALID(lit) assert_true(utf8_valid(lit, sizeof(lit) - 1))
#define INVALID(lit) assert_false(utf8_valid(lit, sizeof(lit) - 1))

static void
test_utf8_valid(void **state)
{
	(void)state;
	VALID("");
	VALID("ascii only");
	VALID("a\0b"); /* U+0000 is a character like any other here */
	VALID("\xc2\x80");
	VALID("\xdf\xbf");
	VALID("\xe0\xa0\x80");
	VALID("\xe2\x82\xac");
	VALID("\xed\x9f\xbf");
	VALID("\xee\x80\x80");
	VALID("\xef\xbf\xbf");
	VALID("\xf0\x90\x80\x80");
	VALID("\xf0\x9f\x98\x80");
	VALID("\xf4\x8f\xbf\xbf"); /* U+10FFFF, the last code point */
	INVALID("\x80");
	INVALID("a\xbf");
	INVALID("\xc0\x80");
	INVALID("\xc1\xbf");
	INVALID("\xe0\x80\x80");
	INVALID("\xe0\x9f\xbf");
	INVALID("\xed\xa0\x80"); /* U+D800 */
	INVALID("\xed\xbf\xbf"); /* U+DFFF */
	INVALID("\xf0\x80\x80\x80");
	INVALID("\xf0\x8f\xbf\xbf");
	INVALID("\xf4\x90\x80\x80"); /* U+110000 */
	INVALID("\xf5\x80\x80\x80");
	INVALID("\xf8\x88\x80\x80\x80");
	INVALID("\xfe");
	INVALID("\xff");
	INVALID("\xc3");
	INVALID("\xe2\x82");
	INVALID("\xf0\x9f\x98");
	INVALID("\xc3" "A");
	INVALID("\xe2\x82" "A");
	INVALID("ok\xc3\xa9" "\x80");
	/* Only len bytes count: a sequence cut by len is invalid. */
	assert_false(utf8_valid("\xc3\xa9", 1));
	assert_true(utf8_valid("\xc3\xa9\xff", 2));
}

#define PREFIX(lit, want) assert_int_equal(utf8_valid_prefix(lit, sizeof(lit) - 1), want)

static void
test_utf8_valid_prefix(void **state)
{
	(void)state;
	PREFIX("", 0);
	PREFIX("abc", 3);
	PREFIX("a\0b", 3);
	PREFIX("\xf4\x8f\xbf\xbf", 4);
	PREFIX("ab\x80" "cd", 2);
	PREFIX("\xc3\xa9\xff", 2);
	PREFIX("\xc3\xa9\xc3\xa9\xed\xa0\x80", 4);
	PREFIX("ok\xf4\x90\x80\x80", 2);
	PREFIX("ok\xe2\x82", 2); /* cut short by the end */
	PREFIX("\xe2\x82" "A", 0);
	PREFIX("\xc0\x80", 0);
	assert_int_equal(utf8_valid_prefix("\xc3\xa9\xc3\xa9", 3), 2);
}

/* ------------------------------------------------------------------- CSV */

static void
test_csv_plain(void **state)
{
	(void)state;
	CHECK(str_append_csv, "plain", "plain");
	CHECK(str_append_csv, "two words", "two words");
	CHECK(str_append_csv, "a=b", "a=b"); /* only a leading = is a formula */
	CHECK(str_append_csv, "caf\xc3\xa9", "caf\xc3\xa9");
	check_keeps_prefix(str_append_csv);
}

static void
test_csv_empty(void **state)
{
	struct str s = STR_INIT;

	(void)state;
	CHECK(str_append_csv, "", "");
	/* A row with an empty middle field. */
	str_append_csv(&s, "a", 1);
	str_putc(&s, ',');
	str_append_csv(&s, "", 0);
	str_putc(&s, ',');
	str_append_csv(&s, "c,d", 3);
	assert_str_bytes(&s, "a,,\"c,d\"");
	str_free(&s);
}

static void
test_csv_quoted(void **state)
{
	(void)state;
	CHECK(str_append_csv, "a,b", "\"a,b\"");
	CHECK(str_append_csv, "say \"hi\"", "\"say \"\"hi\"\"\"");
	CHECK(str_append_csv, "\"", "\"\"\"\"");
	CHECK(str_append_csv, "line1\nline2", "\"line1\nline2\"");
	CHECK(str_append_csv, "a\r\nb", "\"a\r\nb\"");
	CHECK(str_append_csv, " lead", "\" lead\"");
	CHECK(str_append_csv, "trail ", "\"trail \"");
	CHECK(str_append_csv, " ", "\" \"");
}

static void
test_csv_formula(void **state)
{
	(void)state;
	CHECK(str_append_csv, "=SUM(A1:A9)", "\"'=SUM(A1:A9)\"");
	CHECK(str_append_csv, "+1", "\"'+1\"");
	CHECK(str_append_csv, "-1", "\"'-1\"");
	CHECK(str_append_csv, "@cmd", "\"'@cmd\"");
	CHECK(str_append_csv, "\tx", "\"'\tx\"");
	CHECK(str_append_csv, "\rx", "\"'\rx\"");
	CHECK(str_append_csv, "=HYPERLINK(\"http://x\",\"y\")",
	      "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	CHECK(str_append_csv, "=", "\"'=\"");
}

static void
test_csv_nul(void **state)
{
	(void)state;
	CHECK(str_append_csv, "a\0b", "a" FFFD "b");
	CHECK(str_append_csv, "\0", FFFD);
	CHECK(str_append_csv, "\0,", "\"" FFFD ",\"");
}

/* --------------------------------------------------------- SQL identifiers */

static const char *const sql_allowed[] = {"name", "created_at", "order", NULL};

static void
test_sql_ident_allowed(void **state)
{
	struct str s = STR_INIT;
	struct err e = {0};

	(void)state;
	str_puts(&s, "SELECT ");
	assert_int_equal(str_append_sql_ident(&s, "name", sql_allowed, &e), 0);
	str_puts(&s, ", ");
	assert_int_equal(str_append_sql_ident(&s, "order", sql_allowed, &e), 0);
	assert_str_bytes(&s, "SELECT \"name\", \"order\"");
	str_free(&s);
}

static void
check_refused(const char *name, const char *const *allowed)
{
	struct str s = STR_INIT;
	struct err e = {0};

	str_puts(&s, "SELECT ");
	assert_int_equal(str_append_sql_ident(&s, name, allowed, &e), ERR_INPUT);
	assert_int_equal(e.code, ERR_INPUT);
	assert_true(strlen(e.msg) > 0);
	assert_str_bytes(&s, "SELECT ");
	str_free(&s);
}

static void
test_sql_ident_refused(void **state)
{
	struct str s = STR_INIT;
	struct err e = {0};
	static const char *const none[] = {NULL};

	(void)state;
	check_refused("email", sql_allowed);
	check_refused("name\"; DROP TABLE x; --", sql_allowed);
	check_refused("nam", sql_allowed);
	check_refused("name ", sql_allowed);
	check_refused("NAME", sql_allowed);
	check_refused("", sql_allowed);
	check_refused("name", none);
	/* The message names the refused identifier. */
	assert_int_equal(str_append_sql_ident(&s, "email", sql_allowed, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "email"));
	/* No err struct: still refused, still nothing appended. */
	assert_int_equal(str_append_sql_ident(&s, "email", sql_allowed, NULL), ERR_INPUT);
	assert_int_equal(s.len, 0);
	str_free(&s);
}

static void
test_sql_ident_long_name(void **state)
{
	enum { N = 10000 };
	char *name = xmalloc(N + 1);
	struct {
		struct err e;
		unsigned char canary[64];
	} box;
	struct str s = STR_INIT;
	size_t i;

	(void)state;
	memset(name, 'x', N);
	name[N] = '\0';
	memset(&box, 0, sizeof(box));
	memset(box.canary, 0x5a, sizeof(box.canary));
	assert_int_equal(str_append_sql_ident(&s, name, sql_allowed, &box.e), ERR_INPUT);
	assert_true(strlen(box.e.msg) < sizeof(box.e.msg));
	for (i = 0; i < sizeof(box.canary); i++)
		assert_int_equal(box.canary[i], 0x5a);
	assert_int_equal(s.len, 0);
	free(name);
	str_free(&s);
}

int
core_escape_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_specials),
		cmocka_unit_test(test_html_nul),
		cmocka_unit_test(test_html_plain_unchanged),
		cmocka_unit_test(test_html_large),
		cmocka_unit_test(test_json_specials),
		cmocka_unit_test(test_json_controls),
		cmocka_unit_test(test_json_valid_utf8),
		cmocka_unit_test(test_json_invalid_utf8),
		cmocka_unit_test(test_json_truncated_at_end),
		cmocka_unit_test(test_json_random_bytes),
		cmocka_unit_test(test_json_checker_rejects),
		cmocka_unit_test(test_utf8_repair),
		cmocka_unit_test(test_utf8_repair_random),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_valid_prefix),
		cmocka_unit_test(test_csv_plain),
		cmocka_unit_test(test_csv_empty),
		cmocka_unit_test(test_csv_quoted),
		cmocka_unit_test(test_csv_formula),
		cmocka_unit_test(test_csv_nul),
		cmocka_unit_test(test_sql_ident_allowed),
		cmocka_unit_test(test_sql_ident_refused),
		cmocka_unit_test(test_sql_ident_long_name),
	};

	return cmocka_run_group_tests_name("core/escape", tests, NULL, NULL);
}
