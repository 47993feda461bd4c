/*
 * http.c - decoding what clients send: form and query data, cookies, path
 * segments, bearer tokens and numbers in fields.
 *
 * Every input here is hostile until proven otherwise.  Each decoded string is
 * checked once, in one place (check_text), so a handler can put any field
 * into SQL, a template or a log without asking where it came from: it is
 * NUL-terminated, valid UTF-8, and free of control characters other than tab,
 * CR and LF.  Output never needs more memory than the input (a %XX escape
 * only shrinks), and the number of fields is counted and capped before
 * anything is allocated.
 */
#include <strings.h>

#include "web/http.h"

/* Room for a quoted excerpt: 32 bytes, "...", NUL. */
enum { QUOTE_MAX = 32, QUOTE_SIZE = QUOTE_MAX + 4 };

/*
 * Copy at most QUOTE_MAX bytes of s into out for an error message, with "..."
 * when cut.  Messages end up in logs and terminals, so a hostile byte must not
 * forge a log line or move the cursor: control characters and invalid UTF-8
 * become '?', and a multi-byte character is kept whole or not at all.
 */
static const char *
quote(char out[QUOTE_SIZE], const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0, n;

	while (i < len && o < QUOTE_MAX) {
		n = p[i] < 0x80 ? 1 : p[i] < 0xe0 ? 2 : p[i] < 0xf0 ? 3 : 4;
		if (n > len - i || !utf8_valid(s + i, n))
			n = 1, out[o++] = '?';
		else if (p[i] < 0x20 || p[i] == 0x7f || (p[i] == 0xc2 && p[i + 1] < 0xa0))
			out[o++] = '?';
		else if (o + n > QUOTE_MAX)
			break;
		else
			memcpy(out + o, s + i, n), o += n;
		i += n;
	}
	if (i < len)
		memcpy(out + o, "...", 3), o += 3;
	out[o] = '\0';
	return out;
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The offset in the encoded input s of decoded byte k.  Only called once
 * decode has accepted every escape, so each '%' has two bytes after it. */
static size_t
encoded_offset(const char *s, size_t k)
{
	size_t i = 0;

	for (; k > 0; k--)
		i += s[i] == '%' ? 3 : 1;
	return i;
}

/*
 * Check decoded text: the first NUL, control character (C0, DEL or C1), byte
 * of invalid UTF-8 or, when no_slash, '/'.  Returns the decoded offset of the
 * problem and sets *why, or returns len.  Tab, CR and LF pass: a textarea
 * sends them.
 */
static size_t
check_text(const char *t, size_t len, bool no_slash, const char **why)
{
	const unsigned char *p = (const unsigned char *)t;
	size_t valid = utf8_valid_prefix(t, len), k;

	for (k = 0; k < valid; k++) {
		if (p[k] == '\0')
			*why = "NUL byte";
		else if ((p[k] < 0x20 && p[k] != '\t' && p[k] != '\r' && p[k] != '\n') ||
			 p[k] == 0x7f || (p[k] == 0xc2 && p[k + 1] < 0xa0))
			*why = "control character";
		else if (no_slash && p[k] == '/')
			*why = "'/'";
		else
			continue;
		return k;
	}
	if (valid < len)
		*why = "invalid UTF-8";
	return valid;
}

/*
 * Percent-decode s[0..len) into a NUL-terminated arena string; plus_space
 * turns '+' into ' ' (forms, not paths).  On a problem the message reads
 * "<what>: <problem> at offset N", N counting from base so a form's errors
 * point into the whole body.
 */
static int
decode(const char *s, size_t len, size_t base, bool plus_space, bool no_slash, const char *what,
       struct arena *a, const char **out, struct err *e)
{
	char *buf = arena_alloc(a, size_mul_add(1, len, 1)), q[QUOTE_SIZE];
	const char *why = NULL;
	size_t i, n = 0, bad;
	int hi, lo;

	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			hi = i + 2 < len ? hex_value(s[i + 1]) : -1;
			lo = i + 2 < len ? hex_value(s[i + 2]) : -1;
			if (hi < 0 || lo < 0)
				return err_set(e, ERR_INPUT, "%s: bad escape '%s' at offset %zu "
					       "('%%' needs two hex digits)", what,
					       quote(q, s + i, len - i < 3 ? len - i : 3), base + i);
			buf[n++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			buf[n++] = plus_space && s[i] == '+' ? ' ' : s[i];
		}
	}
	bad = check_text(buf, n, no_slash, &why);
	if (bad < n)
		return err_set(e, ERR_INPUT, "%s: %s at offset %zu", what, why,
			       base + encoded_offset(s, bad));
	*out = buf;
	return 0;
}

