/*
 * rules.c - reading the intake questionnaire, the obligation rules, the
 * warnings and the safe-harbor facts (docs/intake-and-rules.md).
 *
 * Conditions are checked against the questionnaire as they are read: every key
 * must be a question's key, every value must fit that question's type and
 * options.  So a rule can never silently test an answer that cannot exist, and
 * the engine evaluating them needs no error paths.
 */
#include <stdlib.h>

#include "library/loader.h"

static const char *const qtype_names[LIB_Q__MAX] = {
	"yesno", "choice", "multi", "number", "text", "text_list", "us_states", "countries"};

const char *
lib_qtype_name(enum lib_qtype t)
{
	return t < LIB_Q__MAX ? qtype_names[t] : "?";
}

bool
lib_qtype_is_list(enum lib_qtype t)
{
	return t == LIB_Q_MULTI || t == LIB_Q_TEXT_LIST || t == LIB_Q_US_STATES ||
	       t == LIB_Q_COUNTRIES;
}

const struct lib_question *
lib_question_get(const struct library *lib, const char *key)
{
	return map_get(&lib->question_index, key);
}

/* ------------------------------------------------------------ values */

/* Is s an option value of q? */
static bool
is_option(const struct lib_question *q, const char *s)
{
	for (size_t i = 0; i < q->n_options; i++)
		if (strcmp(q->options[i].value, s) == 0)
			return true;
	return false;
}

/*
 * Read a value to compare with question q's answer (or, when element is true,
 * with one element of a list answer).  Reports and returns -1 when the value
 * cannot be such an answer.
 */
static int
read_value(struct loader *L, struct fy_node *n, const struct lib_question *q, bool element,
	   struct lib_value *out)
{
	enum lib_qtype t = q->type;

