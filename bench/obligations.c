/*
 * obligations.c - benchmarks: derive the obligations of 10,000 generated
 * client profiles with the built-in library (aim: under one second), and
 * compute the JSON responsibility matrix of 1,000 clients (aim: under two
 * seconds for all of them).
 *
 *   bench_obligations [N] [M]
 *
 * Profiles are generated from the questionnaire itself (every question asked
 * when its condition holds, answers drawn from its options and ranges with a
 * fixed-seed generator), so they are valid and cover every rule path the
 * answers can reach.  Generating is not timed; checking each profile and
 * deriving its obligations is.
 */
#include <stdlib.h>
#include <time.h>

#include "docs/doc.h"
#include "engine/eng.h"

static uint64_t seed = 0x9e3779b97f4a7c15u;

static unsigned
rnd(unsigned n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (unsigned)(seed % n);
}


static json_t *
generate(const struct library *lib, int index)
{
	static const char *const states[] = {"OH", "UT", "CT", "IA", "TN", "CA", "NY", "TX", "FL"};
	json_t *answers = json_object();

	for (size_t i = 0; i < lib->n_questions; i++) {
		const struct lib_question *q = &lib->questions[i];
		json_t *v = NULL;

		if (q->when && !eng_cond_holds(q->when, answers))
			continue;
		if (!q->required && rnd(5) == 0)
			continue;
		switch (q->type) {
		case LIB_Q_YESNO: v = json_boolean(rnd(3) == 0); break;
		case LIB_Q_NUMBER: {
			int64_t lo = q->has_min ? q->min : 0, hi = q->has_max ? q->max : 20000;

			v = json_integer(lo + (int64_t)rnd((unsigned)((hi - lo > 20000 ? 20000 : hi - lo) + 1)));
			break;
		}
		case LIB_Q_CHOICE: v = json_string(q->options[rnd((unsigned)q->n_options)].value); break;
		case LIB_Q_MULTI:
			v = json_array();
			for (size_t k = 0; k < q->n_options; k++)
				if (rnd(4) == 0)
					json_array_append_new(v, json_string(q->options[k].value));
			break;
		case LIB_Q_TEXT: v = json_sprintf("Client %d", index); break;
		case LIB_Q_TEXT_LIST: v = json_array(); break;
		case LIB_Q_US_STATES:
			v = json_array();
			json_array_append_new(v, json_string(states[rnd(ARRAY_LEN(states))]));
			break;
		case LIB_Q_COUNTRIES: v = json_pack("[s]", rnd(4) ? "US" : "DE"); break;
		default: break;
		}
		if (v)
			eng_answer_set(answers, q->key, v);
	}
	return answers;
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 10000, invalid = 0;
	size_t n_obligations = 0;
	struct library *lib;
	struct timespec t0, t1;
	json_t **profiles;
	double ms;

	if (n <= 0 || hash_init(NULL) < 0 || lib_load_builtin(&lib, NULL, NULL) < 0) {
		fprintf(stderr, "bench_obligations: cannot start\n");
		return 2;
	}
	profiles = xcalloc((size_t)n, sizeof(*profiles));
	for (int i = 0; i < n; i++)
		profiles[i] = generate(lib, i);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < n; i++) {
		struct arena *a = arena_new();
		struct eng_problems problems;
		struct eng_result r;

		if (eng_profile_check(lib, profiles[i], a, &problems) > 0)
			invalid++;
		eng_obligations(lib, profiles[i], a, &r);
		n_obligations += r.n_obligations;
		arena_free(a);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	printf("obligations for %d generated profiles: %.1f ms (%.1f us each, %.1f obligations on "
	       "average, %d failed the check)\n", n, ms, ms * 1e3 / n, (double)n_obligations / n, invalid);
	/* Matrices for the first M clients, each subscribed to a few services,
	 * rendered as the JSON 'prudent matrix --format json' prints. */
	{
		int m = argc > 2 ? atoi(argv[2]) : 1000;
		const struct lib_service **cat = xcalloc(lib->n_services + 1, sizeof(*cat));
		size_t bytes = 0, rows = 0;

		if (m > n)
			m = n;
		for (size_t i = 0; i < lib->n_services; i++)
			cat[i] = &lib->services[i];
		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (int i = 0; i < m; i++) {
			struct arena *a = arena_new();
			struct eng_state state = {0};
			struct eng_result r;
			struct eng_matrix mx;
			struct doc_matrix d = {0};
			json_t *j;
			char *text;

			for (size_t k = 0; k < lib->n_services; k++)
				if (rnd(3) == 0)
					eng_state_apply(&state, a, "subscribe", lib->services[k].id, "{}", "t", "b");
			eng_obligations(lib, profiles[i], a, &r);
			eng_matrix_build(lib, &r, cat, lib->n_services, &state, a, &mx);
			d.client_slug = d.client_name = "client";
			d.library_version = lib->version;
			d.profile_hash = r.profile_hash;
			d.generated_at = "2026-11-27T00:00:00Z";
			d.obligations = &r;
			d.matrix = &mx;
			d.arena = a;
			j = doc_matrix_json(&d);
			text = json_dumps(j, JSON_COMPACT);
			bytes += strlen(text);
			rows += mx.n_rows;
			free(text);
			json_decref(j);
			eng_state_free(&state);
			arena_free(a);
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
		printf("JSON matrices for %d clients: %.1f ms (%.2f ms each, %.0f rows and %.0f KiB "
		       "of JSON on average)\n", m, ms, ms / m, (double)rows / m, (double)bytes / m / 1024);
		free(cat);
	}
	for (int i = 0; i < n; i++)
		json_decref(profiles[i]);
	free(profiles);
	lib_free(lib);
	return invalid ? 1 : 0;
}
