/*
 * fuzz_answers.c - libFuzzer target for intake answers: the JSON/YAML parser,
 * the check against the built-in questionnaire, and, for answers that pass,
 * the whole obligations derivation and its output; and, for input shaped
 * like a service definition, the reading of an MSP's own service.
 */
#include <stdlib.h>

#include "engine/eng.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct library *lib;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct eng_problems problems;
	struct eng_result result;
	struct arena *a;
	json_t *answers;
	char *copy;

	if (!lib && (hash_init(NULL) < 0 || lib_load_builtin(&lib, NULL, NULL) < 0))
		__builtin_trap();
	copy = xmalloc(size + 1);
	memcpy(copy, data, size);
	copy[size] = '\0';
	if (eng_answers_parse(copy, size, &answers, NULL) == 0) {
		a = arena_new();
		if (json_object_get(answers, "covers")) {
			const struct lib_service *svc;

			if (eng_service_from_json(lib, answers, a, &svc, &problems) < 0 &&
			    problems.n_lines == 0)
				__builtin_trap();
		} else if (eng_profile_check(lib, answers, a, &problems) == 0) {
			struct str letter = STR_INIT;
			json_t *j;

			eng_obligations(lib, answers, a, &result);
			j = eng_result_json(&result);
			eng_result_letter(&result, "x", &letter);
			json_decref(j);
			str_free(&letter);
		} else if (problems.n_lines == 0) {
			__builtin_trap();
		}
		arena_free(a);
		json_decref(answers);
	}
	free(copy);
	return 0;
}
