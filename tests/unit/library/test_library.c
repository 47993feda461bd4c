/*
 * test_library.c - the content-library loader and validator, and the built-in
 * library checked against the official reference lists in ../shared/reference.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/support.h"
#include "library/lib.h"

/* ------------------------------------------------- the built-in library */

static void
test_builtin_loads(void **state)
{
	struct lib_report r = {0};
	struct library *lib = NULL;
	struct err e = {0};
	const struct lib_framework *fw;
	const struct lib_control *c;

	(void)state;
	if (lib_load_builtin(&lib, &r, &e) != 0)
		fail_msg("built-in library: %s (first: %s:%d: %s)", e.msg,
			 r.n_diags ? r.diags[0].file : "", r.n_diags ? r.diags[0].line : 0,
			 r.n_diags ? r.diags[0].msg : "");
	assert_int_equal(r.n_diags, 0);
	assert_string_equal(lib->origin, "built-in");
	assert_int_equal(strlen(lib->hash), 64);
	fw = lib_framework_get(lib, "nist-csf-2.0");
	assert_non_null(fw);
	assert_string_equal(fw->version, "2.0");
	assert_int_equal(fw->n_levels, 3);
	assert_int_equal(fw->level_counts[0], 6);
	assert_int_equal(fw->level_counts[1], 22);
	assert_int_equal(fw->level_counts[2], 106);
	assert_int_equal(fw->n_assessable, 106);
	assert_true(fw->ships_text);
	assert_int_equal(fw->kind, LIB_KIND_FRAMEWORK);

	/* The tree is consistent: parents one level up, children listed back. */
	c = lib_control_get(fw, "PR.AA-03");
	assert_non_null(c);
	assert_string_equal(c->parent->id, "PR.AA");
	assert_string_equal(c->parent->parent->id, "PR");
	assert_null(c->parent->parent->parent);
	assert_true(c->assessable);
	assert_false(c->parent->assessable);
	assert_string_equal(c->text, "Users, services, and hardware are authenticated");
	for (size_t i = 0; i < fw->n_controls; i++) {
		const struct lib_control *x = &fw->controls[i];
		size_t k;
		bool found = x->parent == NULL;

		assert_ptr_equal(x->framework, fw);
		assert_ptr_equal(lib_control_get(fw, x->id), x);
		if (x->parent) {
			assert_int_equal(x->parent->level + 1, x->level);
			for (k = 0; k < x->parent->n_children; k++)
				found |= x->parent->children[k] == x;
		}
		assert_true(found);
	}

	/* Safeguards: each mapped somewhere, every mapping listed back on its control. */
	assert_true(lib->n_safeguards >= 100);
	assert_true(lib->n_mappings >= 1000);
	for (size_t i = 0; i < lib->n_safeguards; i++) {
		const struct lib_safeguard *sg = &lib->safeguards[i];

		assert_ptr_equal(lib_safeguard_get(lib, sg->id), sg);
		assert_true(sg->n_mappings >= 1);
		assert_true(sg->n_evidence >= 1);
		assert_non_null(sg->category);
		for (size_t k = 0; k < sg->n_mappings; k++) {
			const struct lib_control *mc = sg->mappings[k].control;
			bool back = false;

			/* Mappings reach scored controls, and HIPAA standards,
			 * which are requirements even where not scored. */
			if (!mc->assessable && strcmp(mc->framework->id, "hipaa-security") != 0)
				fail_msg("%s maps to %s %s, which is not assessed", sg->id,
					 mc->framework->id, mc->id);
			for (size_t j = 0; j < mc->n_mapped_by; j++)
				back |= mc->mapped_by[j] == &sg->mappings[k];
			assert_true(back);
		}
		if (i > 0)
			assert_true(strcmp(lib->safeguards[i - 1].id, sg->id) < 0);
	}
	assert_non_null(lib_safeguard_get(lib, "mfa-remote-access"));
	assert_null(lib_safeguard_get(lib, "no-such-safeguard"));
	assert_null(lib_framework_get(lib, "nist-csf-1.1"));
	lib_report_free(&r);
	lib_free(lib);
}

/* Every CSF 2.0 function, category and subcategory in NIST's list is in the
 * library with NIST's text, at the right level and under the right parent;
 * and nothing else is. */
