/*
 * test_engine.c - the engine on a small library of its own: parsing answers
 * (JSON and YAML), checking them against the questionnaire, conditions, and
 * deriving obligations (merging, precedence, warnings, safe-harbor facts).
 */
#include <stdlib.h>

#include "support/support.h"
#include "engine/eng.h"

static const char manifest[] = "version: \"t\"\ncategories: []\n";

static const char fw_a[] =
	"id: fw-a\nname: Framework A\nversion: \"1\"\npublished: 2024-01-01\npublisher: P\n"
	"kind: regulation\nlicense: {ships_text: true, terms: T.}\nsource: https://x.org/a\n"
	"levels: [req]\nassessable: req\ncontrols: [{id: A-1, title: One}]\n";
static const char fw_b[] =
	"id: fw-b\nname: Framework B\nversion: \"1\"\npublished: 2024-01-01\npublisher: P\n"
	"kind: framework\nlicense: {ships_text: true, terms: T.}\nsource: https://x.org/b\n"
	"levels: [req]\nassessable: req\ncontrols: [{id: B-1, title: One}, {id: B-2, title: Two}]\n";

static const char questions[] =
	"questions:\n"
	"  - {id: name, type: text, prompt: Name?, why: To address you., required: true}\n"
	"  - {id: employees, type: number, prompt: Staff?, why: Size., min: 0, max: 100000}\n"
	"  - {id: states, type: us_states, prompt: States?, why: Laws., required: true}\n"
	"  - id: data\n    type: multi\n    prompt: Data?\n    why: Laws.\n    required: true\n"
	"    options: [{value: phi, label: Health}, {value: card, label: Cards}]\n"
	"  - id: cards.accepts\n    type: yesno\n    prompt: Cards?\n    why: PCI.\n    required: true\n"
	"  - id: cards.channels\n    type: multi\n    prompt: How?\n    why: SAQ.\n    required: true\n"
	"    options: [{value: web, label: Web}, {value: terminal, label: Terminal}]\n"
	"    when: {equals: [cards.accepts, true]}\n"
	"  - id: role\n    type: choice\n    prompt: Role?\n    why: HIPAA.\n"
	"    options: [{value: provider, label: Provider}, {value: none, label: None}]\n"
	"    when: {contains: [data, phi]}\n"
	"  - {id: opts, type: multi, prompt: Which?, why: Ins., options_from: fw-b}\n";

static const char rules[] =
	"rules:\n"
	"  - id: a-for-phi\n    when: {all: [{contains: [data, phi]}, {equals: [role, provider]}]}\n"
	"    obligations:\n      - {framework: fw-a, strength: must, variant: {role: provider},"
	" reason: Handles health data, citations: [Law A]}\n"
	"  - id: b-web\n    when: {contains: [cards.channels, web]}\n"
	"    obligations:\n      - {framework: fw-b, strength: must, variant: {saq: W}, precedence: 10,"
	" reason: Sells on the web, citations: [Std B, SAQ W]}\n"
	"  - id: b-terminal\n    when: {contains: [cards.channels, terminal]}\n"
	"    obligations:\n      - {framework: fw-b, strength: must, variant: {saq: T}, precedence: 20,"
	" reason: Uses a terminal, citations: [Std B, SAQ T]}\n"
	"  - id: floor\n    when: {answered: name}\n"
	"    obligations:\n      - {framework: fw-b, strength: should, reason: Our standard of care,"
	" citations: [Policy]}\n"
	"  - id: big\n    when: {not: {in: [employees, [1, 2, 3]]}}\n"
	"    obligations:\n      - {framework: fw-a, strength: should, reason: Not tiny, citations: [Policy]}\n"
	"warnings:\n"
	"  - {id: phi-none, when: {all: [{contains: [data, phi]}, {equals: [role, none]}]},"
	" message: Health data without a role}\n"
	"safe_harbor:\n"
	"  - {state: OH, statute: Act, citation: Code 1, frameworks_named: [fw-b],"
	" also_named: [Other], note: Information only.}\n";

static struct library *
load(const char *q, const char *r, struct lib_report *rep)
{
	struct named_file files[] = {
		{"library.yaml", manifest, sizeof(manifest) - 1},
		{"frameworks/fw-a.yaml", fw_a, sizeof(fw_a) - 1},
		{"frameworks/fw-b.yaml", fw_b, sizeof(fw_b) - 1},
		{"intake/questions.yaml", q, strlen(q)},
		{"rules/rules.yaml", r, strlen(r)},
	};
	struct library *lib = NULL;

	lib_load_files(files, ARRAY_LEN(files), "test", &lib, rep, NULL);
	return lib;
}

