/*
 * agreement.c - how far Prudent's implied HIPAA -> CSF 2.0 crosswalk agrees
 * with NIST's own mapping.
 *
 * NIST SP 800-66r2 maps each HIPAA Security Rule standard (through its key
 * activities) to CSF 1.1 subcategories.  Those are lifted to CSF 2.0 through
 * NIST's 1.1 -> 2.0 lineage: a withdrawn 1.1 subcategory becomes the 2.0
 * subcategories it was moved to or incorporated into; a kept one keeps its ID
 * ("PR.DS-1" is "PR.DS-01").  Both sides are compared as sets of (HIPAA
 * standard, CSF 2.0 subcategory) pairs; our implementation specifications
 * count for their standard.  Where the lineage leads NIST to a whole CSF 2.0
 * category, any of our pairs with a subcategory of it agrees with that pair.
 * Prints precision and recall, overall and per standard.
 *
 *   agreement [--min-recall R]     exit 1 when recall falls below R
 */
#include <ctype.h>
#include <stdlib.h>

#include "support/support.h"
#include "library/lib.h"

#define REF PRUDENT_SHARED_DIR "/reference/"

/* "DE.CM-8" -> "DE.CM-08"; NULL when the id is not a subcategory id. */
static char *
pad_subcategory(const char *id)
{
	const char *dash = strchr(id, '-');
	char buf[32];

	if (!dash || dash - id != 5 || !isdigit((unsigned char)dash[1]))
		return NULL;
	snprintf(buf, sizeof(buf), "%.5s-%02d", id, atoi(dash + 1));
	return xstrdup(buf);
}

/* Our standard for a NIST standard key: the standard whose id starts with the
 * key, preferring the longest key (164.312(e)(1) over 164.312(e)). */
static const struct lib_control *
standard_for(const struct lib_framework *hipaa, const char *key)
{
	size_t len = strlen(key);

	for (size_t i = 0; i < hipaa->n_controls; i++) {
		const struct lib_control *c = &hipaa->controls[i];

		if (strcmp(hipaa->levels[c->level], "standard") == 0 && strncmp(c->id, key, len) == 0 &&
		    (c->id[len] == '\0' || c->id[len] == '('))
			return c;
	}
	return NULL;
}

static const struct lib_control *
standard_of(const struct lib_control *c)
{
	while (c && strcmp(c->framework->levels[c->level], "standard") != 0)
		c = c->parent;
	return c;
}

/* A set of "standard\x1fsubcategory" strings. */
static void
pair_add(struct map *set, struct arena *a, const char *std, const char *sub)
{
	const char *key = arena_printf(a, "%s\x1f%s", std, sub);

	if (!map_get(set, key))
		map_put(set, key, (void *)key);
}

/* Is NIST's pair (standard, x) matched by ours?  x is a subcategory, or a
 * category matched by any of its subcategories. */
static bool
nist_pair_matched(const char *key, const struct map *ours, const struct lib_framework *csf,
		  struct arena *a)
{
	const char *sep = strchr(key, '\x1f');
	const struct lib_control *x = lib_control_get(csf, sep + 1);

	if (map_get(ours, key))
		return true;
	for (size_t i = 0; x && i < x->n_children; i++)
		if (map_get(ours, arena_printf(a, "%.*s\x1f%s", (int)(sep - key), key,
					       x->children[i]->id)))
			return true;
	return false;
}

/* Is our pair (standard, subcategory) in NIST's, directly or by its category? */
static bool
our_pair_matched(const char *key, const struct map *nist, const struct lib_framework *csf,
		 struct arena *a)
{
	const char *sep = strchr(key, '\x1f');
	const struct lib_control *x = lib_control_get(csf, sep + 1);

	return map_get(nist, key) ||
	       (x && x->parent && map_get(nist, arena_printf(a, "%.*s\x1f%s", (int)(sep - key), key,
							     x->parent->id)));
}

/* How many pairs of set belong to std (all when NULL), and how many of those
 * match the other side. */
static size_t
count_for(const struct map *set, const char *std, bool (*matched)(const char *, const struct map *,
	  const struct lib_framework *, struct arena *), const struct map *other,
	  const struct lib_framework *csf, struct arena *a, size_t *common)
{
	size_t n = 0, len = std ? strlen(std) : 0;

	*common = 0;
	for (size_t i = 0; i < set->cap; i++) {
		const char *k = set->keys[i];

		if (!k || (std && (strncmp(k, std, len) != 0 || k[len] != '\x1f')))
			continue;
		n++;
		if (matched(k, other, csf, a))
			(*common)++;
	}
	return n;
}