static void
test_csf_matches_reference(void **state)
{
	struct test_csv csv;
	struct library *lib;
	const struct lib_framework *fw;
	int c_id, c_level, c_function, c_category, c_title, c_text;
	size_t i, rows = 0;

	(void)state;
	if (test_csv_read(PRUDENT_SHARED_DIR "/reference/nist-csf-2.0/csf-2.0-core.csv", &csv) < 2)
		fail_msg("cannot read the reference list in " PRUDENT_SHARED_DIR
			 "/reference: the tests need the shared folder beside the checkout "
			 "(or -DPRUDENT_SHARED_DIR=...)");
	c_id = test_csv_column(&csv, "id");
	c_level = test_csv_column(&csv, "level");
	c_function = test_csv_column(&csv, "function");
	c_category = test_csv_column(&csv, "category");
	c_title = test_csv_column(&csv, "title");
	c_text = test_csv_column(&csv, "text");
	assert_true(c_id >= 0 && c_level >= 0 && c_function >= 0 && c_category >= 0 &&
		    c_title >= 0 && c_text >= 0);
	assert_int_equal(lib_load_builtin(&lib, NULL, NULL), 0);
	fw = lib_framework_get(lib, "nist-csf-2.0");
	for (i = 1; i < csv.n_rows; i++) {
		char **row = csv.rows[i];
		const struct lib_control *c = lib_control_get(fw, row[c_id]);
		const char *parent = *row[c_category] ? row[c_category] : row[c_function];

		if (!c)
			fail_msg("CSF 2.0 %s is missing from the library", row[c_id]);
		assert_string_equal(fw->levels[c->level], row[c_level]);
		assert_string_equal(c->text, row[c_text]);
		if (*row[c_title])
			assert_string_equal(c->title, row[c_title]);
		else
			assert_null(c->title);
		if (*parent)
			assert_string_equal(c->parent->id, parent);
		else
			assert_null(c->parent);
		rows++;
	}
	assert_int_equal(rows, 134);
	assert_int_equal(fw->n_controls, rows);
	lib_free(lib);
	test_csv_free(&csv);
}

/* ----------------------------------------- loading small libraries */

static const char manifest[] =
	"version: \"t1\"\ncategories:\n  - {id: identity, name: Identity}\n";

static const char framework[] =
	"id: fw\n"                                         /* 1 */
	"name: Test framework\n"                           /* 2 */
	"version: \"1.0\"\n"                               /* 3 */
	"published: 2024-02-29\n"                          /* 4 */
	"publisher: Tester\n"                              /* 5 */
	"kind: regulation\n"                               /* 6 */
	"license: {ships_text: false, terms: IDs only.}\n" /* 7 */
	"source: https://example.org/fw\n"                 /* 8 */
	"levels: [standard, specification]\n"              /* 9 */
	"assessable: [specification]\n"                    /* 10 */
	"attributes:\n"                                    /* 11 */
	"  - {name: required, type: boolean}\n"            /* 12 */
	"  - {name: points, type: integer, min: 1, max: 5}\n"
	"  - {name: status, type: enum, values: [required, addressable]}\n"
	"  - {name: saq, type: list, values: [A, B, D]}\n"
	"  - {name: note, type: string}\n"
	"controls:\n"
	"  - id: S1\n"
	"    title: Standard one\n"
	"    controls:\n"
	"      - id: S1(a)\n"
	"        description: Our own words.\n"
	"        attributes: {required: true, points: 5, status: addressable, saq: [A, D], note: x}\n"
	"      - id: S1(b)\n"
	"        title: Second\n"
	"  - id: S2\n"
	"    title: A standard assessed on its own\n"
	"    level: specification\n";

static const char safeguard[] =
	"id: sg\nname: A safeguard\nplain: Do the thing. It helps.\ntechnical: Details.\n"
	"category: identity\ndefault_owner: shared\nburden: high\n"
	"evidence: [A screenshot]\n"
	"mappings:\n"
	"  - {framework: fw, control: S1(a), relationship: equal}\n"
	"  - {framework: fw, control: S2, relationship: intersects, note: Partly.}\n"
	"risk: Things could go wrong.\n";

/* Load the three files above with one replaced (name NULL: none replaced). */
static int
load_with(const char *name, const char *data, struct library **lib, struct lib_report *r)
{
	struct named_file files[4] = {
		{"library.yaml", manifest, sizeof(manifest) - 1},
		{"frameworks/fw.yaml", framework, sizeof(framework) - 1},
		{"safeguards/sg.yaml", safeguard, sizeof(safeguard) - 1},
		{NULL, NULL, 0},
	};
	size_t n = 3, i;

	if (name) {
		for (i = 0; i < 3 && strcmp(files[i].name, name) != 0; i++)
			;
		if (i == 3)
			n = 4; /* an extra file */
		files[i].name = name;
		files[i].data = data;
		files[i].len = strlen(data);
	}
	return lib_load_files(files, n, "test", lib, r, NULL);
}

/* Expect the load to fail with a problem at file:line whose message contains
 * text. */
static void
expect_problem(const char *name, const char *data, const char *file, int line, const char *text)
{
	struct lib_report r = {0};
	struct library *lib = NULL;
	size_t i;

	assert_int_equal(load_with(name, data, &lib, &r), ERR_INPUT);
	assert_null(lib);
	for (i = 0; i < r.n_diags; i++)
		if (strcmp(r.diags[i].file, file) == 0 && r.diags[i].line == line &&
		    strstr(r.diags[i].msg, text))
			break;
	if (i == r.n_diags) {
		for (i = 0; i < r.n_diags; i++)
			print_error("  got %s:%d: %s\n", r.diags[i].file, r.diags[i].line, r.diags[i].msg);
		fail_msg("expected %s:%d: ...%s...", file, line, text);
	}
	lib_report_free(&r);
}

