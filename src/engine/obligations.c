/*
 * obligations.c - from a profile to what binds the client, and why.
 *
 * Every rule of the library whose condition holds contributes obligations;
 * contributions for one framework merge (docs/intake-and-rules.md): `must` if
 * any is, the variant of the highest precedence, every reason and citation
 * once.  Warnings and safe-harbor facts come from the same library files.
 * Nothing here knows HIPAA from PCI DSS: that is all in the rules.
 */
#include <stdlib.h>

#include "engine/eng.h"

/* Append s to list (n of cap, in arena) unless it is there already. */
static void
add_unique(const char ***list, size_t *n, size_t *cap, const char *s, struct arena *a)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*list)[i], s) == 0)
			return;
	if (*n == *cap) {
		const char **grown;

		*cap = *cap ? *cap * 2 : 4;
		grown = arena_array(a, *cap, sizeof(*grown));
		if (*n)
			memcpy(grown, *list, *n * sizeof(*grown));
		*list = grown;
	}
	(*list)[(*n)++] = s;
}

struct merge {
	struct eng_obligation ob;
	size_t cap_reasons, cap_citations, cap_rules;
	bool has_variant;
};

static void
contribute(struct merge *m, const struct lib_rule *rule, const struct lib_rule_obligation *o,
	   struct arena *a)
{
	m->ob.framework = o->framework;
	m->ob.must |= o->must;
	/* The variant of the highest precedence wins; among equals, the first. */
	if (o->n_variant && (!m->has_variant || o->precedence > m->ob.precedence)) {
		m->ob.variant = o->variant;
		m->ob.n_variant = o->n_variant;
		m->ob.precedence = o->precedence;
		m->has_variant = true;
	}
	add_unique(&m->ob.reasons, &m->ob.n_reasons, &m->cap_reasons, o->reason, a);
	for (size_t i = 0; i < o->n_citations; i++)
		add_unique(&m->ob.citations, &m->ob.n_citations, &m->cap_citations, o->citations[i], a);
	add_unique(&m->ob.rules, &m->ob.n_rules, &m->cap_rules, rule->id, a);
}

static int
by_strength_then_id(const void *pa, const void *pb)
{
	const struct eng_obligation *a = pa, *b = pb;

	if (a->must != b->must)
		return a->must ? -1 : 1;
	return strcmp(a->framework->id, b->framework->id);
}

void
eng_obligations(const struct library *lib, json_t *answers, struct arena *arena,
		struct eng_result *out)
{
	eng_obligations_policy(lib, answers, NULL, 0, NULL, arena, out);
}

/* Whether some rule of the library gives framework fw the variant key (and,
 * when value is not NULL, that value of it). */
static bool
variant_in_rules(const struct library *lib, const struct lib_framework *fw, const char *key,
		 const char *value)
{
	for (size_t r = 0; r < lib->n_rules; r++)
		for (size_t o = 0; o < lib->rules[r].n_obligations; o++) {
			const struct lib_rule_obligation *ob = &lib->rules[r].obligations[o];

			if (ob->framework != fw)
				continue;
			for (size_t v = 0; v < ob->n_variant; v++)
				if (!strcmp(ob->variant[v].key, key) &&
				    (!value || !strcmp(ob->variant[v].value, value)))
					return true;
		}
	return false;
}

/* A floor can only ask for a variant the library knows: a value the
 * framework's attribute of that name allows (CIS's ig from 1 to 3), else one
 * its rules give.  NULL when it is known, else what is wrong. */
