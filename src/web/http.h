/*
 * http.h - parsing what a browser or an API client sends: percent-encoded
 * query strings and form bodies, cookies, and a few header values.
 *
 * Every parser takes bytes that may be hostile and either fills its output
 * or returns ERR_INPUT with a message that names the problem.  Outputs live
 * in the caller's arena.  No parser allocates without bound: the caller
 * limits the input size and these functions limit the number of fields.
 */
#ifndef PRUDENT_WEB_HTTP_H
#define PRUDENT_WEB_HTTP_H

#include "core/core.h"

enum { HTTP_MAX_FIELDS = 256, HTTP_MAX_COOKIES = 64 };

/* One name=value pair, both decoded, NUL-terminated and valid UTF-8. */
struct http_field {
	const char *name, *value;
};

struct http_fields {
	struct http_field *v;
	size_t n;
};

/*
 * Parse application/x-www-form-urlencoded data (a query string without its
 * '?', or a form body): pairs separated by '&', '+' meaning space, %XX
 * escapes.  A pair without '=' has the empty value; empty pairs ("a&&b") are
 * skipped.  ERR_INPUT for a bad escape ("%G1", a '%' too near the end), a
 * decoded NUL or control character other than tab, CR and LF, invalid UTF-8,
 * an empty name, or more than HTTP_MAX_FIELDS pairs.
 */
int http_parse_form(const char *data, size_t len, struct arena *a, struct http_fields *out,
		    struct err *e);

/* The value of the first field called name, or NULL. */
const char *http_field_get(const struct http_fields *f, const char *name);

/*
 * Parse a Cookie header ("a=1; b=2"): names are RFC 6265 tokens, values may
 * be double-quoted and are not percent-decoded.  Malformed pairs are skipped,
 * as browsers do, except that more than HTTP_MAX_COOKIES pairs is ERR_INPUT.
 */
int http_parse_cookies(const char *header, struct arena *a, struct http_fields *out,
		       struct err *e);

/* Percent-decode a path segment (no '+' to space); ERR_INPUT as for forms,
 * and for a decoded '/'. */
int http_decode_segment(const char *s, size_t len, struct arena *a, const char **out,
			struct err *e);

/* One uploaded file of a multipart form: its bytes are not decoded. */
struct http_file {
	const char *name, *filename, *content_type; /* content_type "" when not given */
	const char *data;
	size_t len;
	bool present;
};

/*
 * Parse a multipart/form-data body (RFC 7578) whose Content-Type header is
 * content_type: text parts go into *fields (UTF-8, no NUL or control
 * characters but tab, CR, LF), the one file part into *file.  ERR_INPUT for
 * a missing or bad boundary, a part without a closing boundary, a part
 * without a Content-Disposition of form-data with a name, a header line over
 * 1,000 bytes, more than HTTP_MAX_FIELDS parts, or a second file.
 */
int http_parse_multipart(const char *content_type, const char *body, size_t len,
			 struct arena *a, struct http_fields *fields, struct http_file *file,
			 struct err *e);

/* A bearer token from an Authorization header ("Bearer TOKEN"), or NULL. */
const char *http_bearer(const char *authorization);

/* A whole number in [min, max] from a field value, or ERR_INPUT naming the
 * field. */
int http_int(const char *name, const char *value, int64_t min, int64_t max, int64_t *out,
	     struct err *e);

#endif