static void
test_valid_small_library(void **state)
{
	struct library *lib = NULL;
	struct lib_report r = {0};
	const struct lib_framework *fw;
	const struct lib_control *c;
	const struct lib_attr *a;

	(void)state;
	assert_int_equal(load_with(NULL, NULL, &lib, &r), 0);
	assert_int_equal(r.n_diags, 0);
	assert_string_equal(lib->version, "t1");
	fw = lib_framework_get(lib, "fw");
	assert_int_equal(fw->kind, LIB_KIND_REGULATION);
	assert_false(fw->ships_text);
	assert_int_equal(fw->n_controls, 4);
	assert_int_equal(fw->level_counts[0], 1);
	assert_int_equal(fw->level_counts[1], 3);
	assert_int_equal(fw->n_assessable, 3);
	c = lib_control_get(fw, "S2");
	assert_string_equal(fw->levels[c->level], "specification");
	assert_null(c->parent);
	c = lib_control_get(fw, "S1(a)");
	assert_string_equal(c->description, "Our own words.");
	assert_int_equal(c->line, 21);
	assert_true(lib_control_attr(c, "required")->boolean);
	assert_int_equal(lib_control_attr(c, "points")->integer, 5);
	assert_string_equal(lib_control_attr(c, "status")->string, "addressable");
	a = lib_control_attr(c, "saq");
	assert_int_equal(a->n_items, 2);
	assert_string_equal(a->items[1], "D");
	assert_null(lib_control_attr(lib_control_get(fw, "S1(b)"), "points"));
	assert_int_equal(c->n_mapped_by, 1);
	assert_int_equal(c->mapped_by[0]->relationship, LIB_REL_EQUAL);
	assert_int_equal(lib->n_mappings, 2);
	assert_string_equal(lib_safeguard_get(lib, "sg")->mappings[1].note, "Partly.");
	assert_int_equal(lib_safeguard_get(lib, "sg")->default_owner, LIB_OWNER_SHARED);
	assert_string_equal(lib_safeguard_get(lib, "sg")->risk, "Things could go wrong.");
	lib_free(lib);
	lib_report_free(&r);
}