static const char *
variant_problem(const struct library *lib, const struct lib_framework *fw, const char *key,
		const char *value, struct arena *a)
{
	for (size_t i = 0; i < fw->n_attr_defs; i++) {
		const struct lib_attr_def *d = &fw->attr_defs[i];
		char *end;
		long long n;

		if (strcmp(d->name, key) != 0)
			continue;
		if (d->type == LIB_ATTR_INTEGER) {
			n = strtoll(value, &end, 10);
			if (*value && !*end && (!d->has_min || n >= d->min) && (!d->has_max || n <= d->max))
				return NULL;
		} else {
			for (size_t k = 0; k < d->n_values; k++)
				if (!strcmp(d->values[k], value))
					return NULL;
			if (d->n_values == 0)
				return NULL;
		}
		return arena_printf(a, "%s=%.32s is not a variant of %s the library knows", key, value,
				    fw->id);
	}
	if (variant_in_rules(lib, fw, key, value))
		return NULL;
	if (variant_in_rules(lib, fw, key, NULL))
		return arena_printf(a, "%s=%.32s is not a variant of %s the library knows", key, value,
				    fw->id);
	return arena_printf(a, "%s has no variant '%.32s' in the library", fw->id, key);
}

int
eng_floor_parse(const struct library *lib, json_t *list, struct arena *arena,
		struct eng_floor **out, size_t *n, struct err *e)
{
	struct eng_floor *floor;
	json_t *item;
	size_t i;

	if (!json_is_array(list))
		return err_set(e, ERR_INPUT, "a floor policy is a list of {framework, variant}");
	floor = arena_array(arena, json_array_size(list) + 1, sizeof(*floor));
	json_array_foreach(list, i, item) {
		const char *id = json_string_value(json_object_get(item, "framework")), *key;
		json_t *variant = json_object_get(item, "variant"), *v;
		const char *problem;
		struct lib_variant *kv;
		size_t k = 0;

		if (!id || !(floor[i].framework = lib_framework_get(lib, id)))
			return err_set(e, ERR_INPUT, "floor item %zu: unknown framework '%.64s'", i + 1,
				       id ? id : "");
		kv = arena_array(arena, json_object_size(variant) + 1, sizeof(*kv));
		json_object_foreach(variant, key, v) {
			if (!json_is_string(v))
				return err_set(e, ERR_INPUT, "floor item %zu: variant values are text", i + 1);
			if ((problem = variant_problem(lib, floor[i].framework, key, json_string_value(v),
						       arena)))
				return err_set(e, ERR_INPUT, "floor item %zu: %s", i + 1, problem);
			kv[k].key = arena_strdup(arena, key);
			kv[k++].value = arena_strdup(arena, json_string_value(v));
		}
		floor[i].variant = kv;
		floor[i].n_variant = k;
	}
	*out = floor;
	*n = json_array_size(list);
	return 0;
}

