/*
 * support.c - helpers shared by the unit tests.
 */
#define _XOPEN_SOURCE 700 /* nftw */
#include <ftw.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/support.h"

char *
test_tmpdir(void)
{
	char *path = xstrdup("/tmp/prudent-test-XXXXXX");

	if (!mkdtemp(path))
		panic("mkdtemp failed");
	return path;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

void
test_rmtree(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

bool
test_aborts(void (*fn)(void *), void *arg)
{
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		/* Keep the expected panic message out of the test log. */
		if (!freopen("/dev/null", "w", stderr))
			_exit(3);
		fn(arg);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return false;
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

int
test_csv_read(const char *path, struct test_csv *out)
{
	char *data;
	size_t len, i = 0;
	struct str field = STR_INIT;
	char **row = NULL;
	size_t n_row = 0;

	memset(out, 0, sizeof(*out));
	if (file_read_all(path, 64 * 1024 * 1024, &data, &len, NULL) < 0)
		return -1;
	while (i <= len) {
		bool quoted = false;

		str_clear(&field);
		if (i < len && data[i] == '"') {
			quoted = true;
			i++;
			while (i < len) {
				if (data[i] == '"' && i + 1 < len && data[i + 1] == '"') {
					str_putc(&field, '"');
					i += 2;
				} else if (data[i] == '"') {
					i++;
					break;
				} else {
					str_putc(&field, data[i++]);
				}
			}
		}
		while (i < len && data[i] != ',' && data[i] != '\n' && data[i] != '\r')
			str_putc(&field, data[i++]);
		(void)quoted;
		row = xrealloc(row, (n_row + 1) * sizeof(*row));
		row[n_row++] = xstrdup(str_cstr(&field));
		if (i < len && data[i] == ',') {
			i++;
			continue;
		}
		/* End of a row (newline or end of data). */
		if (i < len && data[i] == '\r')
			i++;
		if (i < len && data[i] == '\n')
			i++;
		out->rows = xrealloc(out->rows, (out->n_rows + 1) * sizeof(*out->rows));
		out->n_fields = xrealloc(out->n_fields, (out->n_rows + 1) * sizeof(*out->n_fields));
		out->rows[out->n_rows] = row;
		out->n_fields[out->n_rows] = n_row;
		out->n_rows++;
		row = NULL;
		n_row = 0;
		if (i >= len)
			break;
	}
	str_free(&field);
	free(data);
	return (int)out->n_rows;
}

void
test_csv_free(struct test_csv *csv)
{
	size_t i, j;

	for (i = 0; i < csv->n_rows; i++) {
		for (j = 0; j < csv->n_fields[i]; j++)
			free(csv->rows[i][j]);
		free(csv->rows[i]);
	}
	free(csv->rows);
	free(csv->n_fields);
	memset(csv, 0, sizeof(*csv));
}

int
test_csv_column(const struct test_csv *csv, const char *name)
{
	size_t j;

	if (csv->n_rows == 0)
		return -1;
	for (j = 0; j < csv->n_fields[0]; j++)
		if (strcmp(csv->rows[0][j], name) == 0)
			return (int)j;
	return -1;
}
