/*
 * test_err.c - error records, exit codes and code names, and the ways to give
 * up: panic, the size overflow check, and the allocation wrappers.
 *
 * The messages end up in front of users and in JSON responses, so the tests
 * check that formatting and prefixing never write past the fixed buffer.
 */
#include <stdlib.h>

#include "support/support.h"
#include "core_tests.h"

/* An err followed by guard bytes, to catch a write past msg. */
struct guarded_err {
	struct err e;
	unsigned char canary[64];
};

static void
guard_init(struct guarded_err *g)
{
	memset(g, 0, sizeof(*g));
	memset(g->canary, 0x5a, sizeof(g->canary));
}

static void
guard_check(const struct guarded_err *g)
{
	size_t i;

	for (i = 0; i < sizeof(g->canary); i++)
		assert_int_equal(g->canary[i], 0x5a);
	assert_true(memchr(g->e.msg, '\0', sizeof(g->e.msg)) != NULL);
}

static const enum err_code all_codes[] = {
	ERR_OK, ERR_INPUT, ERR_NOTFOUND, ERR_CONFLICT, ERR_TOO_NEW, ERR_IO, ERR_DB, ERR_INTERNAL,
};

static void
test_err_set_null(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(all_codes); i++)
		assert_int_equal(err_set(NULL, all_codes[i], "x %s", "y"), all_codes[i]);
}

static void
test_err_set_formats(void **state)
{
	struct err e = {0};

	(void)state;
	assert_int_equal(err_set(&e, ERR_NOTFOUND, "no such framework '%s' (%d)", "iso", 27001),
			 ERR_NOTFOUND);
	assert_int_equal(e.code, ERR_NOTFOUND);
	assert_string_equal(e.msg, "no such framework 'iso' (27001)");
	/* A second call overwrites the first. */
	assert_int_equal(err_set(&e, ERR_INPUT, "bad %s", "date"), ERR_INPUT);
	assert_int_equal(e.code, ERR_INPUT);
	assert_string_equal(e.msg, "bad date");
}

static void
test_err_set_truncates(void **state)
{
	struct guarded_err g;
	char *long_text = xmalloc(5001);
	size_t i;

	(void)state;
	for (i = 0; i < 5000; i++)
		long_text[i] = (char)('a' + i % 26);
	long_text[5000] = '\0';
	guard_init(&g);
	assert_int_equal(err_set(&g.e, ERR_IO, "%s", long_text), ERR_IO);
	guard_check(&g);
	assert_int_equal(strlen(g.e.msg), sizeof(g.e.msg) - 1);
	/* Truncation keeps the start of the message. */
	assert_memory_equal(g.e.msg, long_text, sizeof(g.e.msg) - 1);
	free(long_text);
}

static void
test_err_prefix(void **state)
{
	struct err e = {0};

	(void)state;
	err_set(&e, ERR_DB, "disk I/O error");
	assert_int_equal(err_prefix(&e, "opening %s", "x.db"), ERR_DB);
	assert_int_equal(e.code, ERR_DB);
	assert_string_equal(e.msg, "opening x.db: disk I/O error");
	assert_int_equal(err_prefix(&e, "loading library"), ERR_DB);
	assert_string_equal(e.msg, "loading library: opening x.db: disk I/O error");
}

static void
test_err_prefix_truncates(void **state)
{
	struct guarded_err g;
	char *long_text = xmalloc(1001);
	size_t i;

	(void)state;
	memset(long_text, 'p', 1000);
	long_text[1000] = '\0';
	/* A long prefix: the start (the context) is kept. */
	guard_init(&g);
	err_set(&g.e, ERR_INPUT, "inner");
	assert_int_equal(err_prefix(&g.e, "%s", long_text), ERR_INPUT);
	guard_check(&g);
	assert_int_equal(strlen(g.e.msg), sizeof(g.e.msg) - 1);
	for (i = 0; i < sizeof(g.e.msg) - 1; i++)
		assert_int_equal(g.e.msg[i], 'p');
	/* A full message, then a short prefix. */
	guard_init(&g);
	err_set(&g.e, ERR_IO, "%s", long_text);
	assert_int_equal(err_prefix(&g.e, "ctx"), ERR_IO);
	guard_check(&g);
	assert_int_equal(strlen(g.e.msg), sizeof(g.e.msg) - 1);
	assert_memory_equal(g.e.msg, "ctx: ppp", 8);
	/* Exactly filling the buffer: 504 + ": " + "inner" = 511 characters. */
	guard_init(&g);
	err_set(&g.e, ERR_IO, "inner");
	assert_int_equal(err_prefix(&g.e, "%.504s", long_text), ERR_IO);
	guard_check(&g);
	assert_int_equal(strlen(g.e.msg), 511);
	assert_string_equal(g.e.msg + 504, ": inner");
	/* One more character and the last one of the message is cut. */
	guard_init(&g);
	err_set(&g.e, ERR_IO, "inner");
	assert_int_equal(err_prefix(&g.e, "%.505s", long_text), ERR_IO);
	guard_check(&g);
	assert_int_equal(strlen(g.e.msg), 511);
	assert_string_equal(g.e.msg + 505, ": inne");
	free(long_text);
}