static void
test_each_kind_of_problem(void **state)
{
	(void)state;
	/* Syntax. */
	expect_problem("safeguards/sg.yaml", "id: sg\nname: [unclosed\n", "safeguards/sg.yaml", 3,
		       "YAML syntax");
	expect_problem("safeguards/sg.yaml", "id: sg\nid: again\n", "safeguards/sg.yaml", 2,
		       "YAML syntax");
	expect_problem("safeguards/sg.yaml", "", "safeguards/sg.yaml", 0, "the file is empty");
	/* Unknown framework, missing control, unknown relationship. */
	expect_problem("safeguards/sg.yaml",
		       "id: sg\nname: N\nplain: P.\ntechnical: T.\ncategory: identity\n"
		       "default_owner: msp\nburden: low\nevidence: [E]\nmappings:\n"
		       "  - {framework: nope, control: S1, relationship: equal}\n"
		       "  - {framework: fw, control: S9, relationship: equal}\n"
		       "  - {framework: fw, control: S2, relationship: similar}\n"
		       "  - {framework: fw, control: S2, relationship: subset}\n"
		       "  - {framework: fw, control: S2, relationship: superset}\n",
		       "safeguards/sg.yaml", 10, "unknown framework 'nope'");
	expect_problem("safeguards/sg.yaml",
		       "id: sg\nname: N\nplain: P.\ntechnical: T.\ncategory: identity\n"
		       "default_owner: msp\nburden: low\nevidence: [E]\nmappings:\n"
		       "  - {framework: fw, control: S9, relationship: equal}\n",
		       "safeguards/sg.yaml", 10, "control 'S9', which fw does not have");
	expect_problem("safeguards/sg.yaml",
		       "id: sg\nname: N\nplain: P.\ntechnical: T.\ncategory: identity\n"
		       "default_owner: msp\nburden: low\nevidence: [E]\nmappings:\n"
		       "  - {framework: fw, control: S2, relationship: similar}\n",
		       "safeguards/sg.yaml", 10, "'relationship' is 'similar'");
	expect_problem("safeguards/sg.yaml",
		       "id: sg\nname: N\nplain: P.\ntechnical: T.\ncategory: identity\n"
		       "default_owner: msp\nburden: low\nevidence: [E]\nmappings:\n"
		       "  - {framework: fw, control: S2, relationship: subset}\n"
		       "  - {framework: fw, control: S2, relationship: superset}\n",
		       "safeguards/sg.yaml", 11, "mapped to fw S2 twice");
	/* Missing required fields and wrong types. */
	expect_problem("safeguards/sg.yaml", "id: sg\nname: N\n", "safeguards/sg.yaml", 1,
		       "missing the required key 'plain'");
	expect_problem("safeguards/sg.yaml",
		       "id: sg\nname: {a: b}\nplain: P.\ntechnical: T.\ncategory: identity\n"
		       "default_owner: msp\nburden: low\nevidence: [E]\nmappings: []\n",
		       "safeguards/sg.yaml", 2, "'name' must be text, not a mapping");
	expect_problem("safeguards/sg.yaml",
		       "id: sg\nname: N\nplain: P.\ntechnical: T.\ncategory: identity\n"
		       "default_owner: msp\nburden: low\nevidence: [E]\nmappings: []\nextra: 1\n",
		       "safeguards/sg.yaml", 10, "unknown key 'extra'");
	expect_problem("safeguards/sg.yaml",
		       "id: sg\nname: ~\nplain: P.\ntechnical: T.\ncategory: identity\n"
		       "default_owner: msp\nburden: low\nevidence: [E]\nmappings: []\n",
		       "safeguards/sg.yaml", 2, "'name' has no value");
	expect_problem("safeguards/sg.yaml", "- a\n- list\n", "safeguards/sg.yaml", 1,
		       "must be a mapping of keys to values, not a list");
	/* Frameworks: duplicate IDs, bad attribute values, the license. */
	expect_problem("frameworks/fw.yaml",
		       "id: fw\nname: N\nversion: \"1\"\npublished: 2024-01-01\npublisher: P\n"
		       "kind: framework\nlicense: {ships_text: false, terms: T.}\n"
		       "source: https://x.org\nlevels: [l]\nassessable: l\ncontrols:\n"
		       "  - {id: A, title: One}\n  - {id: A, title: Two}\n",
		       "frameworks/fw.yaml", 13, "duplicate control ID 'A' in fw (first at line 12)");
	expect_problem("frameworks/fw.yaml",
		       "id: fw\nname: N\nversion: \"1\"\npublished: 2024-01-01\npublisher: P\n"
		       "kind: framework\nlicense: {ships_text: false, terms: T.}\n"
		       "source: https://x.org\nlevels: [l]\nassessable: l\ncontrols:\n"
		       "  - {id: A, text: Copyrighted words.}\n",
		       "frameworks/fw.yaml", 12, "lets us ship only IDs");
	expect_problem("frameworks/fw.yaml",
		       "id: fw\nname: N\nversion: \"1\"\npublished: 2024-01-01\npublisher: P\n"
		       "kind: framework\nlicense: {ships_text: true, terms: T.}\n"
		       "source: https://x.org\nlevels: [l]\nassessable: l\n"
		       "attributes: [{name: n, type: integer}, {name: s, type: enum, values: [x]}]\n"
		       "controls:\n"
		       "  - {id: A, title: One, attributes: {n: twelve}}\n"
		       "  - {id: B, title: Two, attributes: {s: y}}\n",
		       "frameworks/fw.yaml", 13, "'n' must be a whole number");
	expect_problem("frameworks/fw.yaml",
		       "id: fw\nname: N\nversion: \"1\"\npublished: 2024-01-01\npublisher: P\n"
		       "kind: framework\nlicense: {ships_text: true, terms: T.}\n"
		       "source: https://x.org\nlevels: [l]\nassessable: l\n"
		       "attributes: [{name: s, type: enum, values: [x]}]\n"
		       "controls:\n"
		       "  - {id: B, title: Two, attributes: {s: y}}\n",
		       "frameworks/fw.yaml", 13, "not one of its declared values");
	expect_problem("frameworks/fw.yaml",
		       "id: other\nname: N\nversion: \"1\"\npublished: 2024-01-01\npublisher: P\n"
		       "kind: framework\nlicense: {ships_text: true, terms: T.}\n"
		       "source: https://x.org\nlevels: [l]\nassessable: l\ncontrols: [{id: A, title: T}]\n",
		       "frameworks/fw.yaml", 1, "must match its file name");
	expect_problem("frameworks/fw.yaml",
		       "id: fw\nname: N\nversion: \"1\"\npublished: 2024-01-01\npublisher: P\n"
		       "kind: framework\nlicense: {ships_text: true, terms: T.}\n"
		       "source: https://x.org\nlevels: [l]\nassessable: m\ncontrols: [{id: A, title: T}]\n",
		       "frameworks/fw.yaml", 10, "'assessable' names 'm'");
	expect_problem("frameworks/fw.yaml",
		       "id: fw\nname: N\nversion: \"1\"\npublished: 2024-01-01\npublisher: P\n"
		       "kind: framework\nlicense: {ships_text: true, terms: T.}\n"
		       "source: https://x.org\nlevels: [l]\nassessable: l\n"
		       "controls: [{id: has space, title: T}]\n",
		       "frameworks/fw.yaml", 11, "printable ASCII without spaces");
	/* The manifest. */
	expect_problem("library.yaml", "categories: []\n", "library.yaml", 1,
		       "missing the required key 'version'");
	expect_problem("library.yml", manifest, "library.yml", 0, "a second manifest");
}

