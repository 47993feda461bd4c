/*
 * profile.c - a client's answers: looking values up by key path, checking them
 * against the questionnaire, evaluating conditions, and hashing them.
 *
 * The questionnaire in the library is the schema: a key no question fills is
 * unknown (and the nearest real key is suggested, since the usual cause is a
 * typo), and each answer must fit its question's type.  Every problem is one
 * line that names the key.
 */
#include <stdlib.h>

#include "engine/eng.h"

json_t *
eng_answer(json_t *answers, const char *key)
{
	const char *dot;
	json_t *v = answers;

	while (v && (dot = strchr(key, '.')) != NULL) {
		char part[128];
		size_t n = (size_t)(dot - key);

		if (n >= sizeof(part) || !json_is_object(v))
			return NULL;
		memcpy(part, key, n);
		part[n] = '\0';
		v = json_object_get(v, part);
		key = dot + 1;
	}
	v = json_is_object(v) ? json_object_get(v, key) : NULL;
	return json_is_null(v) ? NULL : v;
}

void
eng_answer_set(json_t *answers, const char *key, json_t *value)
{
	const char *dot;
	json_t *obj = answers;

	while ((dot = strchr(key, '.')) != NULL) {
		char part[128];
		json_t *next;

		snprintf(part, sizeof(part), "%.*s", (int)(dot - key), key);
		next = json_object_get(obj, part);
		if (!json_is_object(next)) {
			next = json_object();
			json_object_set_new(obj, part, next);
		}
		obj = next;
		key = dot + 1;
	}
	if (value)
		json_object_set_new(obj, key, value);
	else
		json_object_del(obj, key);
}

/* ------------------------------------------------------------ problems */

static void problem(struct eng_problems *p, struct arena *a, const char *fmt, ...)
	PRINTF_LIKE(3, 4);

static void
problem(struct eng_problems *p, struct arena *a, const char *fmt, ...)
{
	struct str s = STR_INIT;
	va_list ap;

	va_start(ap, fmt);
	str_vappendf(&s, fmt, ap);
	va_end(ap);
	if (p->n_lines == p->cap) {
		const char **grown;

		p->cap = p->cap ? p->cap * 2 : 8;
		grown = arena_array(a, p->cap, sizeof(*grown));
		if (p->n_lines)
			memcpy(grown, p->lines, p->n_lines * sizeof(*grown));
		p->lines = grown;
	}
	p->lines[p->n_lines++] = arena_strdup(a, str_cstr(&s));
	str_free(&s);
}

/* Edit distance, for "did you mean"; keys are short, so the quadratic cost is nothing. */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), prev[128], cur[128];

	if (la >= 127 || lb >= 127)
		return 1000;
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;

			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
		}
		memcpy(prev, cur, (lb + 1) * sizeof(*prev));
	}
	return prev[lb];
}

/* The question key nearest to path, when near enough to be a likely typo. */
static const char *
nearest_key(const struct library *lib, const char *path)
{
	const char *best = NULL;
	size_t best_d = 4;

	for (size_t i = 0; i < lib->n_questions; i++) {
		size_t d = distance(path, lib->questions[i].key);

		if (d < best_d) {
			best_d = d;
			best = lib->questions[i].key;
		}
	}
	return best;
}

/* Is path the start of some question's key ("card_payments" of
 * "card_payments.accepts")? */
static bool
is_group(const struct library *lib, const char *path)
{
	size_t n = strlen(path);

	for (size_t i = 0; i < lib->n_questions; i++)
		if (strncmp(lib->questions[i].key, path, n) == 0 && lib->questions[i].key[n] == '.')
			return true;
	return false;
}

static const char *
json_kind(json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "a list";
	case JSON_STRING: return "text";
	case JSON_INTEGER: return "a number";
	case JSON_REAL: return "a decimal number";
	case JSON_TRUE: case JSON_FALSE: return "true/false";
	default: return "null";
	}
}

static bool
valid_text(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len > 500)
		return false;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

/* Check one list element of a list-typed answer. */
static void
check_element(const struct lib_question *q, json_t *item, size_t index, struct arena *a,
	      struct eng_problems *out)
{
	const char *s = json_string_value(item);
	bool known = false;