static struct library *lib;

static int
setup(void **state)
{
	struct lib_report r = {0};

	(void)state;
	hash_init(NULL);
	lib = load(questions, rules, &r);
	for (size_t i = 0; i < r.n_diags; i++)
		fprintf(stderr, "%s:%d: %s\n", r.diags[i].file, r.diags[i].line, r.diags[i].msg);
	lib_report_free(&r);
	return lib ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	lib_free(lib);
	return 0;
}

static json_t *
parse(const char *text)
{
	json_t *v = NULL;
	struct err e = {0};

	if (eng_answers_parse(text, strlen(text), &v, &e) < 0)
		fail_msg("parse: %s", e.msg);
	return v;
}

/* Check answers and expect exactly one problem containing text. */
static void
expect_problem(const char *answers, const char *text)
{
	struct arena *a = arena_new();
	struct eng_problems p;
	json_t *v = parse(answers);

	assert_int_equal(eng_profile_check(lib, v, a, &p), 1);
	if (!strstr(p.lines[0], text))
		fail_msg("expected a problem with '%s', got '%s'", text, p.lines[0]);
	json_decref(v);
	arena_free(a);
}

static void
test_library_loaded(void **state)
{
	(void)state;
	assert_int_equal(lib->n_questions, 8);
	assert_int_equal(lib->n_rules, 5);
	assert_int_equal(lib->n_warnings, 1);
	assert_int_equal(lib->n_safe_harbors, 1);
	assert_non_null(lib_question_get(lib, "cards.channels"));
	/* options_from: the assessable controls of fw-b. */
	assert_int_equal(lib_question_get(lib, "opts")->n_options, 2);
	assert_string_equal(lib_question_get(lib, "opts")->options[1].value, "B-2");
}

static void
test_parse(void **state)
{
	struct err e = {0};
	json_t *v, *y;

	(void)state;
	v = parse("{\"name\": \"A\", \"employees\": 3, \"cards\": {\"accepts\": false}}");
	y = parse("# YAML\nname: A\nemployees: 3\ncards:\n  accepts: false\n");
	assert_true(json_equal(v, y));
	json_decref(y);
	y = parse("name: \"3\"\nemployees: 3\nx: ~\n");
	assert_true(json_is_string(json_object_get(y, "name")));
	assert_true(json_is_integer(json_object_get(y, "employees")));
	assert_true(json_is_null(json_object_get(y, "x")));
	json_decref(y);
	json_decref(v);
	/* Refusals name the line. */
	assert_int_equal(eng_answers_parse("{\"a\": 1,\n \"a\": 2}", 18, &v, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "line 2"));
	assert_int_equal(eng_answers_parse("a: 1\na: 2\n", 10, &v, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "line 2"));
	assert_int_equal(eng_answers_parse("- a\n- b\n", 8, &v, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "object"));
	assert_int_equal(eng_answers_parse("  \n", 3, &v, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "empty"));
	assert_int_equal(eng_answers_parse("a: \"\xff\"\n", 7, &v, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "UTF-8"));
	assert_int_equal(eng_answers_parse("a: 1\0", 5, &v, &e), ERR_INPUT);
	assert_int_equal(eng_answers_parse("a: &x 1\nb: *x\n", 14, &v, &e), ERR_INPUT);
	assert_non_null(strstr(e.msg, "aliases"));
	{
		struct str deep = STR_INIT;

		for (int i = 0; i < 40; i++)
			str_puts(&deep, "{\"a\":");
		str_puts(&deep, "1");
		for (int i = 0; i < 40; i++)
			str_putc(&deep, '}');
		assert_int_equal(eng_answers_parse(deep.buf, deep.len, &v, &e), ERR_INPUT);
		str_free(&deep);
	}
}

