/*
 * test_time.c - formatting and parsing RFC 3339 timestamps.
 *
 * Known epochs pin the formatter; the parser is checked against the calendar
 * (leap years, month lengths), offsets, and the malformed inputs a user or a
 * hostile client can send: out-of-range fields, missing or extra bytes,
 * embedded NULs, empty and very long strings.
 */
#include <stdlib.h>

#include "support/support.h"
#include "core_tests.h"

static void
test_time_format(void **state)
{
	char out[TIME_RFC3339_LEN];

	(void)state;
	assert_ptr_equal(time_format_rfc3339(0, out), out);
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	assert_string_equal(time_format_rfc3339(1700000000, out), "2023-11-14T22:13:20Z");
	assert_string_equal(time_format_rfc3339(951782400, out), "2000-02-29T00:00:00Z");
	assert_string_equal(time_format_rfc3339(1483228799, out), "2016-12-31T23:59:59Z");
	assert_string_equal(time_format_rfc3339(-1, out), "1969-12-31T23:59:59Z");
	assert_string_equal(time_format_rfc3339((time_t)253402300799, out),
			    "9999-12-31T23:59:59Z");
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void
test_time_now(void **state)
{
	char out[TIME_RFC3339_LEN];
	int64_t t;
	time_t before, after;
	size_t i;

	(void)state;
	before = time(NULL);
	assert_ptr_equal(time_now_rfc3339(out), out);
	after = time(NULL);
	assert_int_equal(strlen(out), TIME_RFC3339_LEN - 1);
	for (i = 0; i < TIME_RFC3339_LEN - 1; i++) {
		switch (i) {
		case 4: case 7: assert_int_equal(out[i], '-'); break;
		case 10: assert_int_equal(out[i], 'T'); break;
		case 13: case 16: assert_int_equal(out[i], ':'); break;
		case 19: assert_int_equal(out[i], 'Z'); break;
		default: assert_true(is_digit(out[i]));
		}
	}
	assert_int_equal(time_parse_rfc3339(out, strlen(out), &t, NULL), 0);
	assert_true(t >= (int64_t)before && t <= (int64_t)after);
}

/* Parse the C string s and expect success with the value want. */
static void
parses_to(const char *s, int64_t want)
{
	struct err e = {0};
	int64_t got = 12345;
	int rc = time_parse_rfc3339(s, strlen(s), &got, &e);

	if (rc != 0 || got != want)
		print_message("parsing '%s': rc %d, got %lld, want %lld (%s)\n", s, rc,
			      (long long)got, (long long)want, e.msg);
	assert_int_equal(rc, 0);
	assert_int_equal(got, want);
}

/* Parse s[0..len) and expect ERR_INPUT with a message. */
static void
rejects_n(const char *s, size_t len)
{
	struct err e = {0};
	int64_t got = 12345;
	int rc = time_parse_rfc3339(s, len, &got, &e);

	if (rc != ERR_INPUT)
		print_message("'%.*s' was not refused: rc %d, got %lld\n", (int)(len > 60 ? 60 : len),
			      s, rc, (long long)got);
	assert_int_equal(rc, ERR_INPUT);
	assert_int_equal(e.code, ERR_INPUT);
	assert_true(strlen(e.msg) > 0);
	/* Without an err struct the result is the same. */
	assert_int_equal(time_parse_rfc3339(s, len, &got, NULL), ERR_INPUT);
}

static void
rejects(const char *s)
{
	rejects_n(s, strlen(s));
}

static void
test_time_parse_round_trip(void **state)
{
	static const time_t values[] = {
		0, 1, -1, 86399, 86400, 951782400, 1483228799, 1700000000, 1709208000,
		4102444800, (time_t)253402300799, (time_t)-30610224000,
	};
	char buf[TIME_RFC3339_LEN];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(values); i++)
		parses_to(time_format_rfc3339(values[i], buf), (int64_t)values[i]);
	parses_to("0001-01-01T00:00:00Z", -62135596800);
	parses_to("1000-01-01T00:00:00Z", -30610224000);
	/* A leap second is folded into the next minute. */
	parses_to("2016-12-31T23:59:60Z", 1483228800);
}

static void
test_time_format_early_years(void **state)
{
	char out[TIME_RFC3339_LEN];
	int64_t back = 0;

	(void)state;
	/* The parser accepts years 0000-0999; formatting them must give the four
	 * digits RFC 3339 requires, so that the text parses back and sorts. */
	assert_string_equal(time_format_rfc3339((time_t)-30641760000, out), "0999-01-01T00:00:00Z");
	assert_int_equal(time_parse_rfc3339(out, strlen(out), &back, NULL), 0);
	assert_int_equal(back, -30641760000);
	assert_string_equal(time_format_rfc3339((time_t)-62135596800, out), "0001-01-01T00:00:00Z");
}