	if (!s) {
		problem(out, a, "'%s' item %zu must be text, not %s", q->key, index + 1, json_kind(item));
		return;
	}
	switch (q->type) {
	case LIB_Q_MULTI:
		for (size_t k = 0; k < q->n_options; k++)
			known |= strcmp(q->options[k].value, s) == 0;
		if (!known) {
			struct str list = STR_INIT;

			for (size_t k = 0; k < q->n_options; k++)
				str_appendf(&list, "%s%s", k ? ", " : "", q->options[k].value);
			problem(out, a, "'%s' has '%.64s', which is not one of: %s", q->key, s,
				str_cstr(&list));
			str_free(&list);
		}
		break;
	case LIB_Q_US_STATES:
		if (!lib_us_state_valid(s))
			problem(out, a, "'%s' has '%.64s', which is not a US state code such as OH",
				q->key, s);
		break;
	case LIB_Q_COUNTRIES:
		if (!lib_country_valid(s))
			problem(out, a, "'%s' has '%.64s', which is not an ISO country code such as US",
				q->key, s);
		break;
	default:
		if (!valid_text(s))
			problem(out, a, "'%s' item %zu must be one line of 1 to 500 characters", q->key,
				index + 1);
	}
}

/* Check one answer against its question's type. */
static void
check_answer(const struct lib_question *q, json_t *v, struct arena *a, struct eng_problems *out)
{
	json_t *item;
	size_t i;

	switch (q->type) {
	case LIB_Q_YESNO:
		if (!json_is_boolean(v))
			problem(out, a, "'%s' must be true or false, not %s", q->key, json_kind(v));
		return;
	case LIB_Q_NUMBER:
		if (!json_is_integer(v)) {
			problem(out, a, "'%s' must be a whole number, not %s", q->key, json_kind(v));
		} else if ((q->has_min && json_integer_value(v) < q->min) ||
			   (q->has_max && json_integer_value(v) > q->max)) {
			problem(out, a, "'%s' is %lld; it must be between %lld and %lld", q->key,
				(long long)json_integer_value(v), (long long)(q->has_min ? q->min : 0),
				(long long)(q->has_max ? q->max : INT64_MAX));
		}
		return;
	case LIB_Q_CHOICE: {
		const char *s = json_string_value(v);
		struct str list = STR_INIT;

		if (!s) {
			problem(out, a, "'%s' must be text, not %s", q->key, json_kind(v));
			return;
		}
		for (i = 0; i < q->n_options; i++)
			if (strcmp(q->options[i].value, s) == 0)
				return;
		for (i = 0; i < q->n_options; i++)
			str_appendf(&list, "%s%s", i ? ", " : "", q->options[i].value);
		problem(out, a, "'%s' is '%.64s'; it must be one of: %s", q->key, s, str_cstr(&list));
		str_free(&list);
		return;
	}
	case LIB_Q_TEXT:
		if (!json_is_string(v))
			problem(out, a, "'%s' must be text, not %s", q->key, json_kind(v));
		else if (!valid_text(json_string_value(v)))
			problem(out, a, "'%s' must be one line of 1 to 500 characters", q->key);
		return;
	default:
		break;
	}
	if (!json_is_array(v)) {
		problem(out, a, "'%s' must be a list, not %s", q->key, json_kind(v));
		return;
	}
	json_array_foreach(v, i, item) {
		check_element(q, item, i, a, out);
		for (size_t k = 0; k < i; k++)
			if (json_equal(json_array_get(v, k), item)) {
				problem(out, a, "'%s' lists '%.64s' twice", q->key,
					json_string_value(item) ? json_string_value(item) : "?");
				break;
			}
	}
}

/* Walk the answers: every key must be a question's key or a group of them. */
static void
check_keys(const struct library *lib, json_t *obj, const char *prefix, struct arena *a,
	   struct eng_problems *out)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v) {
		const char *path = *prefix ? arena_printf(a, "%s.%s", prefix, key) : key;
		const struct lib_question *q = lib_question_get(lib, path);
		const char *near;

		if (q) {
			if (!json_is_null(v))
				check_answer(q, v, a, out);
		} else if (is_group(lib, path)) {
			if (json_is_object(v))
				check_keys(lib, v, path, a, out);
			else if (!json_is_null(v))
				problem(out, a, "'%s' must be an object of answers, not %s", path,
					json_kind(v));
		} else if ((near = nearest_key(lib, path)) != NULL) {
			problem(out, a, "unknown key '%.64s' (did you mean '%s'?)", path, near);
		} else {
			problem(out, a, "unknown key '%.64s'", path);
		}
	}
}

