/*
 * str.c - the growable string and its escaping conversions.
 *
 * Every byte that leaves Prudent for a browser, a JSON reader, a spreadsheet or
 * a SQL statement goes through exactly one function here chosen for that
 * destination.  The conversions take explicit lengths, so embedded NULs are
 * escaped rather than silently truncating the text, and they treat input as
 * untrusted bytes: invalid UTF-8 never reaches JSON output.
 */
#include <stdlib.h>

#include "core.h"

static void
str_reserve(struct str *s, size_t extra)
{
	size_t need = size_mul_add(1, s->len, size_mul_add(1, extra, 1));
	size_t cap;

	if (need <= s->cap)
		return;
	cap = s->cap ? s->cap : 64;
	while (cap < need)
		cap = size_mul_add(cap, 2, 0);
	s->buf = xrealloc(s->buf, cap);
	s->cap = cap;
}

void
str_free(struct str *s)
{
	free(s->buf);
	s->buf = NULL;
	s->len = s->cap = 0;
}

void
str_clear(struct str *s)
{
	s->len = 0;
	if (s->buf)
		s->buf[0] = '\0';
}

char *
str_take(struct str *s)
{
	char *p;

	str_reserve(s, 0);
	s->buf[s->len] = '\0';
	p = s->buf;
	s->buf = NULL;
	s->len = s->cap = 0;
	return p;
}

const char *
str_cstr(const struct str *s)
{
	return s->buf ? s->buf : "";
}

void
str_append(struct str *s, const char *data, size_t len)
{
	str_reserve(s, len);
	if (len)
		memcpy(s->buf + s->len, data, len);
	s->len += len;
	s->buf[s->len] = '\0';
}

void
str_puts(struct str *s, const char *cstr)
{
	str_append(s, cstr, strlen(cstr));
}

void
str_putc(struct str *s, char c)
{
	str_append(s, &c, 1);
}

void
str_vappendf(struct str *s, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		panic("bad format string '%s'", fmt);
	str_reserve(s, (size_t)n);
	vsnprintf(s->buf + s->len, (size_t)n + 1, fmt, ap);
	s->len += (size_t)n;
}

void
str_appendf(struct str *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	str_vappendf(s, fmt, ap);
	va_end(ap);
}

/*
 * Decode one UTF-8 sequence at p (n bytes available).  Returns its length and
 * stores the code point, or returns 0 for an invalid sequence: overlong forms,
 * UTF-16 surrogates and values above U+10FFFF are all invalid (RFC 3629).
 */
static size_t
utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
	uint32_t c;
	size_t len, i;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	} else if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		c = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		c = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		c = p[0] & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

size_t
utf8_valid_prefix(const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_decode(p + i, len - i, &cp);
		if (n == 0)
			break;
		i += n;
	}
	return i;
}

bool
utf8_valid(const char *data, size_t len)
{
	return utf8_valid_prefix(data, len) == len;
}

char *
str_lower_copy(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src ? src : "");
	for (char *p = dst; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	return dst;
}

bool
email_valid(const char *s)
{
	const char *at = s ? strchr(s, '@') : NULL;
	size_t n = s ? strlen(s) : 0;

	if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.') || n > 254 ||
	    at[1] == '.' || s[n - 1] == '.' || !utf8_valid(s, n) || strpbrk(s, "<>\"'(),;:\\"))
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

bool
text_line(const char *s, size_t min, size_t max)
{
	size_t n = s ? strlen(s) : 0;

	if (n < min || n > max || !utf8_valid(s, n))
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

#define REPLACEMENT_CHAR "\xef\xbf\xbd" /* U+FFFD */

void
str_append_html(struct str *s, const char *data, size_t len)
{
	size_t i, run = 0;

	/* Copy runs of harmless bytes in one go; escape the rest. */
	for (i = 0; i < len; i++) {
		const char *rep;

		switch (data[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\0': rep = REPLACEMENT_CHAR; break;
		default: continue;
		}
		str_append(s, data + run, i - run);
		str_puts(s, rep);
		run = i + 1;
	}
	str_append(s, data + run, len - run);
}

/* Append the UTF-8 sequence at data[*i], or U+FFFD for an invalid byte (and
 * for NUL), and advance *i past what was consumed. */
static void
append_char_or_replacement(struct str *s, const char *data, size_t len, size_t *i)
{
	const unsigned char *p = (const unsigned char *)data + *i;
	uint32_t cp;
	size_t n = p[0] ? utf8_decode(p, len - *i, &cp) : 0;

	if (n == 0) {
		str_puts(s, REPLACEMENT_CHAR);
		(*i)++;
	} else {
		str_append(s, data + *i, n);
		*i += n;
	}
}

void
str_append_utf8(struct str *s, const char *data, size_t len)
{
	size_t i = 0;

	while (i < len)
		append_char_or_replacement(s, data, len, &i);
}

void
str_append_json(struct str *s, const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	size_t i = 0;

	while (i < len) {
		if (p[i] >= 0x80) {
			append_char_or_replacement(s, data, len, &i);
			continue;
		}
		switch (p[i]) {
		case '"': str_puts(s, "\\\""); break;
		case '\\': str_puts(s, "\\\\"); break;
		case '\n': str_puts(s, "\\n"); break;
		case '\r': str_puts(s, "\\r"); break;
		case '\t': str_puts(s, "\\t"); break;
		case '\b': str_puts(s, "\\b"); break;
		case '\f': str_puts(s, "\\f"); break;
		default:
			if (p[i] < 0x20 || p[i] == 0x7f)
				str_appendf(s, "\\u%04x", p[i]);
			else
				str_putc(s, (char)p[i]);
		}
		i++;
	}
}

void
str_append_csv(struct str *s, const char *data, size_t len)
{
	bool quote = false, formula = false;
	size_t i;

	/* A leading = + - @ (or tab / CR) makes Excel and LibreOffice evaluate the
	 * cell: an apostrophe keeps a client-supplied name from becoming a formula. */
	if (len > 0 && strchr("=+-@\t\r", data[0]) && data[0] != '\0')
		formula = true;
	for (i = 0; i < len; i++)
		if (data[i] == ',' || data[i] == '"' || data[i] == '\n' || data[i] == '\r')
			quote = true;
	if (len > 0 && (data[0] == ' ' || data[len - 1] == ' '))
		quote = true;
	if (quote || formula)
		str_putc(s, '"');
	if (formula)
		str_putc(s, '\'');
	for (i = 0; i < len; i++) {
		if (data[i] == '"')
			str_putc(s, '"');
		if (data[i] == '\0')
			str_puts(s, REPLACEMENT_CHAR);
		else
			str_putc(s, data[i]);
	}
	if (quote || formula)
		str_putc(s, '"');
}

int
str_append_sql_ident(struct str *s, const char *name, const char *const *allowed,
		     struct err *e)
{
	size_t i;

	for (i = 0; allowed[i]; i++) {
		if (strcmp(name, allowed[i]) == 0) {
			/* Allowed names are ours, but quote anyway: a reserved word
			 * in a future column list should not become a syntax error. */
			str_putc(s, '"');
			str_puts(s, name);
			str_putc(s, '"');
			return 0;
		}
	}
	return err_set(e, ERR_INPUT, "'%.64s' is not a known column or table name", name);
}
