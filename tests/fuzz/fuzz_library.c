/*
 * fuzz_library.c - libFuzzer target for the content-library loader.
 *
 * A small valid library of five files (manifest, framework, safeguard,
 * service, clause) is loaded with one of them replaced by the fuzz input: the
 * first byte picks which ('0' to '4'; any byte works, minus '0' modulo 5), the
 * rest is the file.  The others stay valid, so
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
	"mappings:\n  - {framework: tiny, control: AC-1, relationship: subset}\n"
	"risk: Someone could get in.\n";

static const char clause[] =
	"id: cap\ntitle: Cap\npart: limitation_of_liability\norder: 1\ninitials: true\n"
	"when: {any: [{framework: tiny}, {service: svc}, {not: {declined: true}}]}\n"
	"versions:\n  - {version: 1, legal: \"{{#a}}{{b}}{{/a}}\", plain: \"{{=<% %>=}}<%c%>\"}\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct named_file files[5] = {
		{"library.yaml", manifest, sizeof(manifest) - 1},
		{"frameworks/tiny.yaml", framework, sizeof(framework) - 1},
		{"safeguards/mfa.yaml", safeguard, sizeof(safeguard) - 1},
		{"services/svc.yaml", service, sizeof(service) - 1},
		{"clauses/cap.yaml", clause, sizeof(clause) - 1},
	};
	struct lib_report report = {0};
	struct library *lib = NULL;
	char *copy;
	size_t which;

	if (size < 1)
		return 0;
	/* The loader expects a NUL after the data, as files from disk have. */
	copy = xmalloc(size);
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	which = (unsigned char)(data[0] - '0') % 5;
	files[which].data = copy;
	files[which].len = size - 1;
	if (lib_load_files(files, 5, "fuzz", &lib, &report, NULL) == 0) {
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
