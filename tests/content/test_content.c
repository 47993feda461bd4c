/*
 * test_content.c - the built-in content library held to the official
 * reference lists in ../shared/reference: counts per framework and level,
 * every shipped ID present in the reference (and every reference ID shipped),
 * the CMMC links to NIST SP 800-171, HIPAA's required/addressable marks, full
 * coverage by safeguards, and the reading level of the safeguards' plain text.
 */
#include <ctype.h>
#include <stdlib.h>
#include <strings.h>

#include "support/support.h"
#include "library/lib.h"

#define REF PRUDENT_SHARED_DIR "/reference/"

static struct library *lib;

static int
load_library(void **state)
{
	struct lib_report r = {0};
	struct err e = {0};

	(void)state;
	if (hash_init(&e) < 0 || lib_load_builtin(&lib, &r, &e) < 0) {
		fprintf(stderr, "built-in library: %s\n", e.msg);
		for (size_t i = 0; i < r.n_diags; i++)
			fprintf(stderr, "  %s:%d: %s\n", r.diags[i].file, r.diags[i].line, r.diags[i].msg);
		lib_report_free(&r);
		return -1;
	}
	lib_report_free(&r);
	return 0;
}

static int
free_library(void **state)
{
	(void)state;
	lib_free(lib);
	return 0;
}

static const struct lib_framework *
framework(const char *id)
{
	const struct lib_framework *fw = lib_framework_get(lib, id);

	if (!fw)
		fail_msg("framework %s is not in the library", id);
	return fw;
}

static size_t
level_count(const struct lib_framework *fw, const char *level)
{
	for (size_t i = 0; i < fw->n_levels; i++)
		if (strcmp(fw->levels[i], level) == 0)
			return fw->level_counts[i];
	fail_msg("%s has no level '%s'", fw->id, level);
	return 0;
}

static struct test_csv
csv(const char *path)
{
	struct test_csv c;

	if (test_csv_read(path, &c) < 2)
		fail_msg("cannot read the reference list %s (the tests need the shared folder "
			 "beside the checkout)", path);
	return c;
}

static int
column(const struct test_csv *c, const char *name)
{
	int k = test_csv_column(c, name);

	if (k < 0)
		fail_msg("reference list has no column '%s'", name);
	return k;
}

/*
 * The controls of fw at `level` (all levels when NULL) are exactly the values
 * of `col` in the rows of the reference list for which keep() holds (all rows
 * when keep is NULL): nothing missing, nothing extra.
 */
static void
expect_same_ids(const struct lib_framework *fw, const char *level, const struct test_csv *c,
		const char *col, bool (*keep)(const struct test_csv *, size_t row))
{
	int k = column(c, col);
	size_t in_ref = 0, in_fw = 0;

	for (size_t row = 1; row < c->n_rows; row++) {
		const struct lib_control *ctl;

		if (keep && !keep(c, row))
			continue;
		in_ref++;
		ctl = lib_control_get(fw, c->rows[row][k]);
		if (!ctl)
			fail_msg("%s lacks %s, which the reference lists", fw->id, c->rows[row][k]);
		if (level && strcmp(fw->levels[ctl->level], level) != 0)
			fail_msg("%s %s is a %s, not a %s", fw->id, ctl->id, fw->levels[ctl->level], level);
	}
	for (size_t i = 0; i < fw->n_controls; i++)
		if (!level || strcmp(fw->levels[fw->controls[i].level], level) == 0)
			in_fw++;
	if (in_fw != in_ref)
		fail_msg("%s has %zu controls at level %s; the reference has %zu", fw->id, in_fw,
			 level ? level : "(any)", in_ref);
}

/* ------------------------------------------------------------ counts */

static void
test_csf(void **state)
{
	const struct lib_framework *fw = framework("nist-csf-2.0");

	(void)state;
	assert_int_equal(level_count(fw, "function"), 6);
	assert_int_equal(level_count(fw, "category"), 22);
	assert_int_equal(level_count(fw, "subcategory"), 106);
	assert_int_equal(fw->n_assessable, 106);
}