int
main(int argc, char **argv)
{
	struct test_csv map11, lineage, withdrawn;
	struct library *lib;
	struct arena *a = arena_new();
	struct map nist = {0}, ours = {0}, lifted = {0}, gone = {0};
	const struct lib_framework *hipaa, *csf;
	const struct lib_pair *pairs;
	size_t n_pairs, dropped = 0, n_nist, n_ours, both, found;
	double min_recall = 0, precision, recall;
	int k_ka, k_target, rc = 0;

	if (argc == 3 && strcmp(argv[1], "--min-recall") == 0)
		min_recall = atof(argv[2]);
	if (hash_init(NULL) < 0 || lib_load_builtin(&lib, NULL, NULL) < 0) {
		fprintf(stderr, "agreement: the built-in library does not load\n");
		return 2;
	}
	if (test_csv_read(REF "hipaa/sp800-66r2-to-csf-1.1.csv", &map11) < 2 ||
	    test_csv_read(REF "nist-csf-2.0/csf-1.1-to-2.0-withdrawn-lineage.csv", &lineage) < 2 ||
	    test_csv_read(REF "nist-csf-2.0/csf-2.0-withdrawn-csf-1.1-elements.csv", &withdrawn) < 2) {
		fprintf(stderr, "agreement: cannot read the reference lists in %s\n", REF);
		return 2;
	}
	hipaa = lib_framework_get(lib, "hipaa-security");
	csf = lib_framework_get(lib, "nist-csf-2.0");

	/* CSF 1.1 -> 2.0: withdrawn IDs, and where each went. */
	for (size_t r = 1; r < withdrawn.n_rows; r++)
		map_put(&gone, withdrawn.rows[r][0], (void *)1);
	for (size_t r = 1; r < lineage.n_rows; r++) {
		const char *from = lineage.rows[r][test_csv_column(&lineage, "csf11_id")];
		const char *to = lineage.rows[r][test_csv_column(&lineage, "csf20_id")];
		char *list = map_get(&lifted, from);

		map_put(&lifted, from, arena_printf(a, "%s%s%s", list ? list : "", list ? " " : "", to));
	}

	/* NIST's pairs, lifted to CSF 2.0. */
	k_ka = test_csv_column(&map11, "sp800_66r2_key_activity_id");
	k_target = test_csv_column(&map11, "target_id");
	for (size_t r = 1; r < map11.n_rows; r++) {
		char *key = xstrdup(map11.rows[r][k_ka]), *hash = strchr(key, '#');
		char *sub = pad_subcategory(map11.rows[r][k_target]);
		const struct lib_control *std;

		if (hash)
			*hash = '\0';
		std = standard_for(hipaa, key);
		if (!std || !sub) {
			dropped++;
		} else if (map_get(&gone, sub)) {
			char *targets = map_get(&lifted, sub), *save = NULL, *t;

			if (!targets)
				dropped++;
			for (t = targets ? strtok_r(arena_strdup(a, targets), " ", &save) : NULL; t;
			     t = strtok_r(NULL, " ", &save))
				if (lib_control_get(csf, t))
					pair_add(&nist, a, std->id, t);
		} else if (lib_control_get(csf, sub)) {
			pair_add(&nist, a, std->id, sub);
		} else {
			dropped++;
		}
		free(key);
		free(sub);
	}

	/* Ours: the crosswalk the safeguards imply, at standard level. */
	n_pairs = lib_crosswalk(lib, hipaa, csf, a, &pairs);
	for (size_t i = 0; i < n_pairs; i++) {
		const struct lib_control *std = standard_of(pairs[i].from);

		if (std && pairs[i].to->assessable)
			pair_add(&ours, a, std->id, pairs[i].to->id);
	}

	n_nist = count_for(&nist, NULL, nist_pair_matched, &ours, csf, a, &found);
	n_ours = count_for(&ours, NULL, our_pair_matched, &nist, csf, a, &both);
	precision = n_ours ? (double)both / (double)n_ours : 0;
	recall = n_nist ? (double)found / (double)n_nist : 0;
	printf("HIPAA Security Rule -> NIST CSF 2.0: Prudent's implied crosswalk against NIST SP 800-66r2\n");
	printf("(CSF 1.1 lifted to 2.0 through NIST's lineage; %zu NIST rows had no CSF 2.0 target)\n\n",
	       dropped);
	printf("pairs: NIST %zu (%zu found in ours), Prudent %zu (%zu found in NIST's)\n", n_nist,
	       found, n_ours, both);
	printf("precision %.2f  recall %.2f\n\n", precision, recall);
	printf("%-22s %6s %6s %9s %7s\n", "standard", "NIST", "ours", "precision", "recall");
	for (size_t i = 0; i < hipaa->n_controls; i++) {
		const struct lib_control *c = &hipaa->controls[i];
		size_t sn, so, sf, sb;

		if (strcmp(hipaa->levels[c->level], "standard") != 0)
			continue;
		sn = count_for(&nist, c->id, nist_pair_matched, &ours, csf, a, &sf);
		so = count_for(&ours, c->id, our_pair_matched, &nist, csf, a, &sb);
		printf("%-22s %6zu %6zu %9.2f %7.2f\n", c->id, sn, so,
		       so ? (double)sb / (double)so : 0, sn ? (double)sf / (double)sn : 0);
	}
	if (recall < min_recall) {
		fprintf(stderr, "agreement: recall %.2f is below %.2f\n", recall, min_recall);
		rc = 1;
	}
	map_free(&nist);
	map_free(&ours);
	map_free(&lifted);
	map_free(&gone);
	test_csv_free(&map11);
	test_csv_free(&lineage);
	test_csv_free(&withdrawn);
	arena_free(a);
	lib_free(lib);
	return rc;
}