static void
test_err_exit_code(void **state)
{
	(void)state;
	assert_int_equal(err_exit_code(ERR_OK), 0);
	assert_int_equal(err_exit_code(ERR_INPUT), 1);
	assert_int_equal(err_exit_code(ERR_NOTFOUND), 1);
	assert_int_equal(err_exit_code(ERR_CONFLICT), 1);
	assert_int_equal(err_exit_code(ERR_TOO_NEW), 1);
	assert_int_equal(err_exit_code(ERR_IO), 2);
	assert_int_equal(err_exit_code(ERR_DB), 2);
	assert_int_equal(err_exit_code(ERR_INTERNAL), 2);
}

static void
test_err_code_name(void **state)
{
	size_t i, j;

	(void)state;
	/* The names are part of the JSON API: clients match on them. */
	assert_string_equal(err_code_name(ERR_OK), "ok");
	assert_string_equal(err_code_name(ERR_INPUT), "invalid_input");
	assert_string_equal(err_code_name(ERR_NOTFOUND), "not_found");
	assert_string_equal(err_code_name(ERR_CONFLICT), "conflict");
	assert_string_equal(err_code_name(ERR_TOO_NEW), "too_new");
	assert_string_equal(err_code_name(ERR_IO), "io_error");
	assert_string_equal(err_code_name(ERR_DB), "database_error");
	assert_string_equal(err_code_name(ERR_INTERNAL), "internal_error");
	for (i = 0; i < ARRAY_LEN(all_codes); i++) {
		const char *name = err_code_name(all_codes[i]);

		assert_non_null(name);
		assert_true(strlen(name) > 0);
		assert_int_equal(strspn(name, "abcdefghijklmnopqrstuvwxyz_"), strlen(name));
		for (j = 0; j < i; j++)
			assert_string_not_equal(name, err_code_name(all_codes[j]));
	}
}

static void
call_panic(void *arg)
{
	panic("broken invariant %s", (const char *)arg);
}

static void
call_nothing(void *arg)
{
	(void)arg;
}

static void
mul_overflow(void *arg)
{
	(void)arg;
	size_mul_add(SIZE_MAX / 2, 4, 0);
}

static void
add_overflow(void *arg)
{
	(void)arg;
	size_mul_add(1, SIZE_MAX, 1);
}

static void
test_panic_aborts(void **state)
{
	static char what[] = "x";

	(void)state;
	assert_true(test_aborts(call_panic, what));
	assert_false(test_aborts(call_nothing, NULL));
}

static void
test_size_mul_add(void **state)
{
	(void)state;
	assert_int_equal(size_mul_add(3, 4, 5), 17);
	assert_int_equal(size_mul_add(0, SIZE_MAX, 0), 0);
	assert_int_equal(size_mul_add(1, SIZE_MAX - 1, 1), SIZE_MAX);
	assert_int_equal(size_mul_add(SIZE_MAX / 4, 4, 3), SIZE_MAX);
	assert_true(test_aborts(mul_overflow, NULL));
	assert_true(test_aborts(add_overflow, NULL));
}

static void
test_xalloc(void **state)
{
	unsigned char *p;
	char *s;
	size_t i;

	(void)state;
	p = xmalloc(0);
	assert_non_null(p);
	free(p);
	p = xcalloc(100, 10);
	for (i = 0; i < 1000; i++)
		assert_int_equal(p[i], 0);
	memset(p, 0x77, 1000);
	p = xrealloc(p, 5000);
	for (i = 0; i < 1000; i++)
		assert_int_equal(p[i], 0x77);
	free(p);
	s = xstrdup("duplicate");
	assert_string_equal(s, "duplicate");
	free(s);
}

int
core_err_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_err_set_null),
		cmocka_unit_test(test_err_set_formats),
		cmocka_unit_test(test_err_set_truncates),
		cmocka_unit_test(test_err_prefix),
		cmocka_unit_test(test_err_prefix_truncates),
		cmocka_unit_test(test_err_exit_code),
		cmocka_unit_test(test_err_code_name),
		cmocka_unit_test(test_panic_aborts),
		cmocka_unit_test(test_size_mul_add),
		cmocka_unit_test(test_xalloc),
	};

	return cmocka_run_group_tests_name("core/err", tests, NULL, NULL);
}
