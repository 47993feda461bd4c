/*
 * test_file.c - reading whole files and replacing them atomically.
 *
 * Every test works in its own temporary directory (made in the setup, removed
 * in the teardown), so it can count the directory's entries to prove that no
 * temporary file is left behind.
 */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "support/support.h"
#include "core_tests.h"

static int
setup_dir(void **state)
{
	*state = test_tmpdir();
	return 0;
}

static int
teardown_dir(void **state)
{
	test_rmtree(*state);
	free(*state);
	return 0;
}

/* dir/name, freed by the caller. */
static char *
path_in(const char *dir, const char *name)
{
	struct str s = STR_INIT;

	str_appendf(&s, "%s/%s", dir, name);
	return str_take(&s);
}

/* The number of entries in dir other than . and .., or -1 if it cannot be read. */
static int
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
test_file_round_trip(void **state)
{
	enum { N = 300000 };
	char *path = path_in(*state, "data.bin");
	unsigned char *data = xmalloc(N);
	struct err e = {0};
	char *out = NULL;
	size_t len = 0;

	test_fill_random(data, N, 5);
	memcpy(data, "a\0b\0c", 5);
	assert_int_equal(file_write_atomic(path, data, N, &e), 0);
	assert_int_equal(file_read_all(path, N, &out, &len, &e), 0);
	assert_int_equal(len, N);
	assert_memory_equal(out, data, N);
	assert_int_equal(out[len], '\0');
	assert_int_equal(count_entries(*state), 1);
	free(out);
	free(data);
	free(path);
}

static void
test_file_overwrite(void **state)
{
	char *path = path_in(*state, "doc.txt");
	struct err e = {0};
	char *out = NULL;
	size_t len = 0;
	int i;

	assert_int_equal(file_write_atomic(path, "a first, longer version\n", 24, &e), 0);
	assert_int_equal(file_write_atomic(path, "v2", 2, &e), 0);
	assert_int_equal(file_read_all(path, 1024, &out, &len, &e), 0);
	assert_int_equal(len, 2);
	assert_string_equal(out, "v2");
	free(out);
	/* Many replacements leave exactly one file. */
	for (i = 0; i < 20; i++)
		assert_int_equal(file_write_atomic(path, "x", 1, &e), 0);
	assert_int_equal(count_entries(*state), 1);
	free(path);
}

static void
test_file_write_empty(void **state)
{
	char *path = path_in(*state, "empty");
	struct err e = {0};
	struct stat st;

	assert_int_equal(file_write_atomic(path, "", 0, &e), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, 0);
	assert_int_equal(count_entries(*state), 1);
	free(path);
}

static void
test_file_read_empty(void **state)
{
	char *path = path_in(*state, "empty");
	struct err e = {0};
	char *out = NULL;
	size_t len = 99;

	assert_int_equal(file_write_atomic(path, "", 0, &e), 0);
	assert_int_equal(file_read_all(path, 100, &out, &len, &e), 0);
	assert_int_equal(len, 0);
	assert_non_null(out);
	/* "a NUL-terminated buffer", even when the file is empty. */
	assert_int_equal(out[0], '\0');
	free(out);
	free(path);
}

static void
test_file_read_missing(void **state)
{
	char *path = path_in(*state, "no-such-file");
	struct err e = {0};
	char *out = NULL;
	size_t len = 0;

	assert_int_equal(file_read_all(path, 100, &out, &len, &e), ERR_NOTFOUND);
	assert_int_equal(e.code, ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "no-such-file"));
	assert_null(out);
	assert_int_equal(file_read_all(path, 100, &out, &len, NULL), ERR_NOTFOUND);
	free(path);
}

