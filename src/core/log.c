/*
 * log.c - levelled messages on stderr.
 *
 * Standard output belongs to the command's result (text or JSON a script may
 * parse), so diagnostics always go to stderr.
 */
#include <stdlib.h>

#include "core.h"

static enum log_level log_threshold = LOG_WARN;

static const char *const log_names[LOG__MAX] = {"debug", "info", "warning", "error"};

void
log_set_level(enum log_level level)
{
	if (level < LOG__MAX)
		log_threshold = level;
}

void
log_init_from_env(void)
{
	const char *v = getenv("PRUDENT_LOG");
	static const char *const env_names[LOG__MAX] = {"debug", "info", "warn", "error"};
	int i;

	if (!v)
		return;
	for (i = 0; i < LOG__MAX; i++)
		if (strcmp(v, env_names[i]) == 0)
			log_set_level((enum log_level)i);
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	struct str line = STR_INIT;
	va_list ap;

	if (level < log_threshold || level >= LOG__MAX)
		return;
	/* Build the whole line first so concurrent writers do not interleave. */
	str_appendf(&line, "prudent: %s: ", log_names[level]);
	va_start(ap, fmt);
	str_vappendf(&line, fmt, ap);
	va_end(ap);
	str_putc(&line, '\n');
	fwrite(line.buf, 1, line.len, stderr);
	str_free(&line);
}
