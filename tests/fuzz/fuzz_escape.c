/*
 * fuzz_escape.c - libFuzzer target for the escaping conversions.
 *
 * Properties checked on arbitrary bytes: JSON and UTF-8 output is always valid
 * UTF-8 without raw control characters; HTML output never contains a raw < > "
 * or '; a CSV field never starts with a formula character outside quotes.
 */
#include <stdlib.h>

#include "core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	struct str s = STR_INIT;
	size_t i;

	str_append_json(&s, in, size);
	if (!utf8_valid(s.buf ? s.buf : "", s.len))
		__builtin_trap();
	for (i = 0; i < s.len; i++)
		if ((unsigned char)s.buf[i] < 0x20)
			__builtin_trap();
	str_clear(&s);

	str_append_utf8(&s, in, size);
	if (!utf8_valid(s.buf ? s.buf : "", s.len) || (s.len && memchr(s.buf, '\0', s.len)))
		__builtin_trap();
	str_clear(&s);

	str_append_html(&s, in, size);
	for (i = 0; i < s.len; i++)
		if (strchr("<>\"'", s.buf[i]) && s.buf[i] != '\0')
			__builtin_trap();
	str_clear(&s);

	str_append_csv(&s, in, size);
	if (s.len && strchr("=+-@\t\r", s.buf[0]) && s.buf[0] != '\0')
		__builtin_trap();
	str_free(&s);
	return 0;
}