	memset(out, 0, sizeof(*out));
	if (t == LIB_Q_YESNO) {
		out->type = LIB_VALUE_BOOL;
		return ld_bool(L, n, q->key, &out->boolean);
	}
	if (t == LIB_Q_NUMBER) {
		out->type = LIB_VALUE_INT;
		return ld_int(L, n, q->key, &out->integer);
	}
	out->type = LIB_VALUE_STRING;
	if (!(out->string = ld_text(L, n, q->key, 500)))
		return -1;
	if (lib_qtype_is_list(t) && !element) {
		ld_diag(L, ld_line(n, 0), "'%s' is a list; compare it with contains or any_of", q->key);
		return -1;
	}
	if ((t == LIB_Q_CHOICE || t == LIB_Q_MULTI) && !is_option(q, out->string)) {
		ld_diag(L, ld_line(n, 0), "'%.64s' is not one of the options of '%s'", out->string, q->key);
		return -1;
	}
	if (t == LIB_Q_US_STATES && !lib_us_state_valid(out->string)) {
		ld_diag(L, ld_line(n, 0), "'%.64s' is not a US state or territory code", out->string);
		return -1;
	}
	if (t == LIB_Q_COUNTRIES && !lib_country_valid(out->string)) {
		ld_diag(L, ld_line(n, 0), "'%.64s' is not an ISO 3166 country code", out->string);
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------- conditions */

static const char *const cond_names[LIB_COND__MAX] = {
	"equals", "contains", "in", "at_least", "any_of", "answered", "all", "any", "not"};

enum { MAX_COND_DEPTH = 16 };

/* The question a condition's KEY names; only questions read so far count, so a
 * question's `when` can only look at earlier answers. */
static const struct lib_question *
cond_question(struct loader *L, struct fy_node *n)
{
	const char *key = ld_text(L, n, "key", 100);
	const struct lib_question *q;

	if (!key)
		return NULL;
	if (!(q = map_get(&L->lib->question_index, key)))
		ld_diag(L, ld_line(n, 0), "condition on '%.64s', which is not %s", key,
			L->in_intake ? "the key of an earlier question" : "a question's key");
	return q;
}

/* The two items of [KEY, VALUE]; false (reported) otherwise. */
static bool
pair_items(struct loader *L, struct fy_node *n, const char *op, struct fy_node **a,
	   struct fy_node **b)
{
	if (ld_list_len(L, n, op) != 2) {
		if (fy_node_get_type(n) == FYNT_SEQUENCE)
			ld_diag(L, ld_line(n, 0), "'%s' takes [KEY, VALUE]", op);
		return false;
	}
	*a = fy_node_sequence_get_by_index(n, 0);
	*b = fy_node_sequence_get_by_index(n, 1);
	return true;
}

static const struct lib_cond *ld_cond(struct loader *L, struct fy_node *n, int depth);

static const struct lib_cond *
cond_compare(struct loader *L, struct lib_cond *c, struct fy_node *arg)
{
	const char *op = cond_names[c->op];
	struct fy_node *key_node, *value_node, *item;
	void *iter = NULL;
	long n_values;

	if (c->op == LIB_COND_ANSWERED)
		return (c->question = cond_question(L, arg)) ? c : NULL;
	if (!pair_items(L, arg, op, &key_node, &value_node) ||
	    !(c->question = cond_question(L, key_node)))
		return NULL;
	switch (c->op) {
	case LIB_COND_EQUALS:
		return read_value(L, value_node, c->question, false, &c->value) == 0 ? c : NULL;
	case LIB_COND_CONTAINS:
		if (!lib_qtype_is_list(c->question->type)) {
			ld_diag(L, ld_line(key_node, 0), "'contains' needs a list answer; '%s' is %s",
				c->question->key, lib_qtype_name(c->question->type));
			return NULL;
		}
		return read_value(L, value_node, c->question, true, &c->value) == 0 ? c : NULL;
	case LIB_COND_AT_LEAST:
		if (c->question->type != LIB_Q_NUMBER) {
			ld_diag(L, ld_line(key_node, 0), "'at_least' needs a number; '%s' is %s",
				c->question->key, lib_qtype_name(c->question->type));
			return NULL;
		}
		return read_value(L, value_node, c->question, false, &c->value) == 0 ? c : NULL;
	case LIB_COND_IN:
	case LIB_COND_ANY_OF:
		if ((c->op == LIB_COND_ANY_OF) != lib_qtype_is_list(c->question->type)) {
			ld_diag(L, ld_line(key_node, 0), "'%s' does not fit '%s', which is %s", op,
				c->question->key, lib_qtype_name(c->question->type));
			return NULL;
		}
		if ((n_values = ld_list_len(L, value_node, op)) <= 0) {
			if (n_values == 0)
				ld_diag(L, ld_line(value_node, 0), "'%s' needs at least one value", op);
			return NULL;
		}
		c->values = arena_array(L->a, (size_t)n_values, sizeof(*c->values));
		while ((item = fy_node_sequence_iterate(value_node, &iter)) != NULL)
			if (read_value(L, item, c->question, c->op == LIB_COND_ANY_OF,
				       (struct lib_value *)&c->values[c->n_values++]) < 0)
				return NULL;
		return c;
	default:
		return NULL;
	}
}

/* Read a condition: a mapping with one key, the operator. */
static const struct lib_cond *
ld_cond(struct loader *L, struct fy_node *n, int depth)
{
	struct fy_node_pair *pair;
	struct fy_node *arg, *item;
	struct lib_cond *c;
	const char *op;
	void *iter = NULL;
	long count;
	int k;

	if (depth > MAX_COND_DEPTH) {
		ld_diag(L, ld_line(n, 0), "conditions nest deeper than %d", MAX_COND_DEPTH);
		return NULL;
	}
	if (fy_node_is_alias(n) || fy_node_get_type(n) != FYNT_MAPPING ||
	    fy_node_mapping_item_count(n) != 1) {
		ld_diag(L, ld_line(n, 0), "a condition is a mapping with one key, such as "
			"{equals: [KEY, VALUE]} or {all: [...]}");
		return NULL;
	}
	pair = fy_node_mapping_iterate(n, &iter);
	op = fy_node_get_scalar0(fy_node_pair_key(pair));
	arg = fy_node_pair_value(pair);
	if (!op || (k = ld_name_index(op, cond_names, LIB_COND__MAX)) < 0) {
		ld_diag(L, ld_line(n, 0), "unknown condition '%.64s'; use equals, contains, in, "
			"at_least, any_of, answered, all, any or not", op ? op : "");
		return NULL;
	}
	if (!arg) {
		ld_diag(L, ld_line(n, 0), "'%s' has no value", op);
		return NULL;
	}
	c = arena_alloc(L->a, sizeof(*c));
	c->op = (enum lib_cond_op)k;
	if (c->op == LIB_COND_NOT) {
		const struct lib_cond **kids = arena_alloc(L->a, sizeof(*kids));

		if (!(kids[0] = ld_cond(L, arg, depth + 1)))
			return NULL;
		c->children = kids;
		c->n_children = 1;
		return c;
	}
	if (c->op == LIB_COND_ALL || c->op == LIB_COND_ANY) {
		const struct lib_cond **kids;

		iter = NULL;
		if ((count = ld_list_len(L, arg, op)) <= 0) {
			if (count == 0)
				ld_diag(L, ld_line(arg, 0), "'%s' needs at least one condition", op);
			return NULL;
		}
		kids = arena_array(L->a, (size_t)count, sizeof(*kids));
		while ((item = fy_node_sequence_iterate(arg, &iter)) != NULL)
			if (!(kids[c->n_children++] = ld_cond(L, item, depth + 1)))
				return NULL;
		c->children = kids;
		return c;
	}
	return cond_compare(L, c, arg);
}

/* ------------------------------------------------------------ intake */

static void
read_options(struct loader *L, struct lib_question *q, struct fy_node *list)
{
	static const struct ld_field fields[] = {{"value", true}, {"label", true}};
	struct fy_node *v[ARRAY_LEN(fields)], *item;
	struct lib_option *opts;
	void *iter = NULL;
	long count;

	if ((count = ld_list_len(L, list, "options")) < 0)
		return;
	opts = arena_array(L->a, (size_t)count + 1, sizeof(*opts));
	while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
		struct lib_option *o = &opts[q->n_options];

		if (!ld_fields(L, item, "an option", fields, ARRAY_LEN(fields), v, ld_line(list, 0)) ||
		    !v[0] || !v[1])
			continue;
		o->value = ld_text(L, v[0], "value", 64);
		o->label = ld_text(L, v[1], "label", 200);
		if (!o->value || !o->label)
			continue;
		if (strspn(o->value, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(o->value)) {
			ld_diag(L, ld_line(v[0], 0), "option value '%s' must be lower-case letters, digits, "
				"hyphens or underscores", o->value);
			continue;
		}
		if (is_option(q, o->value)) {
			ld_diag(L, ld_line(v[0], 0), "option '%s' is listed twice", o->value);
			continue;
		}
		q->options = opts;
		q->n_options++;
	}
	q->options = opts;
}

/* Options from a framework's assessable controls (cyber-insurance requirements). */
static void
options_from(struct loader *L, struct lib_question *q, struct fy_node *n)
{
	const struct lib_framework *fw;
	struct lib_option *opts;
	const char *id = ld_text(L, n, "options_from", 64);

	if (!id)
		return;
	if (!(fw = map_get(&L->lib->framework_index, id))) {
		ld_diag(L, ld_line(n, 0), "options from unknown framework '%.64s'", id);
		return;
	}
	opts = arena_array(L->a, fw->n_assessable + 1, sizeof(*opts));
	for (size_t i = 0; i < fw->n_controls; i++) {
		const struct lib_control *c = &fw->controls[i];

		if (!c->assessable)
			continue;
		opts[q->n_options].value = c->id;
		opts[q->n_options].label = c->title ? c->title : c->id;
		q->n_options++;
	}
	q->options = opts;
}

/* A key path: words of lower-case letters, digits and underscores, joined by dots. */
static bool
valid_key(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len > 100 || s[0] == '.' || s[len - 1] == '.' || strstr(s, ".."))
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_.") == len;
}

static void
read_question(struct loader *L, struct fy_node *item, int list_line)
{
	static const struct ld_field fields[] = {{"id", true}, {"key", false}, {"type", true},
		{"prompt", true}, {"why", true}, {"required", false}, {"options", false},
		{"options_from", false}, {"min", false}, {"max", false}, {"when", false}};
	enum { F_ID, F_KEY, F_TYPE, F_PROMPT, F_WHY, F_REQUIRED, F_OPTIONS, F_FROM, F_MIN, F_MAX,
	       F_WHEN };
	struct fy_node *v[ARRAY_LEN(fields)];
	struct lib_question *q = &L->questions[L->n_questions];
	size_t problems = L->n_problems;
	int t;

	memset(q, 0, sizeof(*q));
	if (!ld_fields(L, item, "a question", fields, ARRAY_LEN(fields), v, list_line) || !v[F_ID] ||
	    !v[F_TYPE])
		return;
	q->file = L->file;
	q->line = ld_line(item, list_line);
	q->id = ld_text(L, v[F_ID], "id", 64);
	q->key = v[F_KEY] ? ld_text(L, v[F_KEY], "key", 100) : q->id;
	if (v[F_PROMPT])
		q->prompt = ld_text(L, v[F_PROMPT], "prompt", 500);
	if (v[F_WHY])
		q->why = ld_text(L, v[F_WHY], "why", 500);
	if ((t = ld_enum(L, v[F_TYPE], "type", qtype_names, LIB_Q__MAX)) >= 0)
		q->type = (enum lib_qtype)t;
	if (v[F_REQUIRED])
		ld_bool(L, v[F_REQUIRED], "required", &q->required);
	if (!q->id || !q->key || t < 0)
		return;
	if (!valid_key(q->key)) {
		ld_diag(L, ld_line(v[F_KEY] ? v[F_KEY] : v[F_ID], 0),
			"key '%.64s' must be lower-case words joined by dots", q->key);
		return;
	}
	for (size_t i = 0; i < L->n_questions; i++)
		if (strcmp(L->questions[i].id, q->id) == 0 || strcmp(L->questions[i].key, q->key) == 0)
			ld_diag(L, q->line, "question '%s' repeats the id or key of line %d", q->id,
				L->questions[i].line);
	if ((q->type == LIB_Q_CHOICE || q->type == LIB_Q_MULTI) != (v[F_OPTIONS] || v[F_FROM]))
		ld_diag(L, q->line, "question '%s': choice and multi questions, and only they, have "
			"options", q->id);
	if (v[F_FROM] && q->type != LIB_Q_MULTI)
		ld_diag(L, ld_line(v[F_FROM], 0), "options_from is for multi questions");
	if (v[F_OPTIONS] && v[F_FROM])
		ld_diag(L, ld_line(v[F_FROM], 0), "give options or options_from, not both");
	else if (v[F_OPTIONS])
		read_options(L, q, v[F_OPTIONS]);
	else if (v[F_FROM])
		options_from(L, q, v[F_FROM]);
	if ((v[F_MIN] || v[F_MAX]) && q->type != LIB_Q_NUMBER)
		ld_diag(L, ld_line(v[F_MIN] ? v[F_MIN] : v[F_MAX], 0), "min and max are for numbers");
	if (v[F_MIN] && ld_int(L, v[F_MIN], "min", &q->min) == 0)
		q->has_min = true;
	if (v[F_MAX] && ld_int(L, v[F_MAX], "max", &q->max) == 0)
		q->has_max = true;
	if (v[F_WHEN])
		q->when = ld_cond(L, v[F_WHEN], 0);
	if (L->n_problems != problems)
		return;
	/* Registered only now: its own `when` cannot refer to itself. */
	map_put(&L->lib->question_index, q->key, q);
	L->n_questions++;
}

void
ld_intake(struct loader *L, struct fy_node *root)
{
	static const struct ld_field fields[] = {{"questions", true}};
	struct fy_node *v[1], *item;
	void *iter = NULL;
	long count;

	if (strcmp(L->file, "intake/questions.yaml") != 0) {
		ld_diag(L, 0, "the questionnaire is intake/questions.yaml; other intake files are "
			"not read");
		return;
	}
	if (!ld_fields(L, root, "the questionnaire", fields, 1, v, 1) || !v[0] ||
	    (count = ld_list_len(L, v[0], "questions")) < 0)
		return;
	/* Sized once: conditions point at earlier questions, so they cannot move. */
	L->questions = arena_array(L->a, (size_t)count + 1, sizeof(*L->questions));
	L->cap_questions = (size_t)count;
	L->in_intake = true;
	while ((item = fy_node_sequence_iterate(v[0], &iter)) != NULL)
		read_question(L, item, ld_line(v[0], 1));
	L->in_intake = false;
}

/* ------------------------------------------------------------- rules */

static const char *const strength_names[] = {"should", "must"};

static void
read_obligation(struct loader *L, struct fy_node *item, struct lib_rule_obligation *o, int line)
{
	static const struct ld_field fields[] = {{"framework", true}, {"strength", true},
		{"variant", false}, {"precedence", false}, {"reason", true}, {"citations", true}};
	struct fy_node *v[ARRAY_LEN(fields)];
	const char *fw_id;
	int k;

	if (!ld_fields(L, item, "an obligation", fields, ARRAY_LEN(fields), v, line))
		return;
	if (v[0] && (fw_id = ld_text(L, v[0], "framework", 64)) &&
	    !(o->framework = map_get(&L->lib->framework_index, fw_id)))
		ld_diag(L, ld_line(v[0], 0), "obligation for unknown framework '%.64s'", fw_id);
	if (v[1] && (k = ld_enum(L, v[1], "strength", strength_names, 2)) >= 0)
		o->must = k == 1;
	if (v[2]) {
		struct fy_node_pair *pair;
		struct lib_variant *kv;
		void *iter = NULL;

		if (fy_node_get_type(v[2]) != FYNT_MAPPING || fy_node_is_alias(v[2])) {
			ld_diag(L, ld_line(v[2], 0), "'variant' must be a mapping such as {saq: B-IP}");
		} else {
			kv = arena_array(L->a, (size_t)fy_node_mapping_item_count(v[2]) + 1, sizeof(*kv));
			while ((pair = fy_node_mapping_iterate(v[2], &iter)) != NULL) {
				struct lib_variant *x = &kv[o->n_variant];

				x->key = ld_text(L, fy_node_pair_key(pair), "variant key", 64);
				x->value = ld_text(L, fy_node_pair_value(pair), "variant value", 64);
				if (x->key && x->value)
					o->n_variant++;
			}
			o->variant = kv;
		}
	}
	if (v[3])
		ld_int(L, v[3], "precedence", &o->precedence);
	if (v[4])
		o->reason = ld_text(L, v[4], "reason", 1000);
	if (v[5]) {
		o->citations = ld_text_list(L, v[5], "citations", 300, &o->n_citations);
		if (o->citations && o->n_citations == 0)
			ld_diag(L, ld_line(v[5], 0), "an obligation needs at least one citation");
	}
}

/* Grow vector *items (of *n, *cap elements of size) by one; returns the new slot. */
static void *
push(void **items, size_t *n, size_t *cap, size_t size)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*items = xrealloc(*items, size_mul_add(*cap, size, 0));
	}
	memset((char *)*items + *n * size, 0, size);
	return (char *)*items + (*n)++ * size;
}