int
http_parse_form(const char *data, size_t len, struct arena *a, struct http_fields *out,
		struct err *e)
{
	char what[80], q[QUOTE_SIZE];
	size_t i, start, end, eq, count = 0;
	struct http_field *f;
	int rc;

	out->v = NULL;
	out->n = 0;
	/* Count first, so a flood of "&a&a&a" costs no memory before it is refused. */
	for (start = 0; start < len; start = end + 1) {
		end = start;
		while (end < len && data[end] != '&')
			end++;
		if (end > start && ++count > HTTP_MAX_FIELDS)
			return err_set(e, ERR_INPUT, "form has more than %d fields",
				       HTTP_MAX_FIELDS);
	}
	if (count == 0)
		return 0;
	f = arena_array(a, count, sizeof(*f));
	for (i = 0, start = 0; start < len; start = end + 1) {
		end = start;
		while (end < len && data[end] != '&')
			end++;
		if (end == start)
			continue;
		eq = start;
		while (eq < end && data[eq] != '=')
			eq++;
		if (eq == start)
			return err_set(e, ERR_INPUT, "form field %zu has an empty name (offset %zu)",
				       i + 1, start);
		snprintf(what, sizeof(what), "form field %zu name", i + 1);
		rc = decode(data + start, eq - start, start, true, false, what, a, &f[i].name, e);
		if (rc < 0)
			return rc;
		snprintf(what, sizeof(what), "form field '%s'",
			 quote(q, f[i].name, strlen(f[i].name)));
		if (eq == end)
			f[i].value = "";
		else if ((rc = decode(data + eq + 1, end - eq - 1, eq + 1, true, false, what, a,
				      &f[i].value, e)) < 0)
			return rc;
		i++;
	}
	out->v = f;
	out->n = count;
	return 0;
}

const char *
http_field_get(const struct http_fields *f, const char *name)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0)
			return f->v[i].value;
	return NULL;
}

/* RFC 6265 cookie-octet: printable ASCII but for space, '"', ',', ';' and '\'. */
static bool
is_cookie_octet(char c)
{
	return c > 0x20 && c < 0x7f && c != '"' && c != ',' && c != ';' && c != '\\';
}

/* RFC 9110 tchar, the characters of a token. */
static bool
is_tchar(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static bool
all_of(const char *s, size_t len, bool (*ok)(char))
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!ok(s[i]))
			return false;
	return true;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * Browsers send one line of "name=value" pairs separated by "; ", but other
 * sites on the same domain may have set anything, so a pair we cannot read is
 * dropped rather than failing the request.  Every ';'-separated piece counts
 * toward the limit, readable or not, which bounds the work as well as the
 * memory.
 */
int
http_parse_cookies(const char *header, struct arena *a, struct http_fields *out,
		   struct err *e)
{
	size_t len = header ? strlen(header) : 0, start, end, count = 0, i = 0;
	size_t name_start, name_end, value_start, value_end, eq;
	struct http_field *f;

	out->v = NULL;
	out->n = 0;
	for (start = 0; start < len; start = end + 1) {
		end = start;
		while (end < len && header[end] != ';')
			end++;
		while (start < end && is_space(header[start]))
			start++;
		if (end > start && ++count > HTTP_MAX_COOKIES)
			return err_set(e, ERR_INPUT, "Cookie header has more than %d cookies",
				       HTTP_MAX_COOKIES);
	}
	if (count == 0)
		return 0;
	f = arena_array(a, count, sizeof(*f));
	for (start = 0; start < len; start = end + 1) {
		end = start;
		while (end < len && header[end] != ';')
			end++;
		eq = start;
		while (eq < end && header[eq] != '=')
			eq++;
		if (eq == end)
			continue;
		for (name_start = start; name_start < eq && is_space(header[name_start]);)
			name_start++;
		for (name_end = eq; name_end > name_start && is_space(header[name_end - 1]);)
			name_end--;
		for (value_start = eq + 1; value_start < end && is_space(header[value_start]);)
			value_start++;
		for (value_end = end; value_end > value_start && is_space(header[value_end - 1]);)
			value_end--;
		if (value_end - value_start >= 2 && header[value_start] == '"' &&
		    header[value_end - 1] == '"')
			value_start++, value_end--;
		if (name_end == name_start ||
		    !all_of(header + name_start, name_end - name_start, is_tchar) ||
		    !all_of(header + value_start, value_end - value_start, is_cookie_octet))
			continue;
		f[i].name = arena_strndup(a, header + name_start, name_end - name_start);
		f[i].value = arena_strndup(a, header + value_start, value_end - value_start);
		i++;
	}
	out->v = f;
	out->n = i;
	return 0;
}