static void
test_hostile_input(void **state)
{
	struct lib_report r = {0};
	struct library *lib = NULL;
	struct str big = STR_INIT;
	size_t i;

	(void)state;
	/* Aliases are refused, so a "billion laughs" file cannot expand. */
	expect_problem("safeguards/sg.yaml",
		       "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
		       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nid: sg\n",
		       "safeguards/sg.yaml", 1, "unknown key 'a'");
	/* Invalid UTF-8 in a value. */
	expect_problem("safeguards/sg.yaml",
		       "id: sg\nname: \"caf\xe9\"\nplain: P.\ntechnical: T.\ncategory: identity\n"
		       "default_owner: msp\nburden: low\nevidence: [E]\nmappings: []\n",
		       "safeguards/sg.yaml", 2, "not valid UTF-8");
	/* Invalid UTF-8 in a comment, which once made libfyaml spin (the input
	 * fuzz_library found is kept in its corpus). */
	expect_problem("safeguards/sg.yaml", "id: sg\n\n# \xff\xfe\nname: x\n",
		       "safeguards/sg.yaml", 3, "not valid UTF-8");
	/* Deep nesting: a syntax problem or a type problem, never a crash. */
	for (i = 0; i < 5000; i++)
		str_putc(&big, '[');
	expect_problem("safeguards/sg.yaml", str_cstr(&big), "safeguards/sg.yaml", 1, "");
	str_clear(&big);
	str_puts(&big, "id: sg\nname: \"");
	for (i = 0; i < 100000; i++)
		str_puts(&big, "long ");
	str_puts(&big, "\"\n");
	expect_problem("safeguards/sg.yaml", str_cstr(&big), "safeguards/sg.yaml", 2,
		       "the limit is 200");
	/* More problems than the report keeps: counted, not lost. */
	str_clear(&big);
	str_puts(&big, "id: fw\nname: N\nversion: \"1\"\npublished: 2024-01-01\npublisher: P\n"
		 "kind: framework\nlicense: {ships_text: true, terms: T.}\n"
		 "source: https://x.org\nlevels: [l]\nassessable: l\ncontrols:\n");
	for (i = 0; i < 1500; i++)
		str_appendf(&big, "  - {id: X, title: T}\n");
	assert_int_equal(load_with("frameworks/fw.yaml", str_cstr(&big), &lib, &r), ERR_INPUT);
	assert_int_equal(r.n_diags, LIB_MAX_DIAGS);
	assert_true(r.n_dropped >= 499 - 10);
	lib_report_free(&r);
	str_free(&big);
	/* A NUL inside a file. */
	{
		static const char with_nul[] = "id: sg\0name: x\n";
		struct named_file files[] = {{"library.yaml", manifest, sizeof(manifest) - 1},
					     {"safeguards/sg.yaml", with_nul, sizeof(with_nul) - 1}};

		assert_int_equal(lib_load_files(files, 2, "t", &lib, &r, NULL), ERR_INPUT);
		assert_non_null(strstr(r.diags[0].msg, "NUL"));
		lib_report_free(&r);
	}
	/* No manifest at all. */
	{
		struct named_file files[] = {{"frameworks/fw.yaml", framework, sizeof(framework) - 1}};

		assert_int_equal(lib_load_files(files, 1, "t", &lib, &r, NULL), ERR_INPUT);
		assert_non_null(strstr(r.diags[r.n_diags - 1].msg, "no manifest"));
		lib_report_free(&r);
	}
}

static void
test_hash_is_stable_and_sensitive(void **state)
{
	struct library *a, *b, *c;
	char changed[sizeof(safeguard)];

	(void)state;
	assert_int_equal(load_with(NULL, NULL, &a, NULL), 0);
	assert_int_equal(load_with(NULL, NULL, &b, NULL), 0);
	assert_string_equal(a->hash, b->hash);
	memcpy(changed, safeguard, sizeof(safeguard));
	*strstr(changed, "helps") = 'H';
	assert_int_equal(load_with("safeguards/sg.yaml", changed, &c, NULL), 0);
	assert_string_not_equal(a->hash, c->hash);
	lib_free(a);
	lib_free(b);
	lib_free(c);
}

/* A second framework, a crosswalk linking it to fw, and a mapping file. */
static const char framework2[] =
	"id: fw2\nname: Second\nversion: \"2\"\npublished: 2024-01-01\npublisher: P\n"
	"kind: framework\nlicense: {ships_text: true, terms: T.}\nsource: https://x.org\n"
	"levels: [req]\nassessable: req\n"
	"controls:\n  - {id: R1, title: One}\n  - {id: R2, title: Two}\n  - {id: R3, title: Three}\n";
static const char crosswalk[] =
	"from: fw2\nto: fw\nsource: https://x.org/map\nmappings:\n"
	"  - {from: R1, to: S1(a), relationship: equal}\n"
	"  - {from: R3, to: S2, relationship: subset}\n";
static const char mapping_file[] =
	"framework: fw\nmappings:\n"
	"  - {safeguard: sg, control: S1(b), relationship: superset}\n";

static int
load_linked(const char *name, const char *data, struct library **lib, struct lib_report *r)
{
	struct named_file files[] = {
		{"library.yaml", manifest, sizeof(manifest) - 1},
		{"frameworks/fw.yaml", framework, sizeof(framework) - 1},
		{"frameworks/fw2.yaml", framework2, sizeof(framework2) - 1},
		{"safeguards/sg.yaml", safeguard, sizeof(safeguard) - 1},
		{"mappings/fw2--fw.yaml", crosswalk, sizeof(crosswalk) - 1},
		{"mappings/fw.yaml", mapping_file, sizeof(mapping_file) - 1},
	};

	for (size_t i = 0; name && i < ARRAY_LEN(files); i++)
		if (strcmp(files[i].name, name) == 0) {
			files[i].data = data;
			files[i].len = strlen(data);
		}
	return lib_load_files(files, ARRAY_LEN(files), "test", lib, r, NULL);
}