static void
test_file_read_too_large(void **state)
{
	char *path = path_in(*state, "big");
	char data[1000];
	struct err e = {0};
	char *out = NULL;
	size_t len = 0;

	memset(data, 'z', sizeof(data));
	assert_int_equal(file_write_atomic(path, data, sizeof(data), &e), 0);
	assert_int_equal(file_read_all(path, 999, &out, &len, &e), ERR_INPUT);
	assert_int_equal(e.code, ERR_INPUT);
	assert_true(strlen(e.msg) > 0);
	assert_null(out);
	assert_int_equal(file_read_all(path, 0, &out, &len, &e), ERR_INPUT);
	assert_null(out);
	/* Exactly at the limit is fine. */
	assert_int_equal(file_read_all(path, 1000, &out, &len, &e), 0);
	assert_int_equal(len, 1000);
	assert_memory_equal(out, data, 1000);
	free(out);
	free(path);
}

static void
test_file_read_too_large_no_err(void **state)
{
	char *path = path_in(*state, "big");
	char data[100];
	char *out = NULL;
	size_t len = 0;

	memset(data, 'z', sizeof(data));
	assert_int_equal(file_write_atomic(path, data, sizeof(data), NULL), 0);
	/* The err struct is optional: the code returned must not depend on it. */
	assert_int_equal(file_read_all(path, 10, &out, &len, NULL), ERR_INPUT);
	assert_null(out);
	free(path);
}

static void
test_file_read_directory(void **state)
{
	struct err e = {0};
	char *out = NULL;
	size_t len = 0;
	int rc;

	rc = file_read_all(*state, 1000, &out, &len, &e);
	assert_true(rc < 0);
	assert_int_equal(e.code, rc);
	assert_true(strlen(e.msg) > 0);
	assert_null(out);
	assert_true(file_read_all(*state, 1000, &out, &len, NULL) < 0);
	assert_null(out);
}

static void
test_file_write_missing_dir(void **state)
{
	char *missing = path_in(*state, "missing");
	char *path = path_in(missing, "file.txt");
	struct err e = {0};

	assert_int_equal(file_write_atomic(path, "data", 4, &e), ERR_IO);
	assert_int_equal(e.code, ERR_IO);
	assert_true(strlen(e.msg) > 0);
	assert_false(file_is_dir(missing));
	assert_int_equal(count_entries(*state), 0);
	assert_int_equal(file_write_atomic(path, "data", 4, NULL), ERR_IO);
	assert_int_equal(count_entries(*state), 0);
	free(path);
	free(missing);
}

static void
test_file_write_over_directory(void **state)
{
	char *path = path_in(*state, "sub");
	struct err e = {0};

	/* Replacing a directory with a file fails and leaves no temporary file. */
	assert_int_equal(mkdir(path, 0755), 0);
	assert_true(file_write_atomic(path, "data", 4, &e) < 0);
	assert_int_equal(e.code, ERR_IO);
	assert_true(file_is_dir(path));
	assert_int_equal(count_entries(*state), 1);
	free(path);
}

static void
test_file_is_dir(void **state)
{
	char *file = path_in(*state, "plain");
	char *missing = path_in(*state, "missing");

	assert_true(file_is_dir(*state));
	assert_int_equal(file_write_atomic(file, "x", 1, NULL), 0);
	assert_false(file_is_dir(file));
	assert_false(file_is_dir(missing));
	assert_false(file_is_dir(""));
	free(file);
	free(missing);
}

#define FILE_TEST(fn) cmocka_unit_test_setup_teardown(fn, setup_dir, teardown_dir)

int
core_file_tests(void)
{
	const struct CMUnitTest tests[] = {
		FILE_TEST(test_file_round_trip),
		FILE_TEST(test_file_overwrite),
		FILE_TEST(test_file_write_empty),
		FILE_TEST(test_file_read_empty),
		FILE_TEST(test_file_read_missing),
		FILE_TEST(test_file_read_too_large),
		FILE_TEST(test_file_read_too_large_no_err),
		FILE_TEST(test_file_read_directory),
		FILE_TEST(test_file_write_missing_dir),
		FILE_TEST(test_file_write_over_directory),
		FILE_TEST(test_file_is_dir),
	};

	return cmocka_run_group_tests_name("core/file", tests, NULL, NULL);
}