static void
test_cis(void **state)
{
	const struct lib_framework *fw = framework("cis-controls-v8.1");
	struct test_csv c = csv(REF "cis-controls-v8/cis-v8-safeguard-ids.csv");
	int k_id = column(&c, "safeguard_id"), k_fn = column(&c, "security_function");
	int k_ig1 = column(&c, "ig1"), k_ig2 = column(&c, "ig2"), k_asset = column(&c, "asset_type");
	size_t ig[4] = {0};

	(void)state;
	assert_false(fw->ships_text);
	assert_int_equal(level_count(fw, "control"), 18);
	assert_int_equal(level_count(fw, "safeguard"), 153);
	assert_int_equal(fw->n_assessable, 153);
	expect_same_ids(fw, "safeguard", &c, "safeguard_id", NULL);
	for (size_t row = 1; row < c.n_rows; row++) {
		const struct lib_control *s = lib_control_get(fw, c.rows[row][k_id]);
		int64_t want = strcmp(c.rows[row][k_ig1], "yes") == 0 ? 1
			     : strcmp(c.rows[row][k_ig2], "yes") == 0 ? 2 : 3;

		assert_int_equal(lib_control_attr(s, "ig")->integer, want);
		assert_string_equal(lib_control_attr(s, "function")->string, c.rows[row][k_fn]);
		assert_string_equal(lib_control_attr(s, "asset_type")->string, c.rows[row][k_asset]);
		ig[want]++;
	}
	/* The groups nest: IG1 56, IG2 130, IG3 153. */
	assert_int_equal(ig[1], 56);
	assert_int_equal(ig[1] + ig[2], 130);
	assert_int_equal(ig[1] + ig[2] + ig[3], 153);
	test_csv_free(&c);
}

/* NIST's spreadsheet carries footnote markers ("[23]") and a few requirements
 * without their closing period; the published text has neither. */
static char *
clean_nist_text(const char *s)
{
	struct str out = STR_INIT;

	for (; *s; s++) {
		if (*s == '[' && isdigit((unsigned char)s[1])) {
			while (*s && *s != ']')
				s++;
			if (!*s)
				break;
			continue;
		}
		if (*s == ' ' && (out.len == 0 || out.buf[out.len - 1] == ' '))
			continue;
		if (*s == '.' && out.len && out.buf[out.len - 1] == '.')
			continue;
		if (*s == '.' && out.len > 1 && out.buf[out.len - 1] == ' ' && out.buf[out.len - 2] == '.')
			continue;
		str_putc(&out, *s);
	}
	while (out.len && out.buf[out.len - 1] == ' ')
		out.buf[--out.len] = '\0';
	if (out.len && out.buf[out.len - 1] != '.')
		str_putc(&out, '.');
	return str_take(&out);
}

static void
test_800_171(void **state)
{
	const struct lib_framework *fw = framework("nist-800-171-r2");
	struct test_csv c = csv(REF "nist-sp-800-171/sp800-171r2-requirements.csv");
	int k_id = column(&c, "id"), k_type = column(&c, "basic_or_derived");
	int k_text = column(&c, "requirement_text");
	size_t basic = 0;

	(void)state;
	assert_true(fw->ships_text);
	assert_int_equal(level_count(fw, "family"), 14);
	assert_int_equal(level_count(fw, "requirement"), 110);
	expect_same_ids(fw, "requirement", &c, "id", NULL);
	for (size_t row = 1; row < c.n_rows; row++) {
		const struct lib_control *r = lib_control_get(fw, c.rows[row][k_id]);
		char *want = clean_nist_text(c.rows[row][k_text]);
		const char *type = lib_control_attr(r, "type")->string;

		if (strcmp(r->text, want) != 0)
			fail_msg("800-171 %s text differs from NIST's:\n  ours: %s\n  NIST: %s", r->id,
				 r->text, want);
		free(want);
		assert_true(strcasecmp(type, c.rows[row][k_type]) == 0);
		basic += strcmp(type, "basic") == 0;
	}
	assert_int_equal(basic, 31);
	test_csv_free(&c);
}

/* The crosswalk link of a CMMC requirement to 800-171 requirement id, if any. */
static const struct lib_link *
cmmc_link(const struct lib_control *cmmc, const char *nist_id)
{
	for (size_t i = 0; i < lib->n_links; i++) {
		const struct lib_link *l = &lib->links[i];

		if (l->from == cmmc && strcmp(l->to->framework->id, "nist-800-171-r2") == 0 &&
		    strcmp(l->to->id, nist_id) == 0)
			return l;
	}
	return NULL;
}

