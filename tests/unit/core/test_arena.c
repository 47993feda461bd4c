/*
 * test_arena.c - the region allocator: alignment, zeroing, blocks and big
 * requests, the string helpers, and the overflow check in arena_array.
 *
 * Each allocation is filled with a pattern and every pattern is checked again
 * at the end, so two allocations that overlap (a bookkeeping bug in the bump
 * pointer or in the block chain) show up as a corrupted pattern.
 */
#include <stdlib.h>

#include "support/support.h"
#include "core_tests.h"

#define ALIGN _Alignof(max_align_t)

static bool
is_aligned(const void *p)
{
	return (uintptr_t)p % ALIGN == 0;
}

static bool
all_zero(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

static void
test_arena_many_small(void **state)
{
	enum { N = 20000 };
	struct arena *a = arena_new();
	unsigned char **ptrs = xcalloc(N, sizeof(*ptrs));
	size_t i, j, size;

	(void)state;
	/* Sizes 1..97 bytes: 20000 of them need far more than one 64 KiB block. */
	for (i = 0; i < N; i++) {
		size = i % 97 + 1;
		ptrs[i] = arena_alloc(a, size);
		assert_non_null(ptrs[i]);
		assert_true(is_aligned(ptrs[i]));
		assert_true(all_zero(ptrs[i], size));
		memset(ptrs[i], (int)(i % 251) + 1, size);
	}
	for (i = 0; i < N; i++) {
		size = i % 97 + 1;
		for (j = 0; j < size; j++)
			assert_int_equal(ptrs[i][j], i % 251 + 1);
	}
	free(ptrs);
	arena_free(a);
}

static void
test_arena_zero_size(void **state)
{
	struct arena *a = arena_new();
	void *p = arena_alloc(a, 0);
	unsigned char *q = arena_alloc(a, 1);

	(void)state;
	assert_non_null(p);
	assert_true(is_aligned(p));
	assert_non_null(q);
	assert_true(is_aligned(q));
	assert_int_equal(q[0], 0);
	arena_free(a);
}

static void
test_arena_large(void **state)
{
	enum { BIG = 1024 * 1024 + 3 };
	struct arena *a = arena_new();
	unsigned char *small1, *big, *small2, *big2;
	size_t i;

	(void)state;
	small1 = arena_alloc(a, 40);
	memset(small1, 0x11, 40);
	big = arena_alloc(a, BIG);
	assert_true(is_aligned(big));
	assert_true(all_zero(big, BIG));
	memset(big, 0x22, BIG);
	/* Small allocations after a big one must land outside it. */
	small2 = arena_alloc(a, 40);
	assert_true(is_aligned(small2));
	assert_true(all_zero(small2, 40));
	memset(small2, 0x33, 40);
	big2 = arena_alloc(a, BIG);
	assert_true(all_zero(big2, BIG));
	memset(big2, 0x44, BIG);
	for (i = 0; i < 40; i++) {
		assert_int_equal(small1[i], 0x11);
		assert_int_equal(small2[i], 0x33);
	}
	for (i = 0; i < BIG; i++) {
		assert_int_equal(big[i], 0x22);
		assert_int_equal(big2[i], 0x44);
	}
	arena_free(a);
}

static void
test_arena_large_first(void **state)
{
	/* A big request into an empty arena, then small ones. */
	struct arena *a = arena_new();
	unsigned char *big = arena_alloc(a, 200000), *small;

	(void)state;
	memset(big, 0x55, 200000);
	small = arena_alloc(a, 16);
	assert_true(all_zero(small, 16));
	assert_true(small + 16 <= big || small >= big + 200000);
	arena_free(a);
}

static void
test_arena_used(void **state)
{
	struct arena *a = arena_new();
	size_t before, after;

	(void)state;
	assert_int_equal(arena_used(a), 0);
	arena_alloc(a, 100);
	after = arena_used(a);
	assert_true(after >= 100 && after < 100 + ALIGN);
	before = after;
	arena_alloc(a, 300000);
	after = arena_used(a);
	assert_true(after - before >= 300000 && after - before < 300000 + ALIGN);
	before = after;
	arena_strdup(a, "hello");
	assert_true(arena_used(a) - before >= 6);
	arena_free(a);
}

static void
test_arena_strndup(void **state)
{
	static const char data[] = "a\0b\0c";
	struct arena *a = arena_new();
	char *p;

	(void)state;
	p = arena_strndup(a, data, 5);
	assert_memory_equal(p, data, 5);
	assert_int_equal(p[5], '\0');
	assert_ptr_not_equal(p, data);
	/* Only len bytes are copied from a longer string. */
	p = arena_strndup(a, "hello world", 5);
	assert_string_equal(p, "hello");
	p = arena_strndup(a, "xyz", 0);
	assert_string_equal(p, "");
	p = arena_strdup(a, "copy me");
	assert_string_equal(p, "copy me");
	arena_free(a);
}

static void
test_arena_printf(void **state)
{
	struct arena *a = arena_new();
	char *p;
	size_t i;

	(void)state;
	p = arena_printf(a, "%s-%d-%05.1f-%zu", "id", -42, 3.14159, (size_t)7);
	assert_string_equal(p, "id--42-003.1-7");
	assert_true(is_aligned(p));
	p = arena_printf(a, "%s", "");
	assert_string_equal(p, "");
	/* Longer than a block. */
	p = arena_printf(a, "<%*d>", 100000, 5);
	assert_int_equal(strlen(p), 100002);
	assert_int_equal(p[0], '<');
	for (i = 1; i < 100000; i++)
		assert_int_equal(p[i], ' ');
	assert_int_equal(p[100000], '5');
	assert_int_equal(p[100001], '>');
	arena_free(a);
}

static void
test_arena_array(void **state)
{
	struct arena *a = arena_new();
	uint64_t *v = arena_array(a, 1000, sizeof(*v));
	size_t i;

	(void)state;
	assert_true(is_aligned(v));
	for (i = 0; i < 1000; i++) {
		assert_int_equal(v[i], 0);
		v[i] = i;
	}
	for (i = 0; i < 1000; i++)
		assert_int_equal(v[i], i);
	arena_free(a);
}

static void
array_overflow(void *arg)
{
	arena_array(arg, SIZE_MAX / 2, 4);
}

static void
array_fits(void *arg)
{
	arena_array(arg, 10, 4);
}

static void
test_arena_array_overflow(void **state)
{
	struct arena *a = arena_new();

	(void)state;
	assert_true(test_aborts(array_overflow, a));
	/* The control: a multiplication that fits does not abort. */
	assert_false(test_aborts(array_fits, a));
	arena_free(a);
}

static void
alloc_size_max(void *arg)
{
	arena_alloc(arg, SIZE_MAX);
}

static void
test_arena_alloc_size_max(void **state)
{
	struct arena *a = arena_new();

	(void)state;
	/* Rounding SIZE_MAX up to the alignment must not wrap to a tiny block. */
	assert_true(test_aborts(alloc_size_max, a));
	arena_free(a);
}

int
core_arena_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arena_many_small),
		cmocka_unit_test(test_arena_zero_size),
		cmocka_unit_test(test_arena_large),
		cmocka_unit_test(test_arena_large_first),
		cmocka_unit_test(test_arena_used),
		cmocka_unit_test(test_arena_strndup),
		cmocka_unit_test(test_arena_printf),
		cmocka_unit_test(test_arena_array),
		cmocka_unit_test(test_arena_array_overflow),
		cmocka_unit_test(test_arena_alloc_size_max),
	};

	return cmocka_run_group_tests_name("core/arena", tests, NULL, NULL);
}
