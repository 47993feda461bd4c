/*
 * test_str.c - the growable string: appends of every kind, growth over many
 * appends, embedded NULs, and the ownership operations (take, clear, free).
 *
 * The escaping conversions have their own file, test_escape.c.
 */
#include <stdlib.h>

#include "support/support.h"
#include "core_tests.h"

/* The invariant every operation must keep: len bytes, then a NUL, inside cap. */
static void
assert_str_sane(const struct str *s)
{
	if (s->buf == NULL) {
		assert_int_equal(s->len, 0);
		return;
	}
	assert_true(s->len < s->cap);
	assert_int_equal(s->buf[s->len], '\0');
}

static void
test_str_empty(void **state)
{
	struct str s = STR_INIT;

	(void)state;
	assert_non_null(str_cstr(&s));
	assert_string_equal(str_cstr(&s), "");
	str_clear(&s);
	assert_string_equal(str_cstr(&s), "");
	assert_int_equal(s.len, 0);
	str_free(&s);
	assert_string_equal(str_cstr(&s), "");
}

static void
test_str_append_growth(void **state)
{
	enum { TOTAL = 1024 * 1024 };
	unsigned char *want = xmalloc(TOTAL);
	struct str s = STR_INIT;
	size_t i, n;

	(void)state;
	test_fill_random(want, TOTAL, 7);
	/* Chunks of awkward sizes, so the growth crosses many capacities. */
	for (i = 0; i < TOTAL; i += n) {
		n = (i / 7) % 1013 + 1;
		if (n > TOTAL - i)
			n = TOTAL - i;
		str_append(&s, (const char *)want + i, n);
		assert_str_sane(&s);
	}
	assert_int_equal(s.len, TOTAL);
	assert_memory_equal(s.buf, want, TOTAL);
	free(want);
	str_free(&s);
	assert_null(s.buf);
	assert_int_equal(s.len, 0);
	assert_int_equal(s.cap, 0);
}

static void
test_str_putc_growth(void **state)
{
	enum { TOTAL = 1024 * 1024 };
	struct str s = STR_INIT;
	size_t i;

	(void)state;
	for (i = 0; i < TOTAL; i++)
		str_putc(&s, (char)('a' + i % 26));
	assert_int_equal(s.len, TOTAL);
	assert_str_sane(&s);
	for (i = 0; i < TOTAL; i++)
		assert_int_equal(s.buf[i], 'a' + i % 26);
	str_free(&s);
}

static void
test_str_puts_appendf_growth(void **state)
{
	struct str s = STR_INIT;
	size_t i, pos = 0;
	char want[64];
	int n;

	(void)state;
	/* 1 MB and more of numbered lines through str_appendf and str_puts. */
	for (i = 0; s.len < 1024 * 1024; i++) {
		str_appendf(&s, "line %zu:", i);
		str_puts(&s, " some text\n");
	}
	assert_str_sane(&s);
	for (i = 0; pos < s.len; i++) {
		n = snprintf(want, sizeof(want), "line %zu: some text\n", i);
		assert_true(pos + (size_t)n <= s.len);
		assert_memory_equal(s.buf + pos, want, (size_t)n);
		pos += (size_t)n;
	}
	assert_int_equal(pos, s.len);
	str_free(&s);
}

static void
test_str_embedded_nul(void **state)
{
	struct str s = STR_INIT;

	(void)state;
	str_append(&s, "a\0b", 3);
	str_putc(&s, '\0');
	str_puts(&s, "c");
	assert_str_bytes(&s, "a\0b\0c");
	str_free(&s);
}

static void
test_str_append_empty(void **state)
{
	struct str s = STR_INIT;

	(void)state;
	str_append(&s, "", 0);
	str_puts(&s, "");
	str_appendf(&s, "%s", "");
	assert_int_equal(s.len, 0);
	assert_string_equal(str_cstr(&s), "");
	str_free(&s);
}