int
http_decode_segment(const char *s, size_t len, struct arena *a, const char **out,
		    struct err *e)
{
	char what[80], q[QUOTE_SIZE];

	snprintf(what, sizeof(what), "path segment '%s'", quote(q, s, len));
	return decode(s, len, 0, false, true, what, a, out, e);
}

/* RFC 6750 b64token: letters, digits and "-._~+/", then any '=' padding. */
static bool
is_b64token_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c != '\0' && strchr("-._~+/", c) != NULL);
}

/*
 * The token is returned in place, so it cannot be trimmed: anything after it,
 * trailing spaces included, makes the header malformed.  RFC 9110 has the
 * server strip a header value's outer whitespace before we see it.
 */
const char *
http_bearer(const char *authorization)
{
	const char *p = authorization, *token;

	if (!p)
		return NULL;
	while (is_space(*p))
		p++;
	if (strncasecmp(p, "bearer", 6) != 0 || !is_space(p[6]))
		return NULL;
	for (p += 6; is_space(*p); p++)
		;
	token = p;
	while (is_b64token_char(*p))
		p++;
	if (p == token)
		return NULL;
	while (*p == '=')
		p++;
	return *p == '\0' ? token : NULL;
}

int
http_int(const char *name, const char *value, int64_t min, int64_t max, int64_t *out,
	 struct err *e)
{
	char q[QUOTE_SIZE];
	const char *p = value;
	bool negative;
	uint64_t magnitude = 0, limit;
	int64_t v;

	if (!value)
		return err_set(e, ERR_INPUT, "field '%s' is missing", name);
	negative = *p == '-';
	p += negative;
	/* One more in magnitude below zero, so INT64_MIN parses. */
	limit = (uint64_t)INT64_MAX + negative;
	if (*p == '\0')
		goto junk;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			goto junk;
		if (magnitude > (limit - (uint64_t)(*p - '0')) / 10)
			goto range;
		magnitude = magnitude * 10 + (uint64_t)(*p - '0');
	}
	if (!negative)
		v = (int64_t)magnitude;
	else if (magnitude == 0)
		v = 0;
	else /* -(2^63) has no positive twin: negate one less, then step down. */
		v = -(int64_t)(magnitude - 1) - 1;
	if (v < min || v > max)
		goto range;
	*out = v;
	return 0;
junk:
	return err_set(e, ERR_INPUT, "field '%s': '%s' is not a whole number", name,
		       quote(q, value, strlen(value)));
range:
	return err_set(e, ERR_INPUT, "field '%s': '%s' is outside %lld to %lld", name,
		       quote(q, value, strlen(value)), (long long)min, (long long)max);
}

/* ------------------------------------------------ multipart/form-data */

/* The value of parameter `param` ("boundary", "name") in a header value such
 * as `form-data; name="scan"; filename="a.pdf"`, copied into the arena; NULL
 * when absent. */
static const char *
header_param(const char *value, size_t len, const char *param, struct arena *a)
{
	size_t plen = strlen(param);

	for (size_t i = 0; i + plen < len; i++) {
		size_t j;

		if ((i > 0 && value[i - 1] != ';' && value[i - 1] != ' ' && value[i - 1] != '\t') ||
		    strncasecmp(value + i, param, plen) != 0 || value[i + plen] != '=')
			continue;
		j = i + plen + 1;
		if (j < len && value[j] == '"') {
			size_t k = ++j;

			while (k < len && value[k] != '"')
				k++;
			return k < len ? arena_strndup(a, value + j, k - j) : NULL;
		}
		size_t k = j;

		while (k < len && value[k] != ';' && value[k] != ' ' && value[k] != '\t')
			k++;
		return arena_strndup(a, value + j, k - j);
	}
	return NULL;
}

/* UTF-8 without control characters but tab, CR and LF (NULL is fine). */
static bool
clean(const char *s, size_t n)
{
	if (!s)
		return true;
	if (!utf8_valid(s, n))
		return false;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') ||
		    s[i] == 0x7f || ((unsigned char)s[i] == 0xc2 && i + 1 < n &&
				      (unsigned char)s[i + 1] < 0xa0))
			return false;
	return true;
}