static void
format_value(void *arg)
{
	char out[TIME_RFC3339_LEN];

	time_format_rfc3339(*(const time_t *)arg, out);
}

static void
test_time_parsed_can_be_formatted(void **state)
{
	/* Valid RFC 3339 text whose UTC value lies just outside years 0000-9999
	 * (through an offset or a leap second), and text just inside. */
	static const char *const inputs[] = {
		"9999-12-31T23:59:59-01:00",
		"9999-12-31T23:59:60Z",
		"0000-01-01T00:00:00+01:00",
		"9999-12-31T23:59:59Z",
		"0000-01-01T00:00:00Z",
	};
	char out[TIME_RFC3339_LEN];
	int64_t value, back;
	time_t t;
	size_t i;

	(void)state;
	/* Whatever the parser accepts (from a user) can be formatted again without
	 * aborting the process, and the result parses back to the same value. */
	for (i = 0; i < ARRAY_LEN(inputs); i++) {
		if (time_parse_rfc3339(inputs[i], strlen(inputs[i]), &value, NULL) != 0)
			continue;
		t = (time_t)value;
		if (test_aborts(format_value, &t))
			print_message("'%s' parsed to %lld, which cannot be formatted\n",
				      inputs[i], (long long)value);
		assert_false(test_aborts(format_value, &t));
		time_format_rfc3339(t, out);
		assert_int_equal(strlen(out), TIME_RFC3339_LEN - 1);
		assert_int_equal(time_parse_rfc3339(out, strlen(out), &back, NULL), 0);
		assert_int_equal(back, value);
	}
}

static void
test_time_parse_fraction(void **state)
{
	(void)state;
	parses_to("2023-11-14T22:13:20.123456Z", 1700000000);
	parses_to("2023-11-14T22:13:20.5Z", 1700000000);
	parses_to("2023-11-14T22:13:20.999999999Z", 1700000000);
	parses_to("2023-11-14T22:13:20.0+00:00", 1700000000);
	rejects("2023-11-14T22:13:20.Z");
	rejects("2023-11-14T22:13:20.");
	rejects("2023-11-14T22:13:20.1a2Z");
}

static void
test_time_parse_offsets(void **state)
{
	(void)state;
	parses_to("2023-11-15T03:43:20+05:30", 1700000000);
	parses_to("2023-11-14T14:13:20-08:00", 1700000000);
	parses_to("2023-11-14T22:13:20+00:00", 1700000000);
	parses_to("2023-11-14T22:13:20-00:00", 1700000000);
	parses_to("2023-11-15T03:43:20.25+05:30", 1700000000);
	/* An offset can move the date across midnight and the year. */
	parses_to("1969-12-31T19:00:00-05:00", 0);
	parses_to("1970-01-01T05:00:00+05:00", 0);
	rejects("2023-11-14T22:13:20+5:30");
	rejects("2023-11-14T22:13:20+05:3");
	rejects("2023-11-14T22:13:20+0530");
	rejects("2023-11-14T22:13:20+05");
	rejects("2023-11-14T22:13:20+24:00");
	rejects("2023-11-14T22:13:20+05:60");
	rejects("2023-11-14T22:13:20+");
	rejects("2023-11-14T22:13:20Z+01:00");
}

static void
test_time_parse_lower_case(void **state)
{
	(void)state;
	parses_to("2023-11-14t22:13:20z", 1700000000);
	parses_to("2023-11-14t22:13:20Z", 1700000000);
	parses_to("2023-11-14T22:13:20z", 1700000000);
	rejects("2023-11-14x22:13:20Z");
	rejects("2023-11-14T22:13:20x");
}

static void
test_time_parse_calendar(void **state)
{
	(void)state;
	parses_to("2024-02-29T12:00:00Z", 1709208000);
	parses_to("2000-02-29T00:00:00Z", 951782400);
	rejects("2023-02-29T12:00:00Z");
	rejects("1900-02-29T00:00:00Z");
	rejects("2024-02-30T00:00:00Z");
	rejects("2024-04-31T00:00:00Z");
	rejects("2024-13-01T00:00:00Z");
	rejects("2024-00-01T00:00:00Z");
	rejects("2024-01-32T00:00:00Z");
	rejects("2024-01-00T00:00:00Z");
	rejects("2024-12-31T24:00:00Z");
	rejects("2024-12-31T23:60:00Z");
	rejects("2024-12-31T23:59:61Z");
}