static bool
id_unique(struct loader *L, const char *id, int line)
{
	for (size_t i = 0; i < L->n_rules; i++)
		if (L->rules[i].id && strcmp(L->rules[i].id, id) == 0)
			goto dup;
	for (size_t i = 0; i < L->n_warnings; i++)
		if (L->warnings[i].id && strcmp(L->warnings[i].id, id) == 0)
			goto dup;
	return true;
dup:
	ld_diag(L, line, "rule or warning id '%s' is used twice", id);
	return false;
}

static void
read_rules(struct loader *L, struct fy_node *list)
{
	static const struct ld_field fields[] = {{"id", true}, {"when", true}, {"obligations", true},
		{"floor", false}};
	struct fy_node *v[ARRAY_LEN(fields)], *item, *ob;
	void *iter = NULL;

	if (ld_list_len(L, list, "rules") < 0)
		return;
	while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
		struct lib_rule r = {0};
		struct lib_rule_obligation *obs;
		void *iter2 = NULL;
		long count;

		if (!ld_fields(L, item, "a rule", fields, ARRAY_LEN(fields), v, ld_line(list, 1)) ||
		    !v[0] || !v[1] || !v[2])
			continue;
		r.file = L->file;
		r.line = ld_line(item, 0);
		if (!(r.id = ld_text(L, v[0], "id", 64)) || !id_unique(L, r.id, r.line))
			continue;
		r.when = ld_cond(L, v[1], 0);
		if (v[3])
			ld_bool(L, v[3], "floor", &r.floor);
		if ((count = ld_list_len(L, v[2], "obligations")) <= 0) {
			if (count == 0)
				ld_diag(L, ld_line(v[2], r.line), "rule %s has no obligations", r.id);
			continue;
		}
		obs = arena_array(L->a, (size_t)count, sizeof(*obs));
		while ((ob = fy_node_sequence_iterate(v[2], &iter2)) != NULL)
			read_obligation(L, ob, &obs[r.n_obligations++], ld_line(v[2], r.line));
		r.obligations = obs;
		*(struct lib_rule *)push((void **)&L->rules, &L->n_rules, &L->cap_rules,
					 sizeof(r)) = r;
	}
}

