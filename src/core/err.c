/*
 * err.c - error messages for people, exit codes for shells, and the two ways to
 * give up (panic on a broken invariant, abort on exhausted memory).
 */
#include <stdlib.h>

#include "core.h"

int
err_set(struct err *e, enum err_code code, const char *fmt, ...)
{
	va_list ap;

	if (e) {
		e->code = code;
		va_start(ap, fmt);
		vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
		va_end(ap);
	}
	return code;
}

int
err_prefix(struct err *e, const char *fmt, ...)
{
	struct str s = STR_INIT;
	va_list ap;

	if (!e)
		return ERR_INTERNAL;
	va_start(ap, fmt);
	str_vappendf(&s, fmt, ap);
	va_end(ap);
	str_appendf(&s, ": %s", e->msg);
	/* Truncation keeps the start, which names the context. */
	memcpy(e->msg, s.buf, s.len < sizeof(e->msg) ? s.len + 1 : sizeof(e->msg));
	e->msg[sizeof(e->msg) - 1] = '\0';
	str_free(&s);
	return e->code;
}

int
err_exit_code(enum err_code code)
{
	switch (code) {
	case ERR_OK:
		return 0;
	case ERR_INPUT:
	case ERR_NOTFOUND:
	case ERR_CONFLICT:
	case ERR_TOO_NEW:
		return 1;
	default:
		return 2;
	}
}

const char *
err_code_name(enum err_code code)
{
	switch (code) {
	case ERR_OK: return "ok";
	case ERR_INPUT: return "invalid_input";
	case ERR_NOTFOUND: return "not_found";
	case ERR_CONFLICT: return "conflict";
	case ERR_TOO_NEW: return "too_new";
	case ERR_IO: return "io_error";
	case ERR_DB: return "database_error";
	default: return "internal_error";
	}
}

void
panic(const char *fmt, ...)
{
	va_list ap;

	fputs("prudent: panic: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		panic("out of memory (%zu bytes)", size);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		panic("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (!q)
		panic("out of memory (%zu bytes)", size);
	return q;
}

char *
xstrdup(const char *s)
{
	size_t len = strlen(s);
	char *p = xmalloc(len + 1);

	memcpy(p, s, len + 1);
	return p;
}

size_t
size_mul_add(size_t a, size_t b, size_t c)
{
	size_t r;

	if (__builtin_mul_overflow(a, b, &r) || __builtin_add_overflow(r, c, &r))
		panic("size overflow (%zu * %zu + %zu)", a, b, c);
	return r;
}