static void
test_cmmc(void **state)
{
	const struct lib_framework *fw = framework("cmmc-2.0");
	struct test_csv c = csv(REF "cmmc/cmmc-2.13-requirement-ids.csv");
	struct test_csv pts = csv(REF "nist-sp-800-171/dod-assessment-methodology-v1.2.1-point-values.csv");
	int k_id = column(&c, "cmmc_id"), k_level = column(&c, "level");
	int k_nist = column(&c, "sp800_171r2_ids");
	size_t per_level[4] = {0}, links_from_cmmc = 0;

	(void)state;
	assert_int_equal(level_count(fw, "requirement"), 149);
	expect_same_ids(fw, "requirement", &c, "cmmc_id", NULL);
	for (size_t row = 1; row < c.n_rows; row++) {
		const struct lib_control *r = lib_control_get(fw, c.rows[row][k_id]);
		int64_t level = atoi(c.rows[row][k_level]);
		char *ids = xstrdup(c.rows[row][k_nist]), *save = NULL, *id;
		size_t n_ids = 0;

		assert_int_equal(lib_control_attr(r, "level")->integer, level);
		per_level[level]++;
		/* Level 1 and 2: linked `equal` to exactly the 800-171 requirements
		 * the reference names (Level 2 one-to-one). */
		for (id = strtok_r(ids, "|", &save); id && level < 3; id = strtok_r(NULL, "|", &save)) {
			const struct lib_link *l = cmmc_link(r, id);

			if (!l)
				fail_msg("CMMC %s is not linked to 800-171 %s", r->id, id);
			assert_int_equal(l->relationship, LIB_REL_EQUAL);
			n_ids++;
		}
		free(ids);
		if (level == 2)
			assert_int_equal(n_ids, 1);
		links_from_cmmc += n_ids;
	}
	assert_int_equal(per_level[1], 15);
	assert_int_equal(per_level[2], 110);
	assert_int_equal(per_level[3], 24);
	/* No link beyond the reference's. */
	{
		size_t n = 0;

		for (size_t i = 0; i < lib->n_links; i++)
			n += lib->links[i].from->framework == fw;
		assert_int_equal(n, links_from_cmmc);
	}
	/* DoD Assessment Methodology point values on Level 2, keyed by 800-171 id. */
	{
		int k_req = column(&pts, "sp800_171r2_id"), k_max = column(&pts, "max_deduction");
		int64_t sum = 0;

		for (size_t row = 1; row < pts.n_rows; row++) {
			char id[64];
			const struct lib_control *r;
			const struct lib_attr *a;

			snprintf(id, sizeof(id), "%.2s.L2-%s", "", pts.rows[row][k_req]);
			/* Find the Level 2 requirement whose id ends with -<800-171 id>. */
			r = NULL;
			for (size_t i = 0; i < fw->n_controls && !r; i++) {
				const char *dash = strrchr(fw->controls[i].id, '-');

				if (strstr(fw->controls[i].id, ".L2-") && dash &&
				    strcmp(dash + 1, pts.rows[row][k_req]) == 0)
					r = &fw->controls[i];
			}
			if (!r)
				fail_msg("no CMMC Level 2 requirement for 800-171 %s", pts.rows[row][k_req]);
			a = lib_control_attr(r, "dod_points");
			if (isdigit((unsigned char)pts.rows[row][k_max][0])) {
				assert_non_null(a);
				assert_int_equal(a->integer, atoi(pts.rows[row][k_max]));
				sum += a->integer;
			} else {
				assert_null(a);
			}
		}
		assert_int_equal(sum, 313);
	}
	test_csv_free(&c);
	test_csv_free(&pts);
}

static bool
is_standard(const struct test_csv *c, size_t row)
{
	return strcmp(c->rows[row][test_csv_column(c, "element_type")], "standard") == 0;
}

static bool
is_spec(const struct test_csv *c, size_t row)
{
	return !is_standard(c, row);
}

