/*
 * support.h - helpers shared by the unit tests.
 */
#ifndef PRUDENT_TEST_SUPPORT_H
#define PRUDENT_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <cmocka.h>

#include "core/core.h"

/* Make a fresh temporary directory for one test; the caller frees the path. */
char *test_tmpdir(void);
/* Remove a directory tree made by test_tmpdir. */
void test_rmtree(const char *path);

/* Run fn(arg) in a child process and return true if it died of SIGABRT: for
 * checking that panic() fires on broken invariants and overflows. */
bool test_aborts(void (*fn)(void *), void *arg);

/* A minimal RFC 4180 CSV reader for the reference files in ../shared: reads
 * the whole file into rows of fields.  Returns the number of rows (header
 * included) or -1; free with test_csv_free. */
struct test_csv {
	char ***rows;    /* rows[i][j] */
	size_t *n_fields;
	size_t n_rows;
};
int test_csv_read(const char *path, struct test_csv *out);
void test_csv_free(struct test_csv *csv);
/* The index of column name in the header row, or -1. */
int test_csv_column(const struct test_csv *csv, const char *name);

#endif
