/*
 * fuzz_bundle.c - libFuzzer target for reading an evidence bundle
 * (src/evidence/bundle.c) and verifying it.
 *
 * The bytes are written to a file, as 'prudent verify BUNDLE.zip' would find
 * them, then read and verified.  Any answer is fine but a crash, a read past
 * the input, or a leak; and a bundle that is not one must be refused with
 * ERR_INPUT, never half-loaded.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "evidence/evidence.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[64];
	struct arena *a = arena_new();
	struct ev_set s;
	struct ev_report pre = {0}, r = {0};
	struct err e = {0};
	FILE *f;
	int rc;

	if (hash_init(&e) < 0)
		abort();
	snprintf(path, sizeof(path), "/tmp/fuzz-bundle-%d.zip", (int)getpid());
	if (!(f = fopen(path, "wb")) || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	rc = ev_bundle_read(path, a, &s, &pre, &e);
	if (rc == 0) {
		ev_verify(&s, &r);
		ev_report_free(&r);
	} else if (rc != ERR_INPUT && rc != ERR_NOTFOUND) {
		__builtin_trap();
	}
	ev_report_free(&pre);
	unlink(path);
	arena_free(a);
	return 0;
}