static void
test_hipaa(void **state)
{
	const struct lib_framework *fw = framework("hipaa-security");
	struct test_csv c = csv(REF "hipaa/hipaa-security-rule-45cfr164-subpartC-structure.csv");
	int k_cite = column(&c, "cfr_cite"), k_name = column(&c, "name");
	int k_des = column(&c, "designation");
	size_t required = 0, addressable = 0;

	(void)state;
	assert_int_equal(fw->kind, LIB_KIND_REGULATION);
	assert_int_equal(level_count(fw, "standard"), 22);
	assert_int_equal(level_count(fw, "implementation_specification"), 43);
	expect_same_ids(fw, "standard", &c, "cfr_cite", is_standard);
	expect_same_ids(fw, "implementation_specification", &c, "cfr_cite", is_spec);
	for (size_t row = 1; row < c.n_rows; row++) {
		const struct lib_control *x = lib_control_get(fw, c.rows[row][k_cite]);

		assert_string_equal(x->title, c.rows[row][k_name]);
		if (is_standard(&c, row))
			continue;
		if (strcasecmp(c.rows[row][k_des], lib_control_attr(x, "designation")->string) != 0)
			fail_msg("HIPAA %s is %s in the regulation", x->id, c.rows[row][k_des]);
		required += strcasecmp(c.rows[row][k_des], "required") == 0;
		addressable += strcasecmp(c.rows[row][k_des], "addressable") == 0;
	}
	assert_int_equal(required, 21);
	assert_int_equal(addressable, 22);
	/* Standards without implementation specifications (audit controls,
	 * person or entity authentication, ...) are requirements in their own
	 * right: safeguards must reach every standard too, not only what the
	 * assessable count (43 specifications) scores. */
	for (size_t i = 0; i < fw->n_controls; i++)
		if (strcmp(fw->levels[fw->controls[i].level], "standard") == 0 &&
		    fw->controls[i].n_mapped_by == 0)
			fail_msg("no safeguard maps to HIPAA standard %s", fw->controls[i].id);
	test_csv_free(&c);
}

static bool
is_pci_requirement(const struct test_csv *c, size_t row)
{
	return strcmp(c->rows[row][test_csv_column(c, "node_type")], "requirement") == 0;
}

static void
test_pci(void **state)
{
	const struct lib_framework *fw = framework("pci-dss-4.0.1");
	struct test_csv c = csv(REF "pci-dss-v4.0.1/pci-dss-v4.0.1-requirement-ids.csv");
	int k_id = column(&c, "req_id"), k_parent = column(&c, "parent_id");
	size_t in_1_12 = 0;

	(void)state;
	assert_false(fw->ships_text);
	assert_int_equal(level_count(fw, "principal_requirement"), 15);
	assert_int_equal(level_count(fw, "section"), 71);
	assert_int_equal(fw->n_assessable, 280);
	expect_same_ids(fw, NULL, &c, "req_id", NULL);
	expect_same_ids(fw, "requirement", &c, "req_id", is_pci_requirement);
	for (size_t row = 1; row < c.n_rows; row++) {
		const struct lib_control *x = lib_control_get(fw, c.rows[row][k_id]);

		if (*c.rows[row][k_parent])
			assert_string_equal(x->parent->id, c.rows[row][k_parent]);
		else
			assert_null(x->parent);
		in_1_12 += is_pci_requirement(&c, row) && x->id[0] != 'A';
	}
	assert_int_equal(in_1_12, 250);
	test_csv_free(&c);
}

static void
test_iso(void **state)
{
	const struct lib_framework *fw = framework("iso-27001-2022");
	struct test_csv c = csv(REF "iso-27001-2022/iso-27001-2022-annex-a-ids.csv");
	static const char *const themes[] = {"A.5", "A.6", "A.7", "A.8"};
	static const size_t sizes[] = {37, 8, 14, 34};

	(void)state;
	assert_false(fw->ships_text);
	assert_int_equal(level_count(fw, "control"), 93);
	expect_same_ids(fw, "control", &c, "control_id", NULL);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(lib_control_get(fw, themes[i])->n_children, sizes[i]);
	test_csv_free(&c);
}

static void
test_glba(void **state)
{
	const struct lib_framework *fw = framework("glba-safeguards");
	struct test_csv c = csv(REF "glba/ftc-safeguards-rule-16cfr314.4-elements.csv");
	int k_id = column(&c, "cfr_cite"), k_ex = column(&c, "small_entity_exempt_under_314.6");

	(void)state;
	for (size_t row = 1; row < c.n_rows; row++) {
		const struct lib_control *x = lib_control_get(fw, c.rows[row][k_id]);

		if (!x)
			fail_msg("GLBA %s is missing", c.rows[row][k_id]);
		assert_int_equal(lib_control_attr(x, "small_entity_exempt")->boolean,
				 strcmp(c.rows[row][k_ex], "yes") == 0);
	}
	/* Besides the reference's rows: the parent paragraphs (c) and (d) of the
	 * listed (c)(1)-(8) and (d)(1)-(2), so that (a)-(j) are all elements. */
	assert_int_equal(fw->n_controls, c.n_rows - 1 + 2);
	assert_non_null(lib_control_get(fw, "314.4(c)"));
	assert_non_null(lib_control_get(fw, "314.4(d)"));
	assert_int_equal(fw->level_counts[0], 10);
	test_csv_free(&c);
}