static void
test_mapping_files_and_crosswalks(void **state)
{
	struct lib_report r = {0};
	struct library *lib = NULL;
	const struct lib_framework *fw, *fw2;
	const struct lib_safeguard *sg;
	const struct lib_pair *pairs;
	struct arena *a = arena_new();
	struct lib_coverage cov;
	size_t n;

	(void)state;
	assert_int_equal(load_linked(NULL, NULL, &lib, &r), 0);
	fw = lib_framework_get(lib, "fw");
	fw2 = lib_framework_get(lib, "fw2");
	sg = lib_safeguard_get(lib, "sg");
	/* Direct mappings from both places, sorted by framework and control. */
	assert_int_equal(lib->n_mappings, 3);
	assert_int_equal(sg->n_mappings, 3);
	assert_string_equal(sg->mappings[0].control->id, "S1(a)");
	assert_string_equal(sg->mappings[1].control->id, "S1(b)");
	assert_string_equal(sg->mappings[1].file, "mappings/fw.yaml");
	assert_string_equal(sg->mappings[2].control->id, "S2");
	/* The equal link carries S1(a)'s mapping to fw2 R1; the subset link
	 * carries nothing. */
	assert_int_equal(lib->n_links, 2);
	assert_int_equal(lib->n_derived_mappings, 1);
	assert_int_equal(lib_control_get(fw2, "R1")->n_mapped_by, 1);
	assert_ptr_equal(lib_control_get(fw2, "R1")->mapped_by[0]->via, &lib->links[0]);
	assert_int_equal(lib_control_get(fw2, "R1")->mapped_by[0]->relationship, LIB_REL_EQUAL);
	assert_int_equal(lib_control_get(fw2, "R3")->n_mapped_by, 0);
	lib_coverage(fw2, a, &cov);
	assert_int_equal(cov.assessable, 3);
	assert_int_equal(cov.mapped, 1);
	assert_int_equal(cov.n_unmapped, 2);
	assert_string_equal(cov.unmapped[0]->id, "R2");

	/* Crosswalk fw2 -> fw: through sg, R1 (equal to sg's S1(a) mapping)
	 * relates to S1(a) as equal, to S1(b) as superset (equal then superset),
	 * to S2 as intersects; R3 -> S2 comes from the published link. */
	n = lib_crosswalk(lib, fw2, fw, a, &pairs);
	assert_int_equal(n, 4);
	assert_string_equal(pairs[0].from->id, "R1");
	assert_string_equal(pairs[0].to->id, "S1(a)");
	assert_int_equal(pairs[0].relationship, LIB_REL_EQUAL);
	assert_non_null(pairs[0].link);
	assert_int_equal(pairs[0].n_via, 1);
	assert_string_equal(pairs[1].to->id, "S1(b)");
	assert_int_equal(pairs[1].relationship, LIB_REL_SUPERSET);
	assert_null(pairs[1].link);
	assert_string_equal(pairs[2].to->id, "S2");
	assert_int_equal(pairs[2].relationship, LIB_REL_INTERSECTS);
	assert_string_equal(pairs[3].from->id, "R3");
	assert_int_equal(pairs[3].relationship, LIB_REL_SUBSET);
	assert_int_equal(pairs[3].n_via, 0);
	/* The other way round, relationships are inverted. */
	n = lib_crosswalk(lib, fw, fw2, a, &pairs);
	assert_int_equal(n, 4);
	assert_string_equal(pairs[1].from->id, "S1(b)");
	assert_int_equal(pairs[1].relationship, LIB_REL_SUBSET);
	arena_free(a);
	lib_free(lib);
	lib_report_free(&r);

	/* Problems in mapping and crosswalk files, with their lines. */
	assert_int_equal(load_linked("mappings/fw.yaml",
				     "framework: fw\nmappings:\n"
				     "  - {safeguard: nope, control: S2, relationship: equal}\n"
				     "  - {safeguard: sg, control: S9, relationship: equal}\n"
				     "  - {safeguard: sg, control: S1(a), relationship: equal}\n",
				     &lib, &r), ERR_INPUT);
	assert_int_equal(r.n_diags, 3);
	assert_int_equal(r.diags[0].line, 3);
	assert_non_null(strstr(r.diags[0].msg, "unknown safeguard 'nope'"));
	assert_int_equal(r.diags[1].line, 4);
	assert_non_null(strstr(r.diags[1].msg, "control 'S9', which fw does not have"));
	assert_int_equal(r.diags[2].line, 5);
	assert_non_null(strstr(r.diags[2].msg, "mapped to fw S1(a) twice (first at safeguards/sg.yaml:"));
	lib_report_free(&r);
	assert_int_equal(load_linked("mappings/fw2--fw.yaml",
				     "from: fw2\nto: fw\nmappings: []\n", &lib, &r), ERR_INPUT);
	assert_non_null(strstr(r.diags[0].msg, "missing the required key 'source'"));
	lib_report_free(&r);
	assert_int_equal(load_linked("mappings/fw2--fw.yaml",
				     "from: fw2\nto: fw\nsource: s\nmappings:\n"
				     "  - {from: R9, to: S2, relationship: equal}\n", &lib, &r), ERR_INPUT);
	assert_int_equal(r.diags[0].line, 5);
	assert_non_null(strstr(r.diags[0].msg, "control 'R9', which fw2 does not have"));
	lib_report_free(&r);
	assert_int_equal(load_linked("mappings/fw.yaml", "framework: zz\nmappings: []\n", &lib, &r),
			 ERR_INPUT);
	assert_non_null(strstr(r.diags[0].msg, "mapping file for unknown framework 'zz'"));
	lib_report_free(&r);
}