static void
test_check(void **state)
{
	struct arena *a = arena_new();
	struct eng_problems p;
	json_t *v;

	(void)state;
	v = parse("{\"name\": \"A\", \"states\": [\"OH\"], \"data\": [], \"cards\": {\"accepts\": false}}");
	assert_int_equal(eng_profile_check(lib, v, a, &p), 0);
	json_decref(v);
	expect_problem("{\"nmae\": \"A\"}", "unknown key 'nmae' (did you mean 'name'?)");
	expect_problem("{\"name\": \"A\", \"states\": [\"OH\"], \"data\": [], \"cards\": {\"acepts\": true}}",
		       "did you mean 'cards.accepts'?");
	expect_problem("{\"name\": \"A\", \"states\": [\"OH\"], \"data\": [], \"cards\": {\"accepts\": \"yes\"}}",
		       "'cards.accepts' must be true or false, not text");
	expect_problem("{\"name\": \"A\", \"states\": [\"XX\"], \"data\": [], \"cards\": {\"accepts\": false}}",
		       "'states' has 'XX', which is not a US state code");
	expect_problem("{\"name\": \"A\", \"states\": [\"OH\"], \"data\": [\"dna\"], \"cards\": {\"accepts\": false}}",
		       "'data' has 'dna', which is not one of: phi, card");
	expect_problem("{\"name\": \"A\", \"employees\": -1, \"states\": [\"OH\"], \"data\": [], \"cards\": {\"accepts\": false}}",
		       "'employees' is -1; it must be between 0 and 100000");
	expect_problem("{\"name\": \"A\", \"employees\": 2.5, \"states\": [\"OH\"], \"data\": [], \"cards\": {\"accepts\": false}}",
		       "'employees' must be a whole number, not a decimal number");
	expect_problem("{\"name\": \"A\", \"states\": [\"OH\"], \"data\": [\"phi\", \"phi\"], \"cards\": {\"accepts\": false}}",
		       "'data' lists 'phi' twice");
	expect_problem("{\"name\": \"A\", \"states\": [\"OH\"], \"data\": [], \"cards\": 7}",
		       "'cards' must be an object of answers");
	/* Required, but only when asked: channels once cards are accepted. */
	expect_problem("{\"name\": \"A\", \"states\": [\"OH\"], \"data\": [], \"cards\": {\"accepts\": true}}",
		       "'cards.channels' must be answered");
	expect_problem("{\"states\": [\"OH\"], \"data\": [], \"cards\": {\"accepts\": false}}",
		       "'name' must be answered");
	/* Every problem is reported, one line each. */
	v = parse("{\"nmae\": 1, \"states\": \"OH\", \"data\": [1]}");
	assert_int_equal(eng_profile_check(lib, v, a, &p), 3);
	json_decref(v);
	arena_free(a);
}

static const struct eng_obligation *
find(const struct eng_result *r, const char *fw)
{
	for (size_t i = 0; i < r->n_obligations; i++)
		if (strcmp(r->obligations[i].framework->id, fw) == 0)
			return &r->obligations[i];
	return NULL;
}

static void
test_obligations(void **state)
{
	struct arena *a = arena_new();
	struct eng_result r;
	const struct eng_obligation *o;
	json_t *v, *j;
	char *text;

	(void)state;
	v = parse("{\"name\": \"Clinic\", \"employees\": 2, \"states\": [\"OH\", \"PA\", \"OH\"],"
		  " \"data\": [\"phi\", \"card\"], \"role\": \"provider\","
		  " \"cards\": {\"accepts\": true, \"channels\": [\"web\", \"terminal\"]}}");
	eng_obligations(lib, v, a, &r);
	/* fw-a: must (rule a-for-phi); the 'big' rule does not hold for 2 staff. */
	assert_int_equal(r.n_obligations, 2);
	assert_string_equal(r.obligations[0].framework->id, "fw-a");
	o = find(&r, "fw-a");
	assert_true(o->must);
	assert_int_equal(o->n_reasons, 1);
	/* fw-b: must (cards) merged with should (floor); the terminal's higher
	 * precedence wins the variant; reasons and citations once each. */
	o = find(&r, "fw-b");
	assert_true(o->must);
	assert_string_equal(o->variant[0].value, "T");
	assert_int_equal(o->n_reasons, 3);
	assert_string_equal(o->reasons[0], "Sells on the web");
	assert_int_equal(o->n_citations, 4); /* Std B, SAQ W, SAQ T, Policy */
	assert_int_equal(o->n_rules, 3);
	/* Safe harbor for OH once (listed twice), none for PA. */
	assert_int_equal(r.n_safe_harbor, 1);
	assert_int_equal(r.safe_harbor[0].n_client_frameworks, 1);
	assert_int_equal(r.n_warnings, 0);
	assert_int_equal(strncmp(r.profile_hash, "sha256:", 7), 0);

	j = eng_result_json(&r);
	text = json_dumps(j, JSON_COMPACT);
	assert_non_null(strstr(text, "\"frameworks_named\":[\"fw-b\",\"Other\"]"));
	assert_non_null(strstr(text, "\"client_frameworks_named\":[\"fw-b\"]"));
	assert_non_null(strstr(text, "\"variant\":{\"saq\":\"T\"}"));
	free(text);
	json_decref(j);
	json_decref(v);

	/* A warning, and the should-only case. */
	v = parse("{\"name\": \"X\", \"employees\": 50, \"states\": [\"TX\"], \"data\": [\"phi\"],"
		  " \"role\": \"none\", \"cards\": {\"accepts\": false}}");
	eng_obligations(lib, v, a, &r);
	assert_int_equal(r.n_warnings, 1);
	assert_string_equal(r.warnings[0], "Health data without a role");
	assert_int_equal(r.n_obligations, 2);
	assert_false(find(&r, "fw-a")->must); /* only 'big' */
	assert_false(find(&r, "fw-b")->must);
	assert_int_equal(r.n_safe_harbor, 0);
	{
		struct str letter = STR_INIT;

		eng_result_letter(&r, "X", &letter);
		assert_non_null(strstr(letter.buf, "What applies to X, and why"));
		assert_non_null(strstr(letter.buf, "no security law or contract"));
		assert_non_null(strstr(letter.buf, "Health data without a role"));
		str_free(&letter);
	}
	json_decref(v);
	arena_free(a);
}