static void
test_str_appendf(void **state)
{
	struct str s = STR_INIT;
	size_t i;

	(void)state;
	str_puts(&s, "[");
	str_appendf(&s, "%s=%d;%05.2f;%x;%c;%%", "k", -17, 2.5, 255u, 'z');
	str_puts(&s, "]");
	assert_string_equal(str_cstr(&s), "[k=-17;02.50;ff;z;%]");
	assert_int_equal(s.len, strlen("[k=-17;02.50;ff;z;%]"));
	/* One format much larger than the current capacity. */
	str_clear(&s);
	str_appendf(&s, "%0*d|", 200000, 9);
	assert_int_equal(s.len, 200001);
	for (i = 0; i < 199999; i++)
		assert_int_equal(s.buf[i], '0');
	assert_int_equal(s.buf[199999], '9');
	assert_int_equal(s.buf[200000], '|');
	assert_str_sane(&s);
	str_free(&s);
}

static void PRINTF_LIKE(2, 3)
via_vappendf(struct str *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	str_vappendf(s, fmt, ap);
	va_end(ap);
}

static void
test_str_vappendf(void **state)
{
	struct str s = STR_INIT;

	(void)state;
	via_vappendf(&s, "%s %d", "one", 1);
	via_vappendf(&s, ", %s %d", "two", 2);
	assert_str_bytes(&s, "one 1, two 2");
	str_free(&s);
}

static void
test_str_take(void **state)
{
	struct str s = STR_INIT;
	char *p;

	(void)state;
	str_puts(&s, "taken");
	p = str_take(&s);
	assert_non_null(p);
	assert_string_equal(p, "taken");
	assert_null(s.buf);
	assert_int_equal(s.len, 0);
	assert_int_equal(s.cap, 0);
	/* The string is usable again and does not share the taken buffer. */
	str_puts(&s, "again");
	assert_string_equal(str_cstr(&s), "again");
	assert_string_equal(p, "taken");
	free(p);
	str_free(&s);
}

static void
test_str_take_empty(void **state)
{
	struct str s = STR_INIT;
	char *p;

	(void)state;
	/* "Never NULL", and the string is always NUL-terminated: an empty string
	 * must give the caller "" rather than an uninitialised buffer. */
	p = str_take(&s);
	assert_non_null(p);
	assert_int_equal(p[0], '\0');
	free(p);
}

static void
test_str_take_after_clear(void **state)
{
	struct str s = STR_INIT;
	char *p;

	(void)state;
	str_puts(&s, "something");
	str_clear(&s);
	p = str_take(&s);
	assert_non_null(p);
	assert_string_equal(p, "");
	free(p);
}

static void
test_str_clear(void **state)
{
	struct str s = STR_INIT;
	const char *buf;
	size_t cap;

	(void)state;
	str_puts(&s, "some content that is long enough");
	buf = s.buf;
	cap = s.cap;
	str_clear(&s);
	assert_int_equal(s.len, 0);
	assert_string_equal(str_cstr(&s), "");
	/* The memory is kept for reuse. */
	assert_ptr_equal(s.buf, buf);
	assert_int_equal(s.cap, cap);
	str_puts(&s, "new");
	assert_str_bytes(&s, "new");
	str_free(&s);
}

int
core_str_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_str_empty),
		cmocka_unit_test(test_str_append_growth),
		cmocka_unit_test(test_str_putc_growth),
		cmocka_unit_test(test_str_puts_appendf_growth),
		cmocka_unit_test(test_str_embedded_nul),
		cmocka_unit_test(test_str_append_empty),
		cmocka_unit_test(test_str_appendf),
		cmocka_unit_test(test_str_vappendf),
		cmocka_unit_test(test_str_take),
		cmocka_unit_test(test_str_take_empty),
		cmocka_unit_test(test_str_take_after_clear),
		cmocka_unit_test(test_str_clear),
	};

	return cmocka_run_group_tests_name("core/str", tests, NULL, NULL);
}