static void
test_gdpr(void **state)
{
	const struct lib_framework *fw = framework("gdpr");
	static const char *const articles[] = {"5", "24", "25", "28", "29", "30", "32", "33", "34",
					       "35", "44", "45", "46", "47", "48", "49"};
	char id[64];

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(articles); i++) {
		snprintf(id, sizeof(id), "Art.%s", articles[i]);
		assert_non_null(lib_control_get(fw, id));
	}
	for (char p = 'a'; p <= 'h'; p++) {
		snprintf(id, sizeof(id), "Art.28(3)(%c)", p);
		assert_string_equal(lib_control_get(fw, id)->parent->id, "Art.28");
	}
	for (char p = 'a'; p <= 'd'; p++) {
		snprintf(id, sizeof(id), "Art.32(1)(%c)", p);
		assert_string_equal(lib_control_get(fw, id)->parent->id, "Art.32");
	}
	assert_int_equal(fw->n_controls, ARRAY_LEN(articles) + 8 + 4);
}

static void
test_practice_sets(void **state)
{
	(void)state;
	assert_int_equal(framework("sox-itgc")->kind, LIB_KIND_PRACTICE);
	assert_int_equal(framework("cyber-insurance")->kind, LIB_KIND_INSURANCE);
	assert_true(framework("sox-itgc")->n_assessable >= 16);
	assert_true(framework("cyber-insurance")->n_assessable >= 16);
	assert_int_equal(lib->n_frameworks, 11);
}

/* ---------------------------------------------------------- coverage */

static void
test_every_control_mapped(void **state)
{
	struct arena *a = arena_new();
	size_t problems = 0;

	(void)state;
	for (size_t i = 0; i < lib->n_frameworks; i++) {
		struct lib_coverage cov;

		lib_coverage(&lib->frameworks[i], a, &cov);
		for (size_t k = 0; k < cov.n_unmapped; k++, problems++)
			print_error("no safeguard maps to %s %s\n", lib->frameworks[i].id,
				    cov.unmapped[k]->id);
	}
	for (size_t i = 0; i < lib->n_safeguards; i++)
		if (lib->safeguards[i].n_mappings == 0) {
			print_error("safeguard %s maps to nothing\n", lib->safeguards[i].id);
			problems++;
		}
	arena_free(a);
	assert_int_equal(problems, 0);
	assert_true(lib->n_safeguards >= 100 && lib->n_safeguards <= 160);
}

/* ------------------------------------------------------ plain language */

/* Syllables in a word: groups of vowels, less a silent final e (but not "le"),
 * at least one.  The usual estimate behind Flesch-Kincaid tools. */
static int
syllables(const char *w, size_t len)
{
	int n = 0;
	bool prev_vowel = false;

	for (size_t i = 0; i < len; i++) {
		bool v = strchr("aeiouy", tolower((unsigned char)w[i])) != NULL;

		if (v && !prev_vowel)
			n++;
		prev_vowel = v;
	}
	if (len > 2 && tolower((unsigned char)w[len - 1]) == 'e' &&
	    tolower((unsigned char)w[len - 2]) != 'l' && n > 1)
		n--;
	return n > 0 ? n : 1;
}

/* Flesch-Kincaid grade level of a text. */
static double
fk_grade(const char *text)
{
	int words = 0, sentences = 0, syl = 0;
	const char *p = text;

	while (*p) {
		if (isalpha((unsigned char)*p)) {
			const char *start = p;

			while (isalnum((unsigned char)*p) || *p == '\'' || (*p == '-' && isalpha((unsigned char)p[1])))
				p++;
			words++;
			syl += syllables(start, (size_t)(p - start));
			continue;
		}
		if ((*p == '.' || *p == '!' || *p == '?') && (p[1] == ' ' || p[1] == '\n' || !p[1]))
			sentences++;
		p++;
	}
	if (sentences == 0)
		sentences = 1;
	return 0.39 * words / sentences + 11.8 * syl / (words ? words : 1) - 15.59;
}