/* The same profile always hashes the same, whatever the key order. */
static void
test_hash(void **state)
{
	char h1[8 + HASH_SHA256_HEX_LEN], h2[8 + HASH_SHA256_HEX_LEN];
	json_t *a = parse("{\"b\": 1, \"a\": [\"x\"]}"), *b = parse("a: [x]\nb: 1\n");

	(void)state;
	eng_profile_hash(a, h1);
	eng_profile_hash(b, h2);
	assert_string_equal(h1, h2);
	json_object_set_new(b, "b", json_integer(2));
	eng_profile_hash(b, h2);
	assert_string_not_equal(h1, h2);
	json_decref(a);
	json_decref(b);
}

/* Rules and questions are checked against each other when the library loads. */
static void
test_rule_validation(void **state)
{
	struct lib_report r = {0};
	struct library *bad;
	static const struct {
		const char *rules;
		const char *text;
	} cases[] = {
		{"rules:\n  - {id: x, when: {equals: [nope, 1]}, obligations: [{framework: fw-a,"
		 " strength: must, reason: R, citations: [C]}]}\n", "which is not a question's key"},
		{"rules:\n  - {id: x, when: {equals: [cards.accepts, maybe]}, obligations: [{framework:"
		 " fw-a, strength: must, reason: R, citations: [C]}]}\n", "must be true or false"},
		{"rules:\n  - {id: x, when: {contains: [data, dna]}, obligations: [{framework: fw-a,"
		 " strength: must, reason: R, citations: [C]}]}\n", "not one of the options of 'data'"},
		{"rules:\n  - {id: x, when: {at_least: [name, 3]}, obligations: [{framework: fw-a,"
		 " strength: must, reason: R, citations: [C]}]}\n", "'at_least' needs a number"},
		{"rules:\n  - {id: x, when: {equals: [data, phi]}, obligations: [{framework: fw-a,"
		 " strength: must, reason: R, citations: [C]}]}\n", "compare it with contains"},
		{"rules:\n  - {id: x, when: {maybe: [data, phi]}, obligations: [{framework: fw-a,"
		 " strength: must, reason: R, citations: [C]}]}\n", "unknown condition 'maybe'"},
		{"rules:\n  - {id: x, when: {answered: name}, obligations: [{framework: fw-z,"
		 " strength: must, reason: R, citations: [C]}]}\n", "unknown framework 'fw-z'"},
		{"rules:\n  - {id: x, when: {answered: name}, obligations: [{framework: fw-a,"
		 " strength: maybe, reason: R, citations: [C]}]}\n", "'strength' is 'maybe'"},
		{"safe_harbor:\n  - {state: ZZ, statute: S, citation: C, frameworks_named: [], note: N}\n",
		 "'ZZ' is not a US state code"},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		bool found = false;

		bad = load(questions, cases[i].rules, &r);
		assert_null(bad);
		for (size_t k = 0; k < r.n_diags; k++)
			found |= strstr(r.diags[k].msg, cases[i].text) != NULL;
		if (!found)
			fail_msg("case %zu: no problem mentions '%s' (first: %s)", i, cases[i].text,
				 r.n_diags ? r.diags[0].msg : "none");
		lib_report_free(&r);
	}
	/* A question's condition may only look at earlier questions. */
	bad = load("questions:\n  - {id: a, type: yesno, prompt: P, why: W, when: {equals: [b, true]}}\n"
		   "  - {id: b, type: yesno, prompt: P, why: W}\n", "rules: []\n", &r);
	assert_null(bad);
	assert_non_null(strstr(r.diags[0].msg, "condition on 'b', which is not the key of an earlier"));
	lib_report_free(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_library_loaded),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_check),
		cmocka_unit_test(test_obligations),
		cmocka_unit_test(test_hash),
		cmocka_unit_test(test_rule_validation),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
