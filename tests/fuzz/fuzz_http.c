/*
 * fuzz_http.c - libFuzzer target for the request parsers of src/web/http.c.
 *
 * The same bytes go to every parser: as a form body, as a Cookie header and
 * an Authorization header (up to the first NUL, as a server would pass them),
 * as a path segment, and as a number.  Besides not crashing or reading past
 * the input, every string handed back must keep the promise of http.h: valid
 * UTF-8, no NUL inside it, no control character but tab, CR and LF, and the
 * field counts within their limits.  A failure must leave no fields behind.
 */
#include <stdlib.h>

#include "web/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Trap unless s is text as http.c promises it. */
static void
check_text(const char *s)
{
	size_t len = strlen(s), i;

	if (!utf8_valid(s, len))
		__builtin_trap();
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7f ||
		    (c == 0xc2 && (unsigned char)s[i + 1] < 0xa0))
			__builtin_trap();
	}
}

static void
check_fields(const struct http_fields *f, int rc, size_t max, size_t input_len)
{
	size_t i, j, total = 0;

	if (rc != 0 && rc != ERR_INPUT)
		__builtin_trap();
	if (rc != 0 && (f->n != 0 || f->v != NULL))
		__builtin_trap();
	if (f->n > max)
		__builtin_trap();
	for (i = 0; i < f->n; i++) {
		if (f->v[i].name[0] == '\0')
			__builtin_trap();
		check_text(f->v[i].name);
		check_text(f->v[i].value);
		total += strlen(f->v[i].name) + strlen(f->v[i].value);
		/* The first field of that name is the one found. */
		for (j = 0; strcmp(f->v[j].name, f->v[i].name) != 0; j++)
			;
		if (http_field_get(f, f->v[i].name) != f->v[j].value)
			__builtin_trap();
	}
	/* Decoding only shrinks. */
	if (total > input_len)
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	/* An exact-size copy, so ASan sees a read past size; a NUL-terminated one
	 * for the parsers that take C strings. */
	char *exact = malloc(size ? size : 1), *cstr = malloc(size + 1);
	const char *s, *token;
	struct http_fields f;
	struct err e = {0};
	size_t cstr_len, i;
	int64_t n;
	int rc;

	if (!exact || !cstr)
		abort();
	memcpy(exact, data, size);
	memcpy(cstr, data, size);
	cstr[size] = '\0';
	cstr_len = strlen(cstr);

	rc = http_parse_form(exact, size, a, &f, &e);
	check_fields(&f, rc, HTTP_MAX_FIELDS, size);

	rc = http_parse_cookies(cstr, a, &f, &e);
	check_fields(&f, rc, HTTP_MAX_COOKIES, cstr_len);
	for (i = 0; i < f.n; i++)
		if (strchr(f.v[i].value, ' ') || strchr(f.v[i].value, ';') ||
		    strchr(f.v[i].name, '='))
			__builtin_trap();

	rc = http_decode_segment(exact, size, a, &s, &e);
	if (rc == 0) {
		check_text(s);
		if (strchr(s, '/') || strlen(s) > size)
			__builtin_trap();
	} else if (rc != ERR_INPUT) {
		__builtin_trap();
	}

	token = http_bearer(cstr);
	if (token) {
		if (token < cstr || token >= cstr + cstr_len || strpbrk(token, " \t\r\n,\""))
			__builtin_trap();
	}

	/* A multipart body, with a fixed boundary and with the first line of the
	 * input as the Content-Type header. */
	{
		struct http_file file;
		const char *nl = memchr(exact, '\n', size);
		const char *type = nl ? arena_strndup(a, exact, (size_t)(nl - exact)) : "";
		const char *types[] = {"multipart/form-data; boundary=XyZ", type};

		for (i = 0; i < 2; i++) {
			const char *body = i ? (nl ? nl + 1 : exact + size) : exact;
			size_t blen = (size_t)(exact + size - body);

			rc = http_parse_multipart(types[i], body, blen, a, &f, &file, &e);
			check_fields(&f, rc, HTTP_MAX_FIELDS, blen);
			if (rc != 0 && file.present)
				__builtin_trap();
			if (file.present && (file.data < body || file.data + file.len > body + blen ||
					     !file.name || !file.filename || !file.content_type))
				__builtin_trap();
		}
	}

	n = 12345;
	rc = http_int("n", cstr, -1000, 1000, &n, &e);
	if (rc == 0 ? (n < -1000 || n > 1000) : (rc != ERR_INPUT || n != 12345))
		__builtin_trap();
	rc = http_int("n", cstr, INT64_MIN, INT64_MAX, &n, &e);
	if (rc == 0 && (cstr_len == 0 || cstr_len != strspn(cstr, "-0123456789")))
		__builtin_trap();

	free(exact);
	free(cstr);
	arena_free(a);
	return 0;
}