static int
by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
test_plain_language(void **state)
{
	double *grades = xcalloc(lib->n_safeguards + 1, sizeof(double)), median;
	size_t n = lib->n_safeguards, over = 0;

	(void)state;
	/* The estimator itself, on texts of known difficulty. */
	assert_true(fk_grade("The cat sat on the mat. It was warm.") < 2);
	assert_true(fk_grade("Organizational cybersecurity governance necessitates comprehensive "
			     "institutionalization of accountability.") > 16);
	for (size_t i = 0; i < n; i++) {
		grades[i] = fk_grade(lib->safeguards[i].plain);
		if (grades[i] > 12) {
			print_error("%s: plain text reads at grade %.1f (limit 12)\n",
				    lib->safeguards[i].id, grades[i]);
			over++;
		}
	}
	qsort(grades, n, sizeof(*grades), by_double);
	median = n % 2 ? grades[n / 2] : (grades[n / 2 - 1] + grades[n / 2]) / 2;
	print_message("plain-language grade: median %.1f, highest %.1f, over %zu safeguards\n",
		      median, grades[n - 1], n);
	free(grades);
	assert_int_equal(over, 0);
	assert_true(median <= 8.0);
}

/* A clause's plain words without its Mustache tags, which stand for names. */
static char *
untagged(const char *text)
{
	struct str s = STR_INIT;
	const char *p = text, *open;

	while ((open = strstr(p, "{{")) != NULL) {
		const char *close = strstr(open, "}}");

		str_append(&s, p, (size_t)(open - p));
		if (!close)
			break;
		p = close + 2;
	}
	if (!open)
		str_puts(&s, p);
	return str_take(&s);
}

/* Every clause's plain-language twin (the summary's only text) reads as plain
 * words too, and promises nothing. */
static void
test_clause_plain_language(void **state)
{
	double *grades = xcalloc(lib->n_clauses + 1, sizeof(double)), median;
	size_t n = lib->n_clauses, over = 0;

	(void)state;
	for (size_t i = 0; i < n; i++) {
		const struct lib_clause *cl = &lib->clauses[i];
		const struct lib_clause_version *v = lib_clause_version(cl, 0);
		char *text = untagged(v->plain ? v->plain : v->legal);

		grades[i] = fk_grade(text);
		if (grades[i] > 12) {
			print_error("clause %s: plain words read at grade %.1f (limit 12)\n", cl->id,
				    grades[i]);
			over++;
		}
		if (strstr(text, "compliant") || strstr(text, "safe harbor") ||
		    strstr(text, "guarantee"))
			fail_msg("clause %s promises too much: %s", cl->id, text);
		free(text);
	}
	qsort(grades, n, sizeof(*grades), by_double);
	median = n % 2 ? grades[n / 2] : (grades[n / 2 - 1] + grades[n / 2]) / 2;
	print_message("clause plain-language grade: median %.1f, highest %.1f, over %zu clauses\n",
		      median, grades[n - 1], n);
	free(grades);
	assert_int_equal(over, 0);
	assert_true(median <= 9.0);
}

/* Customer-facing text never promises compliance or a safe harbor. */
static void
test_no_promises(void **state)
{
	(void)state;
	for (size_t i = 0; i < lib->n_safeguards; i++) {
		const char *p = lib->safeguards[i].plain;

		if (strstr(p, "compliant") || strstr(p, "safe harbor") || strstr(p, "guarantee"))
			fail_msg("safeguard %s promises too much: %s", lib->safeguards[i].id, p);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csf),
		cmocka_unit_test(test_cis),
		cmocka_unit_test(test_800_171),
		cmocka_unit_test(test_cmmc),
		cmocka_unit_test(test_hipaa),
		cmocka_unit_test(test_pci),
		cmocka_unit_test(test_iso),
		cmocka_unit_test(test_glba),
		cmocka_unit_test(test_gdpr),
		cmocka_unit_test(test_practice_sets),
		cmocka_unit_test(test_every_control_mapped),
		cmocka_unit_test(test_plain_language),
		cmocka_unit_test(test_clause_plain_language),
		cmocka_unit_test(test_no_promises),
	};

	return cmocka_run_group_tests(tests, load_library, free_library);
}