static void
read_warnings(struct loader *L, struct fy_node *list)
{
	static const struct ld_field fields[] = {{"id", true}, {"when", true}, {"message", true}};
	struct fy_node *v[ARRAY_LEN(fields)], *item;
	void *iter = NULL;

	if (ld_list_len(L, list, "warnings") < 0)
		return;
	while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
		struct lib_warning w = {0};

		if (!ld_fields(L, item, "a warning", fields, ARRAY_LEN(fields), v, ld_line(list, 1)) ||
		    !v[0] || !v[1] || !v[2])
			continue;
		if (!(w.id = ld_text(L, v[0], "id", 64)) || !id_unique(L, w.id, ld_line(item, 0)))
			continue;
		w.when = ld_cond(L, v[1], 0);
		w.message = ld_text(L, v[2], "message", 1000);
		*(struct lib_warning *)push((void **)&L->warnings, &L->n_warnings, &L->cap_warnings,
					    sizeof(w)) = w;
	}
}

static void
read_safe_harbor(struct loader *L, struct fy_node *list)
{
	static const struct ld_field fields[] = {{"state", true}, {"statute", true},
		{"citation", true}, {"frameworks_named", true}, {"also_named", false}, {"note", true}};
	struct fy_node *v[ARRAY_LEN(fields)], *item;
	void *iter = NULL;

	if (ld_list_len(L, list, "safe_harbor") < 0)
		return;
	while ((item = fy_node_sequence_iterate(list, &iter)) != NULL) {
		struct lib_safe_harbor h = {0};
		const char **ids;
		size_t n_ids = 0;

		if (!ld_fields(L, item, "a safe-harbor entry", fields, ARRAY_LEN(fields), v,
			       ld_line(list, 1)))
			continue;
		if (v[0] && (h.state = ld_text(L, v[0], "state", 8)) && !lib_us_state_valid(h.state))
			ld_diag(L, ld_line(v[0], 0), "'%s' is not a US state code", h.state);
		for (size_t i = 0; h.state && i < L->n_harbors; i++)
			if (strcmp(L->harbors[i].state, h.state) == 0)
				ld_diag(L, ld_line(v[0], 0), "a second entry for %s", h.state);
		if (v[1])
			h.statute = ld_text(L, v[1], "statute", 300);
		if (v[2])
			h.citation = ld_text(L, v[2], "citation", 300);
		if (v[5])
			h.note = ld_text(L, v[5], "note", 2000);
		if (v[3] && (ids = ld_text_list(L, v[3], "frameworks_named", 64, &n_ids))) {
			const struct lib_framework **fws = arena_array(L->a, n_ids + 1, sizeof(*fws));

			for (size_t i = 0; i < n_ids; i++)
				if (!(fws[h.n_frameworks] = map_get(&L->lib->framework_index, ids[i])))
					ld_diag(L, ld_line(v[3], 0), "unknown framework '%.64s'; name "
						"frameworks Prudent does not ship in also_named", ids[i]);
				else
					h.n_frameworks++;
			h.frameworks = fws;
		}
		if (v[4])
			h.also_named = ld_text_list(L, v[4], "also_named", 200, &h.n_also_named);
		if (h.state && h.statute && h.citation && h.note)
			*(struct lib_safe_harbor *)push((void **)&L->harbors, &L->n_harbors,
							&L->cap_harbors, sizeof(h)) = h;
	}
}

