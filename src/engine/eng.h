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

/* One framework of an MSP's standard-of-care floor. */
struct eng_floor {
	const struct lib_framework *framework;
	const struct lib_variant *variant;
	size_t n_variant;
};

/* Derive the obligations of a profile that passed eng_profile_check, with the
 * library's floor rules. */
void eng_obligations(const struct library *lib, json_t *answers, struct arena *arena,
		     struct eng_result *out);
/* The same with the MSP's own floor (a tenant policy) in place of the
 * library's floor rules; reason names the policy. */
void eng_obligations_policy(const struct library *lib, json_t *answers,
			    const struct eng_floor *floor, size_t n_floor, const char *reason,
			    struct arena *arena, struct eng_result *out);
/* Read a floor policy: a JSON list of {"framework": ID, "variant": {K: V}}. */
int eng_floor_parse(const struct library *lib, json_t *list, struct arena *arena,
		    struct eng_floor **out, size_t *n, struct err *e);

/* The result as the JSON of 'prudent obligations --json' (a new reference). */
json_t *eng_result_json(const struct eng_result *r);
/* The result as a letter to the business owner. */
void eng_result_letter(const struct eng_result *r, const char *client_name, struct str *out);

/* ------------------------------------------------- the matrix */

/* Who carries a safeguard for a client. */
enum eng_owner {
	ENG_OWNER_MSP,
	ENG_OWNER_CUSTOMER,
	ENG_OWNER_SHARED,
	ENG_OWNER_THIRD_PARTY,
	ENG_OWNER_DECLINED,
	ENG_OWNER_NOT_APPLICABLE,
	ENG_OWNER__MAX
};
const char *eng_owner_name(enum eng_owner o);
/* The owner named on the command line ("third-party" or "third_party"); -1 if none. */
int eng_owner_parse(const char *s);

enum eng_decision_kind { ENG_ACCEPT, ENG_DECLINE, ENG_DEFER, ENG_DECISION__MAX };
const char *eng_decision_name(enum eng_decision_kind k);

struct eng_decision {
	enum eng_decision_kind kind;
	const char *by;     /* "NAME, TITLE" of the customer's decision maker */
	const char *reason;
	const char *until;  /* YYYY-MM-DD or NULL */
	const char *at;     /* when it was recorded */
	const char *recorded_by;
};

/* What an MSP set for one safeguard of one client (the latest of each kind). */
struct eng_settings {
	bool assigned;
	enum eng_owner owner; /* msp, customer, shared or third_party */
	const char *party, *msp_part, *customer_part, *note;
	const struct eng_decision *decision;
	bool not_applicable;
	const char *na_reason, *na_condition;
};

/* A client's matrix state: its changes replayed in order. */
struct eng_state {
	const char **subscriptions; /* service ids */
	size_t n_subscriptions, cap_subscriptions;
	struct map settings; /* safeguard id -> struct eng_settings */
};

/*
 * Apply one recorded change (kind subscribe, unsubscribe, assign, decide or
 * tailor; data as the CLI writes it) to state.  Strings are copied into arena.
 * Returns ERR_INPUT for a change that does not parse.
 */
int eng_state_apply(struct eng_state *state, struct arena *arena, const char *kind,
		    const char *subject, const char *data, const char *at, const char *by);
void eng_state_free(struct eng_state *state);
const struct eng_settings *eng_state_get(const struct eng_state *state, const char *safeguard);

/*
 * A service definition an MSP wrote (JSON in the shape of services/ID.yaml)
 * as a struct lib_service in arena; problems (unknown safeguards, a shared
 * cover without its split) are listed and make it fail.
 */
int eng_service_from_json(const struct library *lib, json_t *def, struct arena *arena,
			  const struct lib_service **out, struct eng_problems *problems);

/* One baseline safeguard of a client, with who carries it and why it is there. */
struct eng_row {
	const struct lib_safeguard *safeguard;
	bool must;                             /* a law or contract requires it */
	const struct lib_control **controls;   /* the in-scope controls it serves */
	size_t n_controls, cap_controls;
	const char **reasons;
	size_t n_reasons, cap_reasons;
	enum eng_owner owner;
	const char *msp_part, *customer_part;  /* shared */
	const struct lib_service *service;     /* the subscribed service carrying it */
	const char *third_party;
	const char *note;
	const struct eng_decision *decision;   /* the customer's latest decision, if any */
	const char *na_reason;
	bool flagged;                          /* a must that was declined */
	const struct lib_service **recommended; /* services that would cover it */
	size_t n_recommended, cap_recommended;
};

/* Per obligation framework: its in-scope controls and how they are carried. */
struct eng_coverage {
	const struct eng_obligation *obligation;
	size_t in_scope, owned, declined, not_applicable;
};

struct eng_matrix {
	struct eng_row *rows; /* must first, then by safeguard id */
	size_t n_rows;
	struct eng_coverage *coverage; /* in the order of the obligations */
	size_t n_coverage;
};

/*
 * Build a client's matrix: its baseline (every safeguard mapped to an in-scope
 * control of an obligation framework; `must` when a must obligation needs it)
 * and, for each safeguard, the owner: not applicable (tailored), declined (the
 * customer's latest decision), an explicit assignment, the subscribed services
 * that cover it, or else the customer, with the catalogue's services that
 * would cover it as recommendations.
 */
void eng_matrix_build(const struct library *lib, const struct eng_result *obligations,
		      const struct lib_service *const *catalogue, size_t n_catalogue,
		      const struct eng_state *state, struct arena *arena, struct eng_matrix *out);

/* A row of the per-framework view: one in-scope control and who carries it. */
struct eng_control_row {
	const struct lib_control *control;
	enum eng_owner owner; /* the rows' owners combined: different owners are shared */
	const struct eng_row **rows;
	size_t n_rows;
};

/* The per-framework view of a matrix for one obligation framework. */
size_t eng_matrix_framework(const struct eng_matrix *m, const struct eng_obligation *ob,
			    struct arena *arena, struct eng_control_row **out);

#endif /* PRUDENT_ENG_H */