void
eng_obligations_policy(const struct library *lib, json_t *answers, const struct eng_floor *floor,
		       size_t n_floor, const char *reason, struct arena *arena, struct eng_result *out)
{
	struct merge *merged = arena_array(arena, lib->n_frameworks + 1, sizeof(*merged));
	size_t n = 0, cap_warn = 0;
	json_t *states, *state;
	size_t i, k;

	memset(out, 0, sizeof(*out));
	eng_profile_hash(answers, out->profile_hash);
	out->library_version = lib->version;
	for (i = 0; i < lib->n_rules; i++) {
		const struct lib_rule *r = &lib->rules[i];

		if ((reason && r->floor) || !eng_cond_holds(r->when, answers))
			continue;
		for (k = 0; k < r->n_obligations; k++) {
			const struct lib_rule_obligation *o = &r->obligations[k];
			size_t j;

			for (j = 0; j < n && merged[j].ob.framework != o->framework; j++)
				;
			if (j == n)
				n++;
			contribute(&merged[j], r, o, arena);
		}
	}
	/* The MSP's own floor, in place of the library's floor rules. */
	for (i = 0; reason && i < n_floor; i++) {
		struct lib_rule_obligation *o = arena_alloc(arena, sizeof(*o));
		static const struct lib_rule policy_rule = {.id = "msp-policy", .floor = true};
		size_t j;

		o->framework = floor[i].framework;
		o->variant = floor[i].variant;
		o->n_variant = floor[i].n_variant;
		o->reason = reason;
		o->citations = arena_alloc(arena, sizeof(*o->citations));
		o->citations[0] = "The MSP's standard-of-care policy";
		o->n_citations = 1;
		for (j = 0; j < n && merged[j].ob.framework != o->framework; j++)
			;
		if (j == n)
			n++;
		contribute(&merged[j], &policy_rule, o, arena);
	}
	out->obligations = arena_array(arena, n + 1, sizeof(*out->obligations));
	for (i = 0; i < n; i++)
		out->obligations[i] = merged[i].ob;
	out->n_obligations = n;
	if (n)
		qsort(out->obligations, n, sizeof(*out->obligations), by_strength_then_id);

	for (i = 0; i < lib->n_warnings; i++)
		if (eng_cond_holds(lib->warnings[i].when, answers))
			add_unique(&out->warnings, &out->n_warnings, &cap_warn, lib->warnings[i].message,
				   arena);

	/* Safe-harbor facts for the client's states, in the order given. */
	states = eng_answer(answers, "states");
	out->safe_harbor = arena_array(arena, lib->n_safe_harbors + 1, sizeof(*out->safe_harbor));
	json_array_foreach(states, i, state) {
		for (k = 0; k < lib->n_safe_harbors; k++) {
			const struct lib_safe_harbor *h = &lib->safe_harbors[k];
			struct eng_safe_harbor *s;
			size_t d;

			if (!json_is_string(state) || strcmp(json_string_value(state), h->state) != 0)
				continue;
			for (d = 0; d < out->n_safe_harbor && out->safe_harbor[d].entry != h; d++)
				;
			if (d < out->n_safe_harbor)
				continue; /* a state listed twice */
			s = &out->safe_harbor[out->n_safe_harbor++];
			s->entry = h;
			s->client_frameworks = arena_array(arena, h->n_frameworks + 1,
							   sizeof(*s->client_frameworks));
			for (size_t f = 0; f < h->n_frameworks; f++)
				for (size_t o = 0; o < out->n_obligations; o++)
					if (out->obligations[o].framework == h->frameworks[f])
						s->client_frameworks[s->n_client_frameworks++] = h->frameworks[f];
		}
	}
}

/* ------------------------------------------------------------- output */

static json_t *
strings_json(const char *const *list, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(list[i]));
	return a;
}

json_t *
eng_result_json(const struct eng_result *r)
{
	json_t *o = json_object(), *obs = json_array(), *harbors = json_array();
	size_t i, k;

	json_object_set_new(o, "profile_hash", json_string(r->profile_hash));
	json_object_set_new(o, "library_version", json_string(r->library_version));
	for (i = 0; i < r->n_obligations; i++) {
		const struct eng_obligation *ob = &r->obligations[i];
		json_t *x = json_object(), *variant = json_object();

		json_object_set_new(x, "framework", json_string(ob->framework->id));
		json_object_set_new(x, "name", json_string(ob->framework->name));
		json_object_set_new(x, "strength", json_string(ob->must ? "must" : "should"));
		for (k = 0; k < ob->n_variant; k++)
			json_object_set_new(variant, ob->variant[k].key, json_string(ob->variant[k].value));
		json_object_set_new(x, "variant", variant);
		json_object_set_new(x, "reasons", strings_json(ob->reasons, ob->n_reasons));
		json_object_set_new(x, "citations", strings_json(ob->citations, ob->n_citations));
		json_object_set_new(x, "rules", strings_json(ob->rules, ob->n_rules));
		json_array_append_new(obs, x);
	}
	json_object_set_new(o, "obligations", obs);
	for (i = 0; i < r->n_safe_harbor; i++) {
		const struct eng_safe_harbor *s = &r->safe_harbor[i];
		const struct lib_safe_harbor *h = s->entry;
		json_t *x = json_object(), *named = json_array(), *mine = json_array();

		json_object_set_new(x, "state", json_string(h->state));
		json_object_set_new(x, "statute", json_string(h->statute));
		json_object_set_new(x, "citation", json_string(h->citation));
		for (k = 0; k < h->n_frameworks; k++)
			json_array_append_new(named, json_string(h->frameworks[k]->id));
		for (k = 0; k < h->n_also_named; k++)
			json_array_append_new(named, json_string(h->also_named[k]));
		for (k = 0; k < s->n_client_frameworks; k++)
			json_array_append_new(mine, json_string(s->client_frameworks[k]->id));
		json_object_set_new(x, "frameworks_named", named);
		json_object_set_new(x, "client_frameworks_named", mine);
		json_object_set_new(x, "note", json_string(h->note));
		json_array_append_new(harbors, x);
	}
	json_object_set_new(o, "safe_harbor", harbors);
	json_object_set_new(o, "warnings", strings_json(r->warnings, r->n_warnings));
	return o;
}

