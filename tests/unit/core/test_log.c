/*
 * test_log.c - levelled messages on stderr.
 *
 * Each test points file descriptor 2 at a temporary file, logs, restores it
 * and then reads back exactly what was written.  Nothing is asserted while
 * stderr is redirected, so a failure report is never swallowed by the file.
 */
#include <stdlib.h>
#include <unistd.h>

#include "support/support.h"
#include "core_tests.h"

struct capture {
	FILE *file;
	int saved_fd;
};

static void
capture_begin(struct capture *c)
{
	fflush(stderr);
	c->file = tmpfile();
	assert_non_null(c->file);
	c->saved_fd = dup(STDERR_FILENO);
	assert_true(c->saved_fd >= 0);
	assert_true(dup2(fileno(c->file), STDERR_FILENO) >= 0);
}

/* Restore stderr and return what was written to it; the caller frees it. */
static char *
capture_end(struct capture *c)
{
	struct str out = STR_INIT;
	char buf[4096];
	size_t n;

	fflush(stderr);
	dup2(c->saved_fd, STDERR_FILENO);
	close(c->saved_fd);
	rewind(c->file);
	while ((n = fread(buf, 1, sizeof(buf), c->file)) > 0)
		str_append(&out, buf, n);
	fclose(c->file);
	str_putc(&out, '\0');
	out.len--;
	return str_take(&out);
}

/* Must run before anything calls log_set_level (main runs this group first). */
static void
test_log_default_warn(void **state)
{
	struct capture c;
	char *out;

	(void)state;
	capture_begin(&c);
	log_msg(LOG_DEBUG, "d");
	log_msg(LOG_INFO, "i");
	log_msg(LOG_WARN, "w");
	out = capture_end(&c);
	assert_string_equal(out, "prudent: warning: w\n");
	free(out);
}

static void
test_log_levels(void **state)
{
	struct capture c;
	char *out;

	(void)state;
	log_set_level(LOG_WARN);
	capture_begin(&c);
	log_msg(LOG_DEBUG, "hidden debug");
	log_msg(LOG_INFO, "hidden info");
	log_msg(LOG_WARN, "shown %d", 1);
	log_msg(LOG_ERROR, "shown %s", "two");
	out = capture_end(&c);
	assert_string_equal(out, "prudent: warning: shown 1\nprudent: error: shown two\n");
	free(out);

	log_set_level(LOG_DEBUG);
	capture_begin(&c);
	log_msg(LOG_DEBUG, "d");
	log_msg(LOG_INFO, "i");
	out = capture_end(&c);
	assert_string_equal(out, "prudent: debug: d\nprudent: info: i\n");
	free(out);

	log_set_level(LOG_ERROR);
	capture_begin(&c);
	log_msg(LOG_INFO, "i");
	log_msg(LOG_WARN, "w");
	log_msg(LOG_ERROR, "e");
	out = capture_end(&c);
	assert_string_equal(out, "prudent: error: e\n");
	free(out);
	log_set_level(LOG_WARN);
}

static void
test_log_bad_level(void **state)
{
	struct capture c;
	char *out;

	(void)state;
	log_set_level(LOG_ERROR);
	/* An out-of-range threshold is ignored, and so is a message level. */
	log_set_level(LOG__MAX);
	capture_begin(&c);
	log_msg(LOG_WARN, "w");
	log_msg(LOG__MAX, "bad");
	log_msg(LOG_ERROR, "e");
	out = capture_end(&c);
	assert_string_equal(out, "prudent: error: e\n");
	free(out);
	log_set_level(LOG_WARN);
}

static void
test_log_from_env(void **state)
{
	struct capture c;
	char *out;

	(void)state;
	log_set_level(LOG_WARN);
	setenv("PRUDENT_LOG", "debug", 1);
	log_init_from_env();
	capture_begin(&c);
	log_msg(LOG_DEBUG, "d");
	out = capture_end(&c);
	assert_string_equal(out, "prudent: debug: d\n");
	free(out);

	setenv("PRUDENT_LOG", "error", 1);
	log_init_from_env();
	/* An unknown name keeps the current threshold. */
	setenv("PRUDENT_LOG", "verbose", 1);
	log_init_from_env();
	capture_begin(&c);
	log_msg(LOG_WARN, "w");
	log_msg(LOG_ERROR, "e");
	out = capture_end(&c);
	assert_string_equal(out, "prudent: error: e\n");
	free(out);

	unsetenv("PRUDENT_LOG");
	log_init_from_env();
	capture_begin(&c);
	log_msg(LOG_WARN, "w");
	out = capture_end(&c);
	assert_string_equal(out, "");
	free(out);
	log_set_level(LOG_WARN);
}

static void
test_log_long_message(void **state)
{
	struct capture c;
	const char *want;
	char *out;
	size_t i;

	(void)state;
	log_set_level(LOG_WARN);
	capture_begin(&c);
	log_msg(LOG_WARN, "%0*d", 100000, 1);
	out = capture_end(&c);
	want = "prudent: warning: ";
	assert_int_equal(strlen(out), strlen(want) + 100001);
	assert_memory_equal(out, want, strlen(want));
	for (i = strlen(want); i < strlen(want) + 99999; i++)
		assert_int_equal(out[i], '0');
	assert_string_equal(out + strlen(want) + 99999, "1\n");
	free(out);
}

int
core_log_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_log_default_warn),
		cmocka_unit_test(test_log_levels),
		cmocka_unit_test(test_log_bad_level),
		cmocka_unit_test(test_log_from_env),
		cmocka_unit_test(test_log_long_message),
	};

	return cmocka_run_group_tests_name("core/log", tests, NULL, NULL);
}
