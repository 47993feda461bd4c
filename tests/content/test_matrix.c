/*
 * test_matrix.c - properties of the responsibility matrix over every golden
 * client profile (tests/obligations/cases), with the built-in library:
 * every baseline safeguard has exactly one owner; every in-scope control of
 * every obligation framework appears in the per-framework view and is
 * carried by at least one safeguard; a declined `must` is flagged and a
 * declined `should` is not; the owner follows the order of precedence.
 */
#include <dirent.h>
#include <stdlib.h>

#include "support/support.h"
#include "engine/eng.h"

#define CASES PRUDENT_SOURCE_DIR "/tests/obligations/cases"

static struct library *lib;

static int
setup(void **state)
{
	(void)state;
	return hash_init(NULL) < 0 || lib_load_builtin(&lib, NULL, NULL) < 0 ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	lib_free(lib);
	return 0;
}

static json_t *
case_profile(const char *name)
{
	char path[1024], *data;
	size_t len;
	json_t *doc = NULL, *profile;

	snprintf(path, sizeof(path), "%s/%s", CASES, name);
	if (file_read_all(path, 1 << 20, &data, &len, NULL) < 0 ||
	    eng_answers_parse(data, len, &doc, NULL) < 0)
		fail_msg("cannot read %s", path);
	free(data);
	profile = json_incref(json_object_get(doc, "profile"));
	json_decref(doc);
	return profile;
}

static const struct eng_row *
row_of(const struct eng_matrix *m, const char *id)
{
	for (size_t i = 0; i < m->n_rows; i++)
		if (strcmp(m->rows[i].safeguard->id, id) == 0)
			return &m->rows[i];
	return NULL;
}

static void
check_case(const char *name)
{
	struct arena *a = arena_new();
	const struct lib_service **cat = arena_array(a, lib->n_services + 1, sizeof(*cat));
	struct eng_state state = {0};
	struct eng_result ob;
	struct eng_matrix m;
	json_t *profile = case_profile(name);
	const struct eng_row *r;

	for (size_t i = 0; i < lib->n_services; i++)
		cat[i] = &lib->services[i];
	eng_obligations(lib, profile, a, &ob);
	/* No changes: nothing is declined or not applicable; every safeguard
	 * no service covers is the customer's. */
	eng_matrix_build(lib, &ob, cat, lib->n_services, &state, a, &m);
	assert_true(m.n_rows > 0);
	for (size_t i = 0; i < m.n_rows; i++) {
		assert_true(m.rows[i].owner == ENG_OWNER_CUSTOMER);
		assert_false(m.rows[i].flagged);
		assert_true(m.rows[i].n_controls > 0);
	}
	/* Subscribe to every service, decline the first must and the first
	 * should, tailor one, assign one: each owner follows the precedence. */
	for (size_t i = 0; i < lib->n_services; i++)
		assert_int_equal(eng_state_apply(&state, a, "subscribe", lib->services[i].id, "{}", "t", "x"), 0);
	assert_int_equal(eng_state_apply(&state, a, "decide", m.rows[0].safeguard->id,
					 "{\"decision\":\"decline\",\"by\":\"A, B\"}", "t", "x"), 0);
	assert_int_equal(eng_state_apply(&state, a, "tailor", m.rows[1].safeguard->id,
					 "{\"not_applicable\":true,\"reason\":\"r\"}", "t", "x"), 0);
	assert_int_equal(eng_state_apply(&state, a, "assign", m.rows[2].safeguard->id,
					 "{\"owner\":\"third_party\",\"party\":\"P\"}", "t", "x"), 0);
	eng_matrix_build(lib, &ob, cat, lib->n_services, &state, a, &m);
	assert_int_equal(eng_state_apply(&state, a, "frobnicate", "x", "{}", "t", "x"), ERR_INPUT);
	for (size_t i = 0; i < m.n_rows; i++) {
		assert_true(m.rows[i].owner < ENG_OWNER__MAX);
		assert_int_equal(m.rows[i].flagged, m.rows[i].owner == ENG_OWNER_DECLINED && m.rows[i].must);
	}
	r = row_of(&m, m.rows[0].safeguard->id);
	assert_non_null(r);
	{
		size_t declined = 0, na = 0, tp = 0;

		for (size_t i = 0; i < m.n_rows; i++) {
			declined += m.rows[i].owner == ENG_OWNER_DECLINED;
			na += m.rows[i].owner == ENG_OWNER_NOT_APPLICABLE;
			tp += m.rows[i].owner == ENG_OWNER_THIRD_PARTY;
		}
		assert_int_equal(declined, 1);
		assert_int_equal(na, 1);
		assert_int_equal(tp, 1);
	}
	/* The per-framework views hold exactly the in-scope controls. */
	for (size_t o = 0; o < ob.n_obligations; o++) {
		const struct eng_obligation *x = &ob.obligations[o];
		struct eng_control_row *view;
		size_t in_scope = 0, n = eng_matrix_framework(&m, x, a, &view);

		for (size_t i = 0; i < x->framework->n_controls; i++)
			in_scope += lib_control_in_scope(&x->framework->controls[i], x->variant, x->n_variant);
		if (n != in_scope)
			fail_msg("%s: %s view has %zu controls, %zu in scope", name, x->framework->id, n,
				 in_scope);
		for (size_t i = 0; i < n; i++)
			if (view[i].n_rows == 0)
				fail_msg("%s: %s %s has no safeguard in the matrix", name, x->framework->id,
					 view[i].control->id);
		assert_int_equal(m.coverage[o].in_scope, n);
		assert_int_equal(m.coverage[o].owned + m.coverage[o].declined + m.coverage[o].not_applicable, n);
	}
	eng_state_free(&state);
	json_decref(profile);
	arena_free(a);
}

static void
test_every_case(void **state)
{
	DIR *d = opendir(CASES);
	struct dirent *de;
	size_t n = 0;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		if (!strstr(de->d_name, ".yaml"))
			continue;
		check_case(de->d_name);
		n++;
	}
	closedir(d);
	assert_true(n >= 20);
}

/* Scoping: CIS IG1 is 56 safeguards, CMMC Level 1 is 15 requirements, GLBA's
 * small-entity exemption removes four elements. */
static void
test_scoping(void **state)
{
	static const struct lib_variant ig1 = {"ig", "1"}, l1 = {"level", "1"}, l2 = {"level", "2"},
					small = {"small_entity_exempt", "true"};
	const struct { const char *fw; const struct lib_variant *v; size_t want; } cases[] = {
		{"cis-controls-v8.1", &ig1, 56}, {"cis-controls-v8.1", NULL, 153},
		{"cmmc-2.0", &l1, 15}, {"cmmc-2.0", &l2, 125}, {"glba-safeguards", &small, 18},
		{"glba-safeguards", NULL, 22},
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const struct lib_framework *fw = lib_framework_get(lib, cases[i].fw);
		size_t n = 0;

		for (size_t k = 0; k < fw->n_controls; k++)
			n += lib_control_in_scope(&fw->controls[k], cases[i].v, cases[i].v ? 1 : 0);
		if (n != cases[i].want)
			fail_msg("%s scoped: %zu controls, expected %zu", cases[i].fw, n, cases[i].want);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scoping),
		cmocka_unit_test(test_every_case),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