size_t
eng_profile_check(const struct library *lib, json_t *answers, struct arena *arena,
		  struct eng_problems *out)
{
	memset(out, 0, sizeof(*out));
	if (!json_is_object(answers)) {
		problem(out, arena, "the answers must be an object of keys and values");
		return out->n_lines;
	}
	check_keys(lib, answers, "", arena, out);
	/* Required answers, for the questions that are asked.  Only once the
	 * answers given are well-formed: a condition over a malformed answer
	 * says nothing. */
	if (out->n_lines)
		return out->n_lines;
	for (size_t i = 0; i < lib->n_questions; i++) {
		const struct lib_question *q = &lib->questions[i];

		if (q->required && (!q->when || eng_cond_holds(q->when, answers)) &&
		    !eng_answer(answers, q->key))
			problem(out, arena, "'%s' must be answered: %s", q->key, q->prompt);
	}
	return out->n_lines;
}

/* --------------------------------------------------------- conditions */

static bool
value_equals(json_t *v, const struct lib_value *x)
{
	switch (x->type) {
	case LIB_VALUE_BOOL: return json_is_boolean(v) && json_boolean_value(v) == x->boolean;
	case LIB_VALUE_INT: return json_is_integer(v) && json_integer_value(v) == x->integer;
	default: return json_is_string(v) && strcmp(json_string_value(v), x->string) == 0;
	}
}

static bool
list_contains(json_t *list, const struct lib_value *x)
{
	json_t *item;
	size_t i;

	if (!json_is_array(list))
		return false;
	json_array_foreach(list, i, item)
		if (value_equals(item, x))
			return true;
	return false;
}

bool
eng_cond_holds(const struct lib_cond *c, json_t *answers)
{
	json_t *v = c->question ? eng_answer(answers, c->question->key) : NULL;
	size_t i;

	switch (c->op) {
	case LIB_COND_EQUALS:
		return v && value_equals(v, &c->value);
	case LIB_COND_CONTAINS:
		return v && list_contains(v, &c->value);
	case LIB_COND_IN:
		for (i = 0; v && i < c->n_values; i++)
			if (value_equals(v, &c->values[i]))
				return true;
		return false;
	case LIB_COND_AT_LEAST:
		return json_is_integer(v) && json_integer_value(v) >= c->value.integer;
	case LIB_COND_ANY_OF:
		for (i = 0; v && i < c->n_values; i++)
			if (list_contains(v, &c->values[i]))
				return true;
		return false;
	case LIB_COND_ANSWERED:
		return v && !(json_is_array(v) && json_array_size(v) == 0) &&
		       !(json_is_string(v) && json_string_length(v) == 0);
	case LIB_COND_ALL:
		for (i = 0; i < c->n_children; i++)
			if (!eng_cond_holds(c->children[i], answers))
				return false;
		return true;
	case LIB_COND_ANY:
		for (i = 0; i < c->n_children; i++)
			if (eng_cond_holds(c->children[i], answers))
				return true;
		return false;
	case LIB_COND_NOT:
		return !eng_cond_holds(c->children[0], answers);
	default:
		return false;
	}
}

/* ------------------------------------------------------------- hashing */

char *
eng_profile_canonical(json_t *answers)
{
	char *s = json_dumps(answers, JSON_COMPACT | JSON_SORT_KEYS);

	if (!s)
		panic("cannot serialise a profile");
	return s;
}

void
eng_profile_hash(json_t *answers, char out[8 + HASH_SHA256_HEX_LEN])
{
	char *canon = eng_profile_canonical(answers);
	char hex[HASH_SHA256_HEX_LEN];

	hash_sha256_hex(canon, strlen(canon), hex);
	snprintf(out, 8 + HASH_SHA256_HEX_LEN, "sha256:%s", hex);
	free(canon);
}