static void
test_relationship_algebra(void **state)
{
	(void)state;
	for (int x = 0; x < LIB_REL__MAX; x++) {
		assert_int_equal(lib_rel_compose(LIB_REL_EQUAL, (enum lib_rel)x), x);
		assert_int_equal(lib_rel_compose((enum lib_rel)x, LIB_REL_EQUAL), x);
		assert_int_equal(lib_rel_compose(LIB_REL_INTERSECTS, (enum lib_rel)x),
				 x == LIB_REL_EQUAL ? LIB_REL_INTERSECTS : LIB_REL_INTERSECTS);
		assert_int_equal(lib_rel_inverse(lib_rel_inverse((enum lib_rel)x)), x);
	}
	assert_int_equal(lib_rel_compose(LIB_REL_SUBSET, LIB_REL_SUBSET), LIB_REL_SUBSET);
	assert_int_equal(lib_rel_compose(LIB_REL_SUPERSET, LIB_REL_SUPERSET), LIB_REL_SUPERSET);
	assert_int_equal(lib_rel_compose(LIB_REL_SUBSET, LIB_REL_SUPERSET), LIB_REL_INTERSECTS);
	assert_int_equal(lib_rel_compose(LIB_REL_SUPERSET, LIB_REL_SUBSET), LIB_REL_INTERSECTS);
	assert_int_equal(lib_rel_inverse(LIB_REL_SUBSET), LIB_REL_SUPERSET);
	assert_int_equal(lib_rel_inverse(LIB_REL_EQUAL), LIB_REL_EQUAL);
}

static void
write_file(const char *dir, const char *name, const char *data)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_int_equal(file_write_atomic(path, data, strlen(data), NULL), 0);
}

static void
test_load_dir(void **state)
{
	char *dir = test_tmpdir();
	char sub[1024];
	struct library *lib = NULL;
	struct lib_report r = {0};
	struct err e = {0};

	(void)state;
	write_file(dir, "library.yaml", manifest);
	snprintf(sub, sizeof(sub), "%s/frameworks", dir);
	mkdir(sub, 0755);
	snprintf(sub, sizeof(sub), "%s/safeguards", dir);
	mkdir(sub, 0755);
	write_file(dir, "frameworks/fw.yml", framework);
	write_file(dir, "safeguards/sg.yaml", safeguard);
	/* Ignored: hidden files, other extensions, folders this loader does not read. */
	write_file(dir, "safeguards/.hidden.yaml", "not: [valid");
	write_file(dir, "safeguards/README.md", "# notes");
	assert_int_equal(lib_load_dir(dir, &lib, &r, &e), 0);
	assert_int_equal(lib->n_frameworks, 1);
	assert_int_equal(lib->n_safeguards, 1);
	assert_string_equal(lib->origin, dir);
	lib_free(lib);

	assert_int_equal(lib_load_dir("/nonexistent/library", &lib, &r, &e), ERR_NOTFOUND);
	assert_non_null(strstr(e.msg, "no library directory"));

	/* A file over the size limit is refused before it is parsed. */
	{
		char path[1024];
		FILE *fp;

		snprintf(path, sizeof(path), "%s/safeguards/huge.yaml", dir);
		fp = fopen(path, "w");
		assert_non_null(fp);
		assert_int_equal(fseek(fp, LIB_MAX_FILE_SIZE, SEEK_SET), 0);
		fputc('x', fp);
		fclose(fp);
		assert_int_equal(lib_load_dir(dir, &lib, &r, &e), ERR_INPUT);
		assert_non_null(strstr(e.msg, "larger than the limit"));
	}
	lib_report_free(&r);
	test_rmtree(dir);
	free(dir);
}

/* Replace the first `from` in buf (of size cap) with `to`. */
static void
replace_in(char *buf, size_t cap, const char *from, const char *to)
{
	char *at = strstr(buf, from);
	size_t nf = strlen(from), nt = strlen(to);

	assert_non_null(at);
	assert_true(strlen(buf) - nf + nt < cap);
	memmove(at + nt, at + nf, strlen(at + nf) + 1);
	memcpy(at, to, nt);
}

