/*
 * test_main.c - the entry point of test_core, the unit tests of src/core.
 *
 * The tests are split by feature (arena, strings, escaping, map, errors, log,
 * time, identifiers and hashes, files); each file has one group runner, and
 * main runs every group so one executable covers the whole module.
 */
#include <stdlib.h>

#include "support/support.h"
#include "core_tests.h"

void
test_fill_random(void *p, size_t n, uint32_t seed)
{
	unsigned char *b = p;
	uint32_t x = seed ? seed : 1;
	size_t i;

	/* xorshift32: deterministic, so a failure reproduces. */
	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		b[i] = (unsigned char)(x >> 24);
	}
}

int
main(void)
{
	struct err e = {0};
	int failed = 0;

	/* libsodium backs uuid_v4 and the hashes; the program starts it the same way. */
	if (hash_init(&e) < 0) {
		fprintf(stderr, "hash_init: %s\n", e.msg);
		return 1;
	}
	/* The log group goes first: one of its tests checks the default threshold,
	 * which only holds before anything calls log_set_level. */
	failed += core_log_tests();
	failed += core_err_tests();
	failed += core_arena_tests();
	failed += core_str_tests();
	failed += core_escape_tests();
	failed += core_map_tests();
	failed += core_time_tests();
	failed += core_id_tests();
	failed += core_file_tests();
	return failed == 0 ? 0 : 1;
}