/* Text for people: underscores read as spaces ("covered_entity"). */
static void
put_words(struct str *out, const char *s)
{
	for (; *s; s++)
		str_putc(out, *s == '_' ? ' ' : *s);
}

/* Sentences joined by sep, ending with a full stop. */
static void
put_sentences(struct str *out, const char *const *list, size_t n, const char *sep)
{
	for (size_t k = 0; k < n; k++)
		str_appendf(out, "%s%s", k ? sep : "", list[k]);
	if (out->len && !strchr(".!?", out->buf[out->len - 1]))
		str_putc(out, '.');
}

/* One obligation as a paragraph: name, variant, why, where it comes from. */
static void
put_obligation(struct str *out, const struct eng_obligation *ob)
{
	str_appendf(out, "  * %s", ob->framework->name);
	for (size_t k = 0; k < ob->n_variant; k++) {
		str_puts(out, k ? ", " : " (");
		put_words(out, ob->variant[k].key);
		str_puts(out, ": ");
		put_words(out, ob->variant[k].value);
	}
	str_puts(out, ob->n_variant ? ")\n    Why: " : "\n    Why: ");
	put_sentences(out, ob->reasons, ob->n_reasons, " ");
	str_puts(out, "\n    Source: ");
	put_sentences(out, ob->citations, ob->n_citations, "; ");
	str_putc(out, '\n');
}

void
eng_result_letter(const struct eng_result *r, const char *client_name, struct str *out)
{
	size_t i, n_must = 0;

	for (i = 0; i < r->n_obligations; i++)
		n_must += r->obligations[i].must;
	str_appendf(out, "What applies to %s, and why\n\n", client_name ? client_name : "this client");
	if (n_must) {
		str_puts(out, "These come from laws and contracts the business has to follow:\n\n");
		for (i = 0; i < r->n_obligations; i++)
			if (r->obligations[i].must)
				put_obligation(out, &r->obligations[i]);
	} else {
		str_puts(out, "From the answers given, no security law or contract names a framework "
			 "the business must follow.\n");
	}
	if (n_must < r->n_obligations) {
		str_puts(out, "\nThese are the standard of care we hold every client to, so that the "
			 "business is protected the way a careful provider would protect it:\n\n");
		for (i = 0; i < r->n_obligations; i++)
			if (!r->obligations[i].must)
				put_obligation(out, &r->obligations[i]);
	}
	for (i = 0; i < r->n_safe_harbor; i++) {
		const struct eng_safe_harbor *s = &r->safe_harbor[i];

		str_appendf(out, "\nState law in %s: %s, %s.\n", s->entry->state, s->entry->statute,
			    s->entry->citation);
		if (s->n_client_frameworks) {
			str_puts(out, "  It names frameworks the business follows: ");
			for (size_t k = 0; k < s->n_client_frameworks; k++)
				str_appendf(out, "%s%s", k ? ", " : "", s->client_frameworks[k]->name);
			str_puts(out, ".\n");
		}
		str_appendf(out, "  %s\n", s->entry->note);
	}
	if (r->n_warnings) {
		str_puts(out, "\nPlease check these answers:\n");
		for (i = 0; i < r->n_warnings; i++)
			str_appendf(out, "  ! %s\n", r->warnings[i]);
	}
	str_appendf(out, "\n(Profile %s, content library %s.)\n", r->profile_hash, r->library_version);
}
