/*
 * fuzz_time.c - libFuzzer target for the RFC 3339 and date parsers.
 *
 * Besides not crashing: whatever parses must format back to a timestamp that
 * parses to the same instant.
 */
#include "core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char buf[TIME_RFC3339_LEN];
	int64_t t, t2;

	if (time_parse_rfc3339((const char *)data, size, &t, NULL) == 0) {
		time_format_rfc3339((time_t)t, buf);
		if (time_parse_rfc3339(buf, strlen(buf), &t2, NULL) != 0 || t2 != t)
			__builtin_trap();
	}
	if (time_parse_date((const char *)data, size, &t, NULL) == 0 && t % 86400 != 0)
		__builtin_trap();
	return 0;
}