void
ld_rules(struct loader *L, struct fy_node *root)
{
	static const struct ld_field fields[] = {{"rules", false}, {"warnings", false},
		{"safe_harbor", false}};
	struct fy_node *v[ARRAY_LEN(fields)];

	if (!ld_fields(L, root, "a rules file", fields, ARRAY_LEN(fields), v, 1))
		return;
	if (!L->questions && (v[0] || v[1])) {
		ld_diag(L, 1, "rules need the questionnaire (intake/questions.yaml)");
		return;
	}
	if (v[0])
		read_rules(L, v[0]);
	if (v[1])
		read_warnings(L, v[1]);
	if (v[2])
		read_safe_harbor(L, v[2]);
}

/* Move what was read into the library's arena. */
void
ld_rules_finish(struct loader *L)
{
	struct library *lib = L->lib;

	lib->questions = L->questions;
	lib->n_questions = L->n_questions;
	lib->rules = arena_array(L->a, L->n_rules + 1, sizeof(*lib->rules));
	if (L->n_rules)
		memcpy((struct lib_rule *)lib->rules, L->rules, L->n_rules * sizeof(*L->rules));
	lib->n_rules = L->n_rules;
	lib->warnings = arena_array(L->a, L->n_warnings + 1, sizeof(*lib->warnings));
	if (L->n_warnings)
		memcpy((struct lib_warning *)lib->warnings, L->warnings,
		       L->n_warnings * sizeof(*L->warnings));
	lib->n_warnings = L->n_warnings;
	lib->safe_harbors = arena_array(L->a, L->n_harbors + 1, sizeof(*lib->safe_harbors));
	if (L->n_harbors)
		memcpy((struct lib_safe_harbor *)lib->safe_harbors, L->harbors,
		       L->n_harbors * sizeof(*L->harbors));
	lib->n_safe_harbors = L->n_harbors;
}

void
ld_rules_free(struct loader *L)
{
	free(L->rules);
	free(L->warnings);
	free(L->harbors);
}
