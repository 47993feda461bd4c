/*
 * core_tests.h - what the files of the core unit tests share.
 *
 * Every test_*.c file here is linked into one executable, test_core; each file
 * exposes one group runner, and test_main.c runs them all.  The helpers below
 * are the few that more than one file needs.
 */
#ifndef PRUDENT_CORE_TESTS_H
#define PRUDENT_CORE_TESTS_H

/* Group runners: each returns the number of failed tests in its group. */
int core_arena_tests(void);
int core_str_tests(void);
int core_escape_tests(void);
int core_map_tests(void);
int core_err_tests(void);
int core_log_tests(void);
int core_time_tests(void);
int core_id_tests(void);
int core_file_tests(void);

/* Fill p with n reproducible pseudo-random bytes (all 256 values occur). */
void test_fill_random(void *p, size_t n, uint32_t seed);

/* Assert that struct str *s holds exactly the bytes of string literal lit
 * (which may contain NULs) and is NUL-terminated after them. */
#define assert_str_bytes(s, lit)                                                  \
	do {                                                                      \
		assert_int_equal((s)->len, sizeof(lit) - 1);                      \
		assert_memory_equal(str_cstr(s), (lit), sizeof(lit) - 1);         \
		assert_int_equal(str_cstr(s)[(s)->len], '\0');                    \
	} while (0)

#endif
