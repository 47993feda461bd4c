/*
 * time.c - RFC 3339 timestamps, always in UTC.
 *
 * Everything Prudent stores or prints as a time is "YYYY-MM-DDTHH:MM:SSZ": it
 * sorts as text, it means the same in every time zone, and a court can read it.
 * The parser accepts any RFC 3339 date-time (fractions, numeric offsets) and
 * converts it to UTC; it checks the calendar, so 2026-02-30 is refused.
 */
#include <stdlib.h>

#include "core.h"

char *
time_format_rfc3339(time_t t, char out[TIME_RFC3339_LEN])
{
	char buf[80]; /* room for any int, so the compiler can see nothing truncates */
	struct tm tm;

	/* strftime's %Y does not pad years below 1000; RFC 3339 needs four digits. */
	if (!gmtime_r(&t, &tm) || tm.tm_year < -1900 || tm.tm_year > 9999 - 1900)
		panic("time %lld is outside the years 0000-9999", (long long)t);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
	memcpy(out, buf, TIME_RFC3339_LEN - 1);
	out[TIME_RFC3339_LEN - 1] = '\0';
	return out;
}

time_t
time_now_pinned(void)
{
	const char *pinned = getenv("PRUDENT_NOW");
	int64_t t;

	if (pinned && *pinned && time_parse_rfc3339(pinned, strlen(pinned), &t, NULL) == 0)
		return (time_t)t;
	return time(NULL);
}

char *
time_now_rfc3339(char out[TIME_RFC3339_LEN])
{
	return time_format_rfc3339(time(NULL), out);
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* Read exactly n decimal digits at s[*pos]; -1 if they are not all digits. */
static int
digits(const char *s, size_t len, size_t *pos, int n)
{
	int v = 0, i;

	if (len - *pos < (size_t)n)
		return -1;
	for (i = 0; i < n; i++) {
		char c = s[*pos + (size_t)i];

		if (c < '0' || c > '9')
			return -1;
		v = v * 10 + (c - '0');
	}
	*pos += (size_t)n;
	return v;
}

static bool
expect(const char *s, size_t len, size_t *pos, const char *chars)
{
	if (*pos < len && s[*pos] != '\0' && strchr(chars, s[*pos])) {
		(*pos)++;
		return true;
	}
	return false;
}

static int
parse_date(const char *s, size_t len, size_t *pos, int64_t *days)
{
	int y, m, d;

	y = digits(s, len, pos, 4);
	if (y < 0 || !expect(s, len, pos, "-"))
		return -1;
	m = digits(s, len, pos, 2);
	if (m < 1 || m > 12 || !expect(s, len, pos, "-"))
		return -1;
	d = digits(s, len, pos, 2);
	if (d < 1 || d > days_in_month(y, m))
		return -1;
	*days = days_from_civil(y, m, d);
	return 0;
}

int
time_parse_date(const char *s, size_t len, int64_t *out, struct err *e)
{
	size_t pos = 0;
	int64_t days;

	if (parse_date(s, len, &pos, &days) < 0 || pos != len)
		return err_set(e, ERR_INPUT, "'%.*s' is not a date of the form YYYY-MM-DD",
			       (int)(len > 40 ? 40 : len), s);
	*out = days * 86400;
	return 0;
}

int
time_parse_rfc3339(const char *s, size_t len, int64_t *out, struct err *e)
{
	size_t pos = 0;
	int64_t days;
	int hh, mm, ss, oh = 0, om = 0, sign = 0;

	if (parse_date(s, len, &pos, &days) < 0 || !expect(s, len, &pos, "Tt "))
		goto bad;
	hh = digits(s, len, &pos, 2);
	if (hh < 0 || hh > 23 || !expect(s, len, &pos, ":"))
		goto bad;
	mm = digits(s, len, &pos, 2);
	if (mm < 0 || mm > 59 || !expect(s, len, &pos, ":"))
		goto bad;
	ss = digits(s, len, &pos, 2);
	if (ss < 0 || ss > 60) /* 60: a leap second, folded into the next minute */
		goto bad;
	if (expect(s, len, &pos, ".")) {
		size_t start = pos;

		while (pos < len && s[pos] >= '0' && s[pos] <= '9')
			pos++;
		if (pos == start)
			goto bad;
	}
	if (expect(s, len, &pos, "Zz")) {
		sign = 0;
	} else if (pos < len && (s[pos] == '+' || s[pos] == '-')) {
		sign = s[pos++] == '+' ? 1 : -1;
		oh = digits(s, len, &pos, 2);
		if (oh < 0 || oh > 23 || !expect(s, len, &pos, ":"))
			goto bad;
		om = digits(s, len, &pos, 2);
		if (om < 0 || om > 59)
			goto bad;
	} else {
		goto bad;
	}
	if (pos != len)
		goto bad;
	*out = days * 86400 + hh * 3600 + mm * 60 + ss - sign * (oh * 3600 + om * 60);
	/* An offset can carry 0000-01-01 or 9999-12-31 out of the years we can write. */
	if (*out < days_from_civil(0, 1, 1) * 86400 || *out >= days_from_civil(10000, 1, 1) * 86400)
		goto bad;
	return 0;
bad:
	return err_set(e, ERR_INPUT,
		       "'%.*s' is not an RFC 3339 date-time such as 2026-11-27T08:48:58Z",
		       (int)(len > 40 ? 40 : len), s);
}