static const char clause[] =
	"id: c1\n"                                                    /* 1 */
	"title: A clause\n"                                           /* 2 */
	"part: assumption_of_risk\n"                                  /* 3 */
	"order: 5\n"                                                  /* 4 */
	"initials: true\n"                                            /* 5 */
	"when: {any: [{framework: fw}, {not: {declined: true}}]}\n"   /* 6 */
	"versions:\n"                                                 /* 7 */
	"  - version: 1\n"                                            /* 8 */
	"    legal: \"Old {{name}}.\"\n"                              /* 9 */
	"    plain: \"Old.\"\n"                                       /* 10 */
	"  - version: 2\n"                                            /* 11 */
	"    legal: |\n"                                              /* 12 */
	"      The {{#items}}{{name}} {{/items}}.\n"                  /* 13 */
	"    plain: \"New.\"\n";                                      /* 14 */

static void
test_clauses(void **state)
{
	struct library *lib = NULL;
	struct lib_report r = {0};
	const struct lib_clause *cl;
	const struct lib_framework *fws[1];
	struct lib_clause_facts f = {0};
	char bad[sizeof(clause) + 64];

	(void)state;
	assert_int_equal(load_with("clauses/c1.yaml", clause, &lib, &r), 0);
	assert_int_equal(lib->n_clauses, 1);
	cl = lib_clause_get(lib, "c1");
	assert_non_null(cl);
	assert_int_equal(cl->part, LIB_PART_RISK);
	assert_true(cl->initials);
	assert_int_equal(cl->n_versions, 2);
	assert_int_equal(lib_clause_version(cl, 0)->version, 2);
	assert_string_equal(lib_clause_version(cl, 1)->legal, "Old {{name}}.");
	assert_null(lib_clause_version(cl, 3));
	/* any(framework fw, not(declined)) */
	assert_true(lib_clause_cond_holds(cl->when, &f));
	f.declined = true;
	assert_false(lib_clause_cond_holds(cl->when, &f));
	fws[0] = lib_framework_get(lib, "fw");
	f.frameworks = fws;
	f.n_frameworks = 1;
	assert_true(lib_clause_cond_holds(cl->when, &f));
	assert_true(lib_clause_cond_holds(NULL, &f));
	assert_null(lib_clause_get(lib, "c2"));
	lib_free(lib);
	lib_report_free(&r);

#define CLAUSE_WITH(from, to) \
	(snprintf(bad, sizeof(bad), "%s", clause), replace_in(bad, sizeof(bad), from, to), bad)
	expect_problem("clauses/c2.yaml", clause, "clauses/c2.yaml", 1, "must match its file name");
	expect_problem("clauses/c1.yaml", CLAUSE_WITH("assumption_of_risk", "risk"),
		       "clauses/c1.yaml", 3, "part");
	expect_problem("clauses/c1.yaml", CLAUSE_WITH("framework: fw", "framework: nope"),
		       "clauses/c1.yaml", 6, "unknown framework 'nope'");
	expect_problem("clauses/c1.yaml", CLAUSE_WITH("{declined: true}", "{declined: false}"),
		       "clauses/c1.yaml", 6, "takes true");
	expect_problem("clauses/c1.yaml", CLAUSE_WITH("{not:", "{maybe:"), "clauses/c1.yaml", 6,
		       "unknown clause condition 'maybe'");
	expect_problem("clauses/c1.yaml", CLAUSE_WITH("version: 2", "version: 3"),
		       "clauses/c1.yaml", 11, "version 3 where 2 was expected");
	expect_problem("clauses/c1.yaml", CLAUSE_WITH("{{/items}}", "{{/other}}"),
		       "clauses/c1.yaml", 13, "'legal' is not a valid template");
	expect_problem("clauses/c1.yaml", CLAUSE_WITH("Old {{name}}", "Old {{name"),
		       "clauses/c1.yaml", 9, "not a valid template");
	expect_problem("clauses/c1.yaml", CLAUSE_WITH("    plain: \"New.\"\n", ""),
		       "clauses/c1.yaml", 11, "plain");
#undef CLAUSE_WITH
}

/* Every safeguard says, in at most two sentences, what may happen without it. */
static void
test_safeguard_risk(void **state)
{
	char bad[sizeof(safeguard) + 64];

	(void)state;
	snprintf(bad, sizeof(bad), "%s", safeguard);
	replace_in(bad, sizeof(bad), "risk: Things could go wrong.\n", "");
	expect_problem("safeguards/sg.yaml", bad, "safeguards/sg.yaml", 1,
		       "missing the required key 'risk'");
	snprintf(bad, sizeof(bad), "%s", safeguard);
	replace_in(bad, sizeof(bad), "could go wrong.", "could go wrong. Or not. Or so.");
	expect_problem("safeguards/sg.yaml", bad, "safeguards/sg.yaml", 12,
		       "'risk' must be two sentences at most");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_loads),
		cmocka_unit_test(test_csf_matches_reference),
		cmocka_unit_test(test_valid_small_library),
		cmocka_unit_test(test_each_kind_of_problem),
		cmocka_unit_test(test_hostile_input),
		cmocka_unit_test(test_hash_is_stable_and_sensitive),
		cmocka_unit_test(test_load_dir),
		cmocka_unit_test(test_mapping_files_and_crosswalks),
		cmocka_unit_test(test_relationship_algebra),
		cmocka_unit_test(test_clauses),
		cmocka_unit_test(test_safeguard_risk),
	};

	if (hash_init(NULL) < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
