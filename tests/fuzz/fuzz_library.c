/*
 * fuzz_library.c - libFuzzer target for the content-library loader.
 *
 * A small valid library of four files (manifest, framework, safeguard,
 * service) is loaded with one of them replaced by the fuzz input: the first
 * byte picks which (modulo 4), the rest is the file.  The other two stay valid, so
 * mappings, categories and cross-file checks are exercised, not only YAML
 * parsing.  The loader must return a library or a report, never crash, leak or
 * hang.
 */
#include <stdlib.h>

#include "library/lib.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char manifest[] =
	"version: \"1\"\n"
	"categories:\n"
	"  - {id: identity, name: Identity}\n";

static const char framework[] =
	"id: tiny\nname: Tiny\nversion: \"1\"\npublished: 2024-01-01\npublisher: Us\n"
	"kind: framework\nlicense: {ships_text: true, terms: Public.}\n"
	"source: https://example.org/tiny\nlevels: [family, requirement]\n"
	"assessable: requirement\n"
	"attributes:\n  - {name: points, type: integer, min: 1, max: 5}\n"
	"  - {name: saq, type: list, values: [A, D]}\n"
	"controls:\n  - id: AC\n    title: Access\n    controls:\n"
	"      - {id: AC-1, text: Limit access., attributes: {points: 5, saq: [A]}}\n";

static const char service[] =
	"id: svc\nname: A service\ndescription: Does things.\ncovers:\n"
	"  - {safeguard: mfa, coverage: shared, msp_part: Runs it., customer_part: Uses it.}\n";

static const char safeguard[] =
	"id: mfa\nname: MFA\nplain: Use a second factor.\ntechnical: TOTP or FIDO2.\n"
	"category: identity\ndefault_owner: msp\nburden: low\nservice: svc\n"
	"evidence: [Policy export]\ntailoring: [{id: no-remote, text: No remote access.}]\n"
	"mappings:\n  - {framework: tiny, control: AC-1, relationship: subset}\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct named_file files[4] = {
		{"library.yaml", manifest, sizeof(manifest) - 1},
		{"frameworks/tiny.yaml", framework, sizeof(framework) - 1},
		{"safeguards/mfa.yaml", safeguard, sizeof(safeguard) - 1},
		{"services/svc.yaml", service, sizeof(service) - 1},
	};
	struct lib_report report = {0};
	struct library *lib = NULL;
	char *copy;

	if (size < 1)
		return 0;
	/* The loader expects a NUL after the data, as files from disk have. */
	copy = xmalloc(size);
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	files[data[0] % 4].data = copy;
	files[data[0] % 4].len = size - 1;
	if (lib_load_files(files, 4, "fuzz", &lib, &report, NULL) == 0) {
		if (!lib || lib->n_frameworks > 1)
			__builtin_trap();
		lib_free(lib);
	} else if (report.n_diags == 0) {
		__builtin_trap(); /* a failure must say why */
	}
	lib_report_free(&report);
	free(copy);
	return 0;
}
