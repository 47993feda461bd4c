/*
 * eng.h - the engine: pure logic over a client's profile and the library.
 *
 * No I/O happens here: callers hand in bytes or a parsed profile and get
 * results back, so the same inputs always give the same output, byte for byte
 * (DESIGN.md §3).  Profiles are jansson objects (json_t), the shape of
 * docs/intake-and-rules.md.  Results live in the caller's arena.
 */
#ifndef PRUDENT_ENG_H
#define PRUDENT_ENG_H

#include <jansson.h>

#include "core/core.h"
#include "library/lib.h"

enum { ENG_MAX_ANSWERS_SIZE = 1024 * 1024, ENG_MAX_DEPTH = 16 };

/*
 * Parse an answers file: JSON when the first non-blank byte is '{', otherwise
 * YAML (a mapping; plain true/false are booleans, plain whole numbers are
 * numbers, ~ and null are null, everything else is text).  Over
 * ENG_MAX_ANSWERS_SIZE, nested deeper than ENG_MAX_DEPTH, not an object,
 * duplicate keys, invalid UTF-8 or NUL bytes: ERR_INPUT with a message naming
 * the line.  *out is a new reference the caller releases with json_decref.
 */
int eng_answers_parse(const char *data, size_t len, json_t **out, struct err *e);

/* Problems found in a profile: one line each, naming the key. */
struct eng_problems {
	const char **lines;
	size_t n_lines, cap;
};

/*
 * Check answers against the questionnaire: unknown keys (with the nearest valid
 * key), wrong types, values outside the options or range, required questions
 * left unanswered (when they are asked).  Returns the number of problems; 0
 * means the profile may be stored.  Lines are allocated in arena.
 */
size_t eng_profile_check(const struct library *lib, json_t *answers, struct arena *arena,
			 struct eng_problems *out);

/* The answer at a key path ("card_payments.channels"), borrowed; NULL when
 * absent or null. */
json_t *eng_answer(json_t *answers, const char *key);

/* Set the answer at a key path, creating the groups on the way; value is
 * taken (a new reference), NULL removes the answer. */
void eng_answer_set(json_t *answers, const char *key, json_t *value);

/* Does condition c hold for these answers? */
bool eng_cond_holds(const struct lib_cond *c, json_t *answers);

/* "sha256:<hex>" of the canonical JSON of answers (sorted keys, compact). */
void eng_profile_hash(json_t *answers, char out[8 + HASH_SHA256_HEX_LEN]);
/* The canonical JSON text itself, malloc'd. */
char *eng_profile_canonical(json_t *answers);

/* One framework that binds the client, merged from every rule that named it. */
struct eng_obligation {
	const struct lib_framework *framework;
	bool must;
	const struct lib_variant *variant;
	size_t n_variant;
	int64_t precedence; /* of the contribution whose variant was kept */
	const char **reasons;
	size_t n_reasons;
	const char **citations;
	size_t n_citations;
	const char **rules; /* ids of the rules that contributed */
	size_t n_rules;
};

struct eng_safe_harbor {
	const struct lib_safe_harbor *entry;
	const struct lib_framework **client_frameworks; /* named by the statute and binding the client */
	size_t n_client_frameworks;
};

struct eng_result {
	char profile_hash[8 + HASH_SHA256_HEX_LEN];
	const char *library_version;
	struct eng_obligation *obligations; /* must first, then should; by framework id */
	size_t n_obligations;
	struct eng_safe_harbor *safe_harbor; /* by the order of the client's states */
	size_t n_safe_harbor;
	const char **warnings;
	size_t n_warnings;
};

/* Derive the obligations of a profile that passed eng_profile_check. */
void eng_obligations(const struct library *lib, json_t *answers, struct arena *arena,
		     struct eng_result *out);

/* The result as the JSON of 'prudent obligations --json' (a new reference). */
json_t *eng_result_json(const struct eng_result *r);
/* The result as a letter to the business owner. */
void eng_result_letter(const struct eng_result *r, const char *client_name, struct str *out);

#endif /* PRUDENT_ENG_H */