static const char *
find(const char *hay, size_t hay_len, const char *needle, size_t n)
{
	if (n == 0 || hay_len < n)
		return NULL;
	for (size_t i = 0; i + n <= hay_len; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, n) == 0)
			return hay + i;
	return NULL;
}

int
http_parse_multipart(const char *content_type, const char *body, size_t len, struct arena *a,
		     struct http_fields *fields, struct http_file *file, struct err *e)
{
	const char *boundary = content_type ? header_param(content_type, strlen(content_type),
							   "boundary", a) : NULL;
	const char *p, *end = body + len, *delim;
	size_t blen, count = 0;
	struct http_field *f;
	struct http_file got = {0};

	memset(file, 0, sizeof(*file));
	fields->v = NULL;
	fields->n = 0;
	if (!content_type || strncasecmp(content_type, "multipart/form-data", 19) != 0)
		return err_set(e, ERR_INPUT, "the form is not multipart/form-data");
	if (!boundary || !*boundary || strlen(boundary) > 70)
		return err_set(e, ERR_INPUT, "the multipart form has no boundary of 1 to 70 "
			       "characters");
	delim = arena_printf(a, "\r\n--%s", boundary);
	blen = strlen(delim);
	f = arena_array(a, HTTP_MAX_FIELDS, sizeof(*f));
	/* The body starts with the first boundary (delim without its CRLF). */
	if (len < blen - 2 || memcmp(body, delim + 2, blen - 2) != 0)
		return err_set(e, ERR_INPUT, "the multipart form does not start with its boundary");
	p = body + blen - 2;
	for (;;) {
		const char *name = NULL, *filename = NULL, *type = "", *data, *next;

		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			break; /* the closing boundary */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return err_set(e, ERR_INPUT, "a multipart boundary is not followed by a line "
				       "break");
		p += 2;
		/* Headers, up to a blank line. */
		for (;;) {
			const char *eol = find(p, (size_t)(end - p), "\r\n", 2);
			size_t n;

			if (!eol)
				return err_set(e, ERR_INPUT, "a multipart part's headers do not end");
			n = (size_t)(eol - p);
			if (n == 0) {
				p = eol + 2;
				break;
			}
			if (n > 1000)
				return err_set(e, ERR_INPUT, "a multipart header line is longer than 1000 "
					       "bytes");
			if (n > 20 && strncasecmp(p, "Content-Disposition:", 20) == 0) {
				if (!find(p, n, "form-data", 9))
					return err_set(e, ERR_INPUT, "a multipart part is not form-data");
				name = header_param(p + 20, n - 20, "name", a);
				filename = header_param(p + 20, n - 20, "filename", a);
			} else if (n > 13 && strncasecmp(p, "Content-Type:", 13) == 0) {
				size_t s = 13;

				while (s < n && (p[s] == ' ' || p[s] == '\t'))
					s++;
				type = arena_strndup(a, p + s, n - s);
			}
			p = eol + 2;
		}
		if (!name || !*name)
			return err_set(e, ERR_INPUT, "a multipart part has no name");
		if (!clean(name, strlen(name)) || !clean(filename, filename ? strlen(filename) : 0) ||
		    !clean(type, strlen(type)))
			return err_set(e, ERR_INPUT, "a multipart part's name, file name or type is not "
				       "text");
		if (!(next = find(p, (size_t)(end - p), delim, blen)))
			return err_set(e, ERR_INPUT, "the multipart part '%.40s' has no closing "
				       "boundary", name);
		data = p;
		p = next + blen;
		if (filename) {
			if (got.present)
				return err_set(e, ERR_INPUT, "the form holds more than one file");
			got = (struct http_file){name, filename, type, data, (size_t)(next - data), true};
			continue;
		}
		if (count == HTTP_MAX_FIELDS)
			return err_set(e, ERR_INPUT, "form has more than %d fields", HTTP_MAX_FIELDS);
		if (!clean(data, (size_t)(next - data)))
			return err_set(e, ERR_INPUT, "the form field '%.40s' is not text (UTF-8 without "
				       "control characters)", name);
		f[count].name = name;
		f[count++].value = arena_strndup(a, data, (size_t)(next - data));
	}
	fields->v = f;
	fields->n = count;
	*file = got;
	return 0;
}