static void
test_time_parse_malformed(void **state)
{
	enum { BIG = 1024 * 1024 };
	char *big = xmalloc(BIG);

	(void)state;
	rejects("");
	rejects_n("2023-11-14T22:13:20Z", 0);
	rejects("2023-11-14T22:13:20");        /* no zone */
	rejects("2023-11-14");                 /* a date is not a date-time */
	rejects("2023-11-14T22:13Z");          /* no seconds */
	rejects("2023-11-14T22:13:20Zjunk");   /* trailing garbage */
	rejects("2023-11-14T22:13:20Z ");
	rejects(" 2023-11-14T22:13:20Z");
	rejects("2023-1-14T22:13:20Z");
	rejects("23-11-14T22:13:20Z");
	rejects("2023/11/14T22:13:20Z");
	rejects("2023-11-14T2:13:20Z");
	rejects("+023-11-14T22:13:20Z");
	rejects("2023-11-14T22:13:20ZZ");
	rejects("not a date at all");
	/* len is authoritative: a NUL inside the given length is an error, and
	 * bytes past len are not read. */
	rejects_n("2023-11-14T22:13:20Z\0", 21);
	rejects_n("2023-11-14T22:13:20\0Z", 21);
	rejects_n("2023-11-14\0T22:13:20Z", 21);
	/* A NUL where a separator or the zone belongs. */
	rejects_n("2023-11-14\0" "22:13:20Z", 20);
	rejects_n("2023-11-14T22\0" "13:20Z", 20);
	rejects_n("2023-11-14T22:13:20\0", 20);
	rejects_n("2023-11-14T22:13:20+05\0" "30", 25);
	rejects_n("2023-11-14T22:13:20Z", 19);
	rejects_n("2023-11-14T22:13:20Z", 10);
	/* A megabyte of digits. */
	memset(big, '7', BIG);
	rejects_n(big, BIG);
	free(big);
}

static void
date_ok(const char *s, int64_t want)
{
	struct err e = {0};
	int64_t got = 12345;

	assert_int_equal(time_parse_date(s, strlen(s), &got, &e), 0);
	assert_int_equal(got, want);
}

static void
date_bad_n(const char *s, size_t len)
{
	struct err e = {0};
	int64_t got = 12345;

	assert_int_equal(time_parse_date(s, len, &got, &e), ERR_INPUT);
	assert_int_equal(e.code, ERR_INPUT);
	assert_true(strlen(e.msg) > 0);
	assert_int_equal(time_parse_date(s, len, &got, NULL), ERR_INPUT);
}

static void
date_bad(const char *s)
{
	date_bad_n(s, strlen(s));
}

static void
test_time_parse_date(void **state)
{
	(void)state;
	date_ok("1970-01-01", 0);
	date_ok("2024-02-29", 1709164800);
	date_ok("2000-02-29", 951782400);
	date_ok("1969-12-31", -86400);
	date_ok("9999-12-31", 253402214400);
	date_bad("2023-02-29");
	date_bad("1900-02-29");
	date_bad("2024-13-01");
	date_bad("2024-00-10");
	date_bad("2024-01-32");
	date_bad("2024-01-00");
	date_bad("2024-06-31");
	date_bad("2024-1-01");
	date_bad("2024/01/01");
	date_bad("2024-01-01T00:00:00Z");
	date_bad("2024-01-01 ");
	date_bad("abcd-ef-gh");
	date_bad("");
	date_bad_n("2024-01-01\0", 11);
	date_bad_n("2024\0" "01-01", 10);
	date_bad_n("2024-01\0" "01", 10);
	date_bad_n("2024-01-01", 9);
}

int
core_time_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time_format),
		cmocka_unit_test(test_time_now),
		cmocka_unit_test(test_time_parse_round_trip),
		cmocka_unit_test(test_time_format_early_years),
		cmocka_unit_test(test_time_parsed_can_be_formatted),
		cmocka_unit_test(test_time_parse_fraction),
		cmocka_unit_test(test_time_parse_offsets),
		cmocka_unit_test(test_time_parse_lower_case),
		cmocka_unit_test(test_time_parse_calendar),
		cmocka_unit_test(test_time_parse_malformed),
		cmocka_unit_test(test_time_parse_date),
	};

	return cmocka_run_group_tests_name("core/time", tests, NULL, NULL);
}
