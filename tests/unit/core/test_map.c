/*
 * test_map.c - the string-keyed hash map: insert, replace, lookup, growth.
 *
 * Keys are compared by content, not by pointer, so lookups here use separate
 * copies of the keys; 10000 keys force the table through many resizes.
 */
#include <stdlib.h>

#include "support/support.h"
#include "core_tests.h"

static void
test_map_empty(void **state)
{
	struct map m = {0};

	(void)state;
	assert_null(map_get(&m, "anything"));
	assert_null(map_get(&m, ""));
	map_free(&m);
	assert_null(map_get(&m, "anything"));
}

static void
test_map_put_get(void **state)
{
	struct map m = {0};
	int a = 1, b = 2, c = 3;
	char key[8];

	(void)state;
	assert_null(map_put(&m, "alpha", &a));
	assert_null(map_put(&m, "beta", &b));
	assert_null(map_put(&m, "", &c));
	assert_int_equal(m.n_items, 3);
	assert_ptr_equal(map_get(&m, "alpha"), &a);
	assert_ptr_equal(map_get(&m, "beta"), &b);
	assert_ptr_equal(map_get(&m, ""), &c);
	assert_null(map_get(&m, "gamma"));
	assert_null(map_get(&m, "alph"));
	assert_null(map_get(&m, "alphaa"));
	/* A different pointer with the same content finds the same entry. */
	snprintf(key, sizeof(key), "%s", "beta");
	assert_ptr_equal(map_get(&m, key), &b);
	map_free(&m);
	assert_int_equal(m.n_items, 0);
	assert_null(m.keys);
	assert_null(map_get(&m, "alpha"));
}

static void
test_map_replace(void **state)
{
	struct map m = {0};
	int a = 1, b = 2;

	(void)state;
	assert_null(map_put(&m, "k", &a));
	assert_ptr_equal(map_put(&m, "k", &b), &a);
	assert_int_equal(m.n_items, 1);
	assert_ptr_equal(map_get(&m, "k"), &b);
	assert_ptr_equal(map_put(&m, "k", &a), &b);
	assert_ptr_equal(map_get(&m, "k"), &a);
	map_free(&m);
}

static void
test_map_many(void **state)
{
	enum { N = 10000 };
	struct arena *a = arena_new();
	struct map m = {0};
	char key[32];
	size_t i;

	(void)state;
	for (i = 0; i < N; i++)
		assert_null(map_put(&m, arena_printf(a, "key-%zu", i), (void *)(uintptr_t)(i + 1)));
	assert_int_equal(m.n_items, N);
	for (i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "key-%zu", i);
		assert_int_equal((uintptr_t)map_get(&m, key), i + 1);
	}
	for (i = N; i < N + 1000; i++) {
		snprintf(key, sizeof(key), "key-%zu", i);
		assert_null(map_get(&m, key));
	}
	assert_null(map_get(&m, "key-"));
	assert_null(map_get(&m, "key-01"));
	/* Replacing after all the growth still finds the one slot. */
	for (i = 0; i < N; i += 3) {
		snprintf(key, sizeof(key), "key-%zu", i);
		assert_int_equal((uintptr_t)map_put(&m, arena_strdup(a, key), (void *)(uintptr_t)7),
				 i + 1);
	}
	assert_int_equal(m.n_items, N);
	for (i = 0; i < N; i++) {
		snprintf(key, sizeof(key), "key-%zu", i);
		assert_int_equal((uintptr_t)map_get(&m, key), i % 3 == 0 ? 7 : i + 1);
	}
	map_free(&m);
	arena_free(a);
}

static void
test_map_reuse_after_free(void **state)
{
	struct map m = {0};
	int a = 1;

	(void)state;
	map_put(&m, "x", &a);
	map_free(&m);
	assert_null(map_get(&m, "x"));
	assert_null(map_put(&m, "y", &a));
	assert_ptr_equal(map_get(&m, "y"), &a);
	assert_int_equal(m.n_items, 1);
	map_free(&m);
}

int
core_map_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_empty),
		cmocka_unit_test(test_map_put_get),
		cmocka_unit_test(test_map_replace),
		cmocka_unit_test(test_map_many),
		cmocka_unit_test(test_map_reuse_after_free),
	};

	return cmocka_run_group_tests_name("core/map", tests, NULL, NULL);
}
